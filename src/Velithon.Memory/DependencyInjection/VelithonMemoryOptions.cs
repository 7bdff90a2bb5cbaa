namespace Velithon.Memory;

/// <summary>
/// Settings of the global memory handler (<see cref="IVelithonMemory"/>): Python Velithon's
/// <c>configure_global_memory_handler(...)</c>. Bound from configuration or set in
/// <c>AddVelithonMemory(options =&gt; ...)</c>; validated when the handler is first resolved.
/// </summary>
public sealed class VelithonMemoryOptions
{
    /// <summary>
    /// Gets or sets the per-bucket bound of the byte pool (Python Velithon's <c>memory_pool_size</c>). <see langword="null"/>
    /// (the default) uses <see cref="VelithonMemoryPool.Shared"/>, so the handler's stats cover every component that
    /// rents from the shared pool; a value creates a pool owned by the handler.
    /// </summary>
    public int? PoolMaxArraysPerBucket { get; set; }

    /// <summary>
    /// Gets or sets the largest array length the byte pool keeps. <see langword="null"/> (the default) uses
    /// <see cref="VelithonMemoryPool.Shared"/>; a value creates a pool owned by the handler.
    /// </summary>
    public int? PoolMaxArrayLength { get; set; }

    /// <summary>
    /// Gets or sets the most strings the interner holds. <see langword="null"/> (the default) uses
    /// <see cref="StringInterner.Shared"/>; a value creates an interner owned by the handler.
    /// </summary>
    public int? InternerMaxCount { get; set; }

    /// <summary>
    /// Gets or sets the longest string (UTF-16 chars) the interner accepts. <see langword="null"/> (the default) uses
    /// <see cref="StringInterner.Shared"/>; a value creates an interner owned by the handler.
    /// </summary>
    public int? InternerMaxStringLength { get; set; }

    /// <summary>Gets or sets whether the handler's byte response cache stores anything. Default <see langword="true"/>.</summary>
    public bool EnableResponseCaching { get; set; } = true;

    /// <summary>Gets or sets the most entries in the response cache (Python Velithon's <c>cache_max_entries</c>). Default 1,000.</summary>
    public int ResponseCacheMaxEntries { get; set; } = 1_000;

    /// <summary>
    /// Gets or sets the most bytes the response cache accounts for, keys and entry overhead included (Python Velithon's
    /// <c>cache_max_memory_mb</c>). Default 100 MiB.
    /// </summary>
    public long ResponseCacheMaxMemoryBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Gets or sets how long a cached response lives. <see langword="null"/> (the default): until evicted.</summary>
    public TimeSpan? ResponseCacheTimeToLive { get; set; }

    /// <summary>
    /// Gets or sets the memory load, in percent of the memory available to the process (container limits
    /// included, as the GC sees it), at or above which the handler reports <see cref="VelithonMemoryStats.UnderPressure"/>
    /// and <see cref="IVelithonMemory.Cleanup"/> also trims the response cache. Default 85.
    /// </summary>
    public double MemoryLoadPressurePercent { get; set; } = 85;

    /// <summary>
    /// Gets or sets the share of its byte budget, in percent, that the response cache is trimmed down to when
    /// <see cref="IVelithonMemory.Cleanup"/> runs under pressure. Default 50.
    /// </summary>
    public double CleanupCacheTargetPercent { get; set; } = 50;

    /// <summary>
    /// Gets or sets whether <see cref="IVelithonMemory.Cleanup"/> runs a full blocking garbage collection (Python Velithon's
    /// <c>gc.collect()</c>). It lets the interner find strings nobody uses any more, at the cost of a pause; callers
    /// that run cleanup on a schedule should rate-limit it. Default <see langword="true"/>.
    /// </summary>
    public bool CleanupCollectsGarbage { get; set; } = true;
}
