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
    /// Runs the endpoint to replace <paramref name="current"/>, still fresh, when no other request runs it for this key
    /// (else serves <paramref name="current"/>). A newer copy another instance stored in Redis is served and kept instead.
    /// A failure is replaced by <paramref name="current"/> under the rules of a stale-if-error fallback (middleware-served
    /// endpoints only), whatever the endpoint's stale-if-error window, since the entry is fresh.
    /// </summary>
    private async Task RefreshAheadAsync(HttpContext context, Endpoint endpoint, CachePolicy policy, string baseKey, string encoding, long start, CachedResponse current)
    {
        Task? leader = _gate.TryLead(baseKey, out TaskCompletionSource? lease);
        if (leader is not null)
        {
            await ServeFoundAsync(context, endpoint, policy, current, L1, start).ConfigureAwait(false);
            return;
        }

        try
        {
            string[] tags = policy.EntryTags(context.Request.PathBase.Value, context.Request.Path.Value);
            long[] generations = _cache.SnapshotGenerations(tags);
            (CachedResponse? fromRedis, string layer, bool redisStale) = await LookupAsync(baseKey, encoding, generations, tags, policy, memory: false, context.RequestAborted).ConfigureAwait(false);
            if (fromRedis is not null && !redisStale && fromRedis.ExpiresAtUnixMs > current.ExpiresAtUnixMs)
            {
                await ServeFoundAsync(context, endpoint, policy, fromRedis, layer, start).ConfigureAwait(false);
                return;
            }

            CachingLog.EagerRefresh(_logger, context.Request.Path.Value ?? string.Empty);
            StaleEntry? fallback = policy.Serving == HitServing.Middleware ? new StaleEntry(current, L1) : null;
            await RunAsync(context, policy, baseKey, encoding, tags, generations, start, store: true, fallback).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release(baseKey, lease!);
        }
    }
}
