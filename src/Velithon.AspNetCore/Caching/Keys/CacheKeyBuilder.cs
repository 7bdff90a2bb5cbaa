using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;
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

    public static string Build(HttpContext context, CachePolicy policy)
    {
        var key = new KeyWriter(stackalloc char[StackChars]);
        try
        {
            Write(ref key, context, policy);
            return key.ToString();
        }
        finally
        {
            key.Dispose();
        }
    }

    /// <summary>Writes the key of <paramref name="context"/>'s request under <paramref name="policy"/>.</summary>
    public static void Write(ref KeyWriter key, HttpContext context, CachePolicy policy)
    {
        HttpRequest request = context.Request;
        key.Append("v2");
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
        if (policy.VaryByQuery is null)
        {
            // All query keys, in ordinal order of their normalized (upper-case) names; the collection itself is case-insensitive.
            if (query is null || query.Count == 0)
            {
                key.Append("|q0");
            }
            else
            {
                AllQueryKeys(ref key, query);
            }
        }
        else
        {
            key.Append("|q");
            key.Append(policy.VaryByQuery.Length);
            foreach (string name in policy.VaryByQuery)
            {
                Values(ref key, 'q', name, query is null ? StringValues.Empty : query[name]);
            }
        }

        key.Append("|H");
        key.Append(policy.VaryByHeader.Length);
        foreach (string name in policy.VaryByHeader)
        {
            Values(ref key, 'H', name, request.Headers[name]);
        }

        string[] responseVary = policy.ResponseVary;
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

    private static void AllQueryKeys(ref KeyWriter key, IQueryCollection query)
    {
        var names = new string[query.Count];
        int count = 0;
        foreach (string name in query.Keys)
        {
            if (count == names.Length)
            {
                Array.Resize(ref names, count * 2);
            }

            names[count++] = name.ToUpperInvariant();
        }

        Array.Sort(names, 0, count, StringComparer.Ordinal);
        int distinct = 0;
        for (int i = 0; i < count; i++)
        {
            if (distinct == 0 || !string.Equals(names[distinct - 1], names[i], StringComparison.Ordinal))
            {
                names[distinct++] = names[i];
            }
        }

        key.Append("|q");
        key.Append(distinct);
        for (int i = 0; i < distinct; i++)
        {
            Values(ref key, 'q', names[i], query[names[i]]);
        }
    }

    private static void Values(ref KeyWriter key, char kind, string name, StringValues values)
    {
        key.Append('|');
        key.Append(kind);
        key.Append(name.Length);
        key.Append(':');
        key.AppendUpperInvariant(name);
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
