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

    /// <summary>Gets the response cache's figures.</summary>
    public required CacheStats ResponseCache { get; init; }

    /// <summary>Gets the background task queue's figures, when one is registered with the handler.</summary>
    public BackgroundTaskQueueStats? Tasks { get; init; }

    /// <summary>Gets the garbage collector's figures.</summary>
    public required GcMemoryStats Gc { get; init; }

    /// <summary>
    /// Gets whether memory is under pressure: the GC's memory load is at or above
    /// <see cref="VelithonMemoryOptions.MemoryLoadPressurePercent"/>.
    /// </summary>
    public required bool UnderPressure { get; init; }

    /// <summary>Gets the response cache's memory in MiB (Python Velithon's <c>cache_memory_mb</c>).</summary>
    public double CacheMemoryMegabytes => Math.Round(ResponseCache.MemoryBytes / (1024d * 1024d), 3);
}
