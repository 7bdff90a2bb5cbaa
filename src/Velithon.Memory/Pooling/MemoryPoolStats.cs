using Velithon.Memory.Diagnostics;

namespace Velithon.Memory;

/// <summary>
/// An immutable snapshot of a <see cref="VelithonMemoryPool"/>'s counters, taken by
/// <see cref="VelithonMemoryPool.GetStats"/>.
/// </summary>
/// <remarks>
/// Counters are cumulative since the pool was created, kept per thread without synchronization and summed by the
/// snapshot. A snapshot taken while other threads rent and return is a close approximation; once they are done
/// (whether they exited or not) it is exact (see <see cref="PeakRentedBytes"/> for that counter's precision).
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
    /// Gets the highest <see cref="CurrentRentedBytes"/> seen at a sample point: every
    /// <see cref="VelithonMemoryPool.GetStats"/>, every trim pass (manual or after a gen-2 GC), and every rent that
    /// allocates a new array when the renting thread then holds more bytes than it ever did. On one thread a high
    /// reached by allocating is exact; a high reached only by reusing pooled arrays (or, with several threads, while the
    /// allocating thread stays below its own previous high) is seen only if a sample falls while it lasts.
    /// </summary>
    public long PeakRentedBytes { get; init; }

    /// <summary>Gets the total length of the arrays held in the pool's free lists right now.</summary>
    public long PooledBytes { get; init; }

    /// <summary>Gets the total length of the pooled arrays released by trimming, manual and automatic, since creation.</summary>
    public long TrimmedBytes { get; init; }
}
