namespace Velithon.AspNetCore;

/// <summary>
/// Settings of <see cref="VelithonResults"/>' JSON results (<c>services.Configure&lt;VelithonJsonResultOptions&gt;</c>
/// or <c>AddVelithonJsonResults</c>). Results read them from the request's services when they execute; without
/// registration the defaults apply.
/// </summary>
public sealed class VelithonJsonResultOptions
{
    /// <summary>The default <see cref="ParallelThreshold"/>: 512 KiB of estimated output (see docs/web.md for the measurement).</summary>
    public const long DefaultParallelThreshold = 512 * 1024;

    /// <summary>The default <see cref="TargetChunkBytes"/>: 64 KiB.</summary>
    public const int DefaultTargetChunkBytes = 64 * 1024;

    /// <summary>
    /// Gets or sets the estimated output size, in bytes, at or above which a list is rendered in parallel chunks.
    /// The estimate is the first item's rendered size (plus its separator) times the item count, so it measures
    /// work, not just count. Default <see cref="DefaultParallelThreshold"/>; <see cref="long.MaxValue"/> turns
    /// parallel rendering off, 0 uses it for every list of two or more items.
    /// </summary>
    public long ParallelThreshold { get; set; } = DefaultParallelThreshold;

    /// <summary>
    /// Gets or sets how many threads render one list at most (the request's thread included). Default
    /// <see cref="Environment.ProcessorCount"/>; 1 turns parallel rendering off.
    /// </summary>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Gets or sets the estimated size of one parallel chunk (default <see cref="DefaultTargetChunkBytes"/>). A list
    /// is split into at least <see cref="MaxDegreeOfParallelism"/> chunks and at most one per item.
    /// </summary>
    public int TargetChunkBytes { get; set; } = DefaultTargetChunkBytes;

    /// <summary>Gets or sets whether results add a <c>Server-Timing</c> header with the render time. Default <see langword="true"/>.</summary>
    public bool ServerTiming { get; set; } = true;

    /// <summary>Gets or sets the serializer options (depth limit). <see langword="null"/>: <see cref="VelithonJsonOptions.Default"/>.</summary>
    public VelithonJsonOptions? JsonOptions { get; set; }

    internal static VelithonJsonResultOptions Default { get; } = new();
}
