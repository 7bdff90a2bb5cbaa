using Microsoft.Extensions.Logging;

namespace Velithon.AspNetCore.Caching.Redis;

// Event ids as they were in the core's caching log, so log queries keep working.
internal static partial class RedisLog
{
    [LoggerMessage(1, LogLevel.Warning, "Redis L2 cache operation '{Operation}' failed; serving from memory and the endpoint ({Suppressed} similar errors since the last log).")]
    public static partial void RedisFailed(ILogger logger, string operation, long suppressed, Exception? exception);

    [LoggerMessage(2, LogLevel.Information, "Redis L2 cache connected to {Endpoint}.")]
    public static partial void RedisConnected(ILogger logger, string endpoint);

    [LoggerMessage(7, LogLevel.Warning, "Redis L2 cache: {Failures} consecutive failures or timeouts; reads and writes skip Redis for {BreakMs} ms (tag evictions still try it).")]
    public static partial void RedisCircuitOpened(ILogger logger, int failures, double breakMs);

    [LoggerMessage(8, LogLevel.Information, "Redis L2 cache answers again: reads and writes use it again, tag versions are synced.")]
    public static partial void RedisCircuitClosed(ILogger logger);
}
