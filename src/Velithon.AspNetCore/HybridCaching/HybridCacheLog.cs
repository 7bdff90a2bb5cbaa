using Microsoft.Extensions.Logging;

namespace Velithon.AspNetCore.HybridCaching;

internal static partial class HybridCacheLog
{
    [LoggerMessage(7101, LogLevel.Warning, "HybridCache key of {Length} characters is longer than MaximumKeyLength ({Maximum}); the cache is bypassed.")]
    public static partial void KeyTooLong(ILogger logger, int length, int maximum);

    [LoggerMessage(7102, LogLevel.Warning, "HybridCache key contains a control character; the cache is bypassed.")]
    public static partial void KeyInvalidContent(ILogger logger);

    [LoggerMessage(7103, LogLevel.Warning, "HybridCache value for key '{Key}' is {Bytes} bytes, more than MaximumPayloadBytes ({Maximum}); it is not written to the distributed cache.")]
    public static partial void PayloadTooLarge(ILogger logger, string key, long bytes, long maximum);

    [LoggerMessage(7104, LogLevel.Warning, "HybridCache L2 entry for key '{Key}' is not a valid Velithon payload ({Reason}); treated as a miss.")]
    public static partial void L2PayloadInvalid(ILogger logger, string key, string reason, Exception? exception);

    [LoggerMessage(7105, LogLevel.Warning, "HybridCache L2 operation '{Operation}' failed; served without the distributed cache.")]
    public static partial void L2Failed(ILogger logger, string operation, Exception exception);

    [LoggerMessage(7106, LogLevel.Warning, "HybridCache factory for key '{Key}' failed; returned the expired value kept by fail-safe (served as fresh for {ThrottleSeconds} s).")]
    public static partial void FailSafeActivated(ILogger logger, string key, double throttleSeconds, Exception exception);

    [LoggerMessage(7107, LogLevel.Information, "HybridCache factory for key '{Key}' ran past {Setting}; returned the expired value kept by fail-safe, the factory goes on in the background.")]
    public static partial void FactoryTimeout(ILogger logger, string key, string setting);

    [LoggerMessage(7108, LogLevel.Warning, "HybridCache factory for key '{Key}', left to complete in the background after a soft timeout, failed.")]
    public static partial void BackgroundFactoryFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(7109, LogLevel.Warning, "HybridCache factory for key '{Key}' ran past FactoryHardTimeout ({Seconds} s) with no value kept by fail-safe; the call failed with a TimeoutException, the factory goes on in the background.")]
    public static partial void HardTimeout(ILogger logger, string key, double seconds);

    [LoggerMessage(7110, LogLevel.Debug, "HybridCache eager refresh of key '{Key}' started.")]
    public static partial void EagerRefreshStarted(ILogger logger, string key);

    [LoggerMessage(7111, LogLevel.Warning, "HybridCache eager refresh of key '{Key}' failed; the current value is served until it expires.")]
    public static partial void EagerRefreshFailed(ILogger logger, string key, Exception exception);
}
