namespace Velithon.Memory.Tests.Caching;

public class CacheStatsTests
{
    [Fact]
    public void HitRatePercent_is_zero_without_lookups() => Assert.Equal(0, new CacheStats().HitRatePercent);

    [Fact]
    public void HitRatePercent_is_rounded_to_two_decimals() =>
        Assert.Equal(33.33, new CacheStats { Hits = 1, Misses = 2 }.HitRatePercent);

    [Fact]
    public void Snapshots_compare_by_value()
    {
        var a = new CacheStats { Hits = 3, Entries = 2, MemoryBytes = 10, Evictions = 1, Expirations = 4, Rejections = 5 };
        Assert.Equal(a, a with { });
        Assert.NotEqual(a, a with { Rejections = 6 });
    }
}
