namespace Velithon.Memory;

/// <summary>The figures of one cache registered with the memory handler, under the name it was registered with.</summary>
public readonly record struct NamedCacheStats
{
    /// <summary>Gets the name the cache was registered with (the meter's <c>velithon.cache.name</c> tag).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the cache's figures.</summary>
    public required CacheStats Stats { get; init; }
}
