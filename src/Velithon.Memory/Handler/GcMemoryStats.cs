namespace Velithon.Memory;

/// <summary>Facts about the garbage-collected heap at the time of a <see cref="VelithonMemoryStats"/> snapshot.</summary>
public readonly record struct GcMemoryStats
{
    /// <summary>Gets the bytes currently thought to be allocated on the managed heap (<see cref="GC.GetTotalMemory(bool)"/>).</summary>
    public long TotalMemoryBytes { get; init; }

    /// <summary>Gets the heap size as of the last garbage collection.</summary>
    public long HeapSizeBytes { get; init; }

    /// <summary>Gets the fragmented (free) bytes inside the heap as of the last garbage collection.</summary>
    public long FragmentedBytes { get; init; }

    /// <summary>Gets the bytes allocated by the process since it started.</summary>
    public long TotalAllocatedBytes { get; init; }

    /// <summary>Gets the memory load of the machine or container as of the last garbage collection.</summary>
    public long MemoryLoadBytes { get; init; }

    /// <summary>Gets the memory available to the process (container limits included).</summary>
    public long TotalAvailableMemoryBytes { get; init; }

    /// <summary>Gets the load at which the GC considers memory load high.</summary>
    public long HighMemoryLoadThresholdBytes { get; init; }

    /// <summary>Gets <see cref="MemoryLoadBytes"/> as a percentage of <see cref="TotalAvailableMemoryBytes"/>.</summary>
    public double MemoryLoadPercent { get; init; }

    /// <summary>Gets how many generation 0 collections have run.</summary>
    public int Gen0Collections { get; init; }

    /// <summary>Gets how many generation 1 collections have run.</summary>
    public int Gen1Collections { get; init; }

    /// <summary>Gets how many generation 2 collections have run.</summary>
    public int Gen2Collections { get; init; }

    /// <summary>Gets the share of time the process spent paused in garbage collections, in percent.</summary>
    public double PauseTimePercent { get; init; }

    /// <summary>Reads the current figures from the runtime.</summary>
    public static GcMemoryStats Capture()
    {
        GCMemoryInfo info = GC.GetGCMemoryInfo();
        return new GcMemoryStats
        {
            TotalMemoryBytes = GC.GetTotalMemory(forceFullCollection: false),
            HeapSizeBytes = info.HeapSizeBytes,
            FragmentedBytes = info.FragmentedBytes,
            TotalAllocatedBytes = GC.GetTotalAllocatedBytes(precise: false),
            MemoryLoadBytes = info.MemoryLoadBytes,
            TotalAvailableMemoryBytes = info.TotalAvailableMemoryBytes,
            HighMemoryLoadThresholdBytes = info.HighMemoryLoadThresholdBytes,
            MemoryLoadPercent = Diagnostics.StatsMath.Percent(info.MemoryLoadBytes, info.TotalAvailableMemoryBytes),
            Gen0Collections = GC.CollectionCount(0),
            Gen1Collections = GC.CollectionCount(1),
            Gen2Collections = GC.CollectionCount(2),
            PauseTimePercent = info.PauseTimePercentage,
        };
    }
}
