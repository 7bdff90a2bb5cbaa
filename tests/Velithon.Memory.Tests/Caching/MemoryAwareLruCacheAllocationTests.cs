using Microsoft.Extensions.Time.Testing;

namespace Velithon.Memory.Tests.Caching;

public class MemoryAwareLruCacheAllocationTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void A_hit_allocates_nothing()
    {
        var cache = CacheTestHelpers.Create();
        cache.Set("key", [1, 2, 3]);
        AssertNoAllocation(() =>
        {
            for (int i = 0; i < Iterations; i++)
            {
                cache.TryGet("key", out _);
            }
        });
        Assert.True(cache.GetStats().Hits >= Iterations);
    }

    [Fact]
    public void A_hit_with_a_time_to_live_allocates_nothing()
    {
        var cache = new MemoryAwareLruCache<int, string>(new MemoryAwareLruCacheOptions<int, string>
        {
            TimeToLive = TimeSpan.FromHours(1),
            TimeProvider = new FakeTimeProvider(),
        });
        cache.Set(42, "value");
        AssertNoAllocation(() =>
        {
            for (int i = 0; i < Iterations; i++)
            {
                cache.TryGet(42, out _);
            }
        });
    }

    [Fact]
    public void A_miss_and_a_GetOrAdd_hit_allocate_nothing()
    {
        var cache = CacheTestHelpers.Create();
        cache.Set("key", [1]);
        Func<string, byte[]> factory = static _ => [2];
        AssertNoAllocation(() =>
        {
            for (int i = 0; i < Iterations; i++)
            {
                cache.TryGet("missing", out _);
                cache.GetOrAdd("key", factory);
            }
        });
    }

    [Fact]
    public void GetStats_allocates_nothing()
    {
        var cache = CacheTestHelpers.Create();
        cache.Set("key", [1]);
        long sink = 0;
        AssertNoAllocation(() =>
        {
            for (int i = 0; i < Iterations; i++)
            {
                sink += cache.GetStats().Entries;
            }
        });
        Assert.Equal(3 * Iterations, sink); // two warm-up passes and the measured one
    }

    private static void AssertNoAllocation(Action body)
    {
        body(); // warm up: JIT, tiering, first-touch paths
        body();
        long before = GC.GetAllocatedBytesForCurrentThread();
        body();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
