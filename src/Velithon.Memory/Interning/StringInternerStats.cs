using Velithon.Memory.Diagnostics;

namespace Velithon.Memory;

/// <summary>An immutable snapshot of a <see cref="StringInterner"/>'s counters, taken by <see cref="StringInterner.GetStats"/>.</summary>
/// <remarks>
/// Only the <c>Intern</c>/<c>InternUtf8</c> calls are counted; <c>TryGet</c> is a pure probe and counts nothing.
/// Every counted call is exactly one of a hit, a miss or a rejection.
/// </remarks>
public readonly record struct StringInternerStats
{
    /// <summary>Gets the number of calls that returned an already interned instance (empty input counts as a hit).</summary>
    public long Hits { get; init; }

    /// <summary>Gets the number of calls that added a new string to the interner.</summary>
    public long Misses { get; init; }

    /// <summary>
    /// Gets the number of calls whose result was returned un-interned because the input was longer than
    /// <see cref="StringInterner.MaxStringLength"/> or the interner was full (<see cref="StringInterner.MaxCount"/>).
    /// </summary>
    public long Rejected { get; init; }

    /// <summary>Gets <see cref="Hits"/> as a percentage of all counted calls (hits, misses and rejections), or 0 before any call.</summary>
    public double HitRatePercent => StatsMath.Percent(Hits, Hits + Misses + Rejected);

    /// <summary>Gets the number of entries at the time of the snapshot: live strings plus dead entries not yet cleaned up.</summary>
    public int Count { get; init; }

    /// <summary>Gets the total number of dead entries removed so far, by <see cref="StringInterner.Cleanup"/> or automatically.</summary>
    public long CleanedUp { get; init; }
}
