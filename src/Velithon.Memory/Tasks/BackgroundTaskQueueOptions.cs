namespace Velithon.Memory;

/// <summary>Options for <see cref="BackgroundTaskQueue"/> and the <see cref="BackgroundTaskRunner"/> that drains it.</summary>
public sealed class BackgroundTaskQueueOptions
{
    /// <summary>The largest value <see cref="MaxConcurrency"/> may take.</summary>
    /// <remarks>
    /// Each unit of concurrency is one worker loop; items that block a thread would starve the thread pool long
    /// before this many, so a larger value is almost certainly a configuration mistake.
    /// </remarks>
    public const int MaxConcurrencyLimit = 1024;

    /// <summary>
    /// Gets or sets how many work items may wait in the queue (accepted, not yet started). Items that are running
    /// do not count. Must be at least 1. Defaults to 1000.
    /// </summary>
    public int MaxQueueLength { get; set; } = 1000;

    /// <summary>
    /// Gets or sets how many work items the runner executes at the same time. Must be between 1 and
    /// <see cref="MaxConcurrencyLimit"/>. Defaults to <see cref="Environment.ProcessorCount"/>, which keeps
    /// CPU-bound items from oversubscribing the machine while letting I/O-bound items overlap.
    /// </summary>
    public int MaxConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Gets or sets the queued count at or above which <see cref="BackgroundTaskQueueStats.UnderPressure"/> is
    /// <see langword="true"/>. When set, must be between 1 and <see cref="MaxQueueLength"/>. <see langword="null"/>
    /// (the default) means half of <see cref="MaxQueueLength"/> (at least 1): 500 with the default queue length, and
    /// still valid when only the queue length is changed.
    /// </summary>
    public int? PressureThreshold { get; set; }

    /// <summary>The threshold in force: <see cref="PressureThreshold"/>, or half of <see cref="MaxQueueLength"/> when it is not set.</summary>
    internal int EffectivePressureThreshold => PressureThreshold ?? Math.Max(1, MaxQueueLength / 2);

    /// <summary>
    /// Gets or sets how long the runner keeps running accepted items after the host starts stopping. When it
    /// elapses, running items see their cancellation token cancelled and items not yet started are dropped
    /// (counted in <see cref="BackgroundTaskQueueStats.DroppedOnShutdown"/> and logged). <see langword="null"/>
    /// (the default) uses the host's shutdown timeout; a value longer than the host's timeout is cut short by it.
    /// Must be between <see cref="TimeSpan.Zero"/> and <see cref="MaxShutdownDrainTimeout"/>.
    /// </summary>
    public TimeSpan? ShutdownDrainTimeout { get; set; }

    /// <summary>
    /// Gets or sets how long, after the drain timeout has cancelled running items' token, the runner waits for
    /// them to finish before abandoning them (logging how many were still running). Items that honour their token
    /// usually finish within microseconds; this only bounds the wait for ones slow to notice. When the drain
    /// timeout is the host's, stopping can overrun the host's timeout by at most this much.
    /// Must be between <see cref="TimeSpan.Zero"/> and <see cref="MaxShutdownDrainTimeout"/>. Defaults to 1 second.
    /// </summary>
    public TimeSpan CancellationGracePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest <see cref="ShutdownDrainTimeout"/> or <see cref="CancellationGracePeriod"/> a timer can represent (<see cref="int.MaxValue"/> − 1 milliseconds).</summary>
    public static TimeSpan MaxShutdownDrainTimeout { get; } = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    /// <summary>Returns a message describing the first invalid setting, or <see langword="null"/> when all are valid.</summary>
    internal static string? GetValidationError(BackgroundTaskQueueOptions options)
    {
        if (options.MaxQueueLength < 1)
        {
            return $"{nameof(BackgroundTaskQueueOptions)}.{nameof(MaxQueueLength)} must be at least 1 (was {options.MaxQueueLength}).";
        }

        if (options.MaxConcurrency < 1 || options.MaxConcurrency > MaxConcurrencyLimit)
        {
            return $"{nameof(BackgroundTaskQueueOptions)}.{nameof(MaxConcurrency)} must be between 1 and {MaxConcurrencyLimit} (was {options.MaxConcurrency}).";
        }

        if (options.PressureThreshold is { } threshold && (threshold < 1 || threshold > options.MaxQueueLength))
        {
            return $"{nameof(BackgroundTaskQueueOptions)}.{nameof(PressureThreshold)} must be null (half of {nameof(MaxQueueLength)}) or between 1 and {nameof(MaxQueueLength)} ({options.MaxQueueLength}) (was {threshold}).";
        }

        if (options.ShutdownDrainTimeout is TimeSpan timeout && (timeout < TimeSpan.Zero || timeout > MaxShutdownDrainTimeout))
        {
            return $"{nameof(BackgroundTaskQueueOptions)}.{nameof(ShutdownDrainTimeout)} must be null or between {TimeSpan.Zero} and {MaxShutdownDrainTimeout} (was {timeout}).";
        }

        if (options.CancellationGracePeriod < TimeSpan.Zero || options.CancellationGracePeriod > MaxShutdownDrainTimeout)
        {
            return $"{nameof(BackgroundTaskQueueOptions)}.{nameof(CancellationGracePeriod)} must be between {TimeSpan.Zero} and {MaxShutdownDrainTimeout} (was {options.CancellationGracePeriod}).";
        }

        return null;
    }
}
