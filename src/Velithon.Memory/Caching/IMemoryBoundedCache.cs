namespace Velithon.Memory;

/// <summary>
/// A cache that holds memory on the application's behalf, bounded by a byte budget, that the memory handler can measure
/// and trim: register one with <see cref="IVelithonMemory.RegisterCache"/> and it appears in
/// <see cref="IVelithonMemory.GetStats"/>, in health, on the meter, and is swept and trimmed by
/// <see cref="IVelithonMemory.Cleanup"/>. <see cref="MemoryBoundedCache{TKey, TValue}"/> implements it.
/// </summary>
public interface IMemoryBoundedCache
{
    /// <summary>Gets the accounted bytes of all entries held.</summary>
    long MemoryBytes { get; }

    /// <summary>Gets the byte budget; cleanup trims to a share of it.</summary>
    long MaxMemoryBytes { get; }

    /// <summary>Takes a snapshot of the cache's counters.</summary>
    /// <returns>The snapshot.</returns>
    CacheStats GetStats();

    /// <summary>Removes every entry whose time to live has passed.</summary>
    /// <returns>The number of entries removed.</returns>
    int RemoveExpired();

    /// <summary>Evicts entries until <see cref="MemoryBytes"/> is at most <paramref name="targetMemoryBytes"/>.</summary>
    /// <param name="targetMemoryBytes">The accounted bytes to get down to; 0 empties the cache.</param>
    /// <returns>The accounted bytes freed.</returns>
    long Trim(long targetMemoryBytes);
}
