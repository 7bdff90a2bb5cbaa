using Velithon.Memory.Caching;

namespace Velithon.Memory.Tests.Caching;

internal static class CacheTestHelpers
{
    public static long Overhead<TKey, TValue>() => EntrySizing.EntryOverhead<TKey, TValue>();

    /// <summary>The accounted size of a string-keyed byte[] entry.</summary>
    public static long EntrySize(string key, byte[] value) =>
        EntrySizing.EntryOverhead<string, byte[]>() + EntrySizing.String(key) + EntrySizing.ByteArray(value);

    public static MemoryAwareLruCache<string, byte[]> Create(int maxEntries = 1_000, long maxMemoryBytes = 1L << 30) =>
        new(maxEntries, maxMemoryBytes);

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
