using System.Collections.Frozen;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Velithon.AspNetCore.Caching;

/// <summary>A <see cref="VelithonCachedAttribute"/> resolved once per endpoint: validated, names normalized and sorted.</summary>
internal sealed class CachePolicy
{
    private CachePolicy(VelithonCachedAttribute attribute, bool requiresAuthorization)
    {
        RequiresAuthorization = requiresAuthorization;
        if (attribute.Duration < 1)
        {
            throw new InvalidOperationException($"[VelithonCached] Duration must be at least 1 second; it is {attribute.Duration}.");
        }

        Duration = TimeSpan.FromSeconds(attribute.Duration);
        VaryByQuery = attribute.VaryByQuery is null ? null : Normalize(attribute.VaryByQuery);
        VaryByHeader = Normalize(attribute.VaryByHeader);
        VaryByRouteValue = [.. (attribute.VaryByRouteValue ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
        VaryByUser = attribute.VaryByUser;
        Tags = [.. (attribute.Tags ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        StatusCodes = (attribute.StatusCodes is { Length: > 0 } codes ? codes : [200]).ToFrozenSet();
    }

    public TimeSpan Duration { get; }

    public string[]? VaryByQuery { get; }

    public string[] VaryByHeader { get; }

    public string[] VaryByRouteValue { get; }

    public bool VaryByUser { get; }

    public string[] Tags { get; }

    public FrozenSet<int> StatusCodes { get; }

    /// <summary>The endpoint has authorization metadata (<c>[Authorize]</c>, <c>RequireAuthorization()</c>) and no <c>[AllowAnonymous]</c>.</summary>
    public bool RequiresAuthorization { get; }

    public static CachePolicy From(VelithonCachedAttribute attribute, bool requiresAuthorization = false) => new(attribute, requiresAuthorization);

    /// <summary>The endpoint's <see cref="VelithonCachedAttribute"/> as a policy, or null when it has none.</summary>
    public static CachePolicy? For(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<VelithonCachedAttribute>() is { } attribute
            ? new(attribute, endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            : null;

    private static string[] Normalize(string[]? names) =>
        [.. (names ?? []).Select(static n => n.ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
