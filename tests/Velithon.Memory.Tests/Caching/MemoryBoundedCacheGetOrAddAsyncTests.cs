using Microsoft.Extensions.Time.Testing;

namespace Velithon.Memory.Tests.Caching;

public class MemoryBoundedCacheGetOrAddAsyncTests
{
    [Fact]
    public async Task A_hit_completes_synchronously_and_counts_a_hit()
    {
        var cache = CacheTestHelpers.Create();
        byte[] value = [1];
        cache.Set("a", value);
        ValueTask<byte[]> hit = cache.GetOrAddAsync("a", static (_, _) => throw new InvalidOperationException("not on a hit"));
        Assert.True(hit.IsCompletedSuccessfully);
        Assert.Same(value, await hit);

        // A canceled token does not fail a hit.
        Assert.Same(value, await cache.GetOrAddAsync("a", static (_, _) => default, new CancellationToken(canceled: true)));
        Assert.Equal(2, cache.GetStats().Hits);
    }

    [Fact]
    public async Task A_miss_runs_the_factory_stores_and_a_synchronous_factory_completes_synchronously()
    {
        var cache = CacheTestHelpers.Create();
        ValueTask<byte[]> miss = cache.GetOrAddAsync("a", static (_, _) => ValueTask.FromResult<byte[]>([7]));
        Assert.True(miss.IsCompletedSuccessfully);
        Assert.Equal(7, (await miss)[0]);
        Assert.True(cache.TryGet("a", out byte[]? cached));
        Assert.Equal(7, cached[0]);

        byte[] withArgument = await cache.GetOrAddAsync("b", static async (_, n, ct) =>
        {
            await Task.Yield();
            return new byte[n];
        }, 5);
        Assert.Equal(5, withArgument.Length);
        Assert.Equal(0, cache.LoadCallers("b"));
        CacheStats stats = cache.GetStats();
        Assert.Equal(2, stats.Misses);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_run()
    {
        const int Callers = 8;
        var cache = CacheTestHelpers.Create();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int runs = 0;

        async ValueTask<byte[]> Factory(string key, CancellationToken ct)
        {
            Interlocked.Increment(ref runs);
            await release.Task;
            return [42];
        }

        ValueTask<byte[]>[] calls = Enumerable.Range(0, Callers).Select(_ => cache.GetOrAddAsync("key", Factory)).ToArray();
        Assert.Equal(Callers, cache.LoadCallers("key"));
        Assert.All(calls, call => Assert.False(call.IsCompleted));

        release.SetResult();
        byte[][] values = await Task.WhenAll(calls.Select(call => call.AsTask()));

        Assert.Equal(1, runs);
        Assert.All(values, value => Assert.Same(values[0], value));
        Assert.True(cache.TryGet("key", out byte[]? cached));
        Assert.Same(values[0], cached);
        Assert.Equal(0, cache.LoadCallers("key"));
        Assert.Equal(Callers, cache.GetStats().Misses);
    }

    [Fact]
    public async Task Synchronous_and_asynchronous_callers_of_one_key_share_one_run()
    {
        var cache = CacheTestHelpers.Create();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int runs = 0;
        ValueTask<byte[]> asyncCall = cache.GetOrAddAsync("key", async (_, _) =>
        {
            Interlocked.Increment(ref runs);
            await release.Task;
            return [1];
        });

        Task<byte[]> syncCall = Task.Factory.StartNew(
            () => cache.GetOrAdd("key", _ =>
            {
                Interlocked.Increment(ref runs);
                return [2];
            }),
            TaskCreationOptions.LongRunning);
        CacheTestHelpers.WaitUntil(() => cache.LoadCallers("key") == 2, "the synchronous caller joined");
        release.SetResult();

        Assert.Same(await asyncCall, await syncCall);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_factory_exception_reaches_every_caller_nothing_is_stored_and_the_next_call_retries()
    {
        var cache = CacheTestHelpers.Create();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var error = new InvalidOperationException("load failed");
        int runs = 0;

        async ValueTask<byte[]> Failing(string key, CancellationToken ct)
        {
            Interlocked.Increment(ref runs);
            await release.Task;
            throw error;
        }

        ValueTask<byte[]> first = cache.GetOrAddAsync("key", Failing);
        ValueTask<byte[]> second = cache.GetOrAddAsync("key", Failing);
        release.SetResult();
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => first.AsTask()));
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => second.AsTask()));
        Assert.Equal(1, runs);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.LoadCallers("key"));

        // A factory that throws before its first await fails the call the same way (in the task, not synchronously).
        ValueTask<byte[]> immediate = cache.GetOrAddAsync("key", (_, _) => throw error);
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => immediate.AsTask()));

        Assert.Equal(3, (await cache.GetOrAddAsync("key", static (_, _) => ValueTask.FromResult<byte[]>([3])))[0]);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task One_caller_cancelling_ends_its_wait_only_and_the_run_goes_on_for_the_others()
    {
        var cache = CacheTestHelpers.Create();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationToken factoryToken = default;

        async ValueTask<byte[]> Factory(string key, CancellationToken ct)
        {
            factoryToken = ct;
            await release.Task;
            return [9];
        }

        using var firstCts = new CancellationTokenSource();
        using var secondCts = new CancellationTokenSource();
        ValueTask<byte[]> first = cache.GetOrAddAsync("key", Factory, firstCts.Token);
        ValueTask<byte[]> second = cache.GetOrAddAsync("key", Factory, secondCts.Token);

        // The caller that started the run stops waiting: its own wait ends, the run does not.
        await firstCts.CancelAsync();
        var canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.AsTask());
        Assert.Equal(firstCts.Token, canceled.CancellationToken);
        Assert.False(factoryToken.IsCancellationRequested);
        Assert.Equal(1, cache.LoadCallers("key"));

        release.SetResult();
        Assert.Equal(9, (await second)[0]);
        Assert.True(cache.TryGet("key", out _));
        Assert.False(factoryToken.IsCancellationRequested);
    }

    [Fact]
    public async Task When_every_caller_cancels_the_factory_token_is_cancelled_and_the_next_call_starts_afresh()
    {
        var cache = CacheTestHelpers.Create();
        int runs = 0;

        async ValueTask<byte[]> Factory(string key, CancellationToken ct)
        {
            Interlocked.Increment(ref runs);
            await Task.Delay(Timeout.Infinite, ct);   // ends only when the cache cancels the run
            return [0];
        }

        using var firstCts = new CancellationTokenSource();
        using var secondCts = new CancellationTokenSource();
        ValueTask<byte[]> first = cache.GetOrAddAsync("key", Factory, firstCts.Token);
        ValueTask<byte[]> second = cache.GetOrAddAsync("key", Factory, secondCts.Token);
        Assert.Equal(2, cache.LoadCallers("key"));

        await firstCts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.AsTask());
        await secondCts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.AsTask());

        // The abandoned run is gone: a new call runs the factory again, with a live token.
        Assert.Equal(0, cache.LoadCallers("key"));
        byte[] fresh = await cache.GetOrAddAsync("key", static (_, ct) =>
        {
            Assert.False(ct.IsCancellationRequested);
            return ValueTask.FromResult<byte[]>([5]);
        });
        Assert.Equal(5, fresh[0]);
        Assert.Equal(1, runs);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task An_abandoned_run_that_still_returns_a_value_stores_it()
    {
        var cache = CacheTestHelpers.Create();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawCancel = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async ValueTask<byte[]> Stubborn(string key, CancellationToken ct)
        {
            ct.Register(() => sawCancel.TrySetResult());
            await release.Task;   // ignores the token
            return [8];
        }

        using var cts = new CancellationTokenSource();
        ValueTask<byte[]> only = cache.GetOrAddAsync("key", Stubborn, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => only.AsTask());
        await sawCancel.Task;

        release.SetResult();
        CacheTestHelpers.WaitUntil(() => cache.TryGet("key", out _), "the abandoned run stored its value");
        Assert.Equal(8, (await cache.GetOrAddAsync("key", static (_, _) => ValueTask.FromResult<byte[]>([0])))[0]);
    }

    [Fact]
    public async Task A_caller_that_cannot_cancel_keeps_the_run_alive()
    {
        var cache = CacheTestHelpers.Create();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationToken factoryToken = default;

        async ValueTask<byte[]> Factory(string key, CancellationToken ct)
        {
            factoryToken = ct;
            await release.Task;
            return [1];
        }

        using var cts = new CancellationTokenSource();
        ValueTask<byte[]> cancellable = cache.GetOrAddAsync("key", Factory, cts.Token);
        ValueTask<byte[]> patient = cache.GetOrAddAsync("key", Factory);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancellable.AsTask());
        Assert.False(factoryToken.IsCancellationRequested);

        release.SetResult();
        Assert.Equal(1, (await patient)[0]);
    }

    [Fact]
    public async Task A_canceled_token_on_a_miss_returns_a_canceled_task_without_running_the_factory()
    {
        var cache = CacheTestHelpers.Create();
        var canceled = new CancellationToken(canceled: true);
        ValueTask<byte[]> call = cache.GetOrAddAsync("key", static (_, _) => throw new InvalidOperationException("not run"), canceled);
        Assert.True(call.IsCanceled);
        Assert.Equal(0, cache.LoadCallers("key"));
        Assert.Equal(0, cache.Count);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.AsTask());
    }

    [Fact]
    public async Task A_time_to_live_given_to_GetOrAddAsync_is_the_entry_s()
    {
        var clock = new FakeTimeProvider();
        var cache = new MemoryBoundedCache<string, byte[]>(new MemoryBoundedCacheOptions<string, byte[]>
        {
            TimeToLive = TimeSpan.FromHours(1),
            TimeProvider = clock,
        });
        int runs = 0;
        ValueTask<byte[]> Factory(string key, CancellationToken ct) => ValueTask.FromResult<byte[]>([(byte)++runs]);

        Assert.Equal(1, (await cache.GetOrAddAsync("a", Factory, TimeSpan.FromSeconds(30)))[0]);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, (await cache.GetOrAddAsync("a", Factory, TimeSpan.FromSeconds(30)))[0]);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await cache.GetOrAddAsync("a", Factory, TimeSpan.FromSeconds(30)))[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = cache.GetOrAddAsync("a", Factory, TimeSpan.Zero).AsTask(); });
    }

    [Fact]
    public async Task A_synchronous_factory_asking_for_its_own_key_asynchronously_throws()
    {
        var cache = CacheTestHelpers.Create();
        Assert.Throws<InvalidOperationException>(() => cache.GetOrAdd("a", key => cache.GetOrAddAsync(key, static (_, _) => default).AsTask().Result));
        Assert.Equal(0, cache.LoadCallers("a"));
        Assert.Equal(1, (await cache.GetOrAddAsync("a", static (_, _) => ValueTask.FromResult<byte[]>([1])))[0]);
    }

    [Fact]
    public async Task A_value_removed_before_the_async_callers_return_it_is_not_disposed()
    {
        var cache = new MemoryBoundedCache<int, DisposableBlob>(new MemoryBoundedCacheOptions<int, DisposableBlob>
        {
            MaxEntries = 1,
            DisposeValues = true,
        });
        var old = new DisposableBlob(0);
        cache.Set(0, old);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loaded = new DisposableBlob(1);
        async ValueTask<DisposableBlob> Factory(int key, CancellationToken ct)
        {
            await release.Task;
            return loaded;
        }

        // Storing the loaded value evicts key 0; that notification runs inside the shared run, before the caller that
        // started it returns, and removes the loaded entry.
        cache.ItemRemoved += (_, e) =>
        {
            if (e.Key == 0)
            {
                Assert.True(cache.TryRemove(1));
            }
        };
        ValueTask<DisposableBlob> first = cache.GetOrAddAsync(1, Factory);
        ValueTask<DisposableBlob> second = cache.GetOrAddAsync(1, Factory);
        release.SetResult();

        Assert.Same(loaded, await first);
        Assert.Same(loaded, await second);
        Assert.Equal(1, old.DisposeCount);
        Assert.False(loaded.IsDisposed);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task A_handler_exception_in_an_asynchronous_run_reaches_the_caller_that_started_it()
    {
        var cache = CacheTestHelpers.Create(maxEntries: 1);
        cache.Set("old", [0]);
        cache.ItemRemoved += (_, e) => throw new InvalidOperationException($"handler: {e.Key}");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async ValueTask<byte[]> Factory(string key, CancellationToken ct)
        {
            await release.Task;
            return [1];
        }

        ValueTask<byte[]> starter = cache.GetOrAddAsync("new", Factory);
        ValueTask<byte[]> joiner = cache.GetOrAddAsync("new", Factory);
        release.SetResult();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => starter.AsTask());
        Assert.Equal("handler: old", error.Message);
        Assert.Equal(1, (await joiner)[0]);           // the load itself succeeded: the value is cached
        Assert.True(cache.TryGet("new", out _));
    }

    [Fact]
    public void Null_keys_and_factories_are_rejected()
    {
        var cache = CacheTestHelpers.Create();
        Assert.Throws<ArgumentNullException>(() => { _ = cache.GetOrAddAsync(null!, static (_, _) => default).AsTask(); });
        Assert.Throws<ArgumentNullException>(() => { _ = cache.GetOrAddAsync("a", (Func<string, CancellationToken, ValueTask<byte[]>>)null!).AsTask(); });
        Assert.Throws<ArgumentNullException>(() => { _ = cache.GetOrAddAsync("a", (Func<string, int, CancellationToken, ValueTask<byte[]>>)null!, 1).AsTask(); });
        Assert.Throws<ArgumentNullException>(() => { _ = cache.GetOrAddAsync("a", (Func<string, CancellationToken, ValueTask<byte[]>>)null!, TimeSpan.FromSeconds(1)).AsTask(); });
    }
}
