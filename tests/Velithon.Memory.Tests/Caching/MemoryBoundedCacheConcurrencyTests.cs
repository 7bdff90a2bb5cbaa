namespace Velithon.Memory.Tests.Caching;

public class MemoryBoundedCacheConcurrencyTests
{
    private static readonly TimeSpan RunTime = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Both_bounds_hold_at_every_sample_while_threads_hammer_the_cache()
    {
        const int KeySpace = 1_000;
        var cache = CacheTestHelpers.Create(maxEntries: 200, maxMemoryBytes: 64 * 1024);
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        long samples = 0;

        void Writer(int seed)
        {
            var random = new Random(seed);
            while (!stop.IsCancellationRequested)
            {
                string key = $"k{random.Next(KeySpace)}";
                switch (random.Next(10))
                {
                    case < 5:
                        cache.Set(key, new byte[random.Next(2_000)]);
                        break;
                    case < 8:
                        cache.GetOrAdd(key, static (_, r) => new byte[r], random.Next(2_000));
                        break;
                    case 8:
                        cache.TryRemove(key);
                        break;
                    default:
                        if (random.Next(200) == 0)
                        {
                            cache.Trim(cache.MaxMemoryBytes / 2);
                        }

                        break;
                }
            }
        }

        void Reader()
        {
            var random = new Random(99);
            while (!stop.IsCancellationRequested)
            {
                cache.TryGet($"k{random.Next(KeySpace)}", out _);
            }
        }

        void Sampler()
        {
            while (!stop.IsCancellationRequested)
            {
                CacheStats stats = cache.GetStats();
                if (stats.Entries > stats.MaxEntries || stats.Entries < 0)
                {
                    failures.Enqueue($"Entries {stats.Entries} outside [0, {stats.MaxEntries}]");
                }

                if (stats.MemoryBytes > stats.MaxMemoryBytes || stats.MemoryBytes < 0)
                {
                    failures.Enqueue($"MemoryBytes {stats.MemoryBytes} outside [0, {stats.MaxMemoryBytes}]");
                }

                Interlocked.Increment(ref samples);
            }
        }

        Task[] tasks =
        [
            Task.Factory.StartNew(() => Writer(1), TaskCreationOptions.LongRunning),
            Task.Factory.StartNew(() => Writer(2), TaskCreationOptions.LongRunning),
            Task.Factory.StartNew(Reader, TaskCreationOptions.LongRunning),
            Task.Factory.StartNew(Sampler, TaskCreationOptions.LongRunning),
        ];
        stop.CancelAfter(RunTime);
        await Task.WhenAll(tasks);

        Assert.Empty(failures);
        Assert.True(Interlocked.Read(ref samples) > 0);

        // Once quiet, the accounting must match what is actually cached.
        int present = 0;
        long bytes = 0;
        for (int i = 0; i < KeySpace; i++)
        {
            string key = $"k{i}";
            if (cache.TryGet(key, out byte[]? value))
            {
                present++;
                bytes += CacheTestHelpers.EntrySize(key, value);
            }
        }

        Assert.Equal(cache.Count, present);
        Assert.Equal(cache.MemoryBytes, bytes);
    }

    [Fact]
    public async Task GetOrAdd_for_one_key_returns_one_value_to_every_racing_caller()
    {
        // Single flight: one factory run per key, and every racing caller returns its value.
        const int Threads = 4;
        const int Rounds = 200;
        var cache = CacheTestHelpers.Create(maxEntries: 10_000);
        using var barrier = new Barrier(Threads);
        var results = new byte[Threads][][];
        int factoryCalls = 0;

        Task[] tasks = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(() =>
        {
            results[t] = new byte[Rounds][];
            for (int round = 0; round < Rounds; round++)
            {
                barrier.SignalAndWait();
                results[t][round] = cache.GetOrAdd($"key{round}", _ =>
                {
                    Interlocked.Increment(ref factoryCalls);
                    return new byte[8];
                });
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(tasks);

        for (int round = 0; round < Rounds; round++)
        {
            Assert.True(cache.TryGet($"key{round}", out byte[]? cached));
            for (int t = 0; t < Threads; t++)
            {
                Assert.Same(cached, results[t][round]);
            }
        }

        Assert.Equal(Rounds, factoryCalls);
        Assert.Equal(Rounds, cache.Count);
    }

    [Fact]
    public async Task Hits_plus_misses_equal_lookups_under_concurrency()
    {
        const int Threads = 4;
        var cache = CacheTestHelpers.Create(maxEntries: 64);
        using var stop = new CancellationTokenSource();
        var lookups = new long[Threads];
        var hits = new long[Threads];
        long lastTotal = 0;
        bool totalWentBack = false;

        Task[] tasks = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(() =>
        {
            var random = new Random(t);
            while (!stop.IsCancellationRequested)
            {
                string key = $"k{random.Next(128)}";
                bool hit = (t & 1) == 0
                    ? cache.TryGet(key, out _) || !cache.Set(key, [1])
                    : cache.GetOrAdd(key, static _ => [2]).Length == 0;
                lookups[t]++;
                hits[t] += hit ? 1 : 0;

                if (t == 0 && (lookups[t] & 255) == 0)
                {
                    CacheStats s = cache.GetStats();
                    long total = s.Hits + s.Misses;
                    totalWentBack |= total < lastTotal;
                    lastTotal = total;
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        stop.CancelAfter(RunTime);
        await Task.WhenAll(tasks);

        CacheStats stats = cache.GetStats();
        Assert.Equal(lookups.Sum(), stats.Hits + stats.Misses);
        long tryGetLookups = lookups[0] + lookups[2];
        long tryGetHits = hits[0] + hits[2];
        Assert.True(stats.Hits >= tryGetHits, $"{stats.Hits} hits counted, {tryGetHits} seen by TryGet alone");
        Assert.True(stats.Misses >= tryGetLookups - tryGetHits);
        Assert.False(totalWentBack, "hits + misses went backwards between snapshots");
        Assert.True(stats.Entries <= 64);
    }
}
