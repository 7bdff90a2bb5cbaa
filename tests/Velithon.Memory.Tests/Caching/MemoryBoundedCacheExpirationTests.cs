using Microsoft.Extensions.Time.Testing;

namespace Velithon.Memory.Tests.Caching;

public class MemoryBoundedCacheExpirationTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new();

    private MemoryBoundedCache<string, byte[]> Create(int maxEntries = 100) => new(new MemoryBoundedCacheOptions<string, byte[]>
    {
        MaxEntries = maxEntries,
        TimeToLive = Ttl,
        TimeProvider = _clock,
    });

    [Fact]
    public void Entry_lives_until_its_time_to_live_then_is_a_miss_and_is_removed()
    {
        var cache = Create();
        cache.Set("a", [1]);
        _clock.Advance(Ttl - TimeSpan.FromTicks(1));
        Assert.True(cache.TryGet("a", out _));

        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.False(cache.TryGet("a", out byte[]? value));
        Assert.Null(value);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.MemoryBytes);

        CacheStats stats = cache.GetStats();
        Assert.Equal(1, stats.Hits);
        Assert.Equal(1, stats.Misses);
        Assert.Equal(1, stats.Expirations);
        Assert.Equal(0, stats.Evictions);
    }

    [Fact]
    public void Reads_do_not_extend_the_time_to_live_but_writes_do()
    {
        var cache = Create();
        cache.Set("read", [1]);
        cache.Set("written", [1]);
        _clock.Advance(Ttl / 2);
        cache.TryGet("read", out _);
        cache.Set("written", [2]);
        _clock.Advance(Ttl / 2);
        Assert.False(cache.TryGet("read", out _));
        Assert.True(cache.TryGet("written", out byte[]? value));
        Assert.Equal(2, value[0]);
    }

    [Fact]
    public void GetOrAdd_recomputes_an_expired_entry()
    {
        var cache = Create();
        int calls = 0;
        byte[] Factory(string _) => [(byte)++calls];

        Assert.Equal(1, cache.GetOrAdd("a", Factory)[0]);
        Assert.Equal(1, cache.GetOrAdd("a", Factory)[0]);
        _clock.Advance(Ttl);
        Assert.Equal(2, cache.GetOrAdd("a", Factory)[0]);
        Assert.Equal(2, calls);
        Assert.Equal(1, cache.Count);
        Assert.Equal(1, cache.GetStats().Expirations);
    }

    [Fact]
    public void Set_over_an_expired_entry_counts_an_expiration_not_an_update()
    {
        var cache = Create();
        cache.Set("a", [1]);
        _clock.Advance(Ttl);
        cache.Set("a", [2]);
        Assert.Equal(1, cache.GetStats().Expirations);
        Assert.True(cache.TryGet("a", out byte[]? value));
        Assert.Equal(2, value[0]);
        Assert.Equal(CacheTestHelpers.EntrySize("a", [2]), cache.MemoryBytes);
    }

    [Fact]
    public void TryRemove_of_an_expired_entry_removes_it_and_reports_false()
    {
        var cache = Create();
        cache.Set("a", [1]);
        _clock.Advance(Ttl);
        Assert.False(cache.TryRemove("a", out _));
        Assert.Equal(0, cache.Count);
        Assert.Equal(1, cache.GetStats().Expirations);
    }

    [Fact]
    public void Expired_entries_met_by_eviction_count_as_expirations()
    {
        var cache = Create(maxEntries: 3);
        cache.Set("a", [1]);
        cache.Set("b", [1]);
        cache.Set("c", [1]);
        _clock.Advance(Ttl);
        cache.Set("d", [1]);
        CacheStats stats = cache.GetStats();
        Assert.Equal(1, stats.Expirations);
        Assert.Equal(0, stats.Evictions);
        Assert.Equal(3, stats.Entries);
    }

    [Fact]
    public void Without_a_time_to_live_entries_never_expire()
    {
        var cache = new MemoryBoundedCache<string, byte[]>(new MemoryBoundedCacheOptions<string, byte[]> { TimeProvider = _clock });
        cache.Set("a", [1]);
        _clock.Advance(TimeSpan.FromDays(10_000));
        Assert.True(cache.TryGet("a", out _));
    }

    [Fact]
    public void A_huge_time_to_live_does_not_overflow()
    {
        var cache = new MemoryBoundedCache<string, byte[]>(new MemoryBoundedCacheOptions<string, byte[]>
        {
            TimeToLive = TimeSpan.MaxValue,
            TimeProvider = _clock,
        });
        cache.Set("a", [1]);
        _clock.Advance(TimeSpan.FromDays(10_000));
        Assert.True(cache.TryGet("a", out _));
    }
}
