namespace Velithon.Memory.Tests.Caching;

public class MemoryBoundedCacheEvictionPolicyTests
{
    [Fact]
    public void Unread_entries_leave_first_in_insertion_order_and_a_read_entry_survives()
    {
        var cache = new MemoryBoundedCache<int, string>(10, 1L << 20);
        for (int i = 0; i < 10; i++)
        {
            cache.Set(i, "v");
        }

        cache.TryGet(0, out _);
        for (int i = 10; i < 15; i++)
        {
            cache.Set(i, "v");
        }

        Assert.True(cache.TryGet(0, out _));
        for (int i = 1; i <= 5; i++)
        {
            Assert.False(cache.TryGet(i, out _), $"key {i} should have been evicted");
        }

        for (int i = 6; i < 15; i++)
        {
            Assert.True(cache.TryGet(i, out _), $"key {i} should still be cached");
        }
    }

    [Fact]
    public void Frequently_used_entries_survive_a_scan()
    {
        var cache = new MemoryBoundedCache<int, string>(100, 1L << 20);
        for (int hot = 0; hot < 50; hot++)
        {
            cache.Set(hot, "hot");
            cache.TryGet(hot, out _);
            cache.TryGet(hot, out _);
        }

        // A one-pass scan 20 times the cache's size, touching each key once.
        for (int cold = 1_000; cold < 3_000; cold++)
        {
            cache.Set(cold, "cold");
        }

        for (int hot = 0; hot < 50; hot++)
        {
            Assert.True(cache.TryGet(hot, out string? value), $"hot key {hot} was flushed by the scan");
            Assert.Equal("hot", value);
        }
    }

    [Theory]
    [InlineData(0.9, 100)]
    [InlineData(0.9, 500)]
    [InlineData(1.0, 250)]
    public void Zipf_hit_ratio_is_at_least_that_of_an_exact_lru(double exponent, int capacity)
    {
        int[] trace = CacheTestHelpers.ZipfTrace(keys: 5_000, exponent, requests: 100_000, seed: 7);

        var cache = new MemoryBoundedCache<int, string>(capacity, long.MaxValue);
        var reference = new ReferenceLru(capacity);
        long ours = 0;
        long lru = 0;
        foreach (int key in trace)
        {
            if (cache.TryGet(key, out _))
            {
                ours++;
            }
            else
            {
                cache.Set(key, "v");
            }

            if (reference.Access(key))
            {
                lru++;
            }
        }

        double oursPercent = 100.0 * ours / trace.Length;
        double lruPercent = 100.0 * lru / trace.Length;
        Assert.True(oursPercent >= lruPercent - 2.0, $"S3-FIFO {oursPercent:0.00}% vs exact LRU {lruPercent:0.00}%");
        Assert.Equal(ours, cache.GetStats().Hits);
    }

    /// <summary>A textbook LRU: a dictionary into a linked list kept in recency order.</summary>
    private sealed class ReferenceLru(int capacity)
    {
        private readonly Dictionary<int, LinkedListNode<int>> _map = [];
        private readonly LinkedList<int> _order = new();

        /// <summary>Returns whether <paramref name="key"/> was cached, and caches it as most recently used.</summary>
        public bool Access(int key)
        {
            if (_map.TryGetValue(key, out LinkedListNode<int>? node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                return true;
            }

            if (_map.Count == capacity)
            {
                _map.Remove(_order.Last!.Value);
                _order.RemoveLast();
            }

            _map[key] = _order.AddFirst(key);
            return false;
        }
    }
}
