using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Velithon.Memory;

/// <summary>
/// A byte array pool with power-of-two size classes, a bound on the arrays kept per size class, a per-thread fast
/// path like <see cref="ArrayPool{T}.Shared"/>, cheap always-on statistics and trimming (manual and on gen-2 GCs).
/// </summary>
/// <remarks>
/// <para>
/// Requests are rounded up to the next power of two from 16 bytes to <see cref="MaxArrayLength"/>; each size class
/// (bucket) keeps at most <see cref="MaxArraysPerBucket"/> arrays. A larger request gets a new array of exactly the
/// requested length, which is accepted and dropped when returned.
/// </para>
/// <para>
/// Each thread has one slot per bucket, used without any synchronization; behind the slots each bucket has a locked
/// stack per core. A thread's slots are one array reached from a thread-static (<see cref="Shared"/> has its own), and
/// each slot also carries the thread's counters for its size class, so statistics cost no shared write: a rent or a
/// return on the fast path is one thread-static read, the slot, and one plain counter increment. A bucket's bound covers both: thread slots may hold at most half of it (at least one), and the
/// stacks share the rest plus any part the threads do not use. A thread keeps its claim on a slot until it exits.
/// </para>
/// <para>
/// Arrays whose length is a bucket size cannot cheaply be told apart from arrays this pool handed out, so they are
/// accepted; returning an array of any other length up to <see cref="MaxArrayLength"/> throws.
/// </para>
/// <para>
/// After each gen-2 GC the pool drops arrays that have not been used for about a minute (measured from the first
/// pass that saw them unused), and under high memory load it drops arrays unused for about 10 seconds and cuts every
/// per-core stack down to one array. <see cref="Trim"/> drops everything at once.
/// </para>
/// </remarks>
public sealed class VelithonMemoryPool : ArrayPool<byte>
{
    /// <summary>The default <see cref="MaxArrayLength"/>: 1 MiB. Larger requests are allocated and never pooled.</summary>
    public const int DefaultMaxArrayLength = 1024 * 1024;

    /// <summary>The default <see cref="MaxArraysPerBucket"/>.</summary>
    public const int DefaultMaxArraysPerBucket = 32;

    internal const int MinArrayLength = 16;
    internal const int MaxArrayLengthLimit = 1 << 30;
    internal const int MaxArraysPerBucketLimit = 1 << 16;
    internal const long IdleTrimMilliseconds = 60_000;
    internal const long HighPressureIdleTrimMilliseconds = 10_000;
    private const int MinArrayLengthLog2 = 4;
    private const int MaxStacksPerBucket = 64;

    private static long s_nextId;

    // The hot path reads one of these and goes straight to the slot: Shared's own array needs no id check; an
    // instance checks the id in the most recently used array's header.
    [ThreadStatic]
    private static ThreadSlot[]? t_sharedSlots;

    [ThreadStatic]
    private static ThreadSlot[]? t_lastSlots;

    [ThreadStatic]
    private static PoolThreadCache?[]? t_caches;

    private readonly long _id;
    private readonly bool _isShared;
    private readonly PoolBucket[] _buckets;
    private readonly CacheRegistry _registry = new();
    private MemoryPool<byte>? _memoryPool;
    private long _peakBytes;
    private long _trimmedBytes;
    private int _gen2TrimPasses;

    /// <summary>Creates a pool.</summary>
    /// <param name="maxArrayLength">
    /// The largest pooled length, from 16 to 2^30; rounded up to a power of two. Larger requests are served with new
    /// arrays that are not pooled.
    /// </param>
    /// <param name="maxArraysPerBucket">The most arrays kept per size class, from 1 to 65536.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public VelithonMemoryPool(int maxArrayLength = DefaultMaxArrayLength, int maxArraysPerBucket = DefaultMaxArraysPerBucket)
        : this(maxArrayLength, maxArraysPerBucket, isShared: false)
    {
    }

    private VelithonMemoryPool(int maxArrayLength, int maxArraysPerBucket, bool isShared)
    {
        if (maxArrayLength is < MinArrayLength or > MaxArrayLengthLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxArrayLength),
                maxArrayLength,
                $"The maximum array length must be between {MinArrayLength} and {MaxArrayLengthLimit} bytes.");
        }

        if (maxArraysPerBucket is < 1 or > MaxArraysPerBucketLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxArraysPerBucket),
                maxArraysPerBucket,
                $"The number of arrays per bucket must be between 1 and {MaxArraysPerBucketLimit}.");
        }

        _id = Interlocked.Increment(ref s_nextId);
        _isShared = isShared;
        MaxArrayLength = (int)BitOperations.RoundUpToPowerOf2((uint)maxArrayLength);
        MaxArraysPerBucket = maxArraysPerBucket;

        int bucketCount = BitOperations.Log2((uint)MaxArrayLength) - MinArrayLengthLog2 + 1;
        int stackCount = Math.Clamp(Environment.ProcessorCount, 1, MaxStacksPerBucket);
        _buckets = new PoolBucket[bucketCount];
        for (int i = 0; i < bucketCount; i++)
        {
            _buckets[i] = new PoolBucket(MinArrayLength << i, maxArraysPerBucket, stackCount);
        }

        _ = new TrimCallback(this, _registry);
    }

    /// <summary>Gets the process-wide pool with the default limits.</summary>
    public static new VelithonMemoryPool Shared { get; } = new(DefaultMaxArrayLength, DefaultMaxArraysPerBucket, isShared: true);

    /// <summary>Gets the largest pooled array length: the constructor's value rounded up to a power of two.</summary>
    public int MaxArrayLength { get; }

    /// <summary>Gets the most arrays kept per size class (thread slots and per-core stacks together).</summary>
    public int MaxArraysPerBucket { get; }

    internal ReadOnlySpan<PoolBucket> Buckets => _buckets;

    /// <summary>Gets how many automatic passes the gen-2 callback has run (for tests).</summary>
    internal int Gen2TrimPasses => Volatile.Read(ref _gen2TrimPasses);

    /// <summary>Gets or sets whether gen-2 GCs trim this pool; tests that drive <see cref="TrimCore"/> with a fake clock turn it off.</summary>
    internal bool AutomaticTrimEnabled { get; set; } = true;

    /// <summary>
    /// Rents an array of at least <paramref name="minimumLength"/> bytes. Its contents are unspecified.
    /// </summary>
    /// <param name="minimumLength">The minimum length; 0 returns an empty array, which is not counted in the stats.</param>
    /// <returns>
    /// An array whose length is <paramref name="minimumLength"/> rounded up to a power of two (at least 16), or exactly
    /// <paramref name="minimumLength"/> when that is above <see cref="MaxArrayLength"/>.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumLength"/> is negative.</exception>
    public override byte[] Rent(int minimumLength)
    {
        // First and unconditionally (see GetSlots).
        ThreadSlot[] slots = GetSlots();
        if ((uint)(minimumLength - 1) < (uint)MaxArrayLength)
        {
            // Bucket i is slot i + 1; the guard above keeps it inside the slot array (one element per bucket + header).
            int slotIndex = BitOperations.Log2((uint)(minimumLength - 1) | (MinArrayLength - 1)) - (MinArrayLengthLog2 - 2);
            ref ThreadSlot slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), slotIndex);

            // Counted before a possible miss: a snapshot reads misses before rents, so hits do not read negative.
            slot.Rents++;
            byte[]? array = slot.Array;
            if (array is not null)
            {
                slot.Array = null;
                return array;
            }

            return RentFromBucket(slots, slotIndex);
        }

        return RentUnpooled(slots, minimumLength);
    }

    /// <summary>Returns an array to the pool.</summary>
    /// <param name="array">
    /// An array from <see cref="Rent"/>. Arrays longer than <see cref="MaxArrayLength"/> and empty arrays are accepted
    /// and dropped.
    /// </param>
    /// <param name="clearArray">Whether to zero the array first (done even when the array is then dropped).</param>
    /// <exception cref="ArgumentNullException"><paramref name="array"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The length of <paramref name="array"/> is at most <see cref="MaxArrayLength"/> but not one of the pool's sizes.
    /// </exception>
    public override void Return(byte[] array, bool clearArray = false)
    {
        ArgumentNullException.ThrowIfNull(array);
        ThreadSlot[] slots = GetSlots();
        int length = array.Length;
        int index = BitOperations.Log2((uint)length) - MinArrayLengthLog2;
        PoolBucket[] buckets = _buckets;
        if ((uint)index < (uint)buckets.Length && BitOperations.IsPow2(length))
        {
            if (clearArray)
            {
                Array.Clear(array);
            }

            // The guard above keeps index + 1 inside the slot array.
            ref ThreadSlot slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), index + 1);
            slot.Returns++;
            if (slot.Array is null && slot.HasPermit)
            {
                slot.Array = array;
                return;
            }

            ReturnToBucket(ref slot, buckets[index], array);
            return;
        }

        ReturnUnpooled(slots, array, clearArray);
    }

    /// <summary>Takes a snapshot of the pool's counters without allocating.</summary>
    /// <returns>The current statistics.</returns>
    public MemoryPoolStats GetStats()
    {
        long rents, misses, returns, current, pooledBytes = 0;
        lock (_registry.Lock)
        {
            rents = _registry.RetiredRents;
            misses = _registry.RetiredMisses;
            returns = _registry.RetiredReturns;
            current = _registry.RetiredBytes;
            foreach (PoolThreadCache cache in _registry.Live)
            {
                ThreadSlot[] slots = cache.Slots;
                current += Volatile.Read(ref slots[0].UnpooledBytes);
                for (int i = 0; i < slots.Length; i++)
                {
                    ref ThreadSlot slot = ref slots[i];

                    // Misses, then rents, then returns: the owner counts a rent before its miss, so hits do not read
                    // negative, and a return that lands between the reads lowers the bytes rather than raising them.
                    misses += Volatile.Read(ref slot.Misses);
                    long slotRents = Volatile.Read(ref slot.Rents);
                    long slotReturns = Volatile.Read(ref slot.Returns);
                    rents += slotRents;
                    returns += slotReturns;
                    if (i > 0)
                    {
                        current += (slotRents - slotReturns) * SlotArrayLength(i);
                        pooledBytes += Volatile.Read(ref slot.Array)?.Length ?? 0;
                    }
                }
            }
        }

        foreach (PoolBucket bucket in _buckets)
        {
            pooledBytes += (long)bucket.StackedCount * bucket.ArrayLength;
        }

        current = Math.Max(0, current);
        return new MemoryPoolStats
        {
            Rents = rents,
            Returns = returns,
            Hits = Math.Max(0, rents - misses),
            Misses = misses,
            CurrentRentedBytes = current,
            PeakRentedBytes = RaisePeak(current),
            PooledBytes = pooledBytes,
            TrimmedBytes = Volatile.Read(ref _trimmedBytes),
        };
    }

    /// <summary>
    /// Releases every pooled array (per-core stacks and every thread's slots) so the GC can reclaim them.
    /// </summary>
    /// <returns>The total length of the arrays released.</returns>
    /// <remarks>
    /// An array that a thread rents from its own slot at the very moment it is trimmed is counted as released
    /// although the renter keeps using it; the pool never holds it twice.
    /// </remarks>
    public long Trim() => TrimCore(Environment.TickCount64, highPressure: false, all: true);

    /// <summary>Gets a <see cref="MemoryPool{T}"/> view of this pool for APIs such as System.IO.Pipelines.</summary>
    /// <returns>
    /// The same adapter on every call. Its owners return their array to this pool on their first Dispose and throw
    /// <see cref="ObjectDisposedException"/> when used afterwards; disposing the adapter does nothing.
    /// </returns>
    public MemoryPool<byte> AsMemoryPool()
    {
        MemoryPool<byte>? pool = Volatile.Read(ref _memoryPool);
        if (pool is not null)
        {
            return pool;
        }

        pool = new VelithonMemoryPoolAdapter(this);
        return Interlocked.CompareExchange(ref _memoryPool, pool, null) ?? pool;
    }

    /// <summary>
    /// Trims as described on the class: <paramref name="all"/> drops everything; otherwise arrays idle for the
    /// threshold (60 s, or 10 s under <paramref name="highPressure"/>) since a pass first saw them idle are dropped,
    /// and high pressure also cuts each per-core stack to one array.
    /// </summary>
    internal long TrimCore(long nowMs, bool highPressure, bool all)
    {
        long idleMs = highPressure ? HighPressureIdleTrimMilliseconds : IdleTrimMilliseconds;
        long released = 0;
        lock (_registry.Lock)
        {
            released += SweepDeadThreads();
            RaisePeak(CurrentBytesLocked());
            foreach (PoolThreadCache cache in _registry.Live)
            {
                ThreadSlot[] slots = cache.Slots;
                for (int i = 1; i < slots.Length; i++)
                {
                    ref ThreadSlot slot = ref slots[i];
                    if (Volatile.Read(ref slot.Array) is null)
                    {
                        continue;
                    }

                    if (!all)
                    {
                        // The owner does not touch the idle clock on its hot path: a return since the last pass
                        // (its count moved) restarts the clock here instead.
                        long returns = Volatile.Read(ref slot.Returns);
                        long since = slot.IdleSinceMs;
                        if (since == 0 || returns != slot.IdleReturns)
                        {
                            slot.IdleSinceMs = nowMs;
                            slot.IdleReturns = returns;
                            continue;
                        }

                        if (nowMs - since < idleMs)
                        {
                            continue;
                        }
                    }

                    released += Interlocked.Exchange(ref slot.Array, null)?.Length ?? 0;
                }
            }
        }

        foreach (PoolBucket bucket in _buckets)
        {
            released += (long)bucket.Trim(nowMs, idleMs, keepOne: highPressure && !all, all) * bucket.ArrayLength;
        }

        if (released > 0)
        {
            Interlocked.Add(ref _trimmedBytes, released);
        }

        return released;
    }

    /// <summary>Counts the arrays a bucket holds (stacks and thread slots); meaningful when the pool is quiet (tests).</summary>
    internal int CountPooledArrays(int bucketIndex)
    {
        int count = _buckets[bucketIndex].StackedCount;
        lock (_registry.Lock)
        {
            foreach (PoolThreadCache cache in _registry.Live)
            {
                if (Volatile.Read(ref cache.Slots[bucketIndex + 1].Array) is not null)
                {
                    count++;
                }
            }
        }

        return count;
    }

    internal void TrimAfterGen2()
    {
        if (!AutomaticTrimEnabled)
        {
            return;
        }

        GCMemoryInfo info = GC.GetGCMemoryInfo();
        bool highPressure = info.HighMemoryLoadThresholdBytes > 0
            && info.MemoryLoadBytes >= info.HighMemoryLoadThresholdBytes / 10 * 9;
        TrimCore(Environment.TickCount64, highPressure, all: false);
        Interlocked.Increment(ref _gen2TrimPasses);
    }

    // The hot path's one thread-static access, plus an id check in the array's header for an instance. Both fields
    // are read unconditionally, before any branch, so that when Rent and Return are inlined into a caller's loop the
    // JIT resolves the thread-static base once outside the loop, as it does for ArrayPool<T>.Shared; read behind a
    // branch, the base is resolved (a call) on every Rent and every Return.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ThreadSlot[] GetSlots()
    {
        ThreadSlot[]? shared = t_sharedSlots;
        ThreadSlot[]? last = t_lastSlots;
        if (_isShared)
        {
            return shared ?? CreateSharedSlots();
        }

        if (last is not null && MemoryMarshal.GetArrayDataReference(last).PoolId == _id)
        {
            return last;
        }

        return GetInstanceSlotsSlow();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ThreadSlot[] CreateSharedSlots() => t_sharedSlots = CreateCache().Slots;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ThreadSlot[] GetInstanceSlotsSlow()
    {
        // A thread that alternates between pools finds its cache for this one in its list.
        PoolThreadCache?[]? caches = t_caches;
        int free = -1;
        if (caches is not null)
        {
            for (int i = 0; i < caches.Length; i++)
            {
                PoolThreadCache? candidate = caches[i];
                if (candidate is not null && !candidate.Orphaned && candidate.Slots[0].PoolId == _id)
                {
                    return t_lastSlots = candidate.Slots;
                }

                if (free < 0 && (candidate is null || candidate.Orphaned))
                {
                    free = i;
                }
            }
        }

        PoolThreadCache cache = CreateCache();
        if (free < 0)
        {
            free = caches?.Length ?? 0;
            Array.Resize(ref caches, Math.Max(4, free * 2));
            t_caches = caches;
        }

        caches![free] = cache;
        return t_lastSlots = cache.Slots;
    }

    private PoolThreadCache CreateCache()
    {
        var cache = new PoolThreadCache(_id, _buckets.Length);
        lock (_registry.Lock)
        {
            long released = SweepDeadThreads();
            if (released > 0)
            {
                Interlocked.Add(ref _trimmedBytes, released);
            }

            _registry.Add(cache);
        }

        return cache;
    }

    /// <summary>
    /// Folds the counters of exited threads into the retired totals, releases their slots' arrays and permits, and
    /// removes them from the registry. Must be called under the registry lock.
    /// </summary>
    private long SweepDeadThreads()
    {
        long released = 0;
        PoolThreadCache[] items = _registry.Items;
        int kept = 0;
        for (int i = 0; i < _registry.Count; i++)
        {
            PoolThreadCache cache = items[i];
            if (cache.Owner.IsAlive)
            {
                items[kept++] = cache;
                continue;
            }

            ThreadSlot[] slots = cache.Slots;
            _registry.RetiredBytes += OutstandingBytes(slots);
            for (int s = 0; s < slots.Length; s++)
            {
                ref ThreadSlot slot = ref slots[s];
                _registry.RetiredRents += slot.Rents;
                _registry.RetiredMisses += slot.Misses;
                _registry.RetiredReturns += slot.Returns;
                released += Interlocked.Exchange(ref slot.Array, null)?.Length ?? 0;
                if (slot.HasPermit)
                {
                    slot.HasPermit = false;
                    _buckets[s - 1].ReleaseThreadPermit();
                }
            }
        }

        Array.Clear(items, kept, _registry.Count - kept);
        _registry.Count = kept;
        return released;
    }

    private byte[] RentFromBucket(ThreadSlot[] slots, int slotIndex)
    {
        PoolBucket bucket = _buckets[slotIndex - 1];
        byte[]? array = bucket.TryPop();
        if (array is null)
        {
            slots[slotIndex].Misses++;
            array = GC.AllocateUninitializedArray<byte>(bucket.ArrayLength);
            SamplePeakAfterAllocation(slots);
        }

        return array;
    }

    /// <summary>
    /// Samples the peak when the pool had to allocate and the allocating thread holds more than it ever did: the one
    /// point besides <see cref="GetStats"/> and trimming where the rented bytes can reach a new high that the thread's
    /// own counters can tell cheaply.
    /// </summary>
    private void SamplePeakAfterAllocation(ThreadSlot[] slots)
    {
        ref ThreadSlot header = ref slots[0];
        long held = OutstandingBytes(slots);
        if (held <= header.HighBytes)
        {
            return;
        }

        header.HighBytes = held;
        lock (_registry.Lock)
        {
            RaisePeak(CurrentBytesLocked());
        }
    }

    /// <summary>The bytes rented and not yet returned by every thread, exited ones included. Under the registry lock.</summary>
    private long CurrentBytesLocked()
    {
        long bytes = _registry.RetiredBytes;
        foreach (PoolThreadCache cache in _registry.Live)
        {
            bytes += OutstandingBytes(cache.Slots);
        }

        return Math.Max(0, bytes);
    }

    /// <summary>The bytes one thread rented and has not returned (negative if it returned arrays others rented).</summary>
    private static long OutstandingBytes(ThreadSlot[] slots)
    {
        long bytes = Volatile.Read(ref slots[0].UnpooledBytes);
        for (int i = 1; i < slots.Length; i++)
        {
            ref ThreadSlot slot = ref slots[i];
            long rents = Volatile.Read(ref slot.Rents);
            bytes += (rents - Volatile.Read(ref slot.Returns)) * SlotArrayLength(i);
        }

        return bytes;
    }

    private static long SlotArrayLength(int slotIndex) => (long)MinArrayLength << (slotIndex - 1);

    private byte[] RentUnpooled(ThreadSlot[] slots, int minimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
        if (minimumLength == 0)
        {
            return [];
        }

        ref ThreadSlot header = ref slots[0];
        byte[] array = GC.AllocateUninitializedArray<byte>(minimumLength);
        header.Rents++;
        header.Misses++;
        header.UnpooledBytes += minimumLength;
        SamplePeakAfterAllocation(slots);
        return array;
    }

    private static void ReturnToBucket(ref ThreadSlot slot, PoolBucket bucket, byte[] array)
    {
        if (slot.Array is null && !slot.HasPermit && bucket.TryAcquireThreadPermit())
        {
            slot.HasPermit = true;
            slot.Array = array;
            return;
        }

        // Dropped when the bucket already holds its bound.
        bucket.TryPush(array);
    }

    private void ReturnUnpooled(ThreadSlot[] slots, byte[] array, bool clearArray)
    {
        int length = array.Length;
        if (length == 0)
        {
            return;
        }

        if (length <= MaxArrayLength)
        {
            throw new ArgumentException(
                $"The array (length {length}) was not rented from this pool: pooled lengths are powers of two from " +
                $"{MinArrayLength} to {MaxArrayLength} bytes, and only longer arrays are accepted as unpooled.",
                nameof(array));
        }

        if (clearArray)
        {
            Array.Clear(array);
        }

        ref ThreadSlot header = ref slots[0];
        header.Returns++;
        header.UnpooledBytes -= length;
    }

    private long RaisePeak(long candidate)
    {
        long peak = Volatile.Read(ref _peakBytes);
        while (candidate > peak)
        {
            long seen = Interlocked.CompareExchange(ref _peakBytes, candidate, peak);
            if (seen == peak)
            {
                return candidate;
            }

            peak = seen;
        }

        return peak;
    }

    /// <summary>The thread caches of one pool, shared with its GC callback so they can be cleared once the pool is gone.</summary>
    private sealed class CacheRegistry
    {
        public readonly Lock Lock = new();
        public PoolThreadCache[] Items = new PoolThreadCache[4];
        public int Count;
        public long RetiredRents;
        public long RetiredMisses;
        public long RetiredReturns;
        public long RetiredBytes;

        public ReadOnlySpan<PoolThreadCache> Live => Items.AsSpan(0, Count);

        public void Add(PoolThreadCache cache)
        {
            if (Count == Items.Length)
            {
                Array.Resize(ref Items, Count * 2);
            }

            Items[Count++] = cache;
        }

        /// <summary>Drops the arrays of a collected pool that other threads' caches still reference.</summary>
        public void Orphan()
        {
            lock (Lock)
            {
                foreach (PoolThreadCache cache in Live)
                {
                    cache.Orphaned = true;
                    foreach (ref ThreadSlot slot in cache.Slots.AsSpan())
                    {
                        Interlocked.Exchange(ref slot.Array, null);
                    }
                }

                Array.Clear(Items);
                Count = 0;
            }
        }
    }

    /// <summary>
    /// Runs a trim pass after every gen-2 GC: its finalizer re-registers itself for as long as the pool is alive. It
    /// holds the pool weakly so that a pool nobody references can be collected.
    /// </summary>
    private sealed class TrimCallback
    {
        // A raw weak handle, not a WeakReference<T>: a WeakReference has its own finalizer, which may run before this
        // one (finalization order is unspecified) and clear the target of a pool that is still alive.
        private readonly GCHandle _pool;
        private readonly CacheRegistry _registry;

        public TrimCallback(VelithonMemoryPool pool, CacheRegistry registry)
        {
            _pool = GCHandle.Alloc(pool, GCHandleType.Weak);
            _registry = registry;
        }

        ~TrimCallback()
        {
            if (_pool.Target is VelithonMemoryPool pool)
            {
                pool.TrimAfterGen2();
                GC.ReRegisterForFinalize(this);
            }
            else
            {
                _pool.Free();
                _registry.Orphan();
            }
        }
    }
}
