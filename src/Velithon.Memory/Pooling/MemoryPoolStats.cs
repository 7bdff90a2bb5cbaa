using Velithon.Memory.Diagnostics;

namespace Velithon.Memory;

/// <summary>
/// An immutable snapshot of a <see cref="VelithonMemoryPool"/>'s counters, taken by
/// <see cref="VelithonMemoryPool.GetStats"/>.
/// </summary>
/// <remarks>
/// Counters are cumulative since the pool was created. A snapshot taken while other threads rent and return is a
/// close approximation; once the pool is quiet it is exact (see <see cref="PeakRentedBytes"/> for that counter's
/// precision).
/// </remarks>
public readonly record struct MemoryPoolStats
{
    /// <summary>Gets the number of calls to <see cref="VelithonMemoryPool.Rent"/> that returned a non-empty array.</summary>
    public long Rents { get; init; }

    /// <summary>
    /// Gets the number of arrays accepted by <see cref="VelithonMemoryPool.Return"/>, whether they were kept in the
    /// pool or dropped (oversized, or the bucket was full). Returning an empty array is not counted.
    /// </summary>
    public long Returns { get; init; }

    /// <summary>Gets the number of rents served with an array that was already pooled.</summary>
    public long Hits { get; init; }

    /// <summary>Gets the number of rents that had to allocate a new array (including every oversized rent).</summary>
    public long Misses { get; init; }

    /// <summary>Gets <see cref="Hits"/> as a percentage of <see cref="Rents"/> (0 when nothing was rented), rounded to 2 decimals.</summary>
    public double HitRatePercent => StatsMath.Percent(Hits, Rents);

    /// <summary>
    /// Gets the total length of the arrays rented and not yet returned. Never negative, even when arrays of a pooled
    /// length that did not come from this pool are returned to it.
    /// </summary>
    public long CurrentRentedBytes { get; init; }

    /// <summary>
    /// Gets the high-water mark of <see cref="CurrentRentedBytes"/>. Exact while a single thread uses the pool; with
    /// several threads it can be off by less than 64 KiB per thread that rents from the pool, because each thread
    /// publishes its rented bytes in batches of that size.
    /// </summary>
    public long PeakRentedBytes { get; init; }

    /// <summary>Gets the total length of the arrays held in the pool's free lists right now.</summary>
    public long PooledBytes { get; init; }

    /// <summary>Gets the total length of the pooled arrays released by trimming, manual and automatic, since creation.</summary>
    public long TrimmedBytes { get; init; }
}
