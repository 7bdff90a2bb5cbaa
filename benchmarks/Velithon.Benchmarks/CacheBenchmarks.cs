using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BitFaster.Caching;
using BitFaster.Caching.Lru;
using Microsoft.Extensions.Caching.Memory;
using Velithon.Memory;

namespace Velithon.Benchmarks;

/// <summary>
/// Cache hits on 1 and 2 threads: <see cref="MemoryBoundedCache{TKey, TValue}"/> against <see cref="MemoryCache"/>
/// with a SizeLimit (the .NET anchor), BitFaster's <c>ConcurrentLru</c> (metrics on, like ours) and a bare
/// <see cref="ConcurrentDictionary{TKey, TValue}"/> lookup (the floor). Every lookup hits. Times are per lookup on
/// each thread; the threads run at the same time over the same keys. Two groups, each with its own anchor:
/// <c>TryGet</c> (lookups) and <c>GetOrAdd</c> (hits of get-or-add: <c>MemoryCache.GetOrCreate</c> as the anchor,
/// BitFaster's plain and atomic <c>GetOrAdd</c>, our single-flight <c>GetOrAdd</c>).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CacheBenchmarks
{
    private const int KeyCount = 1024;
    private const int LookupsPerThread = 200_000;

    // Never called (every lookup hits); cached delegates, so no row allocates one per call.
    private static readonly Func<string, byte[]> Factory = static _ => new byte[64];
    private static readonly Func<ICacheEntry, byte[]> MemoryCacheFactory = static entry =>
    {
        entry.Size = 1;
        return new byte[64];
    };

    private string[] _keys = [];
    private MemoryCache _memoryCache = null!;
    private ConcurrentLru<string, byte[]> _concurrentLru = null!;
    private ICache<string, byte[]> _atomicLru = null!;
    private ConcurrentDictionary<string, byte[]> _dictionary = null!;
    private MemoryBoundedCache<string, byte[]> _cache = null!;

    /// <summary>Gets or sets how many threads look up at the same time.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _keys = Enumerable.Range(0, KeyCount).Select(i => $"key-{i:D6}").ToArray();
        _memoryCache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 4 * KeyCount });
        _concurrentLru = new ConcurrentLru<string, byte[]>(4 * KeyCount);
        _atomicLru = new ConcurrentLruBuilder<string, byte[]>().WithCapacity(4 * KeyCount).WithMetrics().WithAtomicGetOrAdd().Build();
        _dictionary = new ConcurrentDictionary<string, byte[]>();
        _cache = new MemoryBoundedCache<string, byte[]>(4 * KeyCount, 64L * 1024 * 1024);
        foreach (string key in _keys)
        {
            byte[] value = new byte[64];
            _memoryCache.Set(key, value, new MemoryCacheEntryOptions { Size = 1 });
            _concurrentLru.AddOrUpdate(key, value);
            _atomicLru.AddOrUpdate(key, value);
            _dictionary[key] = value;
            _cache.Set(key, value);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _memoryCache.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = LookupsPerThread)]
    [BenchmarkCategory("TryGet")]
    public int MemoryCacheHit() => OnThreads(static (self, thread) =>
    {
        int found = 0;
        string[] keys = self._keys;
        MemoryCache cache = self._memoryCache;
        for (int i = 0; i < LookupsPerThread; i++)
        {
            found += cache.TryGetValue(keys[i & (KeyCount - 1)], out _) ? 1 : 0;
        }

        return found;
    });

    [Benchmark(OperationsPerInvoke = LookupsPerThread)]
    [BenchmarkCategory("TryGet")]
    public int ConcurrentLruHit() => OnThreads(static (self, thread) =>
    {
        int found = 0;
        string[] keys = self._keys;
        ConcurrentLru<string, byte[]> cache = self._concurrentLru;
        for (int i = 0; i < LookupsPerThread; i++)
        {
            found += cache.TryGet(keys[i & (KeyCount - 1)], out _) ? 1 : 0;
        }

        return found;
    });

    [Benchmark(OperationsPerInvoke = LookupsPerThread)]
    [BenchmarkCategory("TryGet")]
    public int ConcurrentDictionaryHit() => OnThreads(static (self, thread) =>
    {
        int found = 0;
        string[] keys = self._keys;
        ConcurrentDictionary<string, byte[]> dictionary = self._dictionary;
        for (int i = 0; i < LookupsPerThread; i++)
        {
            found += dictionary.TryGetValue(keys[i & (KeyCount - 1)], out _) ? 1 : 0;
        }

        return found;
    });

    [Benchmark(OperationsPerInvoke = LookupsPerThread)]
    [BenchmarkCategory("TryGet")]
    public int MemoryBoundedCacheHit() => OnThreads(static (self, thread) =>
    {
        int found = 0;
        string[] keys = self._keys;
        MemoryBoundedCache<string, byte[]> cache = self._cache;
        for (int i = 0; i < LookupsPerThread; i++)
        {
            found += cache.TryGet(keys[i & (KeyCount - 1)], out _) ? 1 : 0;
        }

        return found;
    });

    [Benchmark(Baseline = true, OperationsPerInvoke = LookupsPerThread)]
    [BenchmarkCategory("GetOrAdd")]
    public int MemoryCacheGetOrCreateHit() => OnThreads(static (self, thread) =>
    {
        int length = 0;
        string[] keys = self._keys;
        MemoryCache cache = self._memoryCache;
        for (int i = 0; i < LookupsPerThread; i++)
        {
            length += cache.GetOrCreate(keys[i & (KeyCount - 1)], MemoryCacheFactory)!.Length;
        }

        return length;
    });

    [Benchmark(OperationsPerInvoke = LookupsPerThread)]
    [BenchmarkCategory("GetOrAdd")]
    public int ConcurrentLruGetOrAddHit() => OnThreads(static (self, thread) =>
    {
        int length = 0;
        string[] keys = self._keys;
        ConcurrentLru<string, byte[]> cache = self._concurrentLru;
        for (int i = 0; i < LookupsPerThread; i++)
        {
            length += cache.GetOrAdd(keys[i & (KeyCount - 1)], Factory).Length;
        }

        return length;
    });

    [Benchmark(OperationsPerInvoke = LookupsPerThread)]
    [BenchmarkCategory("GetOrAdd")]
    public int AtomicConcurrentLruGetOrAddHit() => OnThreads(static (self, thread) =>
    {
        int length = 0;
        string[] keys = self._keys;
        ICache<string, byte[]> cache = self._atomicLru;
        for (int i = 0; i < LookupsPerThread; i++)
        {
            length += cache.GetOrAdd(keys[i & (KeyCount - 1)], Factory).Length;
        }

        return length;
    });

    [Benchmark(OperationsPerInvoke = LookupsPerThread)]
    [BenchmarkCategory("GetOrAdd")]
    public int MemoryBoundedCacheGetOrAddHit() => OnThreads(static (self, thread) =>
    {
        int length = 0;
        string[] keys = self._keys;
        MemoryBoundedCache<string, byte[]> cache = self._cache;
        for (int i = 0; i < LookupsPerThread; i++)
        {
            length += cache.GetOrAdd(keys[i & (KeyCount - 1)], Factory).Length;
        }

        return length;
    });

    // One delegate call per thread, not per lookup, so the loop bodies above are what gets measured.
    private int OnThreads(Func<CacheBenchmarks, int, int> body)
    {
        if (Threads == 1)
        {
            return body(this, 0);
        }

        int total = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t => Interlocked.Add(ref total, body(this, t)));
        return total;
    }
}
