namespace Velithon.Memory;

/// <summary>What one <see cref="IVelithonMemory.Cleanup"/> actually freed.</summary>
public readonly record struct MemoryCleanupResult
{
    /// <summary>Gets the bytes the pool released from its free lists.</summary>
    public long PoolBytesTrimmed { get; init; }

    /// <summary>Gets how many dead interned strings were removed.</summary>
    public int InternerEntriesRemoved { get; init; }

    /// <summary>Gets how many entries of the registered caches were dropped (expired, or trimmed under pressure).</summary>
    public int CacheEntriesRemoved { get; init; }

    /// <summary>Gets the bytes freed in the registered caches.</summary>
    public long CacheBytesFreed { get; init; }

    /// <summary>Gets whether a full garbage collection ran.</summary>
    public bool CollectedGarbage { get; init; }

    /// <summary>Gets whether memory was under pressure when cleanup started.</summary>
    public bool UnderPressure { get; init; }

    /// <summary>Gets the managed heap bytes before cleanup (<see cref="GC.GetTotalMemory(bool)"/>).</summary>
    public long HeapBytesBefore { get; init; }

    /// <summary>Gets the managed heap bytes after cleanup.</summary>
    public long HeapBytesAfter { get; init; }

    /// <summary>Gets the managed heap bytes freed (never negative: allocations by other threads can outrun cleanup).</summary>
    public long HeapBytesFreed => Math.Max(0, HeapBytesBefore - HeapBytesAfter);

    /// <summary>Gets how long cleanup took.</summary>
    public TimeSpan Duration { get; init; }
}
