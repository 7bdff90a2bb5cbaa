using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Builds the full cache key of a request. Every part is written length-prefixed (<c>len:value</c>), so no crafted path,
/// query or header can make two different requests produce the same key; the key is stored and compared in full.
/// </summary>
internal static class CacheKeyBuilder
{
    private const int MaxReusedCapacity = 1024;

    // One builder per thread, reused: a cache hit then allocates only the key string itself.
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string Build(HttpContext context, CachePolicy policy)
    {
        StringBuilder key = t_builder ?? new StringBuilder(256);
        t_builder = null; // Not shared with a nested call on this thread while in use.
        key.Clear();
        try
        {
            return Build(key, context, policy);
        }
        finally
        {
            if (key.Capacity <= MaxReusedCapacity)
            {
                t_builder = key;
            }
        }
    }

    private static string Build(StringBuilder key, HttpContext context, CachePolicy policy)
    {
        HttpRequest request = context.Request;
        key.Append("v1");
        Part(key, 'm', "GET"); // GET and HEAD share entries.
        Part(key, 's', request.Scheme.ToLowerInvariant());
        Part(key, 'h', request.Host.Value?.ToLowerInvariant() ?? string.Empty);
        Part(key, 'b', request.PathBase.Value ?? string.Empty);
        Part(key, 'p', request.Path.Value ?? string.Empty);

        if (policy.VaryByQuery is null)
        {
            // All query keys, in ordinal order of their normalized (upper-case) names; the collection itself is case-insensitive.
            string[] names = [.. request.Query.Keys.Select(static k => k.ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            key.Append("|q").Append(names.Length);
            foreach (string name in names)
            {
                Values(key, 'q', name, request.Query[name]);
            }
        }
        else
        {
            key.Append("|q").Append(policy.VaryByQuery.Length);
            foreach (string name in policy.VaryByQuery)
            {
                Values(key, 'q', name, request.Query[name]);
            }
        }

        key.Append("|H").Append(policy.VaryByHeader.Length);
        foreach (string name in policy.VaryByHeader)
        {
            Values(key, 'H', name, request.Headers[name]);
        }

        key.Append("|r").Append(policy.VaryByRouteValue.Length);
        foreach (string name in policy.VaryByRouteValue)
        {
            object? value = request.RouteValues.TryGetValue(name, out object? v) ? v : null;
            Part(key, 'r', name);
            Part(key, 'v', value is null ? "\0null" : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
        }

        if (policy.VaryByUser)
        {
            Part(key, 'u', UserHash(context.User));
        }

        return key.ToString();
    }

    /// <summary>The key of one content-coding variant of <paramref name="baseKey"/>.</summary>
    public static string Variant(string baseKey, string encoding) =>
        encoding.Length == 0 ? baseKey : string.Concat(baseKey, "|e", encoding.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ":", encoding);

    /// <summary>A hash of the user's identity: name and authentication type of every identity, plus its name-identifier claim.</summary>
    public static string UserHash(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return "anonymous";
        }

        var identity = new StringBuilder();
        foreach (ClaimsIdentity id in user.Identities)
        {
            if (!id.IsAuthenticated)
            {
                continue;
            }

            Part(identity, 'a', id.AuthenticationType ?? string.Empty);
            Part(identity, 'n', id.Name ?? string.Empty);
            Part(identity, 'i', id.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? string.Empty);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())));
    }

    private static void Values(StringBuilder key, char kind, string name, StringValues values)
    {
        Part(key, kind, name.ToUpperInvariant());
        key.Append('#').Append(values.Count);
        foreach (string? value in values)
        {
            Part(key, '=', value ?? string.Empty);
        }
    }

    private static void Part(StringBuilder key, char kind, string value) =>
        key.Append('|').Append(kind).Append(value.Length).Append(':').Append(value);
}
