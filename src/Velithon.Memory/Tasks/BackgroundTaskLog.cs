using Microsoft.Extensions.Logging;

namespace Velithon.Memory;

/// <summary>The runner's log messages. Event ids are stable: dashboards and alerts may key on them.</summary>
internal static partial class BackgroundTaskLog
{
    [LoggerMessage(EventId = 1, EventName = "WorkItemFailed", Level = LogLevel.Error,
        Message = "A background work item failed.")]
    public static partial void WorkItemFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2, EventName = "WorkItemCanceledOnShutdown", Level = LogLevel.Warning,
        Message = "A background work item was cancelled because shutdown ran out of time to wait for it.")]
    public static partial void WorkItemCanceledOnShutdown(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3, EventName = "Draining", Level = LogLevel.Information,
        Message = "Background task queue stopping: draining {Queued} queued and {Running} running work items (drain timeout {DrainTimeout}; null means the host's shutdown timeout).")]
    public static partial void Draining(ILogger logger, int queued, int running, TimeSpan? drainTimeout);

    [LoggerMessage(EventId = 4, EventName = "DrainTimedOut", Level = LogLevel.Warning,
        Message = "Background task queue drain timed out: cancelling {Running} running work items.")]
    public static partial void DrainTimedOut(ILogger logger, int running);

    [LoggerMessage(EventId = 5, EventName = "DroppedOnShutdown", Level = LogLevel.Warning,
        Message = "{Dropped} accepted background work items were never started before shutdown and were dropped.")]
    public static partial void DroppedOnShutdown(ILogger logger, int dropped);

    [LoggerMessage(EventId = 6, EventName = "AbandonedOnShutdown", Level = LogLevel.Warning,
        Message = "{Running} background work items ignored cancellation and were still running when shutdown stopped waiting for them.")]
    public static partial void AbandonedOnShutdown(ILogger logger, int running);
}
