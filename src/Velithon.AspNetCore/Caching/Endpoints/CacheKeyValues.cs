using Microsoft.AspNetCore.Http;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// The delegates of a policy that add values to the cache key (<see cref="VelithonCachePolicyBuilder.VaryByValue"/>,
/// <see cref="VelithonCachePolicyBuilder.SetKeyPrefix"/>): endpoint metadata next to the attribute, or part of a named policy.
/// </summary>
internal sealed class CacheKeyValues
{
    public static readonly CacheKeyValues None = new([], null);

    public CacheKeyValues(KeyValuePair<string, Func<HttpContext, string?>>[] values, Func<HttpContext, string?>? prefix)
    {
        Values = values;
        Prefix = prefix;
    }

    /// <summary>Gets the named value delegates, one per name, in ordinal order of their names.</summary>
    public KeyValuePair<string, Func<HttpContext, string?>>[] Values { get; }

    public Func<HttpContext, string?>? Prefix { get; }

    public bool IsEmpty => Values.Length == 0 && Prefix is null;

    /// <summary>Both sets of delegates: <paramref name="first"/>'s prefix unless it has none; a name both give keeps <paramref name="first"/>'s.</summary>
    public static CacheKeyValues Combine(CacheKeyValues first, CacheKeyValues second)
    {
        if (second.IsEmpty)
        {
            return first;
        }

        if (first.IsEmpty)
        {
            return second;
        }

        var values = new SortedDictionary<string, Func<HttpContext, string?>>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, Func<HttpContext, string?>> value in second.Values.Concat(first.Values))
        {
            values[value.Key] = value.Value;
        }

        return new([.. values], first.Prefix ?? second.Prefix);
    }
}
