namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Puts an endpoint's <see cref="VelithonCachedAttribute"/> on top of the named policy it refers to: a setting the
/// endpoint leaves at its default takes the policy's; vary lists and tags set on both are combined (every input either
/// names stays in the key); a flag either sets is set.
/// </summary>
internal static class NamedPolicyMerge
{
    private static readonly VelithonCachedAttribute s_defaults = new();

    public static VelithonCachedAttribute Merge(VelithonCachedAttribute endpoint, VelithonCachedAttribute policy) => new()
    {
        Duration = endpoint.Duration != s_defaults.Duration ? endpoint.Duration : policy.Duration,
        VaryByQuery = Union(endpoint.VaryByQuery, policy.VaryByQuery),
        VaryByHeader = Union(endpoint.VaryByHeader, policy.VaryByHeader),
        VaryByRouteValue = Union(endpoint.VaryByRouteValue, policy.VaryByRouteValue),
        VaryByCookie = Union(endpoint.VaryByCookie, policy.VaryByCookie),
        Tags = Union(endpoint.Tags, policy.Tags),
        VaryByUser = endpoint.VaryByUser || policy.VaryByUser,
        SkipEndpointFiltersOnHit = endpoint.SkipEndpointFiltersOnHit || policy.SkipEndpointFiltersOnHit,
        EmitCacheControl = endpoint.EmitCacheControl || policy.EmitCacheControl,
        EmitLastModified = endpoint.EmitLastModified || policy.EmitLastModified,
        StatusCodes = endpoint.StatusCodes ?? policy.StatusCodes,
        StaleWhileRevalidate = Setting(endpoint.StaleWhileRevalidate, policy.StaleWhileRevalidate),
        StaleIfError = Setting(endpoint.StaleIfError, policy.StaleIfError),
        SoftTimeoutMilliseconds = Setting(endpoint.SoftTimeoutMilliseconds, policy.SoftTimeoutMilliseconds),
        HardTimeoutMilliseconds = Setting(endpoint.HardTimeoutMilliseconds, policy.HardTimeoutMilliseconds),
        EagerRefreshThreshold = endpoint.EagerRefreshThreshold != -1 ? endpoint.EagerRefreshThreshold : policy.EagerRefreshThreshold,
    };

    private static string[]? Union(string[]? endpoint, string[]? policy) =>
        endpoint is null ? policy : policy is null ? endpoint : [.. endpoint, .. policy];

    /// <summary>-1 is "not set": the policy's value (which may be -1 too: the global option).</summary>
    private static int Setting(int endpoint, int policy) => endpoint != -1 ? endpoint : policy;
}
