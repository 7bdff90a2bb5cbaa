using Microsoft.Extensions.Logging.Testing;

namespace Velithon.Memory.Tests.Tasks;

internal static class TaskQueueTestSupport
{
    // A safety net so a broken implementation fails instead of hanging; never a timing assertion.
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public static readonly Func<CancellationToken, ValueTask> Noop = static _ => default;

    public static BackgroundTaskQueue CreateQueue(int maxQueueLength = 16, int maxConcurrency = 2, int? pressureThreshold = null, TimeSpan? drainTimeout = null, TimeSpan? grace = null) =>
        new(new BackgroundTaskQueueOptions
        {
            MaxQueueLength = maxQueueLength,
            MaxConcurrency = maxConcurrency,
            PressureThreshold = pressureThreshold ?? maxQueueLength,
            ShutdownDrainTimeout = drainTimeout,
            CancellationGracePeriod = grace ?? TimeSpan.FromSeconds(1),
        });

    public static (BackgroundTaskRunner Runner, FakeLogger<BackgroundTaskRunner> Logger) CreateRunner(BackgroundTaskQueue queue, TimeProvider? timeProvider = null)
    {
        var logger = new FakeLogger<BackgroundTaskRunner>();
        var runner = timeProvider is null
            ? new BackgroundTaskRunner(queue, logger)
            : new BackgroundTaskRunner(queue, logger, timeProvider);
        return (runner, logger);
    }

    public static IReadOnlyList<FakeLogRecord> Events(this FakeLogger logger, int eventId) =>
        logger.Collector.GetSnapshot().Where(r => r.Id.Id == eventId).ToList();

    /// <summary>Asserts the bookkeeping identity that must hold once the queue is quiet.</summary>
    public static void AssertBalanced(BackgroundTaskQueueStats s) =>
        Assert.Equal(s.Enqueued, s.Queued + s.Running + s.Completed + s.Failed + s.Cleared + s.DroppedOnShutdown);
}
