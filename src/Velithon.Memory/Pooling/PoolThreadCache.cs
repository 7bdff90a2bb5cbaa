namespace Velithon.Memory;

/// <summary>
/// One thread's private part of one pool: a slot per bucket and plain (non-atomic) counters. Only the owning thread
/// writes the counters and fills or empties slots; other threads only read them (stats) or take arrays out of the
/// slots (trimming). It never references the pool, so a thread-static reference cannot keep a pool alive.
/// </summary>
internal sealed class PoolThreadCache
{
    public PoolThreadCache(long poolId, int bucketCount)
    {
        PoolId = poolId;
        Owner = Thread.CurrentThread;
        Slots = new ThreadSlot[bucketCount];
    }

    public long PoolId { get; }

    public Thread Owner { get; }

    public ThreadSlot[] Slots { get; }

#pragma warning disable CA1051 // Plain fields on purpose: the owner updates them on the hot path with ordinary stores.
    public long Rents;
    public long Misses;
    public long Returns;

    /// <summary>Rented minus returned bytes not yet published to the pool's shared counter.</summary>
    public long PendingBytes;

    /// <summary>The highest <see cref="PendingBytes"/> since the last publication (for the peak).</summary>
    public long PendingPeak;

    /// <summary>Set once the owning pool has been collected; the cache is then free to be replaced.</summary>
    public volatile bool Orphaned;
#pragma warning restore CA1051
}

/// <summary>A thread's one-array slot for one bucket.</summary>
internal struct ThreadSlot
{
#pragma warning disable CA1051 // Hot-path struct accessed by ref.
    /// <summary>The pooled array, if any. The owner uses plain reads and writes; trimmers use Interlocked.Exchange.</summary>
    public byte[]? Array;

    /// <summary>When a trim pass first saw the slot full and unused (0 = not seen yet); the owner resets it on each return.</summary>
    public long IdleSinceMs;

    /// <summary>Whether this slot holds one of its bucket's permits (kept until the thread exits).</summary>
    public bool HasPermit;
#pragma warning restore CA1051
}
