using Microsoft.Extensions.Time.Testing;

namespace Velithon.Memory.Tests.Caching;

public class MemoryBoundedCacheDisposalTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new();

    private MemoryBoundedCache<int, DisposableBlob> Create(bool disposeValues = true, int maxEntries = 100, long maxMemoryBytes = 1L << 30) =>
        new(new MemoryBoundedCacheOptions<int, DisposableBlob>
        {
            MaxEntries = maxEntries,
            MaxMemoryBytes = maxMemoryBytes,
            TimeProvider = _clock,
            DisposeValues = disposeValues,
        });

    [Fact]
    public void DisposeValues_is_off_by_default()
    {
        Assert.False(new MemoryBoundedCacheOptions<int, DisposableBlob>().DisposeValues);
        var cache = Create(disposeValues: false, maxEntries: 1);
        var a = new DisposableBlob(1);
        var b = new DisposableBlob(2);
        var c = new DisposableBlob(3);
        cache.Set(1, a);
        cache.Set(2, b);         // evicts a
        cache.Set(2, c);         // replaces b
        cache.TryRemove(2);
        Assert.False(a.IsDisposed || b.IsDisposed || c.IsDisposed);
    }

    [Fact]
    public void An_evicted_value_is_disposed_once_after_its_event()
    {
        var cache = Create(maxEntries: 1);
        var a = new DisposableBlob(1);
        bool disposedWhenRaised = true;
        cache.ItemRemoved += (_, e) => disposedWhenRaised = e.Value.IsDisposed;
        cache.Set(1, a);
        cache.Set(2, new DisposableBlob(2));
        Assert.Equal(1, a.DisposeCount);
        Assert.False(disposedWhenRaised);
    }

    [Fact]
    public void A_value_evicted_for_the_memory_bound_is_disposed()
    {
        long overhead = CacheTestHelpers.Overhead<int, DisposableBlob>();
        var cache = Create(maxMemoryBytes: 2 * (overhead + 100));
        var values = Enumerable.Range(0, 3).Select(i => new DisposableBlob(i, size: 100)).ToArray();
        foreach (DisposableBlob value in values)
        {
            cache.Set(value.Id, value);
        }

        Assert.Equal(1, values.Count(v => v.IsDisposed));
        Assert.All(values.Where(v => !v.IsDisposed), v => Assert.True(cache.TryGet(v.Id, out _)));
    }

    [Fact]
    public void An_expired_value_is_disposed_whoever_finds_it()
    {
        var cache = Create();
        var read = new DisposableBlob(1);
        var swept = new DisposableBlob(2);
        var removed = new DisposableBlob(3);
        cache.Set(1, read, Ttl);
        cache.Set(2, swept, Ttl);
        cache.Set(3, removed, Ttl);
        _clock.Advance(Ttl);

        Assert.False(cache.TryGet(1, out _));
        Assert.Equal(1, read.DisposeCount);
        Assert.Equal(2, cache.RemoveExpired());
        Assert.Equal(1, swept.DisposeCount);
        Assert.Equal(1, removed.DisposeCount);
    }

    [Fact]
    public void An_expired_value_TryRemove_finds_is_disposed_because_it_is_not_handed_out()
    {
        var cache = Create();
        var value = new DisposableBlob(1);
        cache.Set(1, value, Ttl);
        _clock.Advance(Ttl);
        Assert.False(cache.TryRemove(1, out DisposableBlob? got));
        Assert.Null(got);
        Assert.Equal(1, value.DisposeCount);
    }

    [Fact]
    public void TryRemove_disposes_but_TryRemove_with_out_hands_the_value_over()
    {
        var cache = Create();
        var dropped = new DisposableBlob(1);
        var handedOut = new DisposableBlob(2);
        cache.Set(1, dropped);
        cache.Set(2, handedOut);

        Assert.True(cache.TryRemove(1));
        Assert.True(cache.TryRemove(2, out DisposableBlob? got));
        Assert.Same(handedOut, got);
        Assert.Equal(1, dropped.DisposeCount);
        Assert.False(handedOut.IsDisposed);
    }

    [Fact]
    public void A_replaced_value_is_disposed_but_not_when_written_again()
    {
        var cache = Create();
        var first = new DisposableBlob(1);
        var second = new DisposableBlob(2);
        cache.Set(1, first);
        cache.Set(1, second);
        Assert.Equal(1, first.DisposeCount);
        Assert.False(second.IsDisposed);

        var log = new RemovalLog<int, DisposableBlob>(cache);
        cache.Set(1, second);    // the same instance: still replaced (new expiry), never disposed while cached
        Assert.Equal(CacheItemRemovedReason.Replaced, log.Single().Reason);
        Assert.False(second.IsDisposed);
        Assert.True(cache.TryGet(1, out DisposableBlob? cached));
        Assert.Same(second, cached);
    }

    [Fact]
    public void Trim_and_Clear_dispose_what_they_drop()
    {
        var cache = Create();
        var values = Enumerable.Range(0, 10).Select(i => new DisposableBlob(i)).ToArray();
        foreach (DisposableBlob value in values)
        {
            cache.Set(value.Id, value);
        }

        cache.Trim(cache.MemoryBytes / 2);
        int trimmed = values.Count(v => v.IsDisposed);
        Assert.Equal(10 - cache.Count, trimmed);
        Assert.All(values.Where(v => !v.IsDisposed), v => Assert.True(cache.TryGet(v.Id, out _)));

        cache.Clear();
        Assert.All(values, v => Assert.Equal(1, v.DisposeCount));
    }

    [Fact]
    public void A_refused_value_is_never_disposed()
    {
        var cache = Create(maxMemoryBytes: 1_000);
        var big = new DisposableBlob(1, size: 5_000);
        Assert.False(cache.Set(1, big));
        Assert.Same(big, cache.GetOrAdd(2, _ => big));
        Assert.False(big.IsDisposed);
    }

    [Fact]
    public void Values_still_cached_are_never_disposed_under_churn()
    {
        var cache = Create(maxEntries: 16);
        var random = new Random(7);
        var all = new List<DisposableBlob>();
        for (int i = 0; i < 5_000; i++)
        {
            int key = random.Next(64);
            switch (random.Next(6))
            {
                case 0:
                    cache.TryRemove(key);
                    break;
                case 1:
                    cache.Set(key, new DisposableBlob(key), TimeSpan.FromSeconds(random.Next(1, 5)));
                    break;
                case 2:
                    _clock.Advance(TimeSpan.FromSeconds(1));
                    break;
                default:
                    cache.GetOrAdd(key, static k => new DisposableBlob(k));
                    break;
            }

            if (cache.TryGet(key, out DisposableBlob? cached))
            {
                Assert.False(cached.IsDisposed, $"step {i}: a cached value was disposed");
                all.Add(cached);
            }
        }

        Assert.All(all, v => Assert.InRange(v.DisposeCount, 0, 1));
        for (int key = 0; key < 64; key++)
        {
            if (cache.TryGet(key, out DisposableBlob? cached))
            {
                Assert.False(cached.IsDisposed);
            }
        }
    }

    [Fact]
    public void A_throwing_Dispose_does_not_stop_the_other_disposals()
    {
        var cache = new MemoryBoundedCache<int, IMemorySized>(new MemoryBoundedCacheOptions<int, IMemorySized>
        {
            DisposeValues = true,
        });
        var fine = new DisposableBlob(1);
        cache.Set(1, new ThrowingBlob());
        cache.Set(2, fine);
        Assert.Throws<InvalidOperationException>(() => cache.Clear());
        Assert.Equal(1, fine.DisposeCount);
        Assert.Equal(0, cache.Count);
    }

    private sealed class ThrowingBlob : IMemorySized, IDisposable
    {
        public long SizeInBytes => 8;

        public void Dispose() => throw new InvalidOperationException("dispose failed");
    }
}
