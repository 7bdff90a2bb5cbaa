using Velithon.Memory.Caching;

namespace Velithon.Memory.Tests.Caching;

internal static class CacheTestHelpers
{
    public static long Overhead<TKey, TValue>() => EntrySizing.EntryOverhead<TKey, TValue>();

    /// <summary>The accounted size of a string-keyed byte[] entry.</summary>
    public static long EntrySize(string key, byte[] value) =>
        EntrySizing.EntryOverhead<string, byte[]>() + EntrySizing.String(key) + EntrySizing.ByteArray(value);

    public static MemoryBoundedCache<string, byte[]> Create(int maxEntries = 1_000, long maxMemoryBytes = 1L << 30) =>
        new(maxEntries, maxMemoryBytes);

    /// <summary>
    /// Spins until <paramref name="condition"/> holds (a state another thread reaches, e.g. callers joining a load).
    /// The minute is a guard against a hang if the code under test is broken, not a timing assertion.
    /// </summary>
    public static void WaitUntil(Func<bool> condition, string what) =>
        Assert.True(SpinWait.SpinUntil(condition, TimeSpan.FromMinutes(1)), $"never reached: {what}");

    /// <summary>A deterministic Zipf(s) trace over keys 0..n-1.</summary>
    public static int[] ZipfTrace(int keys, double exponent, int requests, int seed)
    {
        var cumulative = new double[keys];
        double sum = 0;
        for (int k = 0; k < keys; k++)
        {
            sum += 1.0 / Math.Pow(k + 1, exponent);
            cumulative[k] = sum;
        }

        var random = new Random(seed);
        var trace = new int[requests];
        for (int i = 0; i < requests; i++)
        {
            int index = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            trace[i] = Math.Min(index < 0 ? ~index : index, keys - 1);
        }

        return trace;
    }
}

internal sealed class SizedBlob(long size) : IMemorySized
{
    public long SizeInBytes { get; } = size;
}

/// <summary>A sized value that counts its <see cref="Dispose"/> calls.</summary>
internal sealed class DisposableBlob(int id, long size = 64) : IMemorySized, IDisposable
{
    private int _disposeCount;

    public int Id { get; } = id;

    public long SizeInBytes { get; } = size;

    public int DisposeCount => Volatile.Read(ref _disposeCount);

    public bool IsDisposed => DisposeCount > 0;

    public void Dispose() => Interlocked.Increment(ref _disposeCount);

    public override string ToString() => $"blob {Id}";
}

/// <summary>Records a cache's ItemRemoved events, and whether each was raised under the cache's lock.</summary>
internal sealed class RemovalLog<TKey, TValue>
    where TKey : notnull
{
    private readonly List<(TKey Key, TValue Value, CacheItemRemovedReason Reason)> _items = [];
    private int _raisedUnderLock;

    public RemovalLog(MemoryBoundedCache<TKey, TValue> cache)
    {
        cache.ItemRemoved += (sender, e) =>
        {
            Assert.Same(cache, sender);
            if (cache.IsLockHeldByCurrentThread)
            {
                Interlocked.Increment(ref _raisedUnderLock);
            }

            lock (_items)
            {
                _items.Add((e.Key, e.Value, e.Reason));
            }
        };
    }

    public int RaisedUnderLock => Volatile.Read(ref _raisedUnderLock);

    public IReadOnlyList<(TKey Key, TValue Value, CacheItemRemovedReason Reason)> Items
    {
        get
        {
            lock (_items)
            {
                return [.. _items];
            }
        }
    }

    public (TKey Key, TValue Value, CacheItemRemovedReason Reason) Single() => Assert.Single(Items);

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }
}
