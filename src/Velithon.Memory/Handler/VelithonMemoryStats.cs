namespace Velithon.Memory;

/// <summary>
/// One snapshot of every memory component and of the GC: what Python Velithon's <c>get_memory_stats()</c> lists, and more.
/// Immutable; take a new one to see new figures.
/// </summary>
public sealed record VelithonMemoryStats
{
    /// <summary>Gets when the snapshot was taken.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the byte pool's figures.</summary>
    public required MemoryPoolStats Pool { get; init; }

    /// <summary>Gets the string interner's figures.</summary>
    public required StringInternerStats Interner { get; init; }

    /// <summary>
    /// Gets the figures of <see cref="IVelithonMemory.ResponseCache"/>, the cache behind
    /// <see cref="IVelithonMemory.CacheResponse"/> (also listed in <see cref="Caches"/> as <c>responses</c>).
    /// </summary>
    public required CacheStats ResponseCache { get; init; }

    /// <summary>
    /// Gets the figures of every cache registered with the handler (<see cref="IVelithonMemory.RegisterCache"/>), in
    /// registration order: <c>responses</c> first, then for example the <c>[VelithonCached]</c> store.
    /// </summary>
    public required IReadOnlyList<NamedCacheStats> Caches { get; init; }

    /// <summary>
    /// Gets the sums over <see cref="Caches"/>: hits, misses, entries, bytes, bounds, evictions, expirations and
    /// rejections (so the hit rate is that of all lookups of all registered caches).
    /// </summary>
    public CacheStats CacheTotals
    {
        get
        {
            long hits = 0, misses = 0, memory = 0, maxMemory = 0, evictions = 0, expirations = 0, rejections = 0, entries = 0, maxEntries = 0;
            foreach (NamedCacheStats cache in Caches)
            {
                CacheStats s = cache.Stats;
                hits += s.Hits;
                misses += s.Misses;
                entries += s.Entries;
                maxEntries += s.MaxEntries;
                memory += s.MemoryBytes;
                maxMemory += s.MaxMemoryBytes;
                evictions += s.Evictions;
                expirations += s.Expirations;
                rejections += s.Rejections;
            }

            return new CacheStats
            {
                Hits = hits,
                Misses = misses,
                Entries = (int)Math.Min(entries, int.MaxValue),
                MemoryBytes = memory,
                MaxEntries = (int)Math.Min(maxEntries, int.MaxValue),
                MaxMemoryBytes = maxMemory,
                Evictions = evictions,
                Expirations = expirations,
                Rejections = rejections,
            };
        }
    }

    /// <summary>Gets the background task queue's figures, when one is registered with the handler.</summary>
    public BackgroundTaskQueueStats? Tasks { get; init; }

    /// <summary>Gets the garbage collector's figures.</summary>
    public required GcMemoryStats Gc { get; init; }

    /// <summary>
    /// Gets whether memory is under pressure: the GC's memory load is at or above
    /// <see cref="VelithonMemoryOptions.MemoryLoadPressurePercent"/>.
    /// </summary>
    public required bool UnderPressure { get; init; }

    /// <summary>Gets the memory of all registered caches (<see cref="CacheTotals"/>) in MiB (Python Velithon's <c>cache_memory_mb</c>).</summary>
    public double CacheMemoryMegabytes => Math.Round(CacheTotals.MemoryBytes / (1024d * 1024d), 3);
}
