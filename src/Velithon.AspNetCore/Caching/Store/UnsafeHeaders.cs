using System.Buffers;
using System.Collections.Frozen;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Response headers the cache must never replay, shared by what the middleware stores and what an L2 entry may carry,
/// and the syntax checks an entry's headers pass before they are served.
/// </summary>
internal static class UnsafeHeaders
{
    /// <summary>
    /// Hop-by-hop and framing headers: they describe one connection or one transfer, not the resource, and the server
    /// frames every response itself (<c>Content-Length</c> from the stored body). Never stored; dropped from an entry.
    /// </summary>
    public static readonly FrozenSet<string> HopByHop = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "TE", "Trailer", "Upgrade",
        "Proxy-Authenticate", "Proxy-Authorization", "Content-Length");

    /// <summary>
    /// Headers that make a response belong to one client: a response with one is never stored, and an entry that
    /// carries one was not written by this cache and is rejected (its body may be someone's own).
    /// </summary>
    public static readonly FrozenSet<string> PerClient = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "Set-Cookie", "Set-Cookie2");

    /// <summary>The content codings registered with IANA: the only ones an entry's <c>Content-Encoding</c> may name.</summary>
    public static readonly FrozenSet<string> ContentCodings = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "aes128gcm", "br", "compress", "dcb", "dcz", "deflate", "exi", "gzip", "identity", "pack200-gzip", "x-compress", "x-gzip", "zstd");

    private static readonly SearchValues<char> s_tokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Gets whether <paramref name="name"/> is an RFC 9110 token (a valid field name).</summary>
    public static bool IsValidName(string name) => name.Length > 0 && !name.AsSpan().ContainsAnyExcept(s_tokenChars);

    /// <summary>Gets whether <paramref name="value"/> has no control character but tab (no CR, LF, NUL or DEL).</summary>
    public static bool IsValidValue(string value)
    {
        foreach (char c in value)
        {
            if ((c < 0x20 && c != '\t') || c == 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
