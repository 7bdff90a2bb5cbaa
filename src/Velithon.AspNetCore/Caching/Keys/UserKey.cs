using System.Buffers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// The <c>u</c> part of a <c>VaryByUser</c> key: <c>anonymous</c> (no authenticated identity, no claim), or the hex SHA-256 of the whole principal — every
/// identity's (and its actors') authentication type, name and role claim types and label, and every claim's type, value,
/// value type, issuer and original issuer, each length-prefixed, the claims of an identity in ordinal order. Two
/// principals that differ in any claim never share an entry; the same claims in another order do.
/// </summary>
/// <remarks>
/// The text, its UTF-8 bytes, the hash and the hex are written into stack buffers (pooled when long) and the claims are
/// sorted in a pooled array, so the part allocates only what enumerating the claims API does.
/// </remarks>
internal static class UserKey
{
    /// <summary>Chars of the <c>u</c> part for an authenticated user: the hex SHA-256.</summary>
    public const int HashChars = 2 * 32;

    public static void Append(ref KeyWriter key, ClaimsPrincipal? user)
    {
        if (user is null)
        {
            CacheKeyBuilder.Part(ref key, 'u', "anonymous");
            return;
        }

        var text = new KeyWriter(stackalloc char[CacheKeyBuilder.StackChars]);
        Claim[]? claims = null;
        byte[]? utf8Rented = null;
        try
        {
            bool anyData = false;
            foreach (ClaimsIdentity identity in user.Identities)
            {
                // An identity, then its actor chain (ClaimsIdentity refuses cycles), each marked.
                for (ClaimsIdentity? link = identity; link is not null; link = link.Actor)
                {
                    text.Append(ReferenceEquals(link, identity) ? "|P" : "|B");
                    anyData |= WriteIdentity(ref text, link, ref claims);
                }
            }

            if (!anyData)
            {
                // No authenticated identity and no claim at all: the one principal every anonymous request shares.
                CacheKeyBuilder.Part(ref key, 'u', "anonymous");
                return;
            }

            ReadOnlySpan<char> chars = text.Written;
            int maxBytes = Encoding.UTF8.GetMaxByteCount(chars.Length);
            Span<byte> utf8 = maxBytes <= 3 * CacheKeyBuilder.StackChars ? stackalloc byte[3 * CacheKeyBuilder.StackChars] : (utf8Rented = ArrayPool<byte>.Shared.Rent(maxBytes));
            int length = Encoding.UTF8.GetBytes(chars, utf8);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8[..length], hash);
            Span<char> hex = stackalloc char[HashChars];
            Convert.TryToHexString(hash, hex, out _);

            key.Append("|u");
            key.Append(HashChars);
            key.Append(':');
            key.Append(hex);
        }
        finally
        {
            text.Dispose();
            if (claims is not null)
            {
                ArrayPool<Claim>.Shared.Return(claims, clearArray: true);
            }

            if (utf8Rented is not null)
            {
                ArrayPool<byte>.Shared.Return(utf8Rented);
            }
        }
    }

    /// <summary>The user part of <paramref name="user"/> as a string (a miss compares it before and after the endpoint ran).</summary>
    public static string Of(ClaimsPrincipal? user)
    {
        var key = new KeyWriter(stackalloc char[CacheKeyBuilder.StackChars]);
        try
        {
            Append(ref key, user);
            return key.ToString();
        }
        finally
        {
            key.Dispose();
        }
    }

    /// <summary>
    /// Gets whether <paramref name="user"/> is the one principal every anonymous request shares (the <c>anonymous</c> user
    /// part): no identity, actor included, is authenticated or holds a claim. <c>User.Identity</c> alone is not enough: it
    /// is the first identity, and a middleware that adds an authenticated one to the request's principal
    /// (<c>context.User.AddIdentity(...)</c>) leaves an unauthenticated one first, while <c>[Authorize]</c> looks at all.
    /// </summary>
    public static bool IsAnonymous(ClaimsPrincipal? user)
    {
        if (user is null)
        {
            return true;
        }

        foreach (ClaimsIdentity identity in user.Identities)
        {
            for (ClaimsIdentity? link = identity; link is not null; link = link.Actor)
            {
                if (link.IsAuthenticated)
                {
                    return false;
                }

                foreach (Claim _ in link.Claims)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Writes one identity; returns whether it is authenticated or holds a claim.</summary>
    private static bool WriteIdentity(ref KeyWriter text, ClaimsIdentity identity, ref Claim[]? claims)
    {
        // Every identity, authenticated or not: claims added by a transformation shape the response as much as the token's.
        text.Append(identity.IsAuthenticated ? "|I1" : "|I0");
        CacheKeyBuilder.Part(ref text, 'a', identity.AuthenticationType);
        CacheKeyBuilder.Part(ref text, 'n', identity.NameClaimType);
        CacheKeyBuilder.Part(ref text, 'r', identity.RoleClaimType);
        CacheKeyBuilder.Part(ref text, 'l', identity.Label);

        int count = 0;
        foreach (Claim claim in identity.Claims)
        {
            if (claims is null || count == claims.Length)
            {
                Claim[] larger = ArrayPool<Claim>.Shared.Rent(Math.Max(16, count * 2));
                if (claims is not null)
                {
                    claims.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<Claim>.Shared.Return(claims, clearArray: true);
                }

                claims = larger;
            }

            claims[count++] = claim;
        }

        Span<Claim> sorted = claims is null ? [] : claims.AsSpan(0, count);
        sorted.Sort(default(ClaimOrder));
        text.Append("|k");
        text.Append(count);
        foreach (Claim claim in sorted)
        {
            CacheKeyBuilder.Part(ref text, 't', claim.Type);
            CacheKeyBuilder.Part(ref text, 'v', claim.Value);
            CacheKeyBuilder.Part(ref text, 'y', claim.ValueType);
            CacheKeyBuilder.Part(ref text, 's', claim.Issuer);
            CacheKeyBuilder.Part(ref text, 'o', claim.OriginalIssuer);
        }

        sorted.Clear();
        return identity.IsAuthenticated || count > 0;
    }

    /// <summary>Ordinal order of a claim's parts, as a struct so that sorting allocates no comparer.</summary>
    private readonly struct ClaimOrder : IComparer<Claim>
    {
        public int Compare(Claim? x, Claim? y)
        {
            int c = string.CompareOrdinal(x!.Type, y!.Type);
            if (c == 0)
            {
                c = string.CompareOrdinal(x.Value, y.Value);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(x.ValueType, y.ValueType);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(x.Issuer, y.Issuer);
            }

            return c != 0 ? c : string.CompareOrdinal(x.OriginalIssuer, y.OriginalIssuer);
        }
    }
}
