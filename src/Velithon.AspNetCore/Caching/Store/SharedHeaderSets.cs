using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// One array per distinct set of stored response headers, shared by every entry that has the same ones: the responses of
/// one endpoint mostly do (a content type, a <c>Vary</c>), so an entry holds a reference instead of its own ~40-byte
/// array (issue 26). Bounded: at most <see cref="MaxSets"/> sets, each of at most <see cref="MaxHeaders"/> headers and
/// <see cref="MaxChars"/> characters; others are kept by their entry alone. A set stays for the life of the process, so
/// the bound is its whole cost (about 1 MB at worst).
/// </summary>
internal static class SharedHeaderSets
{
    public const int MaxSets = 1024;

    public const int MaxHeaders = 8;

    public const int MaxChars = 512;

    private static readonly ConcurrentDictionary<KeyValuePair<string, StringValues>[], KeyValuePair<string, StringValues>[]> s_sets = new(HeaderSetComparer.Instance);

    /// <summary>Returns the shared array equal to <paramref name="headers"/> (<paramref name="shared"/>), or <paramref name="headers"/> itself when it cannot be shared.</summary>
    public static KeyValuePair<string, StringValues>[] Share(KeyValuePair<string, StringValues>[] headers, out bool shared)
    {
        shared = false;
        if (headers.Length is 0 or > MaxHeaders || Chars(headers) > MaxChars)
        {
            return headers;
        }

        if (s_sets.TryGetValue(headers, out KeyValuePair<string, StringValues>[]? set))
        {
            shared = true;
            return set;
        }

        if (s_sets.Count >= MaxSets)
        {
            return headers;
        }

        shared = true;
        return s_sets.GetOrAdd(headers, headers);
    }

    private static int Chars(KeyValuePair<string, StringValues>[] headers)
    {
        int chars = 0;
        foreach (KeyValuePair<string, StringValues> header in headers)
        {
            chars += header.Key.Length;
            foreach (string? value in header.Value)
            {
                chars += value?.Length ?? 0;
            }
        }

        return chars;
    }

    /// <summary>Same names (ordinal: a stored name is written as it is) and same values, in the same order.</summary>
    private sealed class HeaderSetComparer : IEqualityComparer<KeyValuePair<string, StringValues>[]>
    {
        public static readonly HeaderSetComparer Instance = new();

        public bool Equals(KeyValuePair<string, StringValues>[]? x, KeyValuePair<string, StringValues>[]? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            if (x is null || y is null || x.Length != y.Length)
            {
                return false;
            }

            for (int i = 0; i < x.Length; i++)
            {
                if (!string.Equals(x[i].Key, y[i].Key, StringComparison.Ordinal) || !StringValues.Equals(x[i].Value, y[i].Value))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(KeyValuePair<string, StringValues>[] headers)
        {
            var hash = default(HashCode);
            foreach (KeyValuePair<string, StringValues> header in headers)
            {
                hash.Add(header.Key, StringComparer.Ordinal);
                foreach (string? value in header.Value)
                {
                    hash.Add(value, StringComparer.Ordinal);
                }
            }

            return hash.ToHashCode();
        }
    }
}
