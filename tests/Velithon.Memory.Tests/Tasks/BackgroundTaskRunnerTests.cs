using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Velithon.Memory.Tests.Tasks.TaskQueueTestSupport;

namespace Velithon.Memory.Tests.Tasks;

public class BackgroundTaskRunnerTests
{
    [Fact]
    public void Constructor_rejects_nulls()
    {
        var queue = CreateQueue();
        var logger = new Microsoft.Extensions.Logging.Testing.FakeLogger<BackgroundTaskRunner>();
        Assert.Throws<ArgumentNullException>("queue", () => new BackgroundTaskRunner(null!, logger));
        Assert.Throws<ArgumentNullException>("logger", () => new BackgroundTaskRunner(queue, null!));
        Assert.Throws<ArgumentNullException>("timeProvider", () => new BackgroundTaskRunner(queue, logger, null!));
    }

    [Fact]
    public void A_queue_accepts_only_one_runner()
    {
        var queue = CreateQueue();
        using var first = new BackgroundTaskRunner(queue, new Microsoft.Extensions.Logging.Testing.FakeLogger<BackgroundTaskRunner>());
        var ex = Assert.Throws<InvalidOperationException>(() => new BackgroundTaskRunner(queue, new Microsoft.Extensions.Logging.Testing.FakeLogger<BackgroundTaskRunner>()));
        Assert.Contains("only one runner", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_items_enqueued_before_and_after_start()
    {
        var queue = CreateQueue(maxQueueLength: 100);
        int ran = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<CancellationToken, ValueTask> item = _ =>
        {
            if (Interlocked.Increment(ref ran) == 20)
            {
                done.TrySetResult();
            }

            return default;
        };
        for (int i = 0; i < 10; i++)
        {
            queue.Enqueue(item);
        }

        var (runner, _) = CreateRunner(queue);
        await runner.StartAsync(CancellationToken.None);
        for (int i = 0; i < 10; i++)
        {
            await queue.EnqueueAsync(item);
        }

        await done.Task.WaitAsync(Bound);
        await runner.StopAsync(CancellationToken.None);
        runner.Dispose();
        Assert.Equal(20, ran);
        Assert.Equal(20, queue.GetStats().Completed);
    }

    [Fact]
    public async Task Failures_are_counted_and_logged_and_do_not_stop_the_runner()
    {
        var queue = CreateQueue(maxQueueLength: 100, maxConcurrency: 1);
        var (runner, logger) = CreateRunner(queue);
        var boom = new InvalidOperationException("boom");
        queue.Enqueue(_ => throw boom);                                   // throws synchronously
        queue.Enqueue(async _ => { await Task.Yield(); throw new FormatException("async boom"); });
        queue.Enqueue(_ => ValueTask.FromCanceled(new CancellationToken(true))); // a cancellation not caused by shutdown
        int ran = 0;
        queue.Enqueue(_ => { ran++; return default; });

        await runner.StartAsync(CancellationToken.None);
        await runner.StopAsync(CancellationToken.None);
        runner.Dispose();

        var s = queue.GetStats();
        Assert.Equal(3, s.Failed);
        Assert.Equal(1, s.Completed);
        Assert.Equal(1, ran);
        var failures = logger.Events(1);
        Assert.Equal(3, failures.Count);
        Assert.All(failures, r => Assert.Equal(LogLevel.Error, r.Level));
        Assert.Same(boom, failures[0].Exception);
        Assert.IsType<FormatException>(failures[1].Exception);
        Assert.IsAssignableFrom<OperationCanceledException>(failures[2].Exception);
        Assert.Equal("WorkItemFailed", failures[0].Id.Name);
    }

    [Fact]
    public async Task Graceful_stop_drains_every_accepted_item()
    {
        const int items = 200;
        var queue = CreateQueue(maxQueueLength: items, maxConcurrency: 2);
        var (runner, logger) = CreateRunner(queue);
        await runner.StartAsync(CancellationToken.None);
        int ran = 0;
        for (int i = 0; i < items; i++)
        {
            queue.Enqueue(async _ => { await Task.Yield(); Interlocked.Increment(ref ran); });
        }

        await runner.StopAsync(CancellationToken.None);
        runner.Dispose();

        Assert.Equal(items, ran);
        var s = queue.GetStats();
        Assert.Equal(items, s.Completed);
        Assert.Equal(0, s.DroppedOnShutdown);
        Assert.Equal(0, s.Queued);
        Assert.Empty(logger.Events(5));
        Assert.Single(logger.Events(3));
        AssertBalanced(s);
    }

    [Fact]
    public async Task Drain_timeout_cancels_running_items_and_counts_and_logs_items_never_started()
    {
        var time = new FakeTimeProvider();
        var queue = CreateQueue(maxQueueLength: 10, maxConcurrency: 1, drainTimeout: TimeSpan.FromSeconds(5));
        var (runner, logger) = CreateRunner(queue, time);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationToken seen = default;
        queue.Enqueue(async ct =>
        {
            seen = ct;
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        int lateRan = 0;
        for (int i = 0; i < 4; i++)
        {
            queue.Enqueue(_ => { Interlocked.Increment(ref lateRan); return default; });
        }

        await runner.StartAsync(CancellationToken.None);
        await started.Task.WaitAsync(Bound);
        Task stopping = runner.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        Assert.False(seen.IsCancellationRequested);

        time.Advance(TimeSpan.FromSeconds(5));
        await stopping.WaitAsync(Bound);
        runner.Dispose();

        Assert.True(seen.IsCancellationRequested);
        Assert.Equal(0, lateRan);
        var s = queue.GetStats();
        Assert.Equal(1, s.Failed);
        Assert.Equal(4, s.DroppedOnShutdown);
        Assert.Equal(0, s.Running);
        AssertBalanced(s);

        Assert.Single(logger.Events(2));
        Assert.Single(logger.Events(4));
        var dropped = Assert.Single(logger.Events(5));
        Assert.Equal(LogLevel.Warning, dropped.Level);
        Assert.Equal("4", dropped.GetStructuredStateValue("Dropped"));
        Assert.Empty(logger.Events(6));
    }

    [Fact]
    public async Task Zero_drain_timeout_drops_everything_not_started()
    {
        var queue = CreateQueue(maxQueueLength: 10, maxConcurrency: 1, drainTimeout: TimeSpan.Zero);
        var (runner, logger) = CreateRunner(queue);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Enqueue(async ct => { started.TrySetResult(); await Task.Delay(Timeout.Infinite, ct); });
        for (int i = 0; i < 6; i++)
        {
            queue.Enqueue(Noop);
        }

        await runner.StartAsync(CancellationToken.None);
        await started.Task.WaitAsync(Bound);
        await runner.StopAsync(CancellationToken.None).WaitAsync(Bound);
        runner.Dispose();

        var s = queue.GetStats();
        Assert.Equal(6, s.DroppedOnShutdown);
        Assert.Equal(1, s.Failed);
        Assert.Equal("6", Assert.Single(logger.Events(5)).GetStructuredStateValue("Dropped"));
    }

    [Fact]
    public async Task Host_deadline_cancels_running_items_and_abandons_ones_that_ignore_it_after_the_grace()
    {
        var queue = CreateQueue(maxQueueLength: 10, maxConcurrency: 1, grace: TimeSpan.FromMilliseconds(50));
        var (runner, logger) = CreateRunner(queue);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Enqueue(async _ => { started.TrySetResult(); await release.Task; });
        queue.Enqueue(Noop);
        queue.Enqueue(Noop);

        await runner.StartAsync(CancellationToken.None);
        await started.Task.WaitAsync(Bound);
        using var hostDeadline = new CancellationTokenSource();
        Task stopping = runner.StopAsync(hostDeadline.Token);
        Assert.False(stopping.IsCompleted);
        await hostDeadline.CancelAsync();
        await stopping.WaitAsync(Bound);

        var s = queue.GetStats();
        Assert.Equal(1, s.Running);
        Assert.Equal(2, s.DroppedOnShutdown);
        Assert.Equal("2", Assert.Single(logger.Events(5)).GetStructuredStateValue("Dropped"));
        Assert.Equal("1", Assert.Single(logger.Events(6)).GetStructuredStateValue("Running"));

        // The abandoned item still finishes and is counted when it does.
        release.SetResult();
        await runner.ExecuteTask!.WaitAsync(Bound);
        Assert.Equal(1, queue.GetStats().Completed);
        AssertBalanced(queue.GetStats());
        runner.Dispose();
    }

    [Fact]
    public async Task Stop_without_start_drops_and_logs_pending_items()
    {
        var queue = CreateQueue();
        queue.Enqueue(Noop);
        queue.Enqueue(Noop);
        var (runner, logger) = CreateRunner(queue);
        await runner.StopAsync(CancellationToken.None);
        runner.Dispose();

        Assert.Equal(2, queue.GetStats().DroppedOnShutdown);
        Assert.Equal("2", Assert.Single(logger.Events(5)).GetStructuredStateValue("Dropped"));
        Assert.True(queue.IsStopped);
    }

    [Fact]
    public async Task Stop_is_idempotent_and_Dispose_is_safe_twice()
    {
        var queue = CreateQueue();
        var (runner, logger) = CreateRunner(queue);
        await runner.StartAsync(CancellationToken.None);
        await runner.StopAsync(CancellationToken.None);
        await runner.StopAsync(CancellationToken.None);
        runner.Dispose();
        runner.Dispose();
        Assert.Single(logger.Events(3));
    }

    [Fact]
    public async Task Dispose_without_stop_stops_workers_and_reports_pending_items()
    {
        var queue = CreateQueue(maxQueueLength: 10, maxConcurrency: 1);
        var (runner, logger) = CreateRunner(queue);
        await runner.StartAsync(CancellationToken.None);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Enqueue(async ct => { started.TrySetResult(); await Task.Delay(Timeout.Infinite, ct); });
        queue.Enqueue(Noop);
        await started.Task.WaitAsync(Bound);

        runner.Dispose();
        await runner.ExecuteTask!.WaitAsync(Bound);

        var s = queue.GetStats();
        Assert.True(queue.IsStopped);
        Assert.Equal(1, s.Failed);
        Assert.Equal(1, s.DroppedOnShutdown);
        Assert.Equal("1", Assert.Single(logger.Events(5)).GetStructuredStateValue("Dropped"));
        AssertBalanced(s);
    }

    [Fact]
    public async Task Stop_after_dispose_returns_quietly_and_counts_nothing_twice()
    {
        // WebApplicationFactory can dispose the service provider before the host stops its hosted services.
        var queue = CreateQueue(maxQueueLength: 10, maxConcurrency: 1);
        var (runner, logger) = CreateRunner(queue);
        await runner.StartAsync(CancellationToken.None);
        queue.Enqueue(async ct => await Task.Delay(Timeout.Infinite, ct));
        queue.Enqueue(Noop);

        runner.Dispose();
        await runner.StopAsync(CancellationToken.None);
        await runner.ExecuteTask!.WaitAsync(Bound).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);

        var s = queue.GetStats();
        Assert.Equal(2, s.DroppedOnShutdown + s.Completed + s.Failed);
        Assert.Single(logger.Events(5)); // dropped items are reported once, by Dispose
        AssertBalanced(s);
    }
}
