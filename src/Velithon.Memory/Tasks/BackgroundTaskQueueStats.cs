using Velithon.Memory.Diagnostics;

namespace Velithon.Memory;

/// <summary>
/// An immutable snapshot of a <see cref="BackgroundTaskQueue"/>'s state and counters. Each field is read
/// atomically, but the snapshot as a whole is not: an item moving between states while the snapshot is taken may
/// briefly appear in neither or (for the cumulative counters) be reflected in one counter before another.
/// Once the queue is quiet, <c>Enqueued == Queued + Running + Completed + Failed + Cleared + DroppedOnShutdown</c>.
/// </summary>
public readonly record struct BackgroundTaskQueueStats
{
    /// <summary>Gets the number of accepted items that have not started yet.</summary>
    public int Queued { get; init; }

    /// <summary>Gets the number of items running now.</summary>
    public int Running { get; init; }

    /// <summary>Gets the queue's maximum number of pending items.</summary>
    public int MaxQueueLength { get; init; }

    /// <summary>Gets the maximum number of items run at the same time.</summary>
    public int MaxConcurrency { get; init; }

    /// <summary>Gets the queued count at or above which <see cref="UnderPressure"/> is <see langword="true"/>.</summary>
    public int PressureThreshold { get; init; }

    /// <summary>Gets <see cref="Queued"/> as a percentage of <see cref="MaxQueueLength"/> (0–100, two decimals).</summary>
    public double UtilizationPercent => StatsMath.Percent(Queued, MaxQueueLength);

    /// <summary>Gets whether <see cref="Queued"/> has reached <see cref="PressureThreshold"/>.</summary>
    public bool UnderPressure => PressureThreshold > 0 && Queued >= PressureThreshold;

    /// <summary>Gets the total number of items accepted.</summary>
    public long Enqueued { get; init; }

    /// <summary>Gets the total number of items refused because the queue was full or stopped.</summary>
    public long Rejected { get; init; }

    /// <summary>Gets the total number of items that ran to completion.</summary>
    public long Completed { get; init; }

    /// <summary>
    /// Gets the total number of items that threw, including items that ended with
    /// <see cref="OperationCanceledException"/> after shutdown cancelled their token.
    /// </summary>
    public long Failed { get; init; }

    /// <summary>Gets the total number of pending items removed by <see cref="IBackgroundTaskQueue.Clear"/>.</summary>
    public long Cleared { get; init; }

    /// <summary>Gets the total number of accepted items that never started because shutdown ran out of time.</summary>
    public long DroppedOnShutdown { get; init; }
}
