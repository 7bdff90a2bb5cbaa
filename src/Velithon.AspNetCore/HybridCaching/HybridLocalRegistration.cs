using Velithon.Memory;

namespace Velithon.AspNetCore.HybridCaching;

/// <summary>
/// The L1 as the memory handler sees it: the store itself, except that a sweep first brings the store's clock
/// (<see cref="HybridL1Clock"/>) up to date, so it removes every entry whose lifetime has passed.
/// </summary>
internal sealed class HybridLocalRegistration(IMemoryBoundedCache local, HybridL1Clock clock) : IMemoryBoundedCache
{
    public long MemoryBytes => local.MemoryBytes;

    public long MaxMemoryBytes => local.MaxMemoryBytes;

    public CacheStats GetStats() => local.GetStats();

    public int RemoveExpired()
    {
        clock.Refresh();
        return local.RemoveExpired();
    }

    public long Trim(long targetMemoryBytes) => local.Trim(targetMemoryBytes);
}
