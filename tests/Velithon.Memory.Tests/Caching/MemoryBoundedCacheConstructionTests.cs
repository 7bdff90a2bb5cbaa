namespace Velithon.Memory.Tests.Caching;

public class MemoryBoundedCacheConstructionTests
{
    private sealed record Unknown(int Id);

    [Fact]
    public void Options_have_documented_defaults()
    {
        var options = new MemoryBoundedCacheOptions<string, byte[]>();
        Assert.Equal(10_000, options.MaxEntries);
        Assert.Equal(100L * 1024 * 1024, options.MaxMemoryBytes);
        Assert.Null(options.TimeToLive);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Null(options.KeyComparer);
        Assert.Null(options.ValueSizer);
        Assert.Null(options.KeySizer);
    }

    [Fact]
    public void Properties_reflect_options()
    {
        var cache = new MemoryBoundedCache<string, byte[]>(new MemoryBoundedCacheOptions<string, byte[]>
        {
            MaxEntries = 7,
            MaxMemoryBytes = 12_345,
            TimeToLive = TimeSpan.FromMinutes(3),
        });
        Assert.Equal(7, cache.MaxEntries);
        Assert.Equal(12_345, cache.MaxMemoryBytes);
        Assert.Equal(TimeSpan.FromMinutes(3), cache.TimeToLive);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.MemoryBytes);
    }

    [Fact]
    public void Convenience_constructor_sets_bounds()
    {
        var cache = new MemoryBoundedCache<string, string>(5, 4096);
        Assert.Equal(5, cache.MaxEntries);
        Assert.Equal(4096, cache.MaxMemoryBytes);
        Assert.Null(cache.TimeToLive);
    }

    [Theory]
    [InlineData(0, 100, "maxEntries")]
    [InlineData(-1, 100, "maxEntries")]
    [InlineData(1, 0, "maxMemoryBytes")]
    public void Convenience_constructor_rejects_bounds_below_one(int maxEntries, long maxMemoryBytes, string param)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryBoundedCache<string, byte[]>(maxEntries, maxMemoryBytes));
        Assert.Equal(param, ex.ParamName);
        Assert.Contains("1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentNullException>(() => new MemoryBoundedCache<string, byte[]>(null!));

        var entries = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new MemoryBoundedCache<string, byte[]>(new MemoryBoundedCacheOptions<string, byte[]> { MaxEntries = 0 }));
        Assert.Equal("options.MaxEntries", entries.ParamName);

        var memory = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new MemoryBoundedCache<string, byte[]>(new MemoryBoundedCacheOptions<string, byte[]> { MaxMemoryBytes = -5 }));
        Assert.Equal("options.MaxMemoryBytes", memory.ParamName);

        var ttl = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new MemoryBoundedCache<string, byte[]>(new MemoryBoundedCacheOptions<string, byte[]> { TimeToLive = TimeSpan.Zero }));
        Assert.Equal("options.TimeToLive", ttl.ParamName);

        var clock = Assert.Throws<ArgumentNullException>(() =>
            new MemoryBoundedCache<string, byte[]>(new MemoryBoundedCacheOptions<string, byte[]> { TimeProvider = null! }));
        Assert.Equal("options.TimeProvider", clock.ParamName);
    }

    [Fact]
    public void Unknown_value_type_without_sizer_throws_a_clear_message()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MemoryBoundedCache<string, Unknown>(10, 1000));
        Assert.Equal("options", ex.ParamName);
        Assert.Contains("ValueSizer", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Unknown), ex.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => new MemoryBoundedCache<string, object>(10, 1000));
        Assert.Throws<ArgumentException>(() => new MemoryBoundedCache<string, int>(10, 1000));
    }

    [Fact]
    public void Unknown_key_type_without_sizer_throws_a_clear_message()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MemoryBoundedCache<Unknown, byte[]>(10, 1000));
        Assert.Contains("KeySizer", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Unknown), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_types_and_given_sizers_need_nothing_else()
    {
        _ = new MemoryBoundedCache<string, string>(10, 1000);
        _ = new MemoryBoundedCache<int, ReadOnlyMemory<byte>>(10, 1000);
        _ = new MemoryBoundedCache<Guid, IMemorySized>(10, 1000);
        _ = new MemoryBoundedCache<long, SizedBlob>(10, 1000);
        _ = new MemoryBoundedCache<Unknown, Unknown>(new MemoryBoundedCacheOptions<Unknown, Unknown>
        {
            KeySizer = static _ => 24,
            ValueSizer = static _ => 24,
        });
    }
}
