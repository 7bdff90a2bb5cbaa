namespace Velithon.AspNetCore.Caching;

/// <summary>
/// The implicit tag every stored response carries: one of <see cref="Count"/> buckets of its path (path base and path,
/// case-insensitive, without trailing slashes), so that <see cref="IVelithonCacheInvalidator.EvictAsync"/> evicts a path (every variant of it)
/// and <see cref="IVelithonCacheInvalidator.EvictAllAsync"/> every bucket, with the tag-version machinery (across
/// instances through Redis). A bucket, not the path itself: the tags an instance knows and syncs stay bounded whatever
/// paths clients request; an eviction also drops the entries of the other paths in its bucket (1 in <see cref="Count"/>).
/// </summary>
internal static class PathTags
{
    /// <summary>The prefix of the tags the cache gives itself; <c>[VelithonCached]</c> tags may not start with it.</summary>
    public const string ReservedPrefix = "@velithon/";

    public const int Count = 256;

    private static readonly string[] s_names = [.. Enumerable.Range(0, Count).Select(static i => ReservedPrefix + "path/" + i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Gets every bucket's tag.</summary>
    public static IReadOnlyList<string> All => s_names;

    /// <summary>The tag of the bucket of <paramref name="pathBase"/> followed by <paramref name="path"/>.</summary>
    public static string For(ReadOnlySpan<char> pathBase, ReadOnlySpan<char> path) => s_names[Bucket(pathBase, path)];

    /// <summary>
    /// FNV-1a over the upper-cased UTF-16 units: the same bucket on every instance and in every process. Trailing slashes
    /// are left out: routing sends <c>/products/1/</c> to the endpoint of <c>/products/1</c>, so evicting either spelling
    /// evicts both.
    /// </summary>
    public static int Bucket(ReadOnlySpan<char> pathBase, ReadOnlySpan<char> path)
    {
        path = path.TrimEnd('/');
        if (path.IsEmpty)
        {
            pathBase = pathBase.TrimEnd('/');
        }

        uint hash = 2166136261;
        hash = Add(hash, pathBase);
        hash = Add(hash, path);
        return (int)(hash % Count);
    }

    private static uint Add(uint hash, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            hash = (hash ^ char.ToUpperInvariant(c)) * 16777619;
        }

        return hash;
    }
}
