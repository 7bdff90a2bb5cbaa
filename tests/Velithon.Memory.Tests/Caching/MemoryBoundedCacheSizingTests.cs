namespace Velithon.Memory.Tests.Caching;

public class MemoryBoundedCacheSizingTests
{
    [Fact]
    public void Byte_array_and_string_entries_are_sized_exactly()
    {
        if (IntPtr.Size != 8)
        {
            return; // The constants below are for 64-bit.
        }

        var cache = CacheTestHelpers.Create();

        // Overhead 128 (cache node 72 + dictionary node 48 + bucket 8), key "k" 24 (22 + 2, rounded to 8),
        // byte[10] 40 (24 + 10, rounded to 8).
        cache.Set("k", new byte[10]);
        Assert.Equal(128 + 24 + 40, cache.MemoryBytes);

        var strings = new MemoryBoundedCache<string, string>(10, 100_000);
        strings.Set("k", new string('x', 100));
        Assert.Equal(128 + 24 + 224, strings.MemoryBytes);
    }

    [Fact]
    public void ReadOnlyMemory_counts_its_length_even_for_a_slice()
    {
        var cache = new MemoryBoundedCache<int, ReadOnlyMemory<byte>>(10, 100_000);
        byte[] buffer = new byte[1000];
        cache.Set(1, buffer.AsMemory(100, 300));
        Assert.Equal(CacheTestHelpers.Overhead<int, ReadOnlyMemory<byte>>() + 300, cache.MemoryBytes);
    }

    [Fact]
    public void IMemorySized_values_report_their_own_size()
    {
        var cache = new MemoryBoundedCache<long, SizedBlob>(10, 100_000);
        cache.Set(1, new SizedBlob(777));
        Assert.Equal(CacheTestHelpers.Overhead<long, SizedBlob>() + 777, cache.MemoryBytes);
    }

    [Fact]
    public void Given_sizers_are_used_even_for_known_types()
    {
        var cache = new MemoryBoundedCache<string, byte[]>(new MemoryBoundedCacheOptions<string, byte[]>
        {
            KeySizer = static _ => 1,
            ValueSizer = static v => v.Length * 10L,
        });
        cache.Set("abc", new byte[5]);
        Assert.Equal(CacheTestHelpers.Overhead<string, byte[]>() + 1 + 50, cache.MemoryBytes);
    }

    [Fact]
    public void Negative_sizes_throw()
    {
        var cache = new MemoryBoundedCache<string, byte[]>(new MemoryBoundedCacheOptions<string, byte[]> { ValueSizer = static _ => -1 });
        var ex = Assert.Throws<InvalidOperationException>(() => cache.Set("a", [1]));
        Assert.Contains("ValueSizer", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Updating_a_key_replaces_its_size()
    {
        var cache = CacheTestHelpers.Create();
        cache.Set("a", new byte[10_000]);
        cache.Set("a", new byte[10]);
        Assert.Equal(CacheTestHelpers.EntrySize("a", new byte[10]), cache.MemoryBytes);
        cache.Set("a", new byte[500]);
        Assert.Equal(CacheTestHelpers.EntrySize("a", new byte[500]), cache.MemoryBytes);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Updating_a_key_with_a_same_size_value_evicts_nothing_in_a_full_cache()
    {
        long entry = CacheTestHelpers.EntrySize("k0", new byte[100]);
        var cache = CacheTestHelpers.Create(maxEntries: 100, maxMemoryBytes: 3 * entry);
        cache.Set("k0", new byte[100]);
        cache.Set("k1", new byte[100]);
        cache.Set("k2", new byte[100]);
        Assert.Equal(3 * entry, cache.MemoryBytes);

        cache.Set("k1", new byte[100]);
        cache.Set("k1", new byte[90]);
        Assert.Equal(0, cache.GetStats().Evictions);
        Assert.True(cache.TryGet("k0", out _) && cache.TryGet("k1", out _) && cache.TryGet("k2", out _));
    }

    [Fact]
    public void Growing_an_entry_evicts_only_what_it_needs()
    {
        long entry = CacheTestHelpers.EntrySize("k0", new byte[100]);
        var cache = CacheTestHelpers.Create(maxEntries: 100, maxMemoryBytes: 4 * entry);
        for (int i = 0; i < 4; i++)
        {
            cache.Set($"k{i}", new byte[100]);
        }

        cache.Set("k3", new byte[200]);
        Assert.Equal(1, cache.GetStats().Evictions);
        Assert.Equal(3, cache.Count);
        Assert.True(cache.TryGet("k3", out byte[]? grown));
        Assert.Equal(200, grown.Length);
    }

    [Fact]
    public void Oversized_value_is_refused_counted_and_leaves_the_cache_unchanged()
    {
        var cache = CacheTestHelpers.Create(maxEntries: 10, maxMemoryBytes: 2_000);
        byte[] original = new byte[100];
        cache.Set("a", original);
        cache.Set("b", new byte[100]);
        long memory = cache.MemoryBytes;

        Assert.False(cache.Set("a", new byte[2_000]));
        Assert.False(cache.Set("c", new byte[5_000]));

        CacheStats stats = cache.GetStats();
        Assert.Equal(2, stats.Rejections);
        Assert.Equal(0, stats.Evictions);
        Assert.Equal(memory, cache.MemoryBytes);
        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("a", out byte[]? a));
        Assert.Same(original, a);
        Assert.False(cache.TryGet("c", out _));
    }

    [Fact]
    public void A_value_exactly_at_the_memory_bound_is_accepted_and_evicts_everything_else()
    {
        long full = CacheTestHelpers.EntrySize("big", new byte[1_000]);
        var cache = CacheTestHelpers.Create(maxEntries: 10, maxMemoryBytes: full);
        cache.Set("a", new byte[10]);
        Assert.True(cache.Set("big", new byte[1_000]));
        Assert.Equal(full, cache.MemoryBytes);
        Assert.Equal(1, cache.Count);
        Assert.False(cache.Set("bigger", new byte[1_001]));
    }

    [Fact]
    public void Entry_bound_is_never_exceeded()
    {
        var cache = CacheTestHelpers.Create(maxEntries: 5);
        for (int i = 0; i < 20; i++)
        {
            cache.Set($"k{i}", new byte[8]);
            Assert.True(cache.Count <= 5);
        }

        Assert.Equal(5, cache.Count);
        Assert.Equal(15, cache.GetStats().Evictions);
    }

    [Fact]
    public void Memory_bound_is_never_exceeded_and_evictions_count_entries()
    {
        long entry = CacheTestHelpers.EntrySize("k00", new byte[256]);
        var cache = CacheTestHelpers.Create(maxEntries: 1_000, maxMemoryBytes: (4 * entry) + (entry / 2));
        for (int i = 0; i < 10; i++)
        {
            cache.Set($"k{i:D2}", new byte[256]);
            Assert.True(cache.MemoryBytes <= cache.MaxMemoryBytes);
        }

        Assert.Equal(4, cache.Count);
        Assert.Equal(6, cache.GetStats().Evictions);

        // One large entry needs several small ones gone: each one counts.
        cache.Set("large", new byte[(int)(3.5 * entry)]);
        Assert.True(cache.MemoryBytes <= cache.MaxMemoryBytes);
        Assert.Equal(6 + 4, cache.GetStats().Evictions);
        Assert.Equal(1, cache.Count);
    }
}
