using Velithon.Memory.Diagnostics;

namespace Velithon.Memory;

/// <summary>
/// An immutable snapshot of a <see cref="MemoryBoundedCache{TKey, TValue}"/>'s counters, taken by
/// <see cref="MemoryBoundedCache{TKey, TValue}.GetStats"/>.
/// </summary>
/// <remarks>
/// Each field is read atomically but the snapshot as a whole is not taken under a lock, so while writers are busy
/// the fields may come from slightly different instants. <see cref="Entries"/> and <see cref="MemoryBytes"/> are
/// nevertheless never above <see cref="MaxEntries"/> and <see cref="MaxMemoryBytes"/>.
/// </remarks>
public readonly record struct CacheStats
{
    /// <summary>Gets the number of lookups (<c>TryGet</c>, <c>GetOrAdd</c>) that found a live entry.</summary>
    public long Hits { get; init; }

    /// <summary>Gets the number of lookups that found no entry or an expired one.</summary>
    public long Misses { get; init; }

    /// <summary>Gets <see cref="Hits"/> as a percentage of all lookups, rounded to two decimals (0 when there were none).</summary>
    public double HitRatePercent => StatsMath.Percent(Hits, Hits + Misses);

    /// <summary>Gets the number of entries held, including expired ones not yet removed.</summary>
    public int Entries { get; init; }

    /// <summary>Gets the accounted bytes of all entries held (keys, values and per-entry overhead).</summary>
    public long MemoryBytes { get; init; }

    /// <summary>Gets the configured entry bound.</summary>
    public int MaxEntries { get; init; }

    /// <summary>Gets the configured memory bound in bytes.</summary>
    public long MaxMemoryBytes { get; init; }

    /// <summary>
    /// Gets the number of entries evicted to make room (for either bound, or by <c>Trim</c>). Each evicted entry counts
    /// once; explicit removals, <c>Clear</c> and expirations are not evictions.
    /// </summary>
    public long Evictions { get; init; }

    /// <summary>Gets the number of entries removed because their time to live had passed.</summary>
    public long Expirations { get; init; }

    /// <summary>Gets the number of values refused because their entry would be larger than <see cref="MaxMemoryBytes"/>.</summary>
    public long Rejections { get; init; }
}
