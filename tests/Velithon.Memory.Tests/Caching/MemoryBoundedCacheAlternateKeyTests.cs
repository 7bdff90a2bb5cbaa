using Microsoft.Extensions.Time.Testing;

namespace Velithon.Memory.Tests.Caching;

public class MemoryBoundedCacheAlternateKeyTests
{
    private static MemoryBoundedCache<string, byte[]> Create(IEqualityComparer<string>? comparer, TimeProvider? time = null) =>
        new(new MemoryBoundedCacheOptions<string, byte[]>
        {
            KeyComparer = comparer,
            TimeProvider = time ?? TimeProvider.System,
            TimeToLive = time is null ? null : TimeSpan.FromSeconds(10),
        });

    [Fact]
    public void A_span_finds_the_entry_of_the_equal_string_and_counts_hits_and_misses()
    {
        MemoryBoundedCache<string, byte[]> cache = Create(StringComparer.Ordinal);
        cache.Set("v1|p5:/item", [1]);

        Assert.True(cache.TryGetAlternate("xv1|p5:/itemx".AsSpan(1, 11), out byte[]? value));
        Assert.Equal([1], value);
        Assert.False(cache.TryGetAlternate("v1|p5:/iteM".AsSpan(), out _)); // compared in full, ordinally
        Assert.False(cache.TryGetAlternate("v1|p5:/ite".AsSpan(), out _));
        Assert.False(cache.TryGetAlternate("v1|p5:/items".AsSpan(), out _));
        Assert.Equal((1, 3), (cache.GetStats().Hits, cache.GetStats().Misses));
    }

    [Fact]
    public void The_default_and_ignore_case_comparers_support_spans()
    {
        MemoryBoundedCache<string, byte[]> byDefault = Create(null);
        byDefault.Set("key", [1]);
        Assert.True(byDefault.TryGetAlternate("key".AsSpan(), out _));

        MemoryBoundedCache<string, byte[]> ignoreCase = Create(StringComparer.OrdinalIgnoreCase);
        ignoreCase.Set("key", [1]);
        Assert.True(ignoreCase.TryGetAlternate("KEY".AsSpan(), out _));
    }

    [Fact]
    public void An_expired_entry_is_a_miss_and_is_removed()
    {
        var clock = new FakeTimeProvider();
        MemoryBoundedCache<string, byte[]> cache = Create(StringComparer.Ordinal, clock);
        cache.Set("key", [1]);
        clock.Advance(TimeSpan.FromSeconds(11));

        Assert.False(cache.TryGetAlternate("key".AsSpan(), out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_comparer_without_span_support_throws()
    {
        MemoryBoundedCache<string, byte[]> cache = Create(new PlainComparer());
        Assert.Throws<InvalidOperationException>(() => cache.TryGetAlternate("key".AsSpan(), out _));
    }

    [Fact]
    public void A_span_hit_allocates_nothing()
    {
        MemoryBoundedCache<string, byte[]> cache = Create(StringComparer.Ordinal);
        cache.Set("some/longer/cache/key", [1]);
        char[] key = "some/longer/cache/key".ToCharArray();
        Allocations.AssertNone(() => cache.TryGetAlternate<ReadOnlySpan<char>>(key, out _), 10_000);
        Assert.True(cache.TryGetAlternate<ReadOnlySpan<char>>(key, out _));
    }

    private sealed class PlainComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj) => obj.GetHashCode(StringComparison.Ordinal);
    }
}
