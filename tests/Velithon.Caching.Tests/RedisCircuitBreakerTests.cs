using Microsoft.Extensions.Time.Testing;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>The circuit breaker alone, on a fake clock (<see cref="RedisStallTests"/> puts it in front of a stalled Redis).</summary>
public sealed class RedisCircuitBreakerTests
{
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(5);

    [Fact]
    public void It_opens_after_the_threshold_lets_one_probe_through_and_closes_on_success()
    {
        var time = new FakeTimeProvider();
        var breaker = new RedisCircuitBreaker(time, Break);
        int opened = 0, closed = 0;
        breaker.Opened += (_, _) => opened++;
        breaker.Closed += () => closed++;

        for (int i = 0; i < RedisCircuitBreaker.FailureThreshold; i++)
        {
            Assert.True(breaker.TryAcquire());
            breaker.Failure();
        }

        Assert.True(breaker.IsOpen);
        Assert.False(breaker.TryAcquire());
        breaker.Failure(); // a late failure of an operation begun before it opened: no second open
        Assert.Equal(1, opened);

        time.Advance(Break);
        Assert.True(breaker.TryAcquire()); // the probe
        Assert.False(breaker.TryAcquire()); // only one
        breaker.Success();
        Assert.False(breaker.IsOpen);
        Assert.True(breaker.TryAcquire());
        Assert.Equal((1, 1), (opened, closed));
    }

    [Fact]
    public void A_failed_probe_doubles_the_break_up_to_the_cap()
    {
        var time = new FakeTimeProvider();
        var breaker = new RedisCircuitBreaker(time, Break);
        for (int i = 0; i < RedisCircuitBreaker.FailureThreshold; i++)
        {
            breaker.Failure();
        }

        TimeSpan expected = Break;
        for (int round = 0; round < 6; round++)
        {
            time.Advance(expected - TimeSpan.FromMilliseconds(1));
            Assert.False(breaker.TryAcquire());
            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.True(breaker.TryAcquire());
            breaker.Failure();
            expected = TimeSpan.FromTicks(Math.Min(expected.Ticks * 2, Break.Ticks * RedisCircuitBreaker.MaxBreakFactor));
        }

        Assert.Equal(Break * RedisCircuitBreaker.MaxBreakFactor, expected);
        Assert.True(breaker.IsOpen);
    }

    [Fact]
    public void An_abandoned_probe_gives_its_slot_back()
    {
        var time = new FakeTimeProvider();
        var breaker = new RedisCircuitBreaker(time, Break);
        for (int i = 0; i < RedisCircuitBreaker.FailureThreshold; i++)
        {
            breaker.Failure();
        }

        time.Advance(Break);
        Assert.True(breaker.TryAcquire());
        breaker.Abandon();
        Assert.True(breaker.TryAcquire());
    }
}
