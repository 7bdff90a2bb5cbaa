using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Http;

namespace Velithon.AspNetCore.Caching;

// Resilience: serving an expired entry (still within its stale limit) while it is refreshed, in place of a failed
// refresh, or to a request that waited too long for another one's refresh.
//
// There is no background refresh: an arbitrary endpoint can only run on a request's HttpContext. The request that
// wins the per-key gate refreshes the entry by running the endpoint as a miss does (it pays the latency); the others
// are served the stale entry. A refresh that fails can be replaced by the stale entry only while nothing of it was
// sent: the response is buffered up to MaxBodyBytes, so that holds unless it streamed through.
internal sealed partial class VelithonCachingMiddleware
{
    /// <summary>
    /// Whether <paramref name="stale"/> may be served now: before its expiry (an eager refresh's fallback), or within
    /// <paramref name="window"/> after it; and no tag of it was evicted since it was found (an eviction is an
    /// invalidation, never served stale).
    /// </summary>
    private bool CanServeStale(StaleEntry stale, TimeSpan window)
    {
        long now = _cache.Now.ToUnixTimeMilliseconds();
        return (now < stale.Entry.ExpiresAtUnixMs
                || (window > TimeSpan.Zero && now < stale.Entry.ExpiresAtUnixMs + (long)window.TotalMilliseconds))
            && _cache.IsServable(stale.Entry);
    }

    /// <summary>
    /// The entry a failed refresh may be replaced with: only for endpoints served by the middleware. An MVC action's
    /// exception or 5xx may come from a filter that decides access, and the stale entry would be served past it.
    /// </summary>
    private StaleEntry? OnErrorFallback(StaleEntry? stale, CachePolicy policy) =>
        stale is not null && policy.Serving == HitServing.Middleware && CanServeStale(stale, policy.StaleIfError) ? stale : null;

    /// <summary>Serves a stale entry: here, or (MVC) from the innermost action filter once every filter let the request through.</summary>
    private Task ServeStaleAsync(CachingRequestContext request, StaleEntry stale, string status, string reason)
    {
        if (request.Policy.Serving == HitServing.Middleware)
        {
            _metrics.Stale(reason);
            return ServeAsync(request.HttpContext, stale.Entry, status, stale.Layer, request.Start);
        }

        return ServeThroughFiltersAsync(request.HttpContext, new CacheHitFeature(request.Endpoint, (ctx, entry, layer, started) =>
        {
            _metrics.Stale(reason);
            return ServeAsync(ctx, entry, status, layer, started);
        }, stale.Entry, stale.Layer, request.Start));
    }

    /// <summary>
    /// After a refresh failed (<paramref name="reason"/>: it threw, answered 5xx or passed the hard timeout) and before
    /// anything of it was sent: serves the request's <see cref="CachingRequestContext.ErrorFallback"/> with the response headers as they were before the
    /// endpoint ran. Returns <see langword="false"/> when the entry may no longer be served (its window passed, or a tag of
    /// it was evicted meanwhile); a caught exception is then thrown again.
    /// </summary>
    private async Task<bool> TryServeInPlaceOfFailureAsync(CachingRequestContext request, ResponseHeaderSnapshot before, string reason, ExceptionDispatchInfo? failure)
    {
        HttpContext context = request.HttpContext;
        StaleEntry fallback = request.ErrorFallback!;
        if (!CanServeStale(fallback, request.Policy.StaleIfError))
        {
            return false;
        }

        before.Restore(context.Response);
        _metrics.Stale(reason);
        CachingLog.ServedStaleOnError(_logger, context.Request.Path.Value ?? string.Empty, reason, failure?.SourceException);
        await ServeAsync(context, fallback.Entry, StaleError, fallback.Layer, request.Start).ConfigureAwait(false);
        return true;
    }
}
