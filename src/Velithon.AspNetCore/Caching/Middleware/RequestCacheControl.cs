using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Velithon.AspNetCore.Caching;

/// <summary>The request's <c>Cache-Control</c> directives the cache honours.</summary>
internal static class RequestCacheControl
{
    /// <summary>
    /// Whether the request says <c>only-if-cached</c> (RFC 9111 5.2.1.7): answer from a stored response or with 504.
    /// Directive names are case-insensitive; a quoted argument of another directive is not mistaken for it.
    /// </summary>
    public static bool OnlyIfCached(HttpRequest request)
    {
        StringValues values = request.Headers.CacheControl;
        if (StringValues.IsNullOrEmpty(values))
        {
            return false;
        }

        foreach (string? value in values)
        {
            ReadOnlySpan<char> rest = value;
            while (!rest.IsEmpty)
            {
                int end = DirectiveEnd(rest);
                ReadOnlySpan<char> directive = rest[..end].Trim();
                rest = end < rest.Length ? rest[(end + 1)..] : default;
                if (directive.Equals("only-if-cached", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The index of the comma that ends the first directive (outside quotes), or the length.</summary>
    private static int DirectiveEnd(ReadOnlySpan<char> text)
    {
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted && c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                return i;
            }
        }

        return text.Length;
    }
}
