using Microsoft.Extensions.Time.Testing;

namespace Velithon.Memory.Tests.Caching;

public class MemoryBoundedCacheAllocationTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void A_hit_allocates_nothing()
    {
        var cache = CacheTestHelpers.Create();
        cache.Set("key", [1, 2, 3]);
        Allocations.AssertNone(() => cache.TryGet("key", out _), Iterations);
        Assert.True(cache.GetStats().Hits >= Iterations);
    }

    [Fact]
    public void A_hit_with_a_time_to_live_allocates_nothing()
    {
        var cache = new MemoryBoundedCache<int, string>(new MemoryBoundedCacheOptions<int, string>
        {
            TimeToLive = TimeSpan.FromHours(1),
            TimeProvider = new FakeTimeProvider(),
        });
        cache.Set(42, "value");
        Allocations.AssertNone(() => cache.TryGet(42, out _), Iterations);
    }

    [Fact]
    public void A_miss_and_a_GetOrAdd_hit_allocate_nothing()
    {
        var cache = CacheTestHelpers.Create();
        cache.Set("key", [1]);
        Func<string, byte[]> factory = static _ => [2];
        Allocations.AssertNone(
            () =>
            {
                cache.TryGet("missing", out _);
                cache.GetOrAdd("key", factory);
            },
            Iterations);
    }

    [Fact]
    public void A_GetOrAdd_hit_allocates_nothing_in_every_overload()
    {
        var cache = CacheTestHelpers.Create();
        cache.Set("key", [1]);
        Func<string, byte[]> factory = static _ => [2];
        Func<string, int, byte[]> withArgument = static (_, n) => new byte[n];
        TimeSpan ttl = TimeSpan.FromMinutes(1);
        Allocations.AssertNone(
            () =>
            {
                cache.GetOrAdd("key", factory);
                cache.GetOrAdd("key", withArgument, 3);
                cache.GetOrAdd("key", factory, ttl);
            },
            Iterations);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_GetOrAddAsync_hit_allocates_nothing_in_every_overload()
    {
        var cache = CacheTestHelpers.Create();
        cache.Set("key", [1]);
        Func<string, CancellationToken, ValueTask<byte[]>> factory = static (_, _) => ValueTask.FromResult<byte[]>([2]);
        Func<string, int, CancellationToken, ValueTask<byte[]>> withArgument = static (_, n, _) => ValueTask.FromResult(new byte[n]);
        TimeSpan ttl = TimeSpan.FromMinutes(1);
        using var cts = new CancellationTokenSource();
        int pending = 0;
        Allocations.AssertNone(
            () =>
            {
                pending += Pending(cache.GetOrAddAsync("key", factory));
                pending += Pending(cache.GetOrAddAsync("key", withArgument, 3, cts.Token));
                pending += Pending(cache.GetOrAddAsync("key", factory, ttl, cts.Token));
            },
            Iterations);
        Assert.Equal(0, pending); // every hit completed synchronously, with the cached value
        Assert.Equal(1, cache.Count);

        static int Pending(ValueTask<byte[]> hit) => hit.IsCompletedSuccessfully && hit.Result.Length == 1 ? 0 : 1;
    }

    [Fact]
    public void Hits_allocate_nothing_with_a_removal_handler_and_disposal_on()
    {
        var cache = new MemoryBoundedCache<string, byte[]>(new MemoryBoundedCacheOptions<string, byte[]>
        {
            DisposeValues = true,
            TimeToLive = TimeSpan.FromHours(1),
            TimeProvider = new FakeTimeProvider(),
        });
        int removed = 0;
        cache.ItemRemoved += (_, _) => removed++;
        cache.Set("key", [1], TimeSpan.FromMinutes(5));
        Func<string, byte[]> factory = static _ => [2];
        Allocations.AssertNone(
            () =>
            {
                cache.TryGet("key", out _);
                cache.TryGetAlternate("key".AsSpan(), out _);
                cache.GetOrAdd("key", factory);
            },
            Iterations);
        Assert.Equal(0, removed);
    }

    [Fact]
    public void GetStats_allocates_nothing()
    {
        var cache = CacheTestHelpers.Create();
        cache.Set("key", [1]);
        long sink = 0;
        Allocations.AssertNone(() => sink += cache.GetStats().Entries, Iterations);
        Assert.True(sink >= 2 * Iterations, $"{sink}"); // the warm-up and at least one measured round, one entry each
    }
}
