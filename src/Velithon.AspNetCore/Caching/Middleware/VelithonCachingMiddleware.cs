using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
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
    private const string L1 = CachedResponseFinder.L1;
    private const string L2 = CachedResponseFinder.L2;
    private const string ServerTiming = "Server-Timing";
    private const string PipelineOrder = "pipeline-order";
    private const string AuthorizationMiddlewareInvokedKey = "__AuthorizationMiddlewareWithEndpointInvoked";

    /// <summary>Response headers never stored: hop-by-hop, per-client, and those the cache writes itself on every response.</summary>
    private static readonly FrozenSet<string> s_notStored = UnsafeHeaders.HopByHop
        .Concat(UnsafeHeaders.PerClient)
        .Concat([HeaderNames.Date, ServerTiming, HeaderNames.ETag, HeaderNames.Vary, HeaderNames.ContentEncoding, HeaderNames.Age])
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly RequestDelegate _next;
    private readonly VelithonResponseCache _cache;
    private readonly CachedResponseFinder _finder;
    private readonly VelithonCachingOptions _options;
    private readonly VelithonCachingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly StampedeGate _gate = new();

    // Where a miss buffers the endpoint's body: the app's pool (AddVelithonMemory), so its statistics show this traffic.
    private readonly ArrayPool<byte> _pool;
    private readonly ConcurrentDictionary<Endpoint, CachePolicy?> _policies = new();
    private readonly Func<Endpoint, CachePolicy?> _createPolicy;
    private readonly Func<HttpContext, CachedResponse, string, long, Task> _serveHit;
    private readonly bool _fallbackAuthorization;
    private int _pipelineOrderLogged;
    private int _lateMiddlewareLogged;
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
        _finder = new CachedResponseFinder(cache, _pool, _options.MinCompressionBytes);
        _fallbackAuthorization = MayApplyFallbackPolicy(services);
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

        if (!policy.KeyValues.IsEmpty)
        {
            return WithKeyValues(context, endpoint, policy, start);
        }

        return TryServeFromMemory(context, endpoint, policy, start, out CachingRequestContext? miss) ?? AfterMemoryMissAsync(miss!);
    }

    /// <summary>
    /// The same as the end of <see cref="InvokeAsync"/> for a policy whose delegates add values to the key: one that throws
    /// leaves the request uncached (it runs the endpoint as a bypass) and is logged.
    /// </summary>
    private Task WithKeyValues(HttpContext context, Endpoint endpoint, CachePolicy policy, long start)
    {
        Task? hit;
        CachingRequestContext? miss;
        try
        {
            hit = TryServeFromMemory(context, endpoint, policy, start, out miss);
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

        return hit ?? AfterMemoryMissAsync(miss!);
    }

    /// <summary>After the L1 hit path: the refresh this request claimed, or the miss.</summary>
    private Task AfterMemoryMissAsync(CachingRequestContext request) =>
        request.RefreshOf is null ? CachedAsync(request) : RefreshAheadAsync(request);

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
    /// allocated) and, on a hit, returns the body write. On a miss returns <see langword="null"/> and the request's
    /// <paramref name="miss"/> context (made only then) with the key as a string and the expired entry still within its
    /// stale limit, if any (the async path decides whether it may be served). A hit that this request takes to refresh
    /// ahead of expiry is a miss too, with the entry as <see cref="CachingRequestContext.RefreshOf"/>.
    /// </summary>
    private Task? TryServeFromMemory(HttpContext context, Endpoint endpoint, CachePolicy policy, long start, out CachingRequestContext? miss)
    {
        string encoding = _options.EnableCompression ? ResponseCompressor.Choose(context.Request) : string.Empty;
        var key = new KeyWriter(stackalloc char[CacheKeyBuilder.StackChars]);
        string[] responseVary = policy.ResponseVary;
        try
        {
            CacheKeyBuilder.Write(ref key, context, policy, responseVary);
            CachedResponse? found = _finder.FindInMemory(ref key, encoding, out CachedResponse? stale);
            if (found is not null)
            {
                if (policy.EagerRefreshLeadMilliseconds > 0 && TakesEagerRefresh(context.Request, policy, found))
                {
                    miss = new CachingRequestContext(context, endpoint, policy, key.ToString(), responseVary, encoding, start) { RefreshOf = found };
                    return null;
                }

                miss = null;
                return policy.Serving == HitServing.Middleware
                    ? ServeHitAsync(context, found, L1, start)
                    : ServeThroughFiltersAsync(context, new CacheHitFeature(endpoint, _serveHit, found, L1, start));
            }

            miss = new CachingRequestContext(context, endpoint, policy, key.ToString(), responseVary, encoding, start) { StaleInMemory = stale };
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

        // A re-execution (UseStatusCodePagesWithReExecute, UseExceptionHandler with a path) carries the original request
        // (its path, query, error) in a feature the key does not hold: an error page for one URL is not another's.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return "re-execute";
        }

        // A body is an input the key does not hold (a GET with a search in its body): neither served nor stored.
        if (HasBody(context))
        {
            return "request-body";
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

        // A user is any principal other than the anonymous one: an authenticated identity in any position (an API-key
        // identity added after the empty first one), or claims on an unauthenticated identity (a tenant, a visitor id).
        bool user = !UserKey.IsAnonymous(CacheKeyBuilder.UserOf(context));
        if (policy.VaryByUser)
        {
            // A credential the app did not turn into a user could belong to anyone: never share "anonymous" with it.
            return request.Headers.ContainsKey(HeaderNames.Authorization) && !user ? "authorization" : null;
        }

        return user ? "user" : request.Headers.ContainsKey(HeaderNames.Authorization) ? "authorization" : null;
    }

    private static bool HasBody(HttpContext context)
    {
        HttpRequest request = context.Request;
        return request.ContentLength > 0
            || request.Headers.ContainsKey(HeaderNames.TransferEncoding)
            || (request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);
    }

    /// <summary>
    /// After an L1 miss: L2, then the endpoint (once per key under concurrent misses). With an expired entry still within
    /// its stale limit (<see cref="CachingRequestContext.StaleInMemory"/>, or found in L2), the resilience rules of
    /// <c>VelithonCachingMiddleware.Stale.cs</c> apply.
    /// </summary>
    private async Task CachedAsync(CachingRequestContext request)
    {
        HttpContext context = request.HttpContext;
        CachePolicy policy = request.Policy;
        string baseKey = request.BaseKey;

        // Read before L2 and before the endpoint runs, so that an eviction racing either wins. An L1 hit needs none.
        request.SnapshotGenerations(_cache);

        // A stale memory copy still looks in Redis first: another instance may have refreshed the entry.
        (CachedResponse? fromRedis, string redisLayer, bool redisStale) = await _finder.FindAsync(request, memory: false).ConfigureAwait(false);
        if (fromRedis is not null && !redisStale)
        {
            await ServeFoundAsync(request, fromRedis, redisLayer).ConfigureAwait(false);
            return;
        }

        if (RequestCacheControl.OnlyIfCached(context.Request))
        {
            await GatewayTimeoutAsync(context, "miss", request.Start).ConfigureAwait(false);
            return;
        }

        CachedResponse? stale = request.StaleInMemory;
        request.Fallback = stale is not null ? new StaleEntry(stale, L1) : fromRedis is not null ? new StaleEntry(fromRedis, redisLayer) : null;

        if (HttpMethods.IsHead(context.Request.Method))
        {
            // A HEAD response has no body to store; GET fills the entry that HEAD then shares (and refreshes a stale one).
            if (TryServeWhileRevalidating(request) is { } served)
            {
                await served.ConfigureAwait(false);
                return;
            }

            await RunAsync(request, store: false, OnErrorFallback(request.Fallback, policy)).ConfigureAwait(false);
            return;
        }

        Task? leader = _gate.TryLead(baseKey, out TaskCompletionSource? lease);
        if (leader is null)
        {
            try
            {
                // A request that found the entry stale may lead just after another refresh finished: serve what it stored.
                if (request.Fallback is not null && _finder.FindFreshInMemory(baseKey, request.Encoding) is { } refreshed)
                {
                    await ServeFoundAsync(request, refreshed, L1).ConfigureAwait(false);
                    return;
                }

                await RunAsync(request, store: true, OnErrorFallback(request.Fallback, policy)).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release(baseKey, lease!);
            }

            return;
        }

        // Stale-while-revalidate: the leader above is the one refresh of this key on this instance.
        if (TryServeWhileRevalidating(request) is { } revalidating)
        {
            await revalidating.ConfigureAwait(false);
            return;
        }

        await AfterStampedeWaitAsync(request, leader).ConfigureAwait(false);
    }

    /// <summary>
    /// A request that waited for another one's refresh of its key (up to the stampede timeout, or the soft timeout when a
    /// stale entry may stand in): serves what the refresh stored, else runs the endpoint itself.
    /// </summary>
    private async Task AfterStampedeWaitAsync(CachingRequestContext request, Task leader)
    {
        CachePolicy policy = request.Policy;
        StaleEntry? fallback = request.Fallback;
        _metrics.StampedeWait();
        bool soft = fallback is not null && policy.SoftTimeout > TimeSpan.Zero && policy.SoftTimeout < _options.StampedeWaitTimeout
            && CanServeStale(fallback, policy.StaleIfError);
        try
        {
            CancellationToken aborted = request.HttpContext.RequestAborted;
            await (soft ? leader.WaitAsync(policy.SoftTimeout, _cache.Time, aborted) : leader.WaitAsync(_options.StampedeWaitTimeout, aborted)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            if (soft && CanServeStale(fallback!, policy.StaleIfError))
            {
                await ServeStaleAsync(request, fallback!, Stale, "soft-timeout").ConfigureAwait(false);
                return;
            }

            CachingLog.StampedeTimedOut(_logger, request.HttpContext.Request.Path, Stopwatch.GetElapsedTime(request.Start).TotalMilliseconds);
        }

        (CachedResponse? found, string layer, bool foundStale) = await _finder.FindAsync(request, memory: true).ConfigureAwait(false);
        if (found is not null && !foundStale)
        {
            await ServeFoundAsync(request, found, layer).ConfigureAwait(false);
            return;
        }

        await RunAsync(request, store: true, OnErrorFallback(fallback ?? (found is null ? null : new StaleEntry(found, layer)), policy)).ConfigureAwait(false);
    }

    /// <summary>Serves the request's fallback under stale-while-revalidate, if it may be served; else <see langword="null"/>.</summary>
    private Task? TryServeWhileRevalidating(CachingRequestContext request) =>
        request.Fallback is { } fallback && CanServeStale(fallback, request.Policy.StaleWhileRevalidate)
            ? ServeStaleAsync(request, fallback, Stale, "revalidate")
            : null;

    /// <summary>Serves a found entry: here, or (MVC) from the innermost action filter once every filter let the request through.</summary>
    private Task ServeFoundAsync(CachingRequestContext request, CachedResponse found, string layer) =>
        request.Policy.Serving == HitServing.Middleware
            ? ServeHitAsync(request.HttpContext, found, layer, request.Start)
            : ServeThroughFiltersAsync(request.HttpContext, new CacheHitFeature(request.Endpoint, _serveHit, found, layer, request.Start));

    private Task ServeHitAsync(HttpContext context, CachedResponse found, string layer, long start)
    {
        _metrics.Hit(layer);
        found.Counters?.Hit();
        return ServeAsync(context, found, Hit, layer, start);
    }

    /// <summary>Runs the endpoint with <paramref name="hit"/> set, for the innermost action filter to serve once every filter let the request through.</summary>
    private async Task ServeThroughFiltersAsync(HttpContext context, CacheHitFeature hit)
    {
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
        CachePolicy? policy = CachePolicy.For(endpoint, _options, _fallbackAuthorization);
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
            case "action-filter-order":
                CachingLog.EndpointNotCached(_logger, name, "an action filter has Order = int.MaxValue, so it would run inside the filter that serves hits and be skipped by them",
                    "Give the filter a lower Order (any value below int.MaxValue).");
                break;
            case "page-filters":
                CachingLog.EndpointNotCached(_logger, name, "Razor Pages filters would not run on a hit", "Cache the page's data instead, or use an MVC action or a minimal API.");
                break;
        }

        return policy;
    }

    /// <summary>
    /// Whether UseAuthorization() may authorize endpoints that have no authorization metadata: the default policy provider
    /// with a fallback policy, or a provider of the app's own (which may return one at any time).
    /// </summary>
    private static bool MayApplyFallbackPolicy(IServiceProvider? services) =>
        services?.GetService<IAuthorizationPolicyProvider>() switch
        {
            null => false,
            DefaultAuthorizationPolicyProvider provider => provider.GetFallbackPolicyAsync().GetAwaiter().GetResult() is not null,
            _ => true,
        };

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
