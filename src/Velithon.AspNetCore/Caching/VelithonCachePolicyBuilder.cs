using Microsoft.AspNetCore.Http;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Builds the <see cref="VelithonCachedAttribute"/> that <c>CacheWithVelithon(...)</c> adds to an endpoint, or a named
/// policy (<see cref="VelithonCachingOptions.AddPolicy"/>).
/// </summary>
public sealed class VelithonCachePolicyBuilder
{
    private readonly VelithonCachedAttribute _policy = new();
    private readonly SortedDictionary<string, Func<HttpContext, string?>> _values = new(StringComparer.Ordinal);
    private Func<HttpContext, string?>? _keyPrefix;

    /// <summary>Sets how long a stored response stays fresh (rounded up to whole seconds, at least 1).</summary>
    /// <param name="duration">The time to live.</param>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder Expire(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        _policy.Duration = (int)Math.Min(int.MaxValue, Math.Ceiling(duration.TotalSeconds));
        return this;
    }

    /// <summary>Varies by these query keys only (none: ignore the query string).</summary>
    /// <param name="keys">The query keys.</param>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder VaryByQuery(params string[] keys)
    {
        _policy.VaryByQuery = keys;
        return this;
    }

    /// <summary>Varies by these request headers.</summary>
    /// <param name="headers">The header names.</param>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder VaryByHeader(params string[] headers)
    {
        _policy.VaryByHeader = headers;
        return this;
    }

    /// <summary>Varies by these route values.</summary>
    /// <param name="names">The route value names.</param>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder VaryByRouteValue(params string[] names)
    {
        _policy.VaryByRouteValue = names;
        return this;
    }

    /// <summary>Caches authenticated requests per user instead of bypassing them.</summary>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder VaryByUser()
    {
        _policy.VaryByUser = true;
        return this;
    }

    /// <summary>
    /// Varies by these request cookies, and serves requests that carry other cookies too (none: cookies never shape
    /// the response). Without it, a request that carries any cookie bypasses the cache.
    /// </summary>
    /// <param name="names">The cookie names.</param>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder VaryByCookie(params string[] names)
    {
        _policy.VaryByCookie = names;
        return this;
    }

    /// <summary>
    /// Caches the endpoint although it has endpoint filters, which a hit does not run. Use it only when no filter decides
    /// who may see the response.
    /// </summary>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder SkipEndpointFiltersOnHit()
    {
        _policy.SkipEndpointFiltersOnHit = true;
        return this;
    }

    /// <summary>Tags the stored responses for <see cref="IVelithonCacheInvalidator.EvictByTagAsync"/>.</summary>
    /// <param name="tags">The tags.</param>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder Tag(params string[] tags)
    {
        _policy.Tags = [.. _policy.Tags ?? [], .. tags];
        return this;
    }

    /// <summary>Stores responses with these status codes (instead of 200 only).</summary>
    /// <param name="statusCodes">The status codes.</param>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder StatusCodes(params int[] statusCodes)
    {
        _policy.StatusCodes = statusCodes;
        return this;
    }

    /// <summary>
    /// Serves the stored response for <paramref name="window"/> after it expires (<c>STALE</c>) while one request per key
    /// and instance runs the endpoint to refresh it (rounded up to whole seconds; zero turns it off).
    /// </summary>
    /// <param name="window">How long after expiry the stale response may be served.</param>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder StaleWhileRevalidate(TimeSpan window)
    {
        _policy.StaleWhileRevalidate = Seconds(window);
        return this;
    }

    /// <summary>
    /// Serves the stored response for <paramref name="window"/> after it expires (<c>STALE-ERROR</c>) in place of a
    /// refresh whose endpoint threw, answered 5xx or passed the hard timeout (rounded up to whole seconds; zero turns it off).
    /// </summary>
    /// <param name="window">How long after expiry the stale response may replace a failure.</param>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder StaleIfError(TimeSpan window)
    {
        _policy.StaleIfError = Seconds(window);
        return this;
    }

    /// <summary>
    /// A request that waits for another request's refresh of an expired response is served the stale response after
    /// <paramref name="timeout"/> (rounded up to whole milliseconds; zero turns it off).
    /// </summary>
    /// <param name="timeout">How long to wait for the refresh.</param>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder SoftTimeout(TimeSpan timeout)
    {
        _policy.SoftTimeoutMilliseconds = Milliseconds(timeout);
        return this;
    }

    /// <summary>
    /// A refresh of an expired response that can be served stale on error has its request's <c>RequestAborted</c>
    /// cancelled after <paramref name="timeout"/>, and the stale response is served (rounded up to whole milliseconds;
    /// zero turns it off).
    /// </summary>
    /// <param name="timeout">How long the refreshing endpoint may run.</param>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder HardTimeout(TimeSpan timeout)
    {
        _policy.HardTimeoutMilliseconds = Milliseconds(timeout);
        return this;
    }

    /// <summary>
    /// The first request after <paramref name="threshold"/> of the duration has passed runs the endpoint to replace the
    /// stored response while the others are still served it (see <see cref="VelithonCachedAttribute.EagerRefreshThreshold"/>).
    /// </summary>
    /// <param name="threshold">Between 0 and 1 exclusive; 0 turns it off.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is not 0 and not between 0 and 1.</exception>
    public VelithonCachePolicyBuilder EagerRefresh(double threshold)
    {
        if (threshold is not (0 or (> 0 and < 1)))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The eager refresh threshold must be 0 (off) or between 0 and 1 exclusive.");
        }

        _policy.EagerRefreshThreshold = threshold;
        return this;
    }

    /// <summary>
    /// Adds the value <paramref name="value"/> returns for a request to the cache key under <paramref name="name"/> (a
    /// tenant, a culture, a feature flag). It runs on every request to the endpoint, hits included, so keep it cheap and
    /// synchronous; a <see langword="null"/> value is keyed as absent. If it throws, the request is served uncached and
    /// the exception logged. Naming a value twice replaces the first delegate.
    /// </summary>
    /// <param name="name">The name of the value in the key.</param>
    /// <param name="value">Reads the value from the request.</param>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder VaryByValue(string name, Func<HttpContext, string?> value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        _values[name] = value;
        return this;
    }

    /// <summary>
    /// Starts the cache key with the value <paramref name="prefix"/> returns for a request (a tenant, say): the same
    /// rules as <see cref="VaryByValue"/>.
    /// </summary>
    /// <param name="prefix">Reads the prefix from the request.</param>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder SetKeyPrefix(Func<HttpContext, string?> prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        _keyPrefix = prefix;
        return this;
    }

    /// <summary>
    /// Writes <c>Cache-Control: public, max-age=</c>(the duration) on stored responses whose key a browser or shared cache
    /// can reproduce (see <see cref="VelithonCachedAttribute.EmitCacheControl"/>).
    /// </summary>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder EmitCacheControl()
    {
        _policy.EmitCacheControl = true;
        return this;
    }

    /// <summary>
    /// Writes <c>Last-Modified</c> (the time stored) on stored responses and answers <c>If-Modified-Since</c> with 304
    /// (see <see cref="VelithonCachedAttribute.EmitLastModified"/>).
    /// </summary>
    /// <returns>This builder.</returns>
    public VelithonCachePolicyBuilder EmitLastModified()
    {
        _policy.EmitLastModified = true;
        return this;
    }

    /// <summary>Returns the built policy.</summary>
    /// <returns>The attribute to add as endpoint metadata.</returns>
    public VelithonCachedAttribute Build() => new()
    {
        Duration = _policy.Duration,
        VaryByQuery = _policy.VaryByQuery,
        VaryByHeader = _policy.VaryByHeader,
        VaryByRouteValue = _policy.VaryByRouteValue,
        VaryByUser = _policy.VaryByUser,
        VaryByCookie = _policy.VaryByCookie,
        SkipEndpointFiltersOnHit = _policy.SkipEndpointFiltersOnHit,
        Tags = _policy.Tags,
        StatusCodes = _policy.StatusCodes,
        StaleWhileRevalidate = _policy.StaleWhileRevalidate,
        StaleIfError = _policy.StaleIfError,
        SoftTimeoutMilliseconds = _policy.SoftTimeoutMilliseconds,
        HardTimeoutMilliseconds = _policy.HardTimeoutMilliseconds,
        EagerRefreshThreshold = _policy.EagerRefreshThreshold,
        PolicyName = _policy.PolicyName,
        EmitCacheControl = _policy.EmitCacheControl,
        EmitLastModified = _policy.EmitLastModified,
    };

    /// <summary>Sets the named policy the built one starts from.</summary>
    internal VelithonCachePolicyBuilder BasedOn(string policyName)
    {
        _policy.PolicyName = policyName;
        return this;
    }

    /// <summary>Returns the key delegates added with <see cref="VaryByValue"/> and <see cref="SetKeyPrefix"/>.</summary>
    internal CacheKeyValues BuildKeyValues() => _values.Count == 0 && _keyPrefix is null ? CacheKeyValues.None : new([.. _values], _keyPrefix);

    private static int Seconds(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        return (int)Math.Min(int.MaxValue, Math.Ceiling(value.TotalSeconds));
    }

    private static int Milliseconds(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        return (int)Math.Min(int.MaxValue, Math.Ceiling(value.TotalMilliseconds));
    }
}
