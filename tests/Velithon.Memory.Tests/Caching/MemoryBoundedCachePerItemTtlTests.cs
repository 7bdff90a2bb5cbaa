using Microsoft.Extensions.Time.Testing;

namespace Velithon.Memory.Tests.Caching;

public class MemoryBoundedCachePerItemTtlTests
{
    private static readonly TimeSpan CacheTtl = TimeSpan.FromMinutes(10);
    private readonly FakeTimeProvider _clock = new();

    private MemoryBoundedCache<string, byte[]> Create(TimeSpan? cacheTtl) => new(new MemoryBoundedCacheOptions<string, byte[]>
    {
        TimeToLive = cacheTtl,
        TimeProvider = _clock,
    });

    [Fact]
    public void An_entry_ttl_expires_it_in_a_cache_without_a_ttl()
    {
        var cache = Create(cacheTtl: null);
        cache.Set("short", [1], TimeSpan.FromSeconds(5));
        cache.Set("forever", [2]);

        _clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.True(cache.TryGet("short", out _));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.False(cache.TryGet("short", out _));
        Assert.False(cache.TryGetAlternate("short".AsSpan(), out _));

        _clock.Advance(TimeSpan.FromDays(1_000));
        Assert.True(cache.TryGet("forever", out _));
        Assert.Equal(1, cache.Count);
        Assert.Equal(1, cache.GetStats().Expirations);
    }

    [Fact]
    public void An_entry_ttl_takes_precedence_over_the_cache_ttl_both_ways()
    {
        var cache = Create(CacheTtl);
        cache.Set("shorter", [1], TimeSpan.FromMinutes(1));
        cache.Set("longer", [2], TimeSpan.FromHours(1));
        cache.Set("default", [3]);
        cache.Set("never", [4], Timeout.InfiniteTimeSpan);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(cache.TryGet("shorter", out _));
        Assert.True(cache.TryGet("default", out _));

        _clock.Advance(CacheTtl - TimeSpan.FromMinutes(1));
        Assert.False(cache.TryGet("default", out _));
        Assert.True(cache.TryGet("longer", out _));

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.False(cache.TryGet("longer", out _));
        Assert.True(cache.TryGet("never", out _));
        Assert.Equal(3, cache.GetStats().Expirations);
    }

    [Fact]
    public void Rewriting_an_entry_without_a_ttl_returns_it_to_the_cache_default()
    {
        var cache = Create(CacheTtl);
        cache.Set("a", [1], TimeSpan.FromSeconds(1));
        cache.Set("a", [2]);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(cache.TryGet("a", out byte[]? value));
        Assert.Equal(2, value[0]);
        _clock.Advance(CacheTtl);
        Assert.False(cache.TryGet("a", out _));
    }

    [Fact]
    public void GetOrAdd_with_a_ttl_sets_it_on_a_miss_and_leaves_a_hit_unchanged()
    {
        var cache = Create(cacheTtl: null);
        int calls = 0;
        byte[] Factory(string _) => [(byte)++calls];

        Assert.Equal(1, cache.GetOrAdd("a", Factory, TimeSpan.FromSeconds(10))[0]);
        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(1, cache.GetOrAdd("a", Factory, TimeSpan.FromHours(1))[0]); // a hit: the expiry stays
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, cache.GetOrAdd("a", Factory, TimeSpan.FromSeconds(10))[0]);
        Assert.Equal(2, calls);
        Assert.Equal(1, cache.GetStats().Expirations);
    }

    [Fact]
    public void RemoveExpired_sweeps_entries_with_their_own_ttl_in_a_cache_without_one()
    {
        var cache = Create(cacheTtl: null);
        cache.Set("a", [1], TimeSpan.FromSeconds(1));
        cache.Set("b", [1], TimeSpan.FromSeconds(2));
        cache.Set("c", [1]);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, cache.RemoveExpired());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, cache.RemoveExpired());
        Assert.Equal(1, cache.Count);
        Assert.Equal(2, cache.GetStats().Expirations);
    }

    [Fact]
    public void Expired_entries_with_their_own_ttl_are_dropped_by_eviction_as_expirations()
    {
        var cache = new MemoryBoundedCache<string, byte[]>(new MemoryBoundedCacheOptions<string, byte[]>
        {
            MaxEntries = 2,
            TimeProvider = _clock,
        });
        cache.Set("a", [1], TimeSpan.FromSeconds(1));
        cache.Set("b", [1]);
        _clock.Advance(TimeSpan.FromSeconds(1));
        cache.Set("c", [1]);
        CacheStats stats = cache.GetStats();
        Assert.Equal(1, stats.Expirations);
        Assert.Equal(0, stats.Evictions);
        Assert.True(cache.TryGet("b", out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_ttl_that_is_not_positive_is_refused(long ticks)
    {
        var cache = Create(cacheTtl: null);
        var ttl = TimeSpan.FromTicks(ticks);
        Assert.Equal("timeToLive", Assert.Throws<ArgumentOutOfRangeException>(() => cache.Set("a", [1], ttl)).ParamName);
        Assert.Equal("timeToLive", Assert.Throws<ArgumentOutOfRangeException>(() => cache.GetOrAdd("a", _ => [1], ttl)).ParamName);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_huge_entry_ttl_does_not_overflow()
    {
        var cache = Create(CacheTtl);
        cache.Set("a", [1], TimeSpan.MaxValue);
        _clock.Advance(TimeSpan.FromDays(100_000));
        Assert.True(cache.TryGet("a", out _));
    }
}
