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
    /// evicts both. <c>%2F</c> counts as a slash: the server decodes every escape of a request path but that one, so
    /// <c>EvictAsync("/files/a/b")</c> also evicts what <c>/files/a%2Fb</c> stored.
    /// </summary>
    public static int Bucket(ReadOnlySpan<char> pathBase, ReadOnlySpan<char> path)
    {
        path = TrimSlashes(path);
        if (path.IsEmpty)
        {
            pathBase = TrimSlashes(pathBase);
        }

        uint hash = 2166136261;
        hash = Add(hash, pathBase);
        hash = Add(hash, path);
        return (int)(hash % Count);
    }

    private static uint Add(uint hash, ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (IsEscapedSlash(text[i..]))
            {
                c = '/';
                i += 2;
            }

            hash = (hash ^ char.ToUpperInvariant(c)) * 16777619;
        }

        return hash;
    }

    private static ReadOnlySpan<char> TrimSlashes(ReadOnlySpan<char> text)
    {
        while (true)
        {
            if (text.EndsWith('/'))
            {
                text = text[..^1];
            }
            else if (text.Length >= 3 && IsEscapedSlash(text[^3..]))
            {
                text = text[..^3];
            }
            else
            {
                return text;
            }
        }
    }

    private static bool IsEscapedSlash(ReadOnlySpan<char> text) =>
        text.Length >= 3 && text[0] == '%' && text[1] == '2' && (text[2] | 0x20) == 'f';
}
