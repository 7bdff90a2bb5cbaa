namespace Velithon.AspNetCore;

/// <summary>
/// Thresholds of the Velithon memory health check and of <c>MapVelithonMemoryHealth</c>. A figure at or above a
/// Degraded threshold makes the check Degraded (Python Velithon's "warning"), at or above an Unhealthy threshold Unhealthy
/// ("critical"). A <see langword="null"/> threshold is not checked.
/// </summary>
public sealed class VelithonMemoryHealthCheckOptions
{
    /// <summary>The default registration and options name: <c>velithon_memory</c>.</summary>
    public const string DefaultName = "velithon_memory";

    private double? _degradedMemoryLoadPercent = 85;
    private double? _unhealthyMemoryLoadPercent = 95;
    private bool _degradedLoadSet;
    private bool _unhealthyLoadSet;

    /// <summary>Gets or sets the memory load percent that degrades health. Default 85.</summary>
    public double? DegradedMemoryLoadPercent
    {
        get => _degradedMemoryLoadPercent;
        set
        {
            _degradedMemoryLoadPercent = value;
            _degradedLoadSet = true;
        }
    }

    /// <summary>
    /// Gets or sets the memory load percent that makes health Unhealthy. Default 95, not applied when a
    /// <see cref="DegradedMemoryLoadPercent"/> set at or above it (set both to have both).
    /// </summary>
    public double? UnhealthyMemoryLoadPercent
    {
        get => _unhealthyMemoryLoadPercent;
        set
        {
            _unhealthyMemoryLoadPercent = value;
            _unhealthyLoadSet = true;
        }
    }

    /// <summary>Gets or sets the managed heap size (bytes) that degrades health. Default <see langword="null"/>.</summary>
    public long? DegradedTotalMemoryBytes { get; set; }

    /// <summary>Gets or sets the managed heap size (bytes) that makes health Unhealthy. Default <see langword="null"/>.</summary>
    public long? UnhealthyTotalMemoryBytes { get; set; }

    private long? _degradedCacheMemoryBytes = 150L * 1024 * 1024;
    private long? _unhealthyCacheMemoryBytes = 200L * 1024 * 1024;
    private bool _degradedCacheSet;
    private bool _unhealthyCacheSet;

    /// <summary>
    /// Gets or sets the bytes held by all registered caches (<see cref="Velithon.Memory.VelithonMemoryStats.CacheTotals"/>)
    /// that degrade health. Default 150 MiB (Python Velithon's warning), raised to the caches' own configured bound when
    /// that is larger: caches full within the bounds they were given are healthy. A value set here is used as given.
    /// </summary>
    public long? DegradedCacheMemoryBytes
    {
        get => _degradedCacheMemoryBytes;
        set
        {
            _degradedCacheMemoryBytes = value;
            _degradedCacheSet = true;
        }
    }

    /// <summary>
    /// Gets or sets the bytes held by all registered caches that make health Unhealthy. Default 200 MiB (Python Velithon's
    /// critical), raised to the caches' own configured bound when that is larger, and not applied when a
    /// <see cref="DegradedCacheMemoryBytes"/> set at or above it. A value set here is used as given.
    /// </summary>
    public long? UnhealthyCacheMemoryBytes
    {
        get => _unhealthyCacheMemoryBytes;
        set
        {
            _unhealthyCacheMemoryBytes = value;
            _unhealthyCacheSet = true;
        }
    }

    /// <summary>
    /// Gets or sets the hit rate (percent) of all registered caches together below which health is Degraded. Default <see langword="null"/>: a low
    /// hit rate only adds a recommendation.
    /// </summary>
    public double? DegradedBelowCacheHitRatePercent { get; set; }

    /// <summary>Gets or sets the cache hit rate (percent) below which a recommendation to grow the cache is given. Default 80.</summary>
    public double LowCacheHitRatePercent { get; set; } = 80;

    /// <summary>Gets or sets how many cache lookups must have happened before the hit rate is judged. Default 100.</summary>
    public long MinCacheLookups { get; set; } = 100;

    /// <summary>The memory-load thresholds: each as set, or its default unless that contradicts the other one set.</summary>
    internal (double? Degraded, double? Unhealthy) LoadThresholds() =>
        Pair(_degradedMemoryLoadPercent, _degradedLoadSet, _unhealthyMemoryLoadPercent, _unhealthyLoadSet);

    /// <summary>
    /// The cache-bytes thresholds for caches bounded, together, by <paramref name="configuredBound"/> bytes: each as set,
    /// or its default raised to the bound, unless that contradicts the other one set.
    /// </summary>
    internal (long? Degraded, long? Unhealthy) CacheThresholds(long configuredBound) =>
        Pair(
            _degradedCacheSet ? _degradedCacheMemoryBytes : Raise(_degradedCacheMemoryBytes, configuredBound),
            _degradedCacheSet,
            _unhealthyCacheSet ? _unhealthyCacheMemoryBytes : Raise(_unhealthyCacheMemoryBytes, configuredBound),
            _unhealthyCacheSet);

    // A default must not overrule the operator: an Unhealthy default at or below a Degraded threshold that was set
    // would report Unhealthy before the figure reached the level chosen for Degraded, and a Degraded default at or
    // above an Unhealthy threshold that was set can never apply. Such a default is dropped; values set are kept as given.
    private static (T? Degraded, T? Unhealthy) Pair<T>(T? degraded, bool degradedSet, T? unhealthy, bool unhealthySet)
        where T : struct, IComparable<T>
    {
        if (degraded is { } d && unhealthy is { } u && u.CompareTo(d) <= 0 && degradedSet != unhealthySet)
        {
            return degradedSet ? (degraded, null) : (null, unhealthy);
        }

        return (degraded, unhealthy);
    }

    // A default threshold below the bound would call a cache unhealthy for holding what it was allowed to: at the bound,
    // a cache that cannot pass it is never judged.
    private static long? Raise(long? threshold, long bound) =>
        threshold is not { } value ? null
        : bound < 0 || bound == long.MaxValue ? long.MaxValue // the sum of the bounds overflowed: unbounded
        : bound > value ? bound + 1
        : value;
}
