using Microsoft.AspNetCore.Http;

namespace Velithon.AspNetCore.Caching;

// Eager refresh: a fresh entry past the endpoint's EagerRefreshThreshold is replaced before it expires.
//
// As with stale-while-revalidate there is no background refresh (an endpoint runs only on a request's HttpContext):
// the first request that finds the entry due claims it and, if it also wins the key's gate, runs the endpoint as a miss
// does and stores the response; every other request is served the entry, which is still fresh. An entry is claimed
// once: if its refresh fails it is served until it expires, and then the usual rules apply.
internal sealed partial class VelithonCachingMiddleware
{
    /// <summary>Whether this request refreshes <paramref name="found"/> ahead of its expiry (claiming it when it does).</summary>
    private bool TakesEagerRefresh(HttpRequest request, CachePolicy policy, CachedResponse found) =>
        _cache.Now.ToUnixTimeMilliseconds() >= found.ExpiresAtUnixMs - policy.EagerRefreshLeadMilliseconds
        && HttpMethods.IsGet(request.Method) // a HEAD response stores nothing
        && !RequestCacheControl.OnlyIfCached(request)
        && found.TryClaimRefresh();

    /// <summary>
    /// Runs the endpoint to replace the request's <see cref="CachingRequestContext.RefreshOf"/>, still fresh, when no
    /// other request runs it for this key (else serves it). A newer copy another instance stored in Redis is served and
    /// kept instead. A failure is replaced by the current entry under the rules of a stale-if-error fallback
    /// (middleware-served endpoints only), whatever the endpoint's stale-if-error window, since the entry is fresh.
    /// </summary>
    private async Task RefreshAheadAsync(CachingRequestContext request)
    {
        CachedResponse current = request.RefreshOf!;
        Task? leader = _gate.TryLead(request.BaseKey, out TaskCompletionSource? lease);
        if (leader is not null)
        {
            await ServeFoundAsync(request, current, L1).ConfigureAwait(false);
            return;
        }

        try
        {
            request.SnapshotGenerations(_cache);
            (CachedResponse? fromRedis, string layer, bool redisStale) = await _finder.FindAsync(request, memory: false).ConfigureAwait(false);
            if (fromRedis is not null && !redisStale && fromRedis.ExpiresAtUnixMs > current.ExpiresAtUnixMs)
            {
                await ServeFoundAsync(request, fromRedis, layer).ConfigureAwait(false);
                return;
            }

            CachingLog.EagerRefresh(_logger, request.HttpContext.Request.Path.Value ?? string.Empty);
            StaleEntry? fallback = request.Policy.Serving == HitServing.Middleware ? new StaleEntry(current, L1) : null;
            await RunAsync(request, store: true, fallback).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release(request.BaseKey, lease!);
        }
    }
}
