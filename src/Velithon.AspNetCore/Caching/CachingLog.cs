using Microsoft.Extensions.Logging;

namespace Velithon.AspNetCore.Caching;

internal static partial class CachingLog
{
    [LoggerMessage(3, LogLevel.Debug, "Evicted cache tag '{Tag}' ({Origin}).")]
    public static partial void TagEvicted(ILogger logger, string tag, string origin);

    [LoggerMessage(4, LogLevel.Debug, "Response for {Path} not stored: {Reason}.")]
    public static partial void NotStored(ILogger logger, string path, string reason);

    [LoggerMessage(5, LogLevel.Debug, "Waited {ElapsedMs} ms for a concurrent miss on {Path}; it did not fill the cache, running the endpoint.")]
    public static partial void StampedeTimedOut(ILogger logger, string path, double elapsedMs);

    [LoggerMessage(6, LogLevel.Warning, "[VelithonCached] endpoint {Path} requires authorization but UseVelithonCaching() runs before UseAuthorization(): it is never cached. Call UseVelithonCaching() after UseAuthentication() and UseAuthorization().")]
    public static partial void CacheBeforeAuthorization(ILogger logger, string path);

    [LoggerMessage(18, LogLevel.Warning, "[VelithonCached] a response of {Path} was not stored: {Reason}. Middleware that sets the user or a session must run before UseVelithonCaching(); until then such responses are never stored.")]
    public static partial void MiddlewareAfterCache(ILogger logger, string path, string reason);

    [LoggerMessage(9, LogLevel.Warning, "Redis L2 cache entry rejected ({Reason}): served as a miss and deleted ({Suppressed} similar since the last log).")]
    public static partial void RedisEntryRejected(ILogger logger, string reason, long suppressed);

    [LoggerMessage(10, LogLevel.Warning, "[VelithonCached] endpoint {Endpoint} has {Count} endpoint filter(s): it is not cached, because a hit would not run them and a filter may decide who sees the response. Check access in an authorization policy (RequireAuthorization) instead, or set SkipEndpointFiltersOnHit when no filter does.")]
    public static partial void EndpointFiltersNotCached(ILogger logger, string endpoint, int count);

    [LoggerMessage(11, LogLevel.Warning, "[VelithonCached] endpoint {Endpoint} is not cached ({Reason}). {Fix}")]
    public static partial void EndpointNotCached(ILogger logger, string endpoint, string reason, string fix);

    [LoggerMessage(12, LogLevel.Error, "UseVelithonCaching() runs before UseRouting(): the [VelithonCached] endpoint {Endpoint} was chosen after the cache ran, so it is never cached. Call UseVelithonCaching() after UseRouting(), UseAuthentication() and UseAuthorization().")]
    public static partial void CacheBeforeRouting(ILogger logger, string endpoint);

    [LoggerMessage(13, LogLevel.Warning, "Served a stale cached response for {Path} in place of a failed refresh ({Reason}: the endpoint threw, answered 5xx or passed its hard timeout).")]
    public static partial void ServedStaleOnError(ILogger logger, string path, string reason, Exception? exception);

    [LoggerMessage(14, LogLevel.Warning, "A vary value or key prefix delegate of the cached endpoint {Path} threw: the request is served uncached.")]
    public static partial void KeyValueFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(15, LogLevel.Debug, "Request for {Path} asked for only-if-cached and no stored response answers it ({Reason}): 504.")]
    public static partial void OnlyIfCachedMiss(ILogger logger, string path, string reason);

    [LoggerMessage(16, LogLevel.Debug, "Evicted the cached responses of path {Path} ({Origin}).")]
    public static partial void PathEvicted(ILogger logger, string path, string origin);

    [LoggerMessage(17, LogLevel.Debug, "Refreshing the cached response of {Path} ahead of its expiry (eager refresh).")]
    public static partial void EagerRefresh(ILogger logger, string path);
}
