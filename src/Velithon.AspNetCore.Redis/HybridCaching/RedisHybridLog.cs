using Microsoft.Extensions.Logging;

namespace Velithon.AspNetCore.HybridCaching.Redis;

// The event id and text of the core's HybridCacheLog.L2Failed, so log queries keep working.
internal static partial class RedisHybridLog
{
    [LoggerMessage(7105, LogLevel.Warning, "HybridCache L2 operation '{Operation}' failed; served without the distributed cache.")]
    public static partial void L2Failed(ILogger logger, string operation, Exception exception);
}
