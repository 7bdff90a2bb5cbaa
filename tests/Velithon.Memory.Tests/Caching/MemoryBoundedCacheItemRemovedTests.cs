using Microsoft.Extensions.Time.Testing;

namespace Velithon.Memory.Tests.Caching;

public class MemoryBoundedCacheItemRemovedTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new();

    private MemoryBoundedCache<string, byte[]> Create(int maxEntries = 100, long maxMemoryBytes = 1L << 30, TimeSpan? ttl = null) =>
        new(new MemoryBoundedCacheOptions<string, byte[]>
        {
            MaxEntries = maxEntries,
            MaxMemoryBytes = maxMemoryBytes,
            TimeToLive = ttl,
            TimeProvider = _clock,
        });

    [Fact]
    public void TryRemove_raises_Removed_once_with_the_key_and_value()
    {
        var cache = Create();
        var log = new RemovalLog<string, byte[]>(cache);
        byte[] a = [1];
        byte[] b = [2];
        cache.Set("a", a);
        cache.Set("b", b);

        Assert.True(cache.TryRemove("a"));
        Assert.True(cache.TryRemove("b", out _));
        Assert.False(cache.TryRemove("a"));
        Assert.False(cache.TryRemove("never"));

        Assert.Equal([("a", a, CacheItemRemovedReason.Removed), ("b", b, CacheItemRemovedReason.Removed)], log.Items);
        Assert.Equal(0, log.RaisedUnderLock);
    }

    [Fact]
    public void Set_over_a_live_entry_raises_Replaced_with_the_old_value()
    {
        var cache = Create();
        var log = new RemovalLog<string, byte[]>(cache);
        byte[] first = [1];
        cache.Set("a", first);
        Assert.Empty(log.Items);

        cache.Set("a", [2]);
        Assert.Equal(("a", first, CacheItemRemovedReason.Replaced), log.Single());
        Assert.Equal(0, log.RaisedUnderLock);
    }

    [Fact]
    public void Eviction_for_the_entry_bound_raises_Evicted_once_per_entry()
    {
        var cache = Create(maxEntries: 10);
        var log = new RemovalLog<string, byte[]>(cache);
        for (int i = 0; i < 50; i++)
        {
            cache.Set($"k{i}", [(byte)i]);
        }

        IReadOnlyList<(string Key, byte[] Value, CacheItemRemovedReason Reason)> items = log.Items;
        Assert.Equal(40, items.Count);
        Assert.All(items, item => Assert.Equal(CacheItemRemovedReason.Evicted, item.Reason));
        Assert.Equal(40, items.Select(item => item.Key).Distinct().Count());
        Assert.All(items, item => Assert.False(cache.TryGet(item.Key, out _)));
        Assert.All(items, item => Assert.Equal(item.Key, $"k{item.Value[0]}"));
        Assert.Equal(40, cache.GetStats().Evictions);
        Assert.Equal(0, log.RaisedUnderLock);
    }

    [Fact]
    public void Eviction_for_the_memory_bound_raises_Evicted()
    {
        long entry = CacheTestHelpers.EntrySize("k0", new byte[100]);
        var cache = Create(maxMemoryBytes: 3 * entry);
        var log = new RemovalLog<string, byte[]>(cache);
        for (int i = 0; i < 4; i++)
        {
            cache.Set($"k{i}", new byte[100]);
        }

        Assert.Equal(CacheItemRemovedReason.Evicted, log.Single().Reason);
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void A_refused_value_raises_nothing_and_a_fresh_key_raises_nothing()
    {
        var cache = Create(maxMemoryBytes: 1_000);
        var log = new RemovalLog<string, byte[]>(cache);
        cache.Set("a", [1]);
        Assert.False(cache.Set("a", new byte[5_000]));
        cache.GetOrAdd("b", _ => new byte[5_000]);
        cache.TryGet("a", out _);
        Assert.Empty(log.Items);
    }

    [Fact]
    public void A_read_meeting_an_expired_entry_raises_Expired_once()
    {
        var cache = Create(ttl: Ttl);
        var log = new RemovalLog<string, byte[]>(cache);
        cache.Set("a", [1]);
        cache.Set("b", [2]);
        _clock.Advance(Ttl);

        Assert.False(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("a", out _));
        Assert.False(cache.TryGetAlternate("b".AsSpan(), out _));

        Assert.Equal(["a", "b"], log.Items.Select(item => item.Key));
        Assert.All(log.Items, item => Assert.Equal(CacheItemRemovedReason.Expired, item.Reason));
        Assert.Equal(0, log.RaisedUnderLock);
    }

    [Fact]
    public void Writes_removals_and_sweeps_that_meet_expired_entries_raise_Expired()
    {
        var cache = Create(maxEntries: 3, ttl: Ttl);
        var log = new RemovalLog<string, byte[]>(cache);
        cache.Set("set-over", [1]);
        cache.Set("remove", [1]);
        cache.Set("getoradd", [1]);
        _clock.Advance(Ttl);

        cache.Set("set-over", [2]);                 // a write over the expired entry
        Assert.False(cache.TryRemove("remove"));    // an explicit removal finds it expired
        cache.GetOrAdd("getoradd", _ => [2]);       // a miss over the expired entry
        Assert.Equal(3, log.Items.Count);
        Assert.All(log.Items, item => Assert.Equal(CacheItemRemovedReason.Expired, item.Reason));
        Assert.Equal(["set-over", "remove", "getoradd"], log.Items.Select(item => item.Key));

        int before = log.Items.Count;
        cache.Set("x", [3]);
        _clock.Advance(Ttl);
        cache.Set("y", [4]);                        // the full cache evicts: what it meets has expired
        Assert.True(log.Items.Count > before);

        _clock.Advance(Ttl);
        before = log.Items.Count;
        int swept = cache.RemoveExpired();
        Assert.True(swept > 0);
        Assert.Equal(before + swept, log.Items.Count);
        Assert.All(log.Items, item => Assert.Equal(CacheItemRemovedReason.Expired, item.Reason));
        Assert.Equal(cache.GetStats().Expirations, log.Items.Count);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Every_expiration_counted_raises_one_Expired_event()
    {
        var cache = Create(maxEntries: 4, ttl: Ttl);
        var log = new RemovalLog<string, byte[]>(cache);
        for (int round = 0; round < 5; round++)
        {
            for (int i = 0; i < 6; i++)
            {
                cache.Set($"k{i}", [1]);
            }

            _clock.Advance(Ttl);
            cache.TryGet("k5", out _);
            cache.Set("k0", [2]);
        }

        cache.RemoveExpired();
        CacheStats stats = cache.GetStats();
        Assert.Equal(stats.Expirations, log.Items.Count(item => item.Reason == CacheItemRemovedReason.Expired));
        Assert.Equal(stats.Evictions, log.Items.Count(item => item.Reason == CacheItemRemovedReason.Evicted));
    }

    [Fact]
    public void Trim_raises_Trimmed_and_Clear_raises_Cleared_for_every_entry()
    {
        var cache = Create();
        var log = new RemovalLog<string, byte[]>(cache);
        for (int i = 0; i < 10; i++)
        {
            cache.Set($"k{i}", new byte[100]);
        }

        cache.Trim(cache.MemoryBytes / 2);
        int trimmed = 10 - cache.Count;
        Assert.Equal(trimmed, log.Items.Count);
        Assert.All(log.Items, item => Assert.Equal(CacheItemRemovedReason.Trimmed, item.Reason));
        Assert.Equal(trimmed, cache.GetStats().Evictions);

        log.Clear();
        string[] left = Enumerable.Range(0, 10).Select(i => $"k{i}").Where(k => cache.TryGet(k, out _)).ToArray();
        Assert.Equal(left.Length, cache.Clear());
        Assert.Equal(left.Order(), log.Items.Select(item => item.Key).Order());
        Assert.All(log.Items, item => Assert.Equal(CacheItemRemovedReason.Cleared, item.Reason));
        Assert.Equal(0, log.RaisedUnderLock);
    }

    [Fact]
    public void A_handler_may_use_the_cache()
    {
        var cache = Create(maxEntries: 2);
        var seen = new List<string>();
        cache.ItemRemoved += (_, e) =>
        {
            // Re-entering the cache from a handler neither deadlocks nor loses the handler's own write.
            seen.Add(e.Key);
            if (e.Key == "a")
            {
                cache.Set("from-handler", [9]);
            }
        };
        cache.Set("a", [1]);
        cache.Set("b", [2]);
        cache.Set("c", [3]);
        Assert.Equal("a", seen[0]);
        Assert.True(cache.TryGet("from-handler", out _));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void A_throwing_handler_does_not_stop_the_other_notifications_and_surfaces_to_the_caller()
    {
        var cache = Create();
        int calls = 0;
        cache.ItemRemoved += (_, e) =>
        {
            calls++;
            throw new InvalidOperationException(e.Key);
        };
        cache.Set("a", [1]);
        cache.Set("b", [1]);
        cache.Set("c", [1]);

        var single = Assert.Throws<InvalidOperationException>(() => cache.TryRemove("a"));
        Assert.Equal("a", single.Message);
        Assert.False(cache.TryGet("a", out _)); // the removal itself happened

        var all = Assert.Throws<AggregateException>(() => cache.Clear());
        Assert.Equal(2, all.InnerExceptions.Count);
        Assert.Equal(3, calls);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Removals_do_not_change_the_counters_they_did_not_change_before()
    {
        var cache = Create();
        var log = new RemovalLog<string, byte[]>(cache);
        cache.Set("a", [1]);
        cache.Set("a", [2]);
        cache.TryRemove("a");
        cache.Set("b", [1]);
        cache.Clear();
        CacheStats stats = cache.GetStats();
        Assert.Equal(3, log.Items.Count);
        Assert.Equal(0, stats.Evictions);
        Assert.Equal(0, stats.Expirations);
        Assert.Equal(0, stats.Hits + stats.Misses);
    }
}
