using Velithon.Memory;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// The <c>[VelithonCached]</c> store's memory level as the memory handler sees it: bytes, bounds, evictions and trimming
/// are the L1's, while hits and misses are those of the requests (<see cref="VelithonResponseCache.GetStats"/>), so
/// stats, health and the meter agree with <c>velithon.cache.hits</c>/<c>misses</c>.
/// </summary>
internal sealed class RegisteredMemoryLevel(VelithonResponseCache cache) : IMemoryBoundedCache
{
    /// <summary>The name the level is registered under with <see cref="IVelithonMemory.RegisterCache"/>.</summary>
    public const string Name = "velithon-cached";

    public long MemoryBytes => cache.Memory.MemoryBytes;

    public long MaxMemoryBytes => cache.Memory.MaxMemoryBytes;

    public CacheStats GetStats() => cache.GetStats();

    public int RemoveExpired() => cache.Memory.RemoveExpired();

    public long Trim(long targetMemoryBytes) => cache.Memory.Trim(targetMemoryBytes);
}
