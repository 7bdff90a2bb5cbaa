using System.Diagnostics.CodeAnalysis;

namespace Velithon.Memory;

/// <summary>
/// A bounded queue of background work items. Producers add items; a <see cref="BackgroundTaskRunner"/> runs them
/// with a concurrency limit. The bound is exact: the queue never holds more than its maximum length of items that
/// have not started yet.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue; the name is part of the published API.")]
public interface IBackgroundTaskQueue
{
    /// <summary>Adds a work item if there is room.</summary>
    /// <param name="workItem">The work to run. Its token is cancelled when shutdown gives up waiting for it.</param>
    /// <returns><see langword="true"/> if the item was accepted; <see langword="false"/> if the queue is full or stopped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workItem"/> is <see langword="null"/>.</exception>
    bool TryEnqueue(Func<CancellationToken, ValueTask> workItem);

    /// <summary>Adds a work item, throwing if there is no room.</summary>
    /// <param name="workItem">The work to run. Its token is cancelled when shutdown gives up waiting for it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="workItem"/> is <see langword="null"/>.</exception>
    /// <exception cref="QueueFullException">The queue holds its maximum number of pending items.</exception>
    /// <exception cref="InvalidOperationException">The queue has been stopped and accepts no more items.</exception>
    void Enqueue(Func<CancellationToken, ValueTask> workItem);

    /// <summary>Adds a work item, waiting for room if the queue is full.</summary>
    /// <param name="workItem">The work to run. Its token is cancelled when shutdown gives up waiting for it.</param>
    /// <param name="cancellationToken">Cancels the wait for room; the item is then not added.</param>
    /// <returns>A task that completes once the item has been accepted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workItem"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before there was room.</exception>
    /// <exception cref="InvalidOperationException">The queue has been stopped and accepts no more items.</exception>
    ValueTask EnqueueAsync(Func<CancellationToken, ValueTask> workItem, CancellationToken cancellationToken = default);

    /// <summary>Gets the number of accepted items that have not started yet.</summary>
    int Count { get; }

    /// <summary>Removes the items waiting to start (those pending when called). Running items are not affected.</summary>
    /// <returns>The number of items removed (also added to <see cref="BackgroundTaskQueueStats.Cleared"/>).</returns>
    int Clear();

    /// <summary>Returns a snapshot of the queue's counters. Does not allocate.</summary>
    /// <returns>The current stats.</returns>
    BackgroundTaskQueueStats GetStats();
}
