namespace Velithon;

/// <summary>
/// Caches the whole response of a minimal-API endpoint, an MVC action or every action of a controller in the
/// Velithon response cache (memory first, Redis second when configured). Takes effect through
/// <c>app.UseVelithonCaching()</c> after <c>services.AddVelithonCaching()</c>.
/// </summary>
/// <remarks>
/// Only <c>GET</c> and <c>HEAD</c> requests are served from the cache, and only complete responses with one of
/// <see cref="StatusCodes"/> whose final headers allow it (no <c>Set-Cookie</c>, no <c>Cache-Control</c>
/// <c>private</c>/<c>no-store</c>/<c>no-cache</c>/<c>max-age=0</c>, no <c>Vary: *</c>, ...) are stored. Requests that
/// carry <c>Authorization</c> or come from an authenticated user bypass the cache unless <see cref="VaryByUser"/> is
/// set; requests that carry cookies bypass it unless <see cref="VaryByCookie"/> is set. An attribute on an action wins
/// over one on its controller. With <see cref="PolicyName"/>, a setting the attribute leaves at its default (60 s,
/// <see langword="null"/>, <see langword="false"/>, -1) takes the named policy's value; vary lists and tags set on both are
/// combined, so that every input either names is in the key.
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
    /// Gets or sets whether authenticated requests are cached per user (the key then holds a SHA-256 of every
    /// identity's authentication type and every claim). When <see langword="false"/>, authenticated requests bypass the cache.
    /// </summary>
    public bool VaryByUser { get; set; }

    /// <summary>
    /// Gets or sets the request cookies whose values are part of the cache key. <see langword="null"/> (the default):
    /// a request that carries any cookie bypasses the cache, since the response may depend on it; an empty array:
    /// cookies never shape the response and are ignored.
    /// </summary>
    public string[]? VaryByCookie { get; set; }

    /// <summary>
    /// Gets or sets whether an endpoint with endpoint filters (<c>AddEndpointFilter</c>) is cached although a hit
    /// does not run them. Defaults to <see langword="false"/>: such endpoints are not cached, because a filter may decide
    /// who sees the response (an API key check, say) and a hit would skip it. Set it only when no filter does.
    /// MVC filters (authorization, resource and action filters) always run before a hit is served.
    /// </summary>
    public bool SkipEndpointFiltersOnHit { get; set; }

    /// <summary>Gets or sets tags with which stored responses can later be evicted together.</summary>
    public string[]? Tags { get; set; }

    /// <summary>Gets or sets the status codes whose responses are stored. <see langword="null"/> means 200 only.</summary>
    public int[]? StatusCodes { get; set; }

    /// <summary>
    /// Gets or sets how long, in seconds, after a stored response expires it is still served (marked <c>STALE</c>) while
    /// one request per key and instance runs the endpoint to refresh it. -1 (the default) takes the global option
    /// (<c>VelithonCachingOptions.StaleWhileRevalidate</c>, off unless set); 0 turns it off.
    /// </summary>
    public int StaleWhileRevalidate { get; set; } = -1;

    /// <summary>
    /// Gets or sets how long, in seconds, after a stored response expires it is served (marked <c>STALE-ERROR</c>) in
    /// place of a refresh whose endpoint threw, answered 5xx or passed the hard timeout. -1 (the default) takes the global
    /// option (<c>VelithonCachingOptions.StaleIfError</c>, off unless set); 0 turns it off.
    /// </summary>
    public int StaleIfError { get; set; } = -1;

    /// <summary>
    /// Gets or sets how long, in milliseconds, a request that waits for another one's refresh of an expired response waits
    /// before it is served the stale response instead. -1 (the default) takes the global option
    /// (<c>VelithonCachingOptions.SoftTimeout</c>, off unless set); 0 turns it off.
    /// </summary>
    public int SoftTimeoutMilliseconds { get; set; } = -1;

    /// <summary>
    /// Gets or sets how long, in milliseconds, the endpoint may run to refresh an expired response that can be served
    /// stale on error before its request's <c>RequestAborted</c> token is cancelled and the stale response is served.
    /// -1 (the default) takes the global option (<c>VelithonCachingOptions.HardTimeout</c>, off unless set); 0 turns it off.
    /// </summary>
    public int HardTimeoutMilliseconds { get; set; } = -1;

    /// <summary>
    /// Gets or sets the fraction of <see cref="Duration"/> after which the first request for a stored response runs the
    /// endpoint to replace it (once per key and instance; it answers <c>MISS</c>), while the others are still served the
    /// stored response, so a read-often response is replaced before it expires and nobody waits at its expiry. Between 0
    /// and 1 exclusive (0.9: the last tenth of the duration). -1 (the default) takes the global option
    /// (<c>VelithonCachingOptions.EagerRefreshThreshold</c>, off unless set); 0 turns it off. A refresh that fails is not
    /// retried for that response, which is then served until it expires; its failure is replaced by the stored response
    /// when the endpoint is served by the middleware (not for MVC actions, as for <see cref="StaleIfError"/>).
    /// </summary>
    public double EagerRefreshThreshold { get; set; } = -1;

    /// <summary>
    /// Gets or sets the name of a policy registered with <c>VelithonCachingOptions.AddPolicy</c> whose settings, vary
    /// values and key prefix apply to this endpoint; the attribute's own settings that differ from their defaults win,
    /// and vary lists and tags are combined. An unknown name fails the endpoint's first request.
    /// </summary>
    public string? PolicyName { get; set; }

    /// <summary>
    /// Gets or sets whether stored responses carry <c>Cache-Control: public, max-age=</c><see cref="Duration"/> for browsers
    /// and shared caches (hits also carry <c>Age</c>). Written only when every input of the key is visible to such a cache
    /// (no <see cref="VaryByUser"/>, <see cref="VaryByCookie"/> names, vary values or key prefix; <see cref="VaryByHeader"/>
    /// names are added to <c>Vary</c>) and the endpoint set no <c>Cache-Control</c> itself; otherwise nothing is added.
    /// </summary>
    public bool EmitCacheControl { get; set; }

    /// <summary>
    /// Gets or sets whether stored responses carry <c>Last-Modified</c> (the time they were stored, unless the endpoint
    /// set one), which a request's <c>If-Modified-Since</c> is compared with. It has one-second precision: prefer the
    /// <c>ETag</c> every stored response has (and <c>If-None-Match</c>, which wins).
    /// </summary>
    public bool EmitLastModified { get; set; }
}
