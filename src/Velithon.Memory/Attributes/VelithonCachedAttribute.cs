namespace Velithon;

/// <summary>
/// Caches the whole response of a minimal-API endpoint, an MVC action or every action of a controller in the
/// Velithon response cache (memory first, Redis second when configured). Takes effect through
/// <c>app.UseVelithonCaching()</c> after <c>services.AddVelithonCaching()</c>.
/// </summary>
/// <remarks>
/// Only <c>GET</c> and <c>HEAD</c> requests are served from the cache, and only responses with one of
/// <see cref="StatusCodes"/>, no <c>Set-Cookie</c> and no <c>Cache-Control: private</c>/<c>no-store</c> are stored.
/// Requests that carry <c>Authorization</c> or come from an authenticated user bypass the cache unless
/// <see cref="VaryByUser"/> is set. An attribute on an action wins over one on its controller.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class VelithonCachedAttribute : Attribute
{
    /// <summary>Gets or sets how long, in seconds, a stored response stays fresh. Defaults to 60; must be at least 1.</summary>
    public int Duration { get; set; } = 60;

    /// <summary>
    /// Gets or sets the query keys whose values are part of the cache key. <see langword="null"/> (the default) varies
    /// by every query key, in a normalized order; an empty array ignores the query string.
    /// </summary>
    public string[]? VaryByQuery { get; set; }

    /// <summary>Gets or sets the request headers whose values are part of the cache key.</summary>
    public string[]? VaryByHeader { get; set; }

    /// <summary>Gets or sets the route values that are part of the cache key.</summary>
    public string[]? VaryByRouteValue { get; set; }

    /// <summary>
    /// Gets or sets whether authenticated requests are cached per user (the key then holds a hash of the user's
    /// name and authentication type). When <see langword="false"/>, authenticated requests bypass the cache.
    /// </summary>
    public bool VaryByUser { get; set; }

    /// <summary>Gets or sets tags with which stored responses can later be evicted together.</summary>
    public string[]? Tags { get; set; }

    /// <summary>Gets or sets the status codes whose responses are stored. <see langword="null"/> means 200 only.</summary>
    public int[]? StatusCodes { get; set; }
}
