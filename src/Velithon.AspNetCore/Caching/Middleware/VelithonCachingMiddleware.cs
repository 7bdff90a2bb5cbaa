using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Velithon.Memory;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Serves and stores the responses of endpoints marked <see cref="VelithonCachedAttribute"/> (or <c>CacheWithVelithon()</c>).
/// Place it with <c>app.UseVelithonCaching()</c> after routing, authentication and authorization, before the endpoints.
/// </summary>
/// <remarks>
/// The rule it keeps: a stored response is served only to a request that every authorization layer of the endpoint
/// lets through, and only when every input that shaped the response is in the key; anything uncertain is not stored.
/// </remarks>
internal sealed partial class VelithonCachingMiddleware
{
    private const string Hit = "HIT";
    private const string Miss = "MISS";
    private const string Bypass = "BYPASS";
    private const string Stale = "STALE";
    private const string StaleError = "STALE-ERROR";
    private const string L1 = "l1";
    private const string L2 = "l2";
    private const string ServerTiming = "Server-Timing";
    private const string PipelineOrder = "pipeline-order";
    private const string AuthorizationMiddlewareInvokedKey = "__AuthorizationMiddlewareWithEndpointInvoked";

    /// <summary>Most request headers a response's own <c>Vary</c> may add to an endpoint's key; past it nothing more is stored.</summary>
    private const int MaxResponseVary = 16;

    /// <summary>Response headers never stored: hop-by-hop, per-client, and those the cache writes itself on every response.</summary>
    private static readonly FrozenSet<string> s_notStored = UnsafeHeaders.HopByHop
        .Concat(UnsafeHeaders.PerClient)
        .Concat([HeaderNames.Date, ServerTiming, HeaderNames.ETag, HeaderNames.Vary, HeaderNames.ContentEncoding, HeaderNames.Age])
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly RequestDelegate _next;
    private readonly VelithonResponseCache _cache;
    private readonly VelithonCachingOptions _options;
    private readonly VelithonCachingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly StampedeGate _gate = new();

    // Where a miss buffers the endpoint's body: the app's pool (AddVelithonMemory), so its statistics show this traffic.
    private readonly ArrayPool<byte> _pool;
    private readonly ConcurrentDictionary<Endpoint, CachePolicy?> _policies = new();
    private readonly Func<Endpoint, CachePolicy?> _createPolicy;
    private readonly Func<HttpContext, CachedResponse, string, long, Task> _serveHit;
    private int _pipelineOrderLogged;
    private int _routingOrderLogged;

    // Server-Timing values of L1 hits by whole microseconds below 1 ms, formatted once each (see ServerTimingValue).
    private static readonly string?[] s_l1HitTimings = new string?[1000];

    // Age values (whole seconds) below an hour, formatted once each (see AgeValue).
    private static readonly string?[] s_ageValues = new string?[AgeStrings];

    private const int AgeStrings = 3600;

    public VelithonCachingMiddleware(RequestDelegate next, VelithonResponseCache cache, IOptions<VelithonCachingOptions> options, VelithonCachingMetrics metrics, ILogger<VelithonCachingMiddleware> logger, IServiceProvider? services = null)
    {
        _next = next;
        _pool = services?.GetService<IVelithonMemory>()?.Pool ?? VelithonMemoryPool.Shared;
        _cache = cache;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _createPolicy = CreatePolicy;
        _serveHit = ServeHitAsync;
    }

    public Task InvokeAsync(HttpContext context)
    {
        Endpoint? endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            return Volatile.Read(ref _routingOrderLogged) == 0 ? WithoutEndpointAsync(context) : _next(context);
        }

        CachePolicy? policy = _policies.GetOrAdd(endpoint, _createPolicy);
        if (policy is null)
        {
            return _next(context);
        }

        long start = Stopwatch.GetTimestamp();
        string? bypass = BypassReason(context, policy);
        if (bypass == PipelineOrder && Interlocked.Exchange(ref _pipelineOrderLogged, 1) == 0)
        {
            CachingLog.CacheBeforeAuthorization(_logger, context.Request.Path.Value ?? string.Empty);
        }

        if (bypass is not null)
        {
            if (RequestCacheControl.OnlyIfCached(context.Request))
            {
                return GatewayTimeoutAsync(context, bypass, start);
            }

            _metrics.Bypass(bypass);
            context.Response.OnStarting(static state =>
            {
                var (self, ctx, started) = ((VelithonCachingMiddleware, HttpContext, long))state;
                self.SetStatus(ctx.Response, Bypass, null, started);
                return Task.CompletedTask;
            }, (this, context, start));
            return _next(context);
        }

        string encoding = _options.EnableCompression ? ResponseCompressor.Choose(context.Request) : string.Empty;
        if (!policy.KeyValues.IsEmpty)
        {
            return WithKeyValues(context, endpoint, policy, encoding, start);
        }

        return TryServeFromMemory(context, endpoint, policy, encoding, start, out string? baseKey, out CachedResponse? stale, out CachedResponse? refresh)
            ?? (refresh is null ? CachedAsync(context, endpoint, policy, baseKey!, encoding, start, stale) : RefreshAheadAsync(context, endpoint, policy, baseKey!, encoding, start, refresh));
    }

    /// <summary>
    /// The same as the end of <see cref="InvokeAsync"/> for a policy whose delegates add values to the key: one that throws
    /// leaves the request uncached (it runs the endpoint as a bypass) and is logged.
    /// </summary>
    private Task WithKeyValues(HttpContext context, Endpoint endpoint, CachePolicy policy, string encoding, long start)
    {
        Task? hit;
        string? baseKey;
        CachedResponse? stale;
        CachedResponse? refresh;
        try
        {
            hit = TryServeFromMemory(context, endpoint, policy, encoding, start, out baseKey, out stale, out refresh);
        }
        catch (Exception ex)
        {
            CachingLog.KeyValueFailed(_logger, context.Request.Path.Value ?? string.Empty, ex);
            if (RequestCacheControl.OnlyIfCached(context.Request))
            {
                return GatewayTimeoutAsync(context, "key-value-error", start);
            }

            _metrics.Bypass("key-value-error");
            context.Response.OnStarting(static state =>
            {
                var (self, ctx, started) = ((VelithonCachingMiddleware, HttpContext, long))state;
                self.SetStatus(ctx.Response, Bypass, null, started);
                return Task.CompletedTask;
            }, (this, context, start));
            return _next(context);
        }

        return hit ?? (refresh is null ? CachedAsync(context, endpoint, policy, baseKey!, encoding, start, stale) : RefreshAheadAsync(context, endpoint, policy, baseKey!, encoding, start, refresh));
    }

    /// <summary>
    /// <c>Cache-Control: only-if-cached</c> (RFC 9111 5.2.1.7) and nothing stored to answer with: 504, the endpoint not run.
    /// </summary>
    private Task GatewayTimeoutAsync(HttpContext context, string reason, long start)
    {
        _metrics.Bypass("only-if-cached");
        CachingLog.OnlyIfCachedMiss(_logger, context.Request.Path.Value ?? string.Empty, reason);
        context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
        SetStatus(context.Response, Miss, null, start);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The L1 hit path, synchronous: builds the key into a stack buffer, looks it up by its digest (no string
    /// allocated) and, on a hit, returns the body write. On a miss returns <see langword="null"/>, the key as a
    /// string, and the expired entry still within its stale limit, if any (the async path decides whether it may be served).
    /// A hit that this request takes to refresh ahead of expiry is returned as <paramref name="refresh"/> (with the key).
    /// </summary>
    private Task? TryServeFromMemory(HttpContext context, Endpoint endpoint, CachePolicy policy, string encoding, long start, out string? baseKey, out CachedResponse? stale, out CachedResponse? refresh)
    {
        refresh = null;
        var key = new KeyWriter(stackalloc char[CacheKeyBuilder.StackChars]);
        try
        {
            CacheKeyBuilder.Write(ref key, context, policy);
            int baseLength = key.Length;
            CachedResponse? found;
            stale = null;
            if (encoding.Length == 0)
            {
                if (_cache.FindMemory(key.Written, out found) == EntryState.Stale)
                {
                    (stale, found) = (found, null);
                }
            }
            else
            {
                CacheKeyBuilder.AppendVariant(ref key, encoding);
                EntryState variant = _cache.FindMemory(key.Written, out found);
                key.Truncate(baseLength);
                if (variant != EntryState.Fresh)
                {
                    CachedResponse? staleVariant = found;
                    found = null;
                    EntryState identityState = _cache.FindMemory(key.Written, out CachedResponse? identity);
                    if (identityState == EntryState.Fresh)
                    {
                        found = VariantOf(identity!, key.Written, encoding);
                    }
                    else
                    {
                        // The identity body suits every client; a stale variant is preferred only because it exists already.
                        stale = staleVariant ?? identity;
                    }
                }
            }

            if (found is not null)
            {
                if (policy.EagerRefreshLeadMilliseconds > 0 && TakesEagerRefresh(context.Request, policy, found))
                {
                    refresh = found;
                    baseKey = key.ToString();
                    return null;
                }

                baseKey = null;
                return ServeFoundAsync(context, endpoint, policy, found, L1, start);
            }

            baseKey = key.ToString();
            return null;
        }
        finally
        {
            key.Dispose();
        }
    }

    private static string? BypassReason(HttpContext context, CachePolicy policy)
    {
        HttpRequest request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return "method";
        }

        if (policy.Refusal is { } refusal)
        {
            return refusal;
        }

        // A hit answers without running what comes after the cache; if authorization comes after it, a hit would skip
        // the endpoint's authorization. UseAuthorization() marks the request with this (stable, documented by its
        // EndpointMiddleware check) item once it has evaluated the endpoint's policies.
        if (policy.RequiresAuthorization && !context.Items.ContainsKey(AuthorizationMiddlewareInvokedKey))
        {
            return PipelineOrder;
        }

        // A cookie may shape the response (a theme, a session, a login the app reads itself): unless the endpoint says
        // which cookies matter (or that none do), a request that carries one is neither served nor stored.
        if (policy.VaryByCookie is null && !StringValues.IsNullOrEmpty(request.Headers.Cookie))
        {
            return "cookie";
        }

        bool authenticated = CacheKeyBuilder.UserOf(context)?.Identity?.IsAuthenticated == true;
        if (policy.VaryByUser)
        {
            // A credential the app did not turn into a user could belong to anyone: never share "anonymous" with it.
            return request.Headers.ContainsKey(HeaderNames.Authorization) && !authenticated ? "authorization" : null;
        }

        return authenticated ? "user" : request.Headers.ContainsKey(HeaderNames.Authorization) ? "authorization" : null;
    }

    /// <summary>
    /// After an L1 miss: L2, then the endpoint (once per key under concurrent misses). With an expired entry still within
    /// its stale limit (<paramref name="stale"/>, from L1, or found in L2), the resilience rules of
    /// <c>VelithonCachingMiddleware.Stale.cs</c> apply.
    /// </summary>
    private async Task CachedAsync(HttpContext context, Endpoint endpoint, CachePolicy policy, string baseKey, string encoding, long start, CachedResponse? stale)
    {
        // Read before L2 and before the endpoint runs, so that an eviction racing either wins. An L1 hit needs none.
        string[] tags = policy.EntryTags(context.Request.PathBase.Value, context.Request.Path.Value);
        long[] generations = _cache.SnapshotGenerations(tags);
        CancellationToken aborted = context.RequestAborted;

        // A stale memory copy still looks in Redis first: another instance may have refreshed the entry.
        (CachedResponse? fromRedis, string redisLayer, bool redisStale) = await LookupAsync(baseKey, encoding, generations, tags, policy, memory: false, aborted).ConfigureAwait(false);
        if (fromRedis is not null && !redisStale)
        {
            await ServeFoundAsync(context, endpoint, policy, fromRedis, redisLayer, start).ConfigureAwait(false);
            return;
        }

        if (RequestCacheControl.OnlyIfCached(context.Request))
        {
            await GatewayTimeoutAsync(context, "miss", start).ConfigureAwait(false);
            return;
        }

        StaleEntry? fallback = stale is not null ? new StaleEntry(stale, L1) : fromRedis is not null ? new StaleEntry(fromRedis, redisLayer) : null;

        if (HttpMethods.IsHead(context.Request.Method))
        {
            // A HEAD response has no body to store; GET fills the entry that HEAD then shares (and refreshes a stale one).
            if (fallback is not null && CanServeStale(fallback, policy.StaleWhileRevalidate))
            {
                await ServeStaleAsync(context, endpoint, policy, fallback, Stale, "revalidate", start).ConfigureAwait(false);
                return;
            }

            await RunAsync(context, policy, baseKey, encoding, tags, generations, start, store: false, OnErrorFallback(fallback, policy)).ConfigureAwait(false);
            return;
        }

        Task? leader = _gate.TryLead(baseKey, out TaskCompletionSource? lease);
        if (leader is null)
        {
            try
            {
                // A request that found the entry stale may lead just after another refresh finished: serve what it stored.
                if (fallback is not null && FreshInMemory(baseKey, encoding) is { } refreshed)
                {
                    await ServeFoundAsync(context, endpoint, policy, refreshed, L1, start).ConfigureAwait(false);
                    return;
                }

                await RunAsync(context, policy, baseKey, encoding, tags, generations, start, store: true, OnErrorFallback(fallback, policy)).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release(baseKey, lease!);
            }

            return;
        }

        // Stale-while-revalidate: the leader above is the one refresh of this key on this instance.
        if (fallback is not null && CanServeStale(fallback, policy.StaleWhileRevalidate))
        {
            await ServeStaleAsync(context, endpoint, policy, fallback, Stale, "revalidate", start).ConfigureAwait(false);
            return;
        }

        _metrics.StampedeWait();
        bool soft = fallback is not null && policy.SoftTimeout > TimeSpan.Zero && policy.SoftTimeout < _options.StampedeWaitTimeout
            && CanServeStale(fallback, policy.StaleIfError);
        try
        {
            await (soft ? leader.WaitAsync(policy.SoftTimeout, _cache.Time, aborted) : leader.WaitAsync(_options.StampedeWaitTimeout, aborted)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            if (soft && CanServeStale(fallback!, policy.StaleIfError))
            {
                await ServeStaleAsync(context, endpoint, policy, fallback!, Stale, "soft-timeout", start).ConfigureAwait(false);
                return;
            }

            CachingLog.StampedeTimedOut(_logger, context.Request.Path, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        (CachedResponse? found, string layer, bool foundStale) = await LookupAsync(baseKey, encoding, generations, tags, policy, memory: true, aborted).ConfigureAwait(false);
        if (found is not null && !foundStale)
        {
            await ServeFoundAsync(context, endpoint, policy, found, layer, start).ConfigureAwait(false);
            return;
        }

        await RunAsync(context, policy, baseKey, encoding, tags, generations, start, store: true, OnErrorFallback(fallback ?? (found is null ? null : new StaleEntry(found, layer)), policy)).ConfigureAwait(false);
    }

    /// <summary>Finds a fresh entry of the key in L1 only (the encoding variant, or the identity it is made from).</summary>
    private CachedResponse? FreshInMemory(string baseKey, string encoding)
    {
        if (_cache.TryGetMemory(CacheKeyBuilder.Variant(baseKey, encoding), out CachedResponse? response))
        {
            return response;
        }

        return encoding.Length > 0 && _cache.TryGetMemory(baseKey, out CachedResponse? identity) ? VariantOf(identity, baseKey, encoding) : null;
    }

    /// <summary>Looks the key up (L1 first when <paramref name="memory"/>, then L2); <c>Stale</c> when what it found is past its expiry but within its stale limit.</summary>
    private async ValueTask<(CachedResponse? Response, string Layer, bool Stale)> LookupAsync(string baseKey, string encoding, long[] generations, string[] tags, CachePolicy policy, bool memory, CancellationToken cancellationToken)
    {
        string key = CacheKeyBuilder.Variant(baseKey, encoding);
        CachedResponse? stale = null;
        string staleLayer = "none";
        if (memory)
        {
            EntryState state = _cache.FindMemory(key, out CachedResponse? response);
            if (state == EntryState.Fresh)
            {
                return (response, L1, false);
            }

            CachedResponse? identity = null;
            EntryState identityState = encoding.Length > 0 ? _cache.FindMemory(baseKey, out identity) : EntryState.Missing;
            if (identityState == EntryState.Fresh)
            {
                return (VariantOf(identity!, baseKey, encoding), L1, false);
            }

            (stale, staleLayer) = (state == EntryState.Stale ? response : identityState == EntryState.Stale ? identity : null, L1);
        }

        if (_cache.L2 is null)
        {
            return (stale, staleLayer, stale is not null);
        }

        (CachedResponse? found, bool foundStale) = await _cache.TryGetStoreAsync(key, generations, tags, policy, cancellationToken).ConfigureAwait(false);
        if (found is not null && !foundStale)
        {
            return (found, L2, false);
        }

        (stale, staleLayer) = stale is null && found is not null ? (found, L2) : (stale, staleLayer);
        if (encoding.Length > 0)
        {
            (CachedResponse? identity, bool identityStale) = await _cache.TryGetStoreAsync(baseKey, generations, tags, policy, cancellationToken).ConfigureAwait(false);
            if (identity is not null && !identityStale)
            {
                return (VariantOf(identity, baseKey, encoding), L2, false);
            }

            (stale, staleLayer) = stale is null && identity is not null ? (identity, L2) : (stale, staleLayer);
        }

        return (stale, stale is null ? "none" : staleLayer, stale is not null);
    }

    /// <summary>Serves a found entry: here, or (MVC) from the innermost action filter once every filter let the request through.</summary>
    private Task ServeFoundAsync(HttpContext context, Endpoint endpoint, CachePolicy policy, CachedResponse found, string layer, long start) =>
        policy.Serving == HitServing.Middleware ? ServeHitAsync(context, found, layer, start) : ServeThroughFiltersAsync(context, endpoint, found, layer, start, _serveHit);

    private Task ServeHitAsync(HttpContext context, CachedResponse found, string layer, long start)
    {
        _metrics.Hit(layer);
        found.Counters?.Hit();
        return ServeAsync(context, found, Hit, layer, start);
    }

    private async Task ServeThroughFiltersAsync(HttpContext context, Endpoint endpoint, CachedResponse found, string layer, long start, Func<HttpContext, CachedResponse, string, long, Task> serve)
    {
        var hit = new CacheHitFeature(endpoint, serve, found, layer, start);
        context.Features.Set(hit);
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set<CacheHitFeature>(null);
        }

        if (!hit.Served)
        {
            _metrics.Bypass("filter-refused");
        }
    }

    private CachePolicy? CreatePolicy(Endpoint endpoint)
    {
        CachePolicy? policy = CachePolicy.For(endpoint, _options);
        string name = endpoint.DisplayName ?? "(unnamed endpoint)";
        if (policy is not null)
        {
            policy.Counters = _cache.CountersFor(name);
        }

        switch (policy?.Refusal)
        {
            case "unverified-endpoint":
                CachingLog.EndpointNotCached(_logger, name, "its endpoint filters are unknown: it was not built through the convention UseVelithonCaching() installs",
                    "Call UseVelithonCaching() on the app that maps the endpoint, after UseRouting().");
                break;
            case "page-filters":
                CachingLog.EndpointNotCached(_logger, name, "Razor Pages filters would not run on a hit", "Cache the page's data instead, or use an MVC action or a minimal API.");
                break;
        }

        return policy;
    }

    /// <summary>
    /// A request that reached the cache with no endpoint: if one is chosen after it, routing runs after the cache and
    /// the endpoint is never cached; said once, as an error, since it silently turns caching off.
    /// </summary>
    private async Task WithoutEndpointAsync(HttpContext context)
    {
        await _next(context).ConfigureAwait(false);
        if (context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<VelithonCachedAttribute>() is not null
            && Interlocked.Exchange(ref _routingOrderLogged, 1) == 0)
        {
            CachingLog.CacheBeforeRouting(_logger, endpoint.DisplayName ?? context.Request.Path.Value ?? string.Empty);
        }
    }
}
