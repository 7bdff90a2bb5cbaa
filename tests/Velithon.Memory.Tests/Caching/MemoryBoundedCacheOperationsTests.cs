namespace Velithon.Memory.Tests.Caching;

public class MemoryBoundedCacheOperationsTests
{
    [Fact]
    public void Set_then_TryGet_returns_the_value()
    {
        var cache = CacheTestHelpers.Create();
        byte[] value = [1, 2, 3];
        Assert.True(cache.Set("a", value));
        Assert.True(cache.TryGet("a", out byte[]? found));
        Assert.Same(value, found);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void TryGet_on_a_missing_key_is_a_miss()
    {
        var cache = CacheTestHelpers.Create();
        Assert.False(cache.TryGet("nope", out byte[]? found));
        Assert.Null(found);
        Assert.Equal(1, cache.GetStats().Misses);
    }

    [Fact]
    public void Set_on_an_existing_key_replaces_the_value()
    {
        var cache = CacheTestHelpers.Create();
        cache.Set("a", [1]);
        byte[] second = [2];
        cache.Set("a", second);
        Assert.True(cache.TryGet("a", out byte[]? found));
        Assert.Same(second, found);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Null_values_are_stored()
    {
        var cache = new MemoryBoundedCache<string, string?>(10, 10_000);
        Assert.True(cache.Set("a", null));
        Assert.True(cache.TryGet("a", out string? found));
        Assert.Null(found);
    }

    [Fact]
    public void TryRemove_removes_and_returns_the_value()
    {
        var cache = CacheTestHelpers.Create();
        byte[] value = [9];
        cache.Set("a", value);
        Assert.True(cache.TryRemove("a", out byte[]? removed));
        Assert.Same(value, removed);
        Assert.False(cache.TryGet("a", out _));
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.MemoryBytes);
        Assert.False(cache.TryRemove("a"));
        Assert.False(cache.TryRemove("never", out byte[]? none));
        Assert.Null(none);
        Assert.Equal(0, cache.GetStats().Evictions);
    }

    [Fact]
    public void TryRemove_without_value_overload()
    {
        var cache = CacheTestHelpers.Create();
        cache.Set("a", [1]);
        Assert.True(cache.TryRemove("a"));
        Assert.False(cache.TryRemove("a"));
    }

    [Fact]
    public void GetOrAdd_calls_the_factory_only_on_a_miss()
    {
        var cache = CacheTestHelpers.Create();
        int calls = 0;
        byte[] first = cache.GetOrAdd("a", _ => { calls++; return [1]; });
        byte[] second = cache.GetOrAdd("a", _ => { calls++; return [2]; });
        Assert.Same(first, second);
        Assert.Equal(1, calls);
        CacheStats stats = cache.GetStats();
        Assert.Equal(1, stats.Hits);
        Assert.Equal(1, stats.Misses);
    }

    [Fact]
    public void GetOrAdd_with_argument_passes_it_to_the_factory()
    {
        var cache = CacheTestHelpers.Create();
        byte[] value = cache.GetOrAdd("a", static (key, length) => new byte[length + key.Length], 10);
        Assert.Equal(11, value.Length);
        Assert.Same(value, cache.GetOrAdd("a", static (_, _) => new byte[1], 0));
    }

    [Fact]
    public void GetOrAdd_of_an_oversized_value_returns_it_uncached_and_counts_a_rejection()
    {
        var cache = CacheTestHelpers.Create(maxMemoryBytes: 1_000);
        byte[] big = cache.GetOrAdd("a", _ => new byte[5_000]);
        Assert.Equal(5_000, big.Length);
        Assert.False(cache.TryGet("a", out _));
        Assert.Equal(1, cache.GetStats().Rejections);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Clear_drops_everything_and_keeps_counters()
    {
        var cache = CacheTestHelpers.Create();
        for (int i = 0; i < 10; i++)
        {
            cache.Set($"k{i}", new byte[16]);
        }

        cache.TryGet("k1", out _);
        Assert.Equal(10, cache.Clear());
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.MemoryBytes);
        Assert.False(cache.TryGet("k1", out _));
        CacheStats stats = cache.GetStats();
        Assert.Equal(1, stats.Hits);
        Assert.Equal(0, stats.Evictions);
        Assert.Equal(0, cache.Clear());

        cache.Set("again", [1]);
        Assert.True(cache.TryGet("again", out _));
    }

    [Fact]
    public void Trim_evicts_down_to_the_target_and_returns_bytes_freed()
    {
        var cache = CacheTestHelpers.Create();
        for (int i = 0; i < 20; i++)
        {
            cache.Set($"k{i:D2}", new byte[100]);
        }

        long before = cache.MemoryBytes;
        long target = before / 2;
        long freed = cache.Trim(target);
        Assert.True(cache.MemoryBytes <= target);
        Assert.Equal(before - cache.MemoryBytes, freed);
        Assert.Equal(20 - cache.Count, cache.GetStats().Evictions);

        Assert.Equal(0, cache.Trim(cache.MemoryBytes));
        cache.Trim(0);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.MemoryBytes);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => cache.Trim(-1));
        Assert.Equal("targetMemoryBytes", ex.ParamName);
    }

    [Fact]
    public void Null_keys_and_factories_are_rejected()
    {
        var cache = CacheTestHelpers.Create();
        Assert.Throws<ArgumentNullException>(() => cache.TryGet(null!, out _));
        Assert.Throws<ArgumentNullException>(() => cache.Set(null!, [1]));
        Assert.Throws<ArgumentNullException>(() => cache.GetOrAdd(null!, _ => [1]));
        Assert.Throws<ArgumentNullException>(() => cache.GetOrAdd("a", null!));
        Assert.Throws<ArgumentNullException>(() => cache.GetOrAdd("a", (Func<string, int, byte[]>)null!, 1));
        Assert.Throws<ArgumentNullException>(() => cache.TryRemove(null!));
    }

    [Fact]
    public void Key_comparer_is_used()
    {
        var cache = new MemoryBoundedCache<string, byte[]>(new MemoryBoundedCacheOptions<string, byte[]>
        {
            KeyComparer = StringComparer.OrdinalIgnoreCase,
        });
        cache.Set("Key", [1]);
        Assert.True(cache.TryGet("KEY", out _));
        cache.Set("kEy", [2]);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Stats_count_hits_and_misses_of_lookups_only()
    {
        var cache = CacheTestHelpers.Create();
        cache.Set("a", [1]);
        cache.TryGet("a", out _);
        cache.TryGet("a", out _);
        cache.TryGet("b", out _);
        cache.GetOrAdd("c", _ => [3]);
        cache.TryRemove("a");
        CacheStats stats = cache.GetStats();
        Assert.Equal(2, stats.Hits);
        Assert.Equal(2, stats.Misses);
        Assert.Equal(50, stats.HitRatePercent);
        Assert.Equal(1, stats.Entries);
        Assert.Equal(cache.MemoryBytes, stats.MemoryBytes);
        Assert.Equal(cache.MaxEntries, stats.MaxEntries);
        Assert.Equal(cache.MaxMemoryBytes, stats.MaxMemoryBytes);
    }
}
