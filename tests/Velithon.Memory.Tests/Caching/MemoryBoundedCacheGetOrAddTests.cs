namespace Velithon.Memory.Tests.Caching;

public class MemoryBoundedCacheGetOrAddTests
{
    [Fact]
    public async Task Two_threads_over_100_000_keys_run_the_factory_once_per_key()
    {
        const int Keys = 100_000;
        var cache = new MemoryBoundedCache<int, byte[]>(2 * Keys, 1L << 32);
        var runs = new int[Keys];
        var results = new byte[2][][];
        using var start = new Barrier(2);

        Task[] threads = Enumerable.Range(0, 2).Select(t => Task.Factory.StartNew(() =>
        {
            var mine = new byte[Keys][];
            start.SignalAndWait();
            for (int key = 0; key < Keys; key++)
            {
                mine[key] = cache.GetOrAdd(key, static (k, counts) =>
                {
                    Interlocked.Increment(ref counts[k]);
                    return new byte[4];
                }, runs);
            }

            results[t] = mine;
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(threads);

        Assert.Equal(Keys, runs.Sum());
        Assert.All(runs, count => Assert.Equal(1, count));
        for (int key = 0; key < Keys; key++)
        {
            Assert.Same(results[0][key], results[1][key]);
        }

        CacheStats stats = cache.GetStats();
        Assert.Equal(Keys, cache.Count);
        Assert.Equal(2L * Keys, stats.Hits + stats.Misses);
        Assert.True(stats.Misses >= Keys);
    }

    [Fact]
    public async Task Many_callers_on_one_missing_key_share_one_factory_run()
    {
        const int Callers = 8;
        var cache = CacheTestHelpers.Create();
        int runs = 0;
        using var start = new Barrier(Callers);

        byte[] Factory(string key)
        {
            Interlocked.Increment(ref runs);

            // Hold the run until every other caller has joined it, so all of them take the waiting path.
            CacheTestHelpers.WaitUntil(() => cache.LoadCallers(key) == Callers, "all callers joined the load");
            return [42];
        }

        Task<byte[]>[] callers = Enumerable.Range(0, Callers).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return cache.GetOrAdd("key", Factory);
        }, TaskCreationOptions.LongRunning)).ToArray();
        byte[][] values = await Task.WhenAll(callers);

        Assert.Equal(1, runs);
        Assert.All(values, value => Assert.Same(values[0], value));
        Assert.True(cache.TryGet("key", out byte[]? cached));
        Assert.Same(values[0], cached);
        Assert.Equal(0, cache.LoadCallers("key"));

        CacheStats stats = cache.GetStats();
        Assert.Equal(Callers, stats.Misses);   // every caller of the run counted one miss
        Assert.Equal(1, stats.Hits);           // the TryGet above
    }

    [Fact]
    public async Task A_throwing_factory_reaches_every_caller_of_that_run_stores_nothing_and_the_next_call_retries()
    {
        const int Callers = 4;
        var cache = CacheTestHelpers.Create();
        int runs = 0;
        using var start = new Barrier(Callers);

        byte[] Throwing(string key)
        {
            int run = Interlocked.Increment(ref runs);
            CacheTestHelpers.WaitUntil(() => cache.LoadCallers(key) == Callers, "all callers joined the load");
            throw new InvalidOperationException($"run {run}");
        }

        Task<Exception>[] callers = Enumerable.Range(0, Callers).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return Assert.Throws<InvalidOperationException>(() => cache.GetOrAdd("key", Throwing)) as Exception;
        }, TaskCreationOptions.LongRunning)).ToArray();
        Exception[] errors = await Task.WhenAll(callers);

        Assert.Equal(1, runs);
        Assert.All(errors, error => Assert.Same(errors[0], error));
        Assert.Equal("run 1", errors[0].Message);
        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGet("key", out _));
        Assert.Equal(0, cache.LoadCallers("key"));

        Assert.Equal(7, cache.GetOrAdd("key", _ => [7])[0]);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_throwing_factory_on_one_thread_leaves_nothing_behind()
    {
        var cache = CacheTestHelpers.Create();
        var error = new FormatException("boom");
        Assert.Same(error, Assert.Throws<FormatException>(() => cache.GetOrAdd("a", _ => throw error)));
        Assert.Same(error, Assert.Throws<FormatException>(() => cache.GetOrAdd("a", static (_, e) => throw e, error)));
        Assert.Equal(0, cache.LoadCallers("a"));
        Assert.Equal(1, cache.GetOrAdd("a", _ => [1])[0]);
    }

    [Fact]
    public void A_factory_that_asks_for_its_own_key_throws_instead_of_deadlocking()
    {
        var cache = CacheTestHelpers.Create();
        var error = Assert.Throws<InvalidOperationException>(() => cache.GetOrAdd("a", key => cache.GetOrAdd(key, _ => [1])));
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, cache.Count);

        // Other keys from inside a factory are fine.
        byte[] outer = cache.GetOrAdd("outer", _ => cache.GetOrAdd("inner", _ => [2]));
        Assert.Same(outer, cache.GetOrAdd("inner", _ => [3]));
    }

    [Fact]
    public void A_Set_during_the_factory_wins_and_the_created_value_is_disposed()
    {
        var cache = new MemoryBoundedCache<int, DisposableBlob>(new MemoryBoundedCacheOptions<int, DisposableBlob> { DisposeValues = true });
        var stored = new DisposableBlob(1);
        DisposableBlob? created = null;
        DisposableBlob result = cache.GetOrAdd(1, key =>
        {
            cache.Set(key, stored);   // as another thread's write would, while the factory runs
            return created = new DisposableBlob(2);
        });

        Assert.Same(stored, result);
        Assert.False(stored.IsDisposed);
        Assert.Equal(1, created!.DisposeCount); // nobody got it
        Assert.True(cache.TryGet(1, out DisposableBlob? cached));
        Assert.Same(stored, cached);
    }

    [Fact]
    public void A_value_removed_before_its_GetOrAdd_returns_is_not_disposed()
    {
        var cache = new MemoryBoundedCache<int, DisposableBlob>(new MemoryBoundedCacheOptions<int, DisposableBlob>
        {
            MaxEntries = 1,
            DisposeValues = true,
        });
        var old = new DisposableBlob(0);
        cache.Set(0, old);

        // Storing the loaded value evicts key 0; its notification runs before GetOrAdd returns and removes the new entry.
        cache.ItemRemoved += (_, e) =>
        {
            if (e.Key == 0)
            {
                Assert.True(cache.TryRemove(1));
            }
        };
        DisposableBlob loaded = cache.GetOrAdd(1, static k => new DisposableBlob(k));

        Assert.Equal(1, old.DisposeCount);
        Assert.False(loaded.IsDisposed);        // removed while on its way to the caller: the caller's now
        Assert.Equal(0, cache.Count);

        // Once its callers have returned, a loaded value is disposed like any other.
        DisposableBlob next = cache.GetOrAdd(2, static k => new DisposableBlob(k));
        Assert.True(cache.TryRemove(2));
        Assert.Equal(1, next.DisposeCount);
    }

    [Fact]
    public async Task A_value_removed_while_its_callers_are_returning_it_is_not_disposed()
    {
        const int Callers = 3;
        var cache = new MemoryBoundedCache<int, DisposableBlob>(new MemoryBoundedCacheOptions<int, DisposableBlob>
        {
            MaxEntries = 1,
            DisposeValues = true,
        });
        cache.Set(0, new DisposableBlob(0));
        var loaded = new DisposableBlob(1);
        using var start = new Barrier(Callers);

        // The store evicts key 0; that notification runs on the loading thread before it returns (so at least that
        // caller has not returned) and removes the loaded entry.
        cache.ItemRemoved += (_, e) =>
        {
            if (e.Key == 0)
            {
                Assert.True(cache.TryRemove(1));
            }
        };
        Task<DisposableBlob>[] callers = Enumerable.Range(0, Callers).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return cache.GetOrAdd(1, key =>
            {
                CacheTestHelpers.WaitUntil(() => cache.LoadCallers(key) == Callers, "all callers joined the load");
                return loaded;
            });
        }, TaskCreationOptions.LongRunning)).ToArray();
        DisposableBlob[] values = await Task.WhenAll(callers);

        Assert.All(values, value => Assert.Same(loaded, value));
        Assert.False(loaded.IsDisposed);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.LoadCallers(1));
    }

    [Fact]
    public void An_oversized_value_reaches_the_caller_uncached()
    {
        var cache = new MemoryBoundedCache<int, DisposableBlob>(new MemoryBoundedCacheOptions<int, DisposableBlob>
        {
            MaxMemoryBytes = 1_000,
            DisposeValues = true,
        });
        DisposableBlob big = cache.GetOrAdd(1, static k => new DisposableBlob(k, size: 5_000));
        Assert.False(big.IsDisposed);
        Assert.Equal(0, cache.Count);
        Assert.Equal(1, cache.GetStats().Rejections);
        Assert.Equal(0, cache.LoadCallers(1));
    }

    [Fact]
    public void Null_factories_and_keys_are_rejected_by_every_overload()
    {
        var cache = CacheTestHelpers.Create();
        Assert.Throws<ArgumentNullException>(() => cache.GetOrAdd(null!, _ => [1], TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentNullException>(() => cache.GetOrAdd("a", (Func<string, byte[]>)null!, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentNullException>(() => cache.GetOrAdd(null!, static (_, _) => new byte[1], 1));
    }
}
