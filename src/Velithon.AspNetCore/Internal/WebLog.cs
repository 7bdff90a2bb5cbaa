using Microsoft.Extensions.Logging;

namespace Velithon.AspNetCore;

/// <summary>The web layer's log messages.</summary>
internal static partial class WebLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "JSON batch stream ended early: the client disconnected after {Items} items")]
    public static partial void BatchAborted(ILogger logger, long items);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Memory pressure cleanup ran ({MemoryMegabytes} MiB, {MemoryLoadPercent}% load): freed {HeapBytesFreed} heap bytes in {DurationMs} ms")]
    public static partial void CleanupRan(ILogger logger, double memoryMegabytes, double memoryLoadPercent, long heapBytesFreed, double durationMs);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "Memory pressure cleanup failed")]
    public static partial void CleanupFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Background queue full: answering 503 (MaxQueueLength {MaxQueueLength})")]
    public static partial void QueueFull(ILogger logger, int maxQueueLength);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Background queue stopped (the host is shutting down): answering 503")]
    public static partial void QueueStopped(ILogger logger);
}
