using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>The circuit breaker in front of a stalled Redis (every node stalled), on one node and on a cluster.</summary>
public abstract class RedisStallTests(IRedisTarget redis) : IAsyncLifetime
{
    private readonly RedisTestKit _kit = new(redis, "breaker-" + redis.Name);

    public Task InitializeAsync() => _kit.InitializeAsync();

    public Task DisposeAsync() => _kit.DisposeAsync();

    [RedisFact]
    public async Task A_stalled_Redis_opens_the_breaker_and_misses_stop_waiting_for_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp a = await _kit.StartAsync(
            o =>
            {
                // Shorter than /tagged/1's 60 s duration: advancing the clock past the break keeps its memory copy fresh,
                // so only a sync can drop it.
                o.RedisBreakDuration = TimeSpan.FromSeconds(20);
                o.RedisOperationTimeout = TimeSpan.FromMilliseconds(250); // the default: the stall must time operations out
                o.TagSyncInterval = TimeSpan.FromHours(1);
            },
            time);
        using var timeouts = new RedisTimeouts(a);
        using var opens = new MetricCollector<long>(a.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), VelithonCachingMetrics.MeterName, "velithon.cache.redis.breaker.opens");
        await a.GetAsync("/tagged/1");
        await _kit.WaitForKeysAsync(1);

        _ = _kit.StallRedisAsync(2);
        int request = 0;
        await RedisTestKit.WaitUntilAsync(async () =>
        {
            Assert.Equal(HttpStatusCode.OK, (await RedisTestKit.Within(a.GetAsync($"/r/{request++}/x"))).Response.StatusCode);
            return a.Cache.Redis!.IsBreakerOpen;
        });
        Assert.True(timeouts.Count >= RedisCircuitBreaker.FailureThreshold, $"{timeouts.Count} timeouts");
        Assert.Equal(1, opens.GetMeasurementSnapshot().Sum(m => m.Value));

        // Open: 20 misses (each would wait 250 ms for the stalled Redis) neither read from it nor write to it. Counted as
        // operations started, not as timeouts: a background write begun before the breaker opened may still time out.
        long before = a.Cache.Redis!.OperationsStarted;
        for (int i = 0; i < 20; i++)
        {
            var miss = await RedisTestKit.Within(a.GetAsync($"/r/{1000 + i}/x"));
            Assert.Equal("MISS", miss.Status);
        }

        Assert.Equal(before, a.Cache.Redis!.OperationsStarted);
        Assert.True(a.Cache.Redis!.IsBreakerOpen);

        // Redis wakes; meanwhile an eviction elsewhere whose message a misses.
        await RedisTestKit.WaitUntilAsync(async () => (await Task.WhenAll(_kit.Servers.Select(static s => s.PingAsync()))).All(static t => t < TimeSpan.FromSeconds(1)));
        await _kit.Db.StringIncrementAsync(_kit.Prefix + "tv:products");
        Assert.Equal("tagged 1 run 1", (await a.GetAsync("/tagged/1")).Body); // still a's memory copy

        // After the break one miss probes Redis; it answers, the breaker closes and the versions are synced at once.
        time.Advance(TimeSpan.FromSeconds(21));
        await RedisTestKit.Within(a.GetAsync("/r/5000/x"));
        Assert.False(a.Cache.Redis!.IsBreakerOpen);
        await RedisTestKit.WaitUntilAsync(async () => (await a.GetAsync("/tagged/1")).Body != "tagged 1 run 1");
        Assert.Equal(1, opens.GetMeasurementSnapshot().Sum(m => m.Value));
    }
}

[Collection(RedisGroup.Name)]
public sealed class RedisStallTestsOnOneNode(RedisFixture redis) : RedisStallTests(redis);

[Collection(RedisClusterGroup.Name)]
public sealed class RedisStallTestsOnCluster(RedisClusterFixture redis) : RedisStallTests(redis);
