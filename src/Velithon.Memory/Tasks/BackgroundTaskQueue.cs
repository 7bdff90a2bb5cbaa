using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Velithon.Memory.Diagnostics;

namespace Velithon.Memory;

/// <summary>
/// A bounded queue of background work items on a <see cref="Channel{T}"/> in
/// <see cref="BoundedChannelFullMode.Wait"/> mode, which makes the bound exact: a write either gets one of the
/// <see cref="MaxQueueLength"/> slots or fails, under the channel's lock, so concurrent producers can never push the
/// queue over its limit. Items are run by a <see cref="BackgroundTaskRunner"/> registered with
/// <c>AddVelithonBackgroundTasks</c>.
/// </summary>
/// <remarks>
/// Once the runner stops (the host is shutting down), the queue stops accepting items:
/// <see cref="TryEnqueue"/> returns <see langword="false"/>, and <see cref="Enqueue"/> and
/// <see cref="EnqueueAsync"/> throw <see cref="InvalidOperationException"/>.
/// </remarks>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue; the name is part of the published API.")]
public sealed class BackgroundTaskQueue : IBackgroundTaskQueue
{
    private readonly Channel<Func<CancellationToken, ValueTask>> _channel;

    // Enqueued is bumped once per item by any producer thread; striping keeps producers on different cores apart.
    private readonly StripedCounter _enqueued = new();

    // One padded slot per worker, written only by that worker: running an item costs no interlocked operation,
    // and Running (a sum of 0/1 flags) can never read above MaxConcurrency.
    private readonly WorkerSlot[] _workers;
    private int _runnerAttached;
    private long _rejected;
    private long _failed;
    private long _cleared;
    private long _droppedOnShutdown;
    private volatile bool _stopped;

    /// <summary>Initializes a new queue.</summary>
    /// <param name="options">The limits; validated.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and its limits.</exception>
    public BackgroundTaskQueue(BackgroundTaskQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? error = BackgroundTaskQueueOptions.GetValidationError(options);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(options));
        }

        MaxQueueLength = options.MaxQueueLength;
        MaxConcurrency = options.MaxConcurrency;
        PressureThreshold = options.EffectivePressureThreshold;
        ShutdownDrainTimeout = options.ShutdownDrainTimeout;
        CancellationGracePeriod = options.CancellationGracePeriod;
        _workers = new WorkerSlot[options.MaxConcurrency];
        _channel = Channel.CreateBounded<Func<CancellationToken, ValueTask>>(new BoundedChannelOptions(options.MaxQueueLength)
        {
            FullMode = BoundedChannelFullMode.Wait,
            // Several workers plus Clear() and the shutdown drain read; any thread may write.
            SingleReader = false,
            SingleWriter = false,
            // Never run a producer's or worker's continuation inline on the other's thread.
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>Initializes a new queue from options resolved through dependency injection.</summary>
    /// <param name="options">The limits; validated.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and its limits.</exception>
    public BackgroundTaskQueue(IOptions<BackgroundTaskQueueOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value)
    {
    }

    /// <summary>Gets the maximum number of accepted items that may wait to start.</summary>
    public int MaxQueueLength { get; }

    /// <summary>Gets the maximum number of items the runner executes at the same time.</summary>
    public int MaxConcurrency { get; }

    /// <summary>Gets the queued count at or above which the queue reports it is under pressure.</summary>
    public int PressureThreshold { get; }

    /// <inheritdoc/>
    /// <remarks>Exact: read under the channel's lock, so it never exceeds <see cref="MaxQueueLength"/>.</remarks>
    public int Count => _channel.Reader.Count;

    /// <summary>Gets whether the queue has stopped accepting items because its runner is shutting down.</summary>
    public bool IsStopped => _stopped;

    internal TimeSpan? ShutdownDrainTimeout { get; }

    internal TimeSpan CancellationGracePeriod { get; }

    internal ChannelReader<Func<CancellationToken, ValueTask>> Reader => _channel.Reader;

    /// <inheritdoc/>
    public bool TryEnqueue(Func<CancellationToken, ValueTask> workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (_channel.Writer.TryWrite(workItem))
        {
            _enqueued.Increment();
            return true;
        }

        Interlocked.Increment(ref _rejected);
        return false;
    }

    /// <inheritdoc/>
    public void Enqueue(Func<CancellationToken, ValueTask> workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (_channel.Writer.TryWrite(workItem))
        {
            _enqueued.Increment();
            return;
        }

        Interlocked.Increment(ref _rejected);
        throw _stopped ? CreateStoppedException(null) : new QueueFullException(MaxQueueLength);
    }

    /// <inheritdoc/>
    public ValueTask EnqueueAsync(Func<CancellationToken, ValueTask> workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);

        // One WriteAsync rather than TryWrite-then-WriteAsync: a full queue would otherwise take the channel's
        // lock twice per item.
        ValueTask write = _channel.Writer.WriteAsync(workItem, cancellationToken);
        if (write.IsCompletedSuccessfully)
        {
            _enqueued.Increment();
            return default;
        }

        return AwaitWriteAsync(write);
    }

    private async ValueTask AwaitWriteAsync(ValueTask write)
    {
        try
        {
            await write;
        }
        catch (ChannelClosedException ex)
        {
            Interlocked.Increment(ref _rejected);
            throw CreateStoppedException(ex);
        }

        _enqueued.Increment();
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Removes at most the number of items pending when it is called: each removal frees a slot that a producer
    /// waiting in <see cref="EnqueueAsync"/> may fill at once, and those newer items are kept rather than cleared.
    /// </remarks>
    public int Clear()
    {
        int limit = _channel.Reader.Count;
        int removed = 0;
        while (removed < limit && _channel.Reader.TryRead(out _))
        {
            removed++;
        }

        if (removed > 0)
        {
            Interlocked.Add(ref _cleared, removed);
        }

        return removed;
    }

    /// <inheritdoc/>
    public BackgroundTaskQueueStats GetStats() => new()
    {
        Queued = _channel.Reader.Count,
        Running = SumRunning(),
        MaxQueueLength = MaxQueueLength,
        MaxConcurrency = MaxConcurrency,
        PressureThreshold = PressureThreshold,
        Enqueued = _enqueued.Sum(),
        Rejected = Interlocked.Read(ref _rejected),
        Completed = SumCompleted(),
        Failed = Interlocked.Read(ref _failed),
        Cleared = Interlocked.Read(ref _cleared),
        DroppedOnShutdown = Interlocked.Read(ref _droppedOnShutdown),
    };

    /// <summary>Stops accepting items. Items already accepted stay queued for the runner to finish or drop.</summary>
    internal void CompleteAdding()
    {
        _stopped = true;
        _channel.Writer.TryComplete();
    }

    /// <summary>Removes every pending item and counts it as dropped on shutdown.</summary>
    /// <returns>The number of items removed.</returns>
    internal int DropPending()
    {
        int dropped = 0;
        while (_channel.Reader.TryRead(out _))
        {
            dropped++;
        }

        if (dropped > 0)
        {
            Interlocked.Add(ref _droppedOnShutdown, dropped);
        }

        return dropped;
    }

    /// <summary>Claims the queue for one runner: worker slots have a single writer each.</summary>
    /// <exception cref="InvalidOperationException">Another runner already runs this queue.</exception>
    internal void AttachRunner()
    {
        if (Interlocked.Exchange(ref _runnerAttached, 1) != 0)
        {
            throw new InvalidOperationException("This BackgroundTaskQueue is already run by another BackgroundTaskRunner; a queue can have only one runner.");
        }
    }

    internal void OnStarted(int worker) => Volatile.Write(ref _workers[worker].Running, 1);

    internal void OnCompleted(int worker)
    {
        ref WorkerSlot slot = ref _workers[worker];
        Volatile.Write(ref slot.Completed, slot.Completed + 1);
        Volatile.Write(ref slot.Running, 0);
    }

    internal void OnFailed(int worker)
    {
        Interlocked.Increment(ref _failed);
        Volatile.Write(ref _workers[worker].Running, 0);
    }

    private int SumRunning()
    {
        int running = 0;
        foreach (ref WorkerSlot slot in _workers.AsSpan())
        {
            running += Volatile.Read(ref slot.Running);
        }

        return running;
    }

    private long SumCompleted()
    {
        long completed = 0;
        foreach (ref WorkerSlot slot in _workers.AsSpan())
        {
            completed += Volatile.Read(ref slot.Completed);
        }

        return completed;
    }

    // 128 bytes: one cache line plus the adjacent line the prefetcher pulls in on x64.
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct WorkerSlot
    {
        [FieldOffset(64)]
        public long Completed;

        [FieldOffset(72)]
        public int Running;
    }

    private static InvalidOperationException CreateStoppedException(Exception? inner) =>
        new("The background task queue has stopped (its host is shutting down) and no longer accepts work items.", inner);
}
