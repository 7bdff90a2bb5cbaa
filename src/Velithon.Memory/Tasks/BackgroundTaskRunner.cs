using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Velithon.Memory;

/// <summary>
/// The hosted service that runs a <see cref="BackgroundTaskQueue"/>'s items, at most
/// <see cref="BackgroundTaskQueue.MaxConcurrency"/> at a time.
/// </summary>
/// <remarks>
/// <para>
/// It starts <see cref="BackgroundTaskQueue.MaxConcurrency"/> worker loops that each take one item at a time from
/// the queue's channel, so the limit holds without a semaphore and without a task per item. An item that throws is
/// counted as failed and logged (event 1); it never stops the worker or the host.
/// </para>
/// <para>
/// On <see cref="StopAsync"/> the queue stops accepting items and the workers keep running what was accepted
/// until the queue is empty or the drain timeout passes (<see cref="BackgroundTaskQueueOptions.ShutdownDrainTimeout"/>,
/// cut short by the host's shutdown timeout). At the timeout, the token passed to running items is cancelled
/// (an item ending in <see cref="OperationCanceledException"/> then is counted as failed and logged as event 2),
/// and items not started are counted in <see cref="BackgroundTaskQueueStats.DroppedOnShutdown"/> and logged
/// (event 5). Cancelled items get <see cref="BackgroundTaskQueueOptions.CancellationGracePeriod"/> to finish; the ones
/// still running after it are abandoned (they keep their worker until they end and are counted then) and logged
/// (event 6).
/// </para>
/// </remarks>
public sealed class BackgroundTaskRunner : BackgroundService
{
    private readonly BackgroundTaskQueue _queue;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _itemsCts = new();
    private int _stopping;
    private int _disposed;

    /// <summary>Initializes a new runner for <paramref name="queue"/>.</summary>
    /// <param name="queue">The queue to run.</param>
    /// <param name="logger">Receives failures and shutdown reports.</param>
    public BackgroundTaskRunner(BackgroundTaskQueue queue, ILogger<BackgroundTaskRunner> logger)
        : this(queue, logger, TimeProvider.System)
    {
    }

    /// <summary>Initializes a new runner for <paramref name="queue"/> that measures the drain timeout with <paramref name="timeProvider"/>.</summary>
    /// <param name="queue">The queue to run.</param>
    /// <param name="logger">Receives failures and shutdown reports.</param>
    /// <param name="timeProvider">The clock for the drain timeout.</param>
    public BackgroundTaskRunner(BackgroundTaskQueue queue, ILogger<BackgroundTaskRunner> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        queue.AttachRunner();
        _queue = queue;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // stoppingToken is ignored on purpose: stopping means "drain", and StopAsync decides when draining is over
        // by cancelling _itemsCts.
        CancellationToken itemsToken = _itemsCts.Token;
        var workers = new Task[_queue.MaxConcurrency];
        for (int i = 0; i < workers.Length; i++)
        {
            int worker = i;
            workers[i] = Task.Run(() => WorkerAsync(worker, itemsToken), CancellationToken.None);
        }

        return Task.WhenAll(workers);
    }

#pragma warning disable CA1031 // A work item's failure must never take down the worker or the host.
    private async Task WorkerAsync(int worker, CancellationToken itemsToken)
    {
        var reader = _queue.Reader;

        // WaitToReadAsync returns false once the queue has stopped accepting items and is empty: drained. It takes
        // no token because StopAsync completes the channel first, which wakes idle workers; a token would cost a
        // registration on every idle wait. Item failures are caught below, so this loop never throws.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            // Once shutdown has given up, stop taking items; StopAsync drops the rest. An item read just as the token
            // is cancelled still runs (with the cancelled token), so every item is either run or dropped and logged.
            while (!itemsToken.IsCancellationRequested && reader.TryRead(out Func<CancellationToken, ValueTask>? workItem))
            {
                _queue.OnStarted(worker);
                ValueTask pending;
                try
                {
                    pending = workItem(itemsToken);
                }
                catch (Exception ex)
                {
                    OnItemFailed(worker, ex, itemsToken);
                    continue;
                }

                // Items that finish synchronously skip the await machinery: this loop is the queue's hot path.
                if (pending.IsCompletedSuccessfully)
                {
                    pending.GetAwaiter().GetResult();
                    _queue.OnCompleted(worker);
                    continue;
                }

                try
                {
                    await pending;
                    _queue.OnCompleted(worker);
                }
                catch (Exception ex)
                {
                    OnItemFailed(worker, ex, itemsToken);
                }
            }

            if (itemsToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void OnItemFailed(int worker, Exception exception, CancellationToken itemsToken)
    {
        _queue.OnFailed(worker);
        if (exception is OperationCanceledException && itemsToken.IsCancellationRequested)
        {
            BackgroundTaskLog.WorkItemCanceledOnShutdown(_logger, exception);
        }
        else
        {
            BackgroundTaskLog.WorkItemFailed(_logger, exception);
        }
    }
#pragma warning restore CA1031

    /// <summary>
    /// Stops accepting items, runs what was accepted until the drain timeout, then cancels running items and
    /// drops (counts and logs) the ones never started.
    /// </summary>
    /// <param name="cancellationToken">Signalled when the host's shutdown timeout expires.</param>
    /// <returns>A task that completes when the queue is drained or shutdown stops waiting.</returns>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may dispose its services before it stops them (seen with WebApplicationFactory); Dispose has then
        // already stopped the workers and accounted for every pending item.
        if (Interlocked.Exchange(ref _stopping, 1) != 0 || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        _queue.CompleteAdding();
        Task? workers = ExecuteTask;
        if (workers is null)
        {
            // Never started: nothing ran and nothing will.
            ReportDropped(_queue.DropPending());
            return;
        }

        TimeSpan? drainTimeout = _queue.ShutdownDrainTimeout;
        BackgroundTaskQueueStats atStop = _queue.GetStats();
        BackgroundTaskLog.Draining(_logger, atStop.Queued, atStop.Running, drainTimeout);

        using (var drainCts = drainTimeout is TimeSpan timeout
            ? new CancellationTokenSource(timeout, _timeProvider)
            : new CancellationTokenSource())
        using (drainCts.Token.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _itemsCts))
        using (cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _itemsCts))
        {
            await workers.WaitAsync(_itemsCts.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        bool timedOut = _itemsCts.IsCancellationRequested;
        if (timedOut)
        {
            BackgroundTaskLog.DrainTimedOut(_logger, _queue.GetStats().Running);
        }

        // Workers stop taking items once the token is cancelled; whatever is still queued never starts. After a
        // complete drain the channel is empty and this drops nothing.
        ReportDropped(_queue.DropPending());

        if (timedOut && !workers.IsCompleted)
        {
            // Running items have been cancelled; give them a bounded grace to notice, even if the host's deadline
            // has passed (the host awaits this method regardless), so cooperative items are counted, not abandoned.
            await workers.WaitAsync(_queue.CancellationGracePeriod, _timeProvider, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (!workers.IsCompleted)
        {
            BackgroundTaskLog.AbandonedOnShutdown(_logger, _queue.GetStats().Running);
        }

        // base.StopAsync is not called: it would only cancel the stopping token ExecuteAsync ignores, then wait for
        // the workers again with no bound other than the host's token.
    }

    private void ReportDropped(int dropped)
    {
        if (dropped > 0)
        {
            BackgroundTaskLog.DroppedOnShutdown(_logger, dropped);
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Disposed without StopAsync: stop the workers (completing the channel wakes idle ones) and account for
        // what will never run.
        _queue.CompleteAdding();
        _itemsCts.Cancel();
        ReportDropped(_queue.DropPending());

        // _itemsCts is cancelled, not disposed: a StopAsync racing this call may still read its token, and a
        // CancellationTokenSource without a timer holds nothing that needs releasing.
        base.Dispose();
    }
}
