using BitFaster.Caching.Lru;
using Velithon.Memory;

namespace Velithon.Benchmarks;

/// <summary>
/// Prints the hit ratio of <see cref="MemoryBoundedCache{TKey, TValue}"/> next to BitFaster's <c>ConcurrentLru</c> and
/// an exact LRU (<c>ClassicLru</c>) on the same Zipf traces, at several cache sizes. Hit ratios do not depend on the
/// machine. Run: <c>dotnet run -c Release --project benchmarks/Velithon.Benchmarks -- hitratio</c>.
/// </summary>
internal static class HitRatioReport
{
    private const int Keys = 50_000;
    private const int Requests = 1_000_000;

    public static void Run(TextWriter output)
    {
        output.WriteLine($"Zipf trace: {Requests:N0} requests over {Keys:N0} keys (hit ratio %, cold start included)");
        output.WriteLine();
        output.WriteLine("| s   | capacity | exact LRU | ConcurrentLru | MemoryBoundedCache | vs ConcurrentLru |");
        output.WriteLine("|-----|---------:|----------:|--------------:|--------------------:|-----------------:|");
        foreach (double s in new[] { 0.9, 1.0 })
        {
            int[] trace = ZipfTrace.Create(Keys, s, Requests, seed: 42);
            foreach (int capacity in new[] { 250, 500, 1_000, 2_500, 5_000, 10_000 })
            {
                double lru = Measure(trace, new ClassicLru<int, int>(capacity));
                double concurrentLru = Measure(trace, new ConcurrentLru<int, int>(capacity));
                double ours = MeasureOurs(trace, capacity);
                output.WriteLine(
                    $"| {s:0.0} | {capacity,8:N0} | {lru,9:0.00} | {concurrentLru,13:0.00} | {ours,19:0.00} | {ours - concurrentLru,+16:+0.00;-0.00} |");
            }
        }
    }

    private static double Measure(BitFaster.Caching.ICache<int, int> cache, int[] trace)
    {
        long hits = 0;
        foreach (int key in trace)
        {
            if (cache.TryGet(key, out _))
            {
                hits++;
            }
            else
            {
                cache.AddOrUpdate(key, key);
            }
        }

        return 100.0 * hits / trace.Length;
    }

    private static double Measure(int[] trace, BitFaster.Caching.ICache<int, int> cache) => Measure(cache, trace);

    private static double MeasureOurs(int[] trace, int capacity)
    {
        var cache = new MemoryBoundedCache<int, int>(new MemoryBoundedCacheOptions<int, int>
        {
            MaxEntries = capacity,
            MaxMemoryBytes = long.MaxValue,
            ValueSizer = static _ => 0,
        });
        long hits = 0;
        foreach (int key in trace)
        {
            if (cache.TryGet(key, out _))
            {
                hits++;
            }
            else
            {
                cache.Set(key, key);
            }
        }

        return 100.0 * hits / trace.Length;
    }
}
