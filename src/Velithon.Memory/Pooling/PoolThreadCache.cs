using System.Runtime.InteropServices;

namespace Velithon.Memory;

/// <summary>
/// One thread's private part of one pool, as the pool's registry sees it: the owning thread and its slot array.
/// The hot path never touches this object; it reaches the slot array straight from a thread-static. It never
/// references the pool, so a thread-static reference cannot keep a pool alive.
/// </summary>
internal sealed class PoolThreadCache
{
    public PoolThreadCache(long poolId, int bucketCount)
    {
        Owner = Thread.CurrentThread;
        Slots = new ThreadSlot[bucketCount + 1];
        Slots[0].PoolId = poolId;
    }

    public Thread Owner { get; }

    /// <summary>Element 0 is the thread's header (see <see cref="ThreadSlot"/>); element i + 1 is bucket i's slot.</summary>
    public ThreadSlot[] Slots { get; }

#pragma warning disable CA1051 // Plain field on purpose.
    /// <summary>Set once the owning pool has been collected; the cache is then free to be replaced.</summary>
    public volatile bool Orphaned;
#pragma warning restore CA1051
}

/// <summary>
/// One element of a thread's slot array. A bucket's element holds that size class's one-array slot and the thread's
/// counters for it; element 0 (the header) holds the pool's id and the thread's counters for lengths above the largest
/// size class. Only the owning thread writes the counters, with plain stores; other threads read them (stats) or take
/// arrays out of the slots (trimming). The rented bytes are not tracked per call: they are the rents minus the returns
/// of each size class times its length, plus <see cref="UnpooledBytes"/>.
/// </summary>
/// <remarks>
/// 64 bytes, so that a slot's address is a shift away from the array's start: the header's fields share their offsets
/// with the two idle-clock fields, which only bucket elements use.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal struct ThreadSlot
{
#pragma warning disable CA1051 // Hot-path struct accessed by ref.
    /// <summary>The pooled array, if any. The owner uses plain reads and writes; trimmers use Interlocked.Exchange.</summary>
    [FieldOffset(0)]
    public byte[]? Array;

    /// <summary>Rents by the owning thread (header: of lengths above the largest size class).</summary>
    [FieldOffset(8)]
    public long Rents;

    /// <summary>Returns by the owning thread (header: of lengths above the largest size class).</summary>
    [FieldOffset(16)]
    public long Returns;

    /// <summary>Rents that allocated (header: every rent above the largest size class).</summary>
    [FieldOffset(24)]
    public long Misses;

    /// <summary>Trimmers only: when a pass first saw the slot full with <see cref="IdleReturns"/> returns (0 = not seen yet).</summary>
    [FieldOffset(32)]
    public long IdleSinceMs;

    /// <summary>Trimmers only: <see cref="Returns"/> when the idle clock started; a different count means the slot was used.</summary>
    [FieldOffset(40)]
    public long IdleReturns;

    /// <summary>Header only: bytes rented above the largest size class and not returned, by the owning thread.</summary>
    [FieldOffset(40)]
    public long UnpooledBytes;

    /// <summary>Header only: the most bytes the owning thread held at one of its allocations (when the peak was sampled).</summary>
    [FieldOffset(48)]
    public long HighBytes;

    /// <summary>Header only: the id of the pool the array belongs to.</summary>
    [FieldOffset(32)]
    public long PoolId;

    /// <summary>Whether this slot holds one of its bucket's permits (kept until the thread exits).</summary>
    [FieldOffset(56)]
    public bool HasPermit;
#pragma warning restore CA1051
}
