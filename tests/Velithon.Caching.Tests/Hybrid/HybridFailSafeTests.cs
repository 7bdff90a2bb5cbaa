using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Velithon.AspNetCore.HybridCaching;

namespace Velithon.Caching.Tests.Hybrid;

/// <summary>
/// Fail-safe and soft timeouts of <see cref="VelithonHybridCache"/>: an expired value is returned only when its factory
/// fails or is slow, only within the window chosen, never after its tag was evicted or it was removed.
/// </summary>
public sealed class HybridFailSafeTests : IDisposable
{
    private static readonly HybridCacheEntryOptions s_minute = new() { Expiration = TimeSpan.FromMinutes(1), LocalCacheExpiration = TimeSpan.FromMinutes(1) };

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly FakeDistributedCache _l2 = new();
    private readonly List<ServiceProvider> _providers = [];
    private int _runs;

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public async Task A_factory_that_throws_after_expiry_gets_the_kept_value_which_is_then_fresh_for_the_throttle()
    {
        HybridCache cache = Cache(o => o.FailSafeMaxDuration = TimeSpan.FromMinutes(10));
        Assert.Equal("v1", await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("v1"), s_minute));

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("v1", await cache.GetOrCreateAsync("k", Failing, s_minute));
        Assert.Equal(1, _runs);

        // Fresh again for the throttle (30 s by default): the failing factory is not called on every request.
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("v1", await cache.GetOrCreateAsync("k", Failing, s_minute));
        Assert.Equal(1, _runs);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("v1", await cache.GetOrCreateAsync("k", Failing, s_minute));
        Assert.Equal(2, _runs);

        // Once the factory works again its value replaces the kept one.
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("v2", await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("v2"), s_minute));
        Assert.Equal("v2", await cache.GetOrCreateAsync("k", Failing, s_minute));
    }

    [Fact]
    public async Task Without_fail_safe_the_failure_reaches_the_caller()
    {
        HybridCache cache = Cache();
        await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("v1"), s_minute);
        _time.Advance(TimeSpan.FromMinutes(2));
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrCreateAsync("k", Failing, s_minute).AsTask());
    }

    [Fact]
    public async Task Past_the_window_the_failure_reaches_the_caller_and_the_throttle_never_extends_it()
    {
        HybridCache cache = Cache(o => o.FailSafeMaxDuration = TimeSpan.FromMinutes(10));
        await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("v1"), s_minute);

        // 10 s before the end of the window: returned, and fresh for what is left of it only.
        _time.Advance(TimeSpan.FromMinutes(11) - TimeSpan.FromSeconds(10));
        Assert.Equal("v1", await cache.GetOrCreateAsync("k", Failing, s_minute));
        _time.Advance(TimeSpan.FromSeconds(11));
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrCreateAsync("k", Failing, s_minute).AsTask());

        // Nor from the L2, read by another instance.
        HybridCache other = Cache(o => o.FailSafeMaxDuration = TimeSpan.FromMinutes(10));
        await Assert.ThrowsAsync<InvalidOperationException>(() => other.GetOrCreateAsync("k", Failing, s_minute).AsTask());
    }

    [Fact]
    public async Task A_value_of_an_evicted_tag_or_a_removed_key_is_never_returned()
    {
        HybridCache cache = Cache(o => o.FailSafeMaxDuration = TimeSpan.FromMinutes(10));
        await cache.GetOrCreateAsync("tagged", _ => ValueTask.FromResult("t1"), s_minute, ["products"]);
        await cache.GetOrCreateAsync("removed", _ => ValueTask.FromResult("r1"), s_minute);
        await cache.RemoveByTagAsync("products");
        await cache.RemoveAsync("removed");
        _time.Advance(TimeSpan.FromMinutes(2));

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrCreateAsync("tagged", Failing, s_minute, ["products"]).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrCreateAsync("removed", Failing, s_minute).AsTask());

        // Another instance sharing the L2 reads the eviction there.
        HybridCache other = Cache(o => o.FailSafeMaxDuration = TimeSpan.FromMinutes(10));
        await Assert.ThrowsAsync<InvalidOperationException>(() => other.GetOrCreateAsync("tagged", Failing, s_minute, ["products"]).AsTask());
    }

    [Fact]
    public async Task Another_instance_falls_back_on_the_L2_copy_while_its_factory_fails()
    {
        HybridCache writer = Cache(o => o.FailSafeMaxDuration = TimeSpan.FromMinutes(10));
        await writer.GetOrCreateAsync("k", _ => ValueTask.FromResult("v1"), s_minute);
        _time.Advance(TimeSpan.FromMinutes(5));

        HybridCache reader = Cache(o => o.FailSafeMaxDuration = TimeSpan.FromMinutes(10));
        Assert.Equal("v1", await reader.GetOrCreateAsync("k", Failing, s_minute));

        // An expired L2 value is a fallback only: a working factory runs.
        Assert.Equal("v2", await Cache(o => o.FailSafeMaxDuration = TimeSpan.FromMinutes(10)).GetOrCreateAsync("k", _ => ValueTask.FromResult("v2"), s_minute));
    }

    [Fact]
    public async Task A_slow_factory_past_the_soft_timeout_gets_the_kept_value_and_stores_its_own_when_it_completes()
    {
        HybridCache cache = Cache(o =>
        {
            o.FailSafeMaxDuration = TimeSpan.FromMinutes(10);
            o.FactorySoftTimeout = TimeSpan.FromSeconds(1);
        });
        await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("v1"), s_minute);
        _time.Advance(TimeSpan.FromMinutes(2));

        var slow = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string> call = cache.GetOrCreateAsync("k", _ => new ValueTask<string>(slow.Task), s_minute).AsTask();
        await AdvanceUntilAsync(call);
        Assert.Equal("v1", await call);

        slow.SetResult("v2");
        await WaitUntilAsync(async () => await cache.GetOrCreateAsync("k", Failing, s_minute) == "v2");
    }

    [Fact]
    public async Task A_failing_factory_does_not_put_the_kept_value_back_over_a_newer_one_stored_while_it_ran()
    {
        HybridCache cache = Cache(o =>
        {
            o.FailSafeMaxDuration = TimeSpan.FromMinutes(10);
            o.FactorySoftTimeout = TimeSpan.FromSeconds(1);
        });
        await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("v1"), s_minute);
        _time.Advance(TimeSpan.FromMinutes(2));

        // A slow factory past its soft timeout: the call gets v1, the factory goes on in the background.
        var slow = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string> call = cache.GetOrCreateAsync("k", _ => new ValueTask<string>(slow.Task), s_minute).AsTask();
        await AdvanceUntilAsync(call);
        Assert.Equal("v1", await call);

        // The next call has read v1 as its kept value; while its factory runs, the slow one completes and stores v2;
        // then this factory fails.
        var peek = new HybridCacheEntryOptions { Flags = HybridCacheEntryFlags.DisableUnderlyingData };
        string served = await cache.GetOrCreateAsync<string>("k", async _ =>
        {
            slow.SetResult("v2");
            await WaitUntilAsync(async () => await cache.GetOrCreateAsync("k", Failing, peek) == "v2");
            throw new InvalidOperationException("database down");
        }, s_minute);

        Assert.Equal("v1", served); // fail-safe answered this call with the value it had kept
        Assert.Equal("v2", await cache.GetOrCreateAsync("k", Failing, peek)); // and left the newer value in place
    }

    [Fact]
    public async Task A_soft_timeout_without_a_kept_value_waits_for_the_factory()
    {
        HybridCache cache = Cache(o => o.FactorySoftTimeout = TimeSpan.FromSeconds(1));
        var slow = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string> call = cache.GetOrCreateAsync("k", _ => new ValueTask<string>(slow.Task), s_minute).AsTask();
        _time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(50);
        Assert.False(call.IsCompleted);
        slow.SetResult("v1");
        Assert.Equal("v1", await call);
    }

    [Fact]
    public async Task A_factory_past_the_hard_timeout_without_a_kept_value_fails_the_call_and_stores_its_value_later()
    {
        HybridCache cache = Cache(o => o.FactoryHardTimeout = TimeSpan.FromSeconds(2));
        var slow = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string> call = cache.GetOrCreateAsync("k", _ => new ValueTask<string>(slow.Task), s_minute).AsTask();
        await AdvanceUntilAsync(call);
        TimeoutException timeout = await Assert.ThrowsAsync<TimeoutException>(() => call);
        Assert.Contains("FactoryHardTimeout", timeout.Message, StringComparison.Ordinal);

        // Read without running a factory (a miss is null) until the background one has stored its value.
        slow.SetResult("v1");
        var peek = new HybridCacheEntryOptions { Flags = HybridCacheEntryFlags.DisableUnderlyingData };
        await WaitUntilAsync(async () => await cache.GetOrCreateAsync("k", Failing, peek) == "v1");
        Assert.Equal(0, _runs);
    }

    [Theory]
    [InlineData(-1, 2)]   // the hard timeout alone also returns the kept value
    [InlineData(10, 2)]   // the shorter of the two applies
    [InlineData(2, 10)]
    public async Task With_a_kept_value_the_call_returns_it_at_the_shorter_timeout(int softSeconds, int hardSeconds)
    {
        HybridCache cache = Cache(o =>
        {
            o.FailSafeMaxDuration = TimeSpan.FromMinutes(10);
            o.FactorySoftTimeout = softSeconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(softSeconds);
            o.FactoryHardTimeout = TimeSpan.FromSeconds(hardSeconds);
        });
        await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("v1"), s_minute);
        _time.Advance(TimeSpan.FromMinutes(2));

        DateTimeOffset start = _time.GetUtcNow();
        var slow = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string> call = cache.GetOrCreateAsync("k", _ => new ValueTask<string>(slow.Task), s_minute).AsTask();
        await AdvanceUntilAsync(call);
        Assert.Equal("v1", await call);
        int shorter = softSeconds < 0 ? hardSeconds : Math.Min(softSeconds, hardSeconds);
        Assert.InRange((_time.GetUtcNow() - start).TotalSeconds, shorter, shorter + 0.5);
        slow.SetResult("v2");
    }

    [Fact]
    public async Task A_hit_past_the_eager_refresh_threshold_returns_the_value_and_refreshes_it_once_in_the_background()
    {
        HybridCache cache = Cache(o => o.EagerRefreshThreshold = 0.5);
        await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("v1"), s_minute);

        // Before the threshold (half of the minute): a plain hit.
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("v1", await cache.GetOrCreateAsync("k", Counting("never"), s_minute));
        Assert.Equal(0, _runs);

        // Past it: 100 concurrent hits all return the current value at once; the factory runs once.
        _time.Advance(TimeSpan.FromSeconds(2));
        var refreshed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        ValueTask<string>[] hits = Enumerable.Range(0, 100)
            .Select(_ => cache.GetOrCreateAsync("k", ct => { Interlocked.Increment(ref _runs); return new ValueTask<string>(refreshed.Task); }, s_minute))
            .ToArray();
        Assert.All(hits, hit => Assert.True(hit.IsCompletedSuccessfully));
        Assert.All(hits, hit => Assert.Equal("v1", hit.Result));

        refreshed.SetResult("v2");
        await WaitUntilAsync(async () => await cache.GetOrCreateAsync("k", Counting("never"), s_minute) == "v2");
        Assert.Equal(1, _runs);

        // The new value is fresh for its own minute, and refreshed again past its own threshold.
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("v2", await cache.GetOrCreateAsync("k", Counting("v3"), s_minute));
        Assert.Equal(1, _runs);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("v2", await cache.GetOrCreateAsync("k", Counting("v3"), s_minute));
        await WaitUntilAsync(async () => await cache.GetOrCreateAsync("k", Counting("never"), s_minute) == "v3");
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task An_eager_refresh_that_fails_is_not_retried_and_the_value_expires_as_usual()
    {
        HybridCache cache = Cache(o => o.EagerRefreshThreshold = 0.5);
        await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("v1"), s_minute);
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal("v1", await cache.GetOrCreateAsync("k", Failing, s_minute));
        await WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref _runs) == 1));
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal("v1", await cache.GetOrCreateAsync("k", Failing, s_minute));
        }

        await Task.Delay(50);
        Assert.Equal(1, _runs);

        // At expiry the factory runs for the caller, as without eager refresh (and its failure reaches it).
        _time.Advance(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrCreateAsync("k", Failing, s_minute).AsTask());
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task An_eager_refresh_writes_the_L2_that_other_instances_read()
    {
        HybridCache first = Cache(o => o.EagerRefreshThreshold = 0.5);
        await first.GetOrCreateAsync("k", _ => ValueTask.FromResult("v1"), s_minute);
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("v1", await first.GetOrCreateAsync("k", Counting("v2"), s_minute));
        await WaitUntilAsync(async () => await first.GetOrCreateAsync("k", Counting("never"), s_minute) == "v2");

        HybridCache second = Cache(o => o.EagerRefreshThreshold = 0.5);
        Assert.Equal("v2", await second.GetOrCreateAsync("k", Counting("never"), s_minute));
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task An_L2_hit_reads_the_entry_and_the_evict_everything_time_in_one_round_trip()
    {
        await Cache().GetOrCreateAsync("k", _ => ValueTask.FromResult("v1"), s_minute);

        // A slow L2: each read waits until both reads an untagged L2 hit needs have started, so they must be concurrent.
        var started = new System.Collections.Concurrent.ConcurrentBag<string>();
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _l2.BeforeRead = key =>
        {
            started.Add(key);
            if (started.Count == 2)
            {
                both.SetResult();
            }

            return both.Task.WaitAsync(TimeSpan.FromSeconds(10));
        };

        Assert.Equal("v1", await Cache().GetOrCreateAsync("k", Counting("never"), s_minute));
        Assert.Equal(0, _runs);
        Assert.Equal(["__VLHC_tag:*", "k"], started.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void An_eager_refresh_threshold_outside_zero_to_one_fails_at_start(double threshold) =>
        AssertInvalid(o => o.EagerRefreshThreshold = threshold);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_hard_timeout_that_is_not_positive_fails_at_start(int seconds) =>
        AssertInvalid(o => o.FactoryHardTimeout = TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData(-1, 30, -1)]
    [InlineData(0, 0, -1)]
    [InlineData(0, 30, 0)]
    public void Invalid_settings_fail_at_start(int failSafeSeconds, int throttleSeconds, int softTimeoutSeconds)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVelithonHybridCache(o =>
        {
            o.FailSafeMaxDuration = TimeSpan.FromSeconds(failSafeSeconds);
            o.FailSafeThrottleDuration = TimeSpan.FromSeconds(throttleSeconds);
            o.FactorySoftTimeout = softTimeoutSeconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(softTimeoutSeconds);
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<HybridCache>());
    }

    private static void AssertInvalid(Action<VelithonHybridCacheOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVelithonHybridCache(configure);
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<HybridCache>());
    }

    private ValueTask<string> Failing(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        throw new InvalidOperationException("the database is down");
    }

    private Func<CancellationToken, ValueTask<string>> Counting(string value) => _ =>
    {
        Interlocked.Increment(ref _runs);
        return ValueTask.FromResult(value);
    };

    private HybridCache Cache(Action<VelithonHybridCacheOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IDistributedCache>(_l2);
        services.AddVelithonHybridCache(o => configure?.Invoke(o));
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<HybridCache>();
    }

    private async Task AdvanceUntilAsync(Task call)
    {
        for (int i = 0; i < 200 && !call.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(10);
        }

        Assert.True(call.IsCompleted, "the call did not return at its soft timeout");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (int i = 0; i < 500; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail("condition not met");
    }
}
