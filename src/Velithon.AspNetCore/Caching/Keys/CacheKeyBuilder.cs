using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Primitives;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Builds the full cache key of a request. Every part is written length-prefixed (<c>len:value</c>), so no crafted path,
/// query or header can make two different requests produce the same key. Redis compares the key in full; L1 compares its
/// <see cref="CacheKeyDigest"/>.
/// </summary>
/// <remarks>
/// The key is written into a <see cref="KeyWriter"/> (a stack buffer, pooled when longer), so that an L1 hit looks it up
/// as a span and allocates no string; only a miss turns it into one.
/// </remarks>
internal static class CacheKeyBuilder
{
    /// <summary>Chars of stack buffer for a key; longer keys continue in a pooled array.</summary>
    public const int StackChars = 256;

    // The name breaks ties only for a query collection that holds two names which fold alike; each keeps its part.
    private static readonly Comparer<(string Folded, string Name, StringValues Values)> s_byFoldedName = Comparer<(string Folded, string Name, StringValues Values)>.Create(static (a, b) =>
    {
        int byFolded = string.CompareOrdinal(a.Folded, b.Folded);
        return byFolded != 0 ? byFolded : string.CompareOrdinal(a.Name, b.Name);
    });

    public static string Build(HttpContext context, CachePolicy policy) => Build(context, policy, policy.ResponseVary);

    /// <summary>The key under the request headers <paramref name="responseVary"/> names (the learned <c>Vary</c> of a moment).</summary>
    public static string Build(HttpContext context, CachePolicy policy, string[] responseVary)
    {
        var key = new KeyWriter(stackalloc char[StackChars]);
        try
        {
            Write(ref key, context, policy, responseVary);
            return key.ToString();
        }
        finally
        {
            key.Dispose();
        }
    }

    /// <summary>
    /// Writes the key of <paramref name="context"/>'s request under <paramref name="policy"/>, keyed by the request headers
    /// <paramref name="responseVary"/> names (the policy's <see cref="CachePolicy.ResponseVary"/> when it was read).
    /// </summary>
    public static void Write(ref KeyWriter key, HttpContext context, CachePolicy policy, string[] responseVary)
    {
        HttpRequest request = context.Request;
        key.Append("v3");
        CacheKeyValues values = policy.KeyValues;
        if (values.Prefix is { } prefix)
        {
            // First, as its name says; the delegate may throw (the caller serves the request uncached).
            key.Append("|x");
            OptionalPart(ref key, prefix(context));
        }

        Part(ref key, 'm', "GET"); // GET and HEAD share entries.
        PartLower(ref key, 's', request.Scheme);
        PartLower(ref key, 'h', request.Host.Value);
        Part(ref key, 'b', request.PathBase.Value);
        Part(ref key, 'p', request.Path.Value);

        // Without a query string (and no query collection set by someone else) there is nothing to parse: skip the
        // query feature, which would otherwise be created for every request.
        IQueryCollection? query = request.QueryString.HasValue || context.Features.Get<IQueryFeature>() is not null ? request.Query : null;
        if (query is null || query.Count == 0)
        {
            key.Append(policy.VaryByQuery is null ? "|q0" : "|Q0");
        }
        else
        {
            QueryPairs(ref key, query, policy.VaryByQuery);
        }

        key.Append("|H");
        key.Append(policy.VaryByHeader.Length);
        foreach (string name in policy.VaryByHeader)
        {
            Values(ref key, 'H', name, request.Headers[name]);
        }

        key.Append("|V");
        key.Append(responseVary.Length);
        foreach (string name in responseVary)
        {
            Values(ref key, 'V', name, request.Headers[name]);
        }

        if (policy.VaryByCookie is { Length: > 0 } cookies)
        {
            // The values the app reads through Request.Cookies: the same parser, so no header spelling can make two
            // requests that the app tells apart share a key.
            IRequestCookieCollection jar = request.Cookies;
            key.Append("|c");
            key.Append(cookies.Length);
            foreach (string name in cookies)
            {
                Part(ref key, 'c', name);
                OptionalPart(ref key, jar.TryGetValue(name, out string? value) ? value : null);
            }
        }

        if (context.Features.Get<IRequestCultureFeature>() is { } culture)
        {
            // Set by UseRequestLocalization() from the query, a cookie or Accept-Language: the endpoint renders in it.
            key.Append("|l");
            Part(ref key, 'l', culture.RequestCulture.Culture.Name);
            Part(ref key, 'l', culture.RequestCulture.UICulture.Name);
        }

        key.Append("|r");
        key.Append(policy.VaryByRouteValue.Length);
        foreach (string name in policy.VaryByRouteValue)
        {
            object? value = request.RouteValues.TryGetValue(name, out object? v) ? v : null;
            Part(ref key, 'r', name);
            OptionalPart(ref key, value is null ? null : value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
        }

        if (values.Values.Length > 0)
        {
            key.Append("|k");
            key.Append(values.Values.Length);
            foreach (KeyValuePair<string, Func<HttpContext, string?>> value in values.Values)
            {
                Part(ref key, 'k', value.Key);
                OptionalPart(ref key, value.Value(context));
            }
        }

        if (policy.VaryByUser)
        {
            UserKey.Append(ref key, UserOf(context));
        }
    }

    /// <summary>
    /// The request's user without creating one: <see cref="DefaultHttpContext.User"/> allocates an anonymous principal
    /// when none was set, so its feature is read instead.
    /// </summary>
    public static ClaimsPrincipal? UserOf(HttpContext context) =>
        context.GetType() == typeof(DefaultHttpContext) ? context.Features.Get<IHttpAuthenticationFeature>()?.User : context.User;

    /// <summary>The key of one content-coding variant of <paramref name="baseKey"/>.</summary>
    public static string Variant(string baseKey, string encoding) =>
        encoding.Length == 0 ? baseKey : string.Concat(baseKey, "|e", encoding.Length.ToString(CultureInfo.InvariantCulture), ":", encoding);

    /// <summary>Appends what <see cref="Variant(string, string)"/> appends to a base key.</summary>
    public static void AppendVariant(ref KeyWriter key, string encoding)
    {
        if (encoding.Length > 0)
        {
            key.Append("|e");
            key.Append(encoding.Length);
            key.Append(':');
            key.Append(encoding);
        }
    }

    private static bool IsVariedBy(string name, string[] varyByQuery)
    {
        foreach (string upperCased in varyByQuery)
        {
            if (QueryNameFolding.MayBeLookedUpAs(name, upperCased))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes the query's names (folded as <see cref="QueryNameFolding"/> does, so that two names share a part only if the
    /// query collection sees one name) with their values, in ordinal order of the folded names: every name, or with
    /// <paramref name="varyByQuery"/> (upper-cased by the policy) every name that the endpoint's spelling of one of those may
    /// look up (<see cref="QueryNameFolding.MayBeLookedUpAs"/>), so that no value it can read is left out.
    /// </summary>
    private static void QueryPairs(ref KeyWriter key, IQueryCollection query, string[]? varyByQuery)
    {
        var pairs = new (string Folded, string Name, StringValues Values)[query.Count];
        int count = 0;
        foreach (KeyValuePair<string, StringValues> pair in query)
        {
            if (varyByQuery is not null && !IsVariedBy(pair.Key, varyByQuery))
            {
                continue;
            }

            if (count == pairs.Length)
            {
                Array.Resize(ref pairs, count * 2);
            }

            pairs[count++] = (QueryNameFolding.Fold(pair.Key), pair.Key, pair.Value);
        }

        Array.Sort(pairs, 0, count, s_byFoldedName);

        key.Append(varyByQuery is null ? "|q" : "|Q");
        key.Append(count);
        for (int i = 0; i < count; i++)
        {
            key.Append("|q");
            key.Append(pairs[i].Folded.Length);
            key.Append(':');
            key.Append(pairs[i].Folded);
            ValueList(ref key, pairs[i].Values);
        }
    }

    private static void Values(ref KeyWriter key, char kind, string name, StringValues values)
    {
        key.Append('|');
        key.Append(kind);
        key.Append(name.Length);
        key.Append(':');
        key.AppendUpperInvariant(name);
        ValueList(ref key, values);
    }

    private static void ValueList(ref KeyWriter key, StringValues values)
    {
        key.Append('#');
        key.Append(values.Count);
        foreach (string? value in values)
        {
            Part(ref key, '=', value);
        }
    }

    internal static void Part(ref KeyWriter key, char kind, string? value)
    {
        value ??= string.Empty;
        key.Append('|');
        key.Append(kind);
        key.Append(value.Length);
        key.Append(':');
        key.Append(value);
    }

    /// <summary>A value (<c>|v</c>) or its absence (<c>|n</c>, which no value can spell).</summary>
    private static void OptionalPart(ref KeyWriter key, string? value)
    {
        if (value is null)
        {
            key.Append("|n");
        }
        else
        {
            Part(ref key, 'v', value);
        }
    }

    private static void PartLower(ref KeyWriter key, char kind, string? value)
    {
        value ??= string.Empty;
        key.Append('|');
        key.Append(kind);
        key.Append(value.Length); // Invariant casing maps UTF-16 one to one: the lower-cased value has this length too.
        key.Append(':');
        key.AppendLowerInvariant(value);
    }
}
