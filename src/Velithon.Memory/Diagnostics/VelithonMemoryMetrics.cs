using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Velithon.Memory.Diagnostics;

/// <summary>
/// The instruments of the <c>Velithon.Memory</c> meter. Every observable instrument reads the same counters that
/// <c>GetStats()</c> snapshots, so metrics and stats can never disagree; only cleanup runs are recorded as events.
/// </summary>
internal sealed class VelithonMemoryMetrics
{
    private const string ResultTag = "velithon.result";
    private const string CacheNameTag = "velithon.cache.name";
    private const string ReasonTag = "velithon.reason";

    private readonly Counter<long> _cleanups;
    private readonly Histogram<double> _cleanupDuration;
    private readonly Counter<long> _cleanupFreed;

    public VelithonMemoryMetrics(Meter meter, IVelithonMemory memory, CacheRegistry caches, IBackgroundTaskQueue? tasks)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(caches);

        VelithonMemoryPool pool = memory.Pool;
        StringInterner interner = memory.Interner;

        // Pool.
        meter.CreateObservableCounter(InstrumentNames.PoolRents, () =>
        {
            MemoryPoolStats s = pool.GetStats();
            return new[] { Tagged(s.Hits, ResultTag, "hit"), Tagged(s.Misses, ResultTag, "miss") };
        }, "{rent}", "Arrays rented from the pool, by whether a pooled array served the request.");
        meter.CreateObservableCounter(InstrumentNames.PoolReturns, () => pool.GetStats().Returns,
            "{return}", "Arrays returned to the pool.");
        meter.CreateObservableUpDownCounter(InstrumentNames.PoolRentedSize, () => pool.GetStats().CurrentRentedBytes,
            "By", "Bytes currently rented out of the pool.");
        meter.CreateObservableUpDownCounter(InstrumentNames.PoolPooledSize, () => pool.GetStats().PooledBytes,
            "By", "Bytes held in the pool's free lists.");
        meter.CreateObservableCounter(InstrumentNames.PoolTrimmedSize, () => pool.GetStats().TrimmedBytes,
            "By", "Bytes the pool released by trimming.");

        // Interner.
        meter.CreateObservableCounter(InstrumentNames.InternerRequests, () =>
        {
            StringInternerStats s = interner.GetStats();
            return new[]
            {
                Tagged(s.Hits, ResultTag, "hit"),
                Tagged(s.Misses, ResultTag, "miss"),
                Tagged(s.Rejected, ResultTag, "rejected"),
            };
        }, "{request}", "Intern requests, by whether the string was already interned, added, or rejected by a limit.");
        meter.CreateObservableUpDownCounter(InstrumentNames.InternerCount, () => (long)interner.GetStats().Count,
            "{string}", "Strings held by the interner.");

        // Every registered cache, one series per name.
        meter.CreateObservableCounter(InstrumentNames.CacheRequests, () => PerCache(caches, static s => [(s.Hits, "hit"), (s.Misses, "miss")], ResultTag),
            "{request}", "Cache lookups, by cache and hit or miss.");
        meter.CreateObservableCounter(InstrumentNames.CacheEvictions, () => PerCache(caches, static s => [(s.Evictions, "capacity"), (s.Expirations, "expired")], ReasonTag),
            "{entry}", "Entries removed by the cache itself, by cache and reason.");
        meter.CreateObservableCounter(InstrumentNames.CacheRejections, () => PerCache(caches, static s => s.Rejections),
            "{entry}", "Values refused because they were larger than the cache's byte budget, by cache.");
        meter.CreateObservableUpDownCounter(InstrumentNames.CacheSize, () => PerCache(caches, static s => s.MemoryBytes),
            "By", "Bytes accounted to the cache's entries (keys, values and per-entry overhead), by cache.");
        meter.CreateObservableUpDownCounter(InstrumentNames.CacheEntries, () => PerCache(caches, static s => s.Entries),
            "{entry}", "Entries in the cache, by cache.");

        // Background tasks.
        if (tasks is not null)
        {
            meter.CreateObservableUpDownCounter(InstrumentNames.TasksQueued, () => (long)tasks.GetStats().Queued,
                "{task}", "Work items accepted and not yet started.");
            meter.CreateObservableUpDownCounter(InstrumentNames.TasksRunning, () => (long)tasks.GetStats().Running,
                "{task}", "Work items running now.");
            meter.CreateObservableCounter(InstrumentNames.TasksCompleted, () =>
            {
                BackgroundTaskQueueStats s = tasks.GetStats();
                return new[] { Tagged(s.Completed, ResultTag, "success"), Tagged(s.Failed, ResultTag, "failure") };
            }, "{task}", "Work items that finished, by outcome.");
            meter.CreateObservableCounter(InstrumentNames.TasksRejected, () => tasks.GetStats().Rejected,
                "{task}", "Work items refused because the queue was full.");
        }

        _cleanups = meter.CreateCounter<long>(InstrumentNames.Cleanups, "{cleanup}", "Cleanup runs, by whether memory was under pressure.");
        _cleanupDuration = meter.CreateHistogram<double>(InstrumentNames.CleanupDuration, "s", "How long cleanup runs took.");
        _cleanupFreed = meter.CreateCounter<long>(InstrumentNames.CleanupFreed, "By", "Bytes freed by cleanup runs, by component.");
    }

    public void RecordCleanup(in MemoryCleanupResult result)
    {
        var pressure = new KeyValuePair<string, object?>("velithon.under_pressure", result.UnderPressure);
        _cleanups.Add(1, pressure);
        _cleanupDuration.Record(result.Duration.TotalSeconds, pressure);
        _cleanupFreed.Add(result.PoolBytesTrimmed, new KeyValuePair<string, object?>("velithon.component", "pool"));
        _cleanupFreed.Add(result.CacheBytesFreed, new KeyValuePair<string, object?>("velithon.component", "cache"));
        _cleanupFreed.Add(result.HeapBytesFreed, new KeyValuePair<string, object?>("velithon.component", "heap"));
    }

    private static List<Measurement<long>> PerCache(CacheRegistry caches, Func<CacheStats, long> read)
    {
        CacheRegistry.Registration[] registered = caches.Current;
        var measurements = new List<Measurement<long>>(registered.Length);
        foreach (CacheRegistry.Registration r in registered)
        {
            measurements.Add(new Measurement<long>(read(r.Cache.GetStats()), new KeyValuePair<string, object?>(CacheNameTag, r.Name)));
        }

        return measurements;
    }

    private static List<Measurement<long>> PerCache(CacheRegistry caches, Func<CacheStats, (long Value, string Tag)[]> read, string tagKey)
    {
        CacheRegistry.Registration[] registered = caches.Current;
        var measurements = new List<Measurement<long>>(registered.Length * 2);
        foreach (CacheRegistry.Registration r in registered)
        {
            var name = new KeyValuePair<string, object?>(CacheNameTag, r.Name);
            foreach ((long value, string tag) in read(r.Cache.GetStats()))
            {
                measurements.Add(new Measurement<long>(value, name, new KeyValuePair<string, object?>(tagKey, tag)));
            }
        }

        return measurements;
    }

    private static Measurement<long> Tagged(long value, string key, string tag) => new(value, new KeyValuePair<string, object?>(key, tag));
}
