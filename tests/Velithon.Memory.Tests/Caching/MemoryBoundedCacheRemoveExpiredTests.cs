using Microsoft.Extensions.Time.Testing;

namespace Velithon.Memory.Tests.Caching;

public class MemoryBoundedCacheRemoveExpiredTests
{
    [Fact]
    public void RemoveExpired_sweeps_only_expired_entries_and_counts_them_as_expirations()
    {
        var time = new FakeTimeProvider();
        var cache = new MemoryBoundedCache<string, byte[]>(new MemoryBoundedCacheOptions<string, byte[]>
        {
            TimeToLive = TimeSpan.FromMinutes(1),
            TimeProvider = time,
        });
        for (int i = 0; i < 20; i++)
        {
            cache.Set($"old-{i}", new byte[10]);
        }

        cache.TryGet("old-3", out _); // reads do not extend the time to live
        time.Advance(TimeSpan.FromSeconds(61));
        long expiredBytes = cache.MemoryBytes;
        cache.Set("fresh", new byte[10]);
        long freshBytes = cache.MemoryBytes - expiredBytes;

        Assert.Equal(20, cache.RemoveExpired());

        CacheStats stats = cache.GetStats();
        Assert.Equal(1, stats.Entries);
        Assert.Equal(20, stats.Expirations);
        Assert.Equal(0, stats.Evictions);
        Assert.Equal(freshBytes, stats.MemoryBytes);
        Assert.True(cache.TryGet("fresh", out _));
        Assert.Equal(0, cache.RemoveExpired());
    }

    [Fact]
    public void RemoveExpired_without_a_time_to_live_removes_nothing()
    {
        var cache = new MemoryBoundedCache<string, byte[]>(10, 10_000);
        cache.Set("a", new byte[1]);

        Assert.Equal(0, cache.RemoveExpired());
        Assert.Equal(1, cache.Count);
    }
}
