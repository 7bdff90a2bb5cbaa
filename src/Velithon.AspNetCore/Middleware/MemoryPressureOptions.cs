namespace Velithon.AspNetCore;

/// <summary>
/// Settings of the memory-pressure middleware (<c>app.UseVelithonMemoryPressure(...)</c>): Python Velithon's
/// <c>memory_pressure_middleware</c>, without its per-request stats and cleanup cost.
/// </summary>
public sealed class MemoryPressureOptions
{
    /// <summary>The default header: <c>X-Memory-Usage-MB</c>.</summary>
    public const string DefaultHeaderName = "X-Memory-Usage-MB";

    /// <summary>Gets or sets whether responses carry the managed heap size in MiB. Default <see langword="true"/>.</summary>
    public bool AddHeader { get; set; } = true;

    /// <summary>Gets or sets the header's name. Default <see cref="DefaultHeaderName"/>.</summary>
    public string HeaderName { get; set; } = DefaultHeaderName;

    /// <summary>
    /// Gets or sets how long one memory reading is reused before the next request takes a new one (a reading is one
    /// <c>IVelithonMemory.GetStats()</c> snapshot). Default 1 second.
    /// </summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the shortest time between two cleanups (measured from the start of the previous one). Default
    /// 30 seconds: cleanup may run a full blocking collection, so it must not run on every request.
    /// </summary>
    public TimeSpan MinCleanupInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the memory load (percent of the memory available to the process) at or above which cleanup runs.
    /// <see langword="null"/> (the default): when the handler reports pressure, i.e. at
    /// <c>VelithonMemoryOptions.MemoryLoadPressurePercent</c> (85 by default).
    /// </summary>
    public double? CleanupAtMemoryLoadPercent { get; set; }

    /// <summary>
    /// Gets or sets the managed heap size in bytes at or above which cleanup also runs. <see langword="null"/> (the
    /// default): the heap size alone never triggers it.
    /// </summary>
    public long? CleanupAtTotalMemoryBytes { get; set; }

    /// <summary>
    /// Gets or sets how a cleanup the middleware decided on is started (tests: inline, so that a decision can be
    /// checked without waiting). Default: on the thread pool, off the request path.
    /// </summary>
    internal Action<Action> StartCleanup { get; set; } = static cleanup => _ = Task.Run(cleanup);

    internal MemoryPressureOptions Copy() => (MemoryPressureOptions)MemberwiseClone();

    /// <summary>Throws when a setting is out of its range; a threshold out of range would run a full cleanup on every sample.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(HeaderName) || HeaderName.Any(static c => c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".Contains(c)))
        {
            throw new ArgumentException($"MemoryPressureOptions.HeaderName must be an HTTP header name (a token); it is '{HeaderName}'.", "options");
        }

        if (SampleInterval < TimeSpan.Zero || MinCleanupInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException("options", $"MemoryPressureOptions.SampleInterval ({SampleInterval}) and MinCleanupInterval ({MinCleanupInterval}) must not be negative.");
        }

        if (CleanupAtMemoryLoadPercent is { } percent && !(percent > 0 && percent <= 100))
        {
            throw new ArgumentOutOfRangeException("options", $"MemoryPressureOptions.CleanupAtMemoryLoadPercent must be above 0 and at most 100 (or null for the handler's pressure threshold); it is {percent}.");
        }

        if (CleanupAtTotalMemoryBytes is <= 0)
        {
            throw new ArgumentOutOfRangeException("options", $"MemoryPressureOptions.CleanupAtTotalMemoryBytes must be positive (or null: the heap size alone never triggers cleanup); it is {CleanupAtTotalMemoryBytes}.");
        }
    }
}
