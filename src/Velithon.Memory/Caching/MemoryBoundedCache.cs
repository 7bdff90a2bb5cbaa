using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Velithon.Memory.Caching;
using Velithon.Memory.Diagnostics;

namespace Velithon.Memory;

/// <summary>
/// A thread-safe cache bounded at the same time by an entry count and by accounted memory, never over either.
/// Lookups are lock-free; writes take one short lock; eviction is S3-FIFO (a small and a main FIFO queue plus a
/// ghost queue of recently evicted key hashes), which keeps one-hit wonders from flushing the frequently used entries
/// and beats plain LRU on skewed workloads.
/// </summary>
/// <remarks>
/// <para>
/// An entry's size is its value's size (exact for <c>byte[]</c>, <see cref="string"/>,
/// <see cref="ReadOnlyMemory{T}">ReadOnlyMemory&lt;byte&gt;</see> — only its length, even when it is a slice of a
/// larger array — and <see cref="IMemorySized"/>, otherwise <see cref="MemoryBoundedCacheOptions{TKey, TValue}.ValueSizer"/>),
/// plus its key's size, plus a fixed per-entry overhead for the cache node and the dictionary node (about 128 bytes for
/// reference-type keys and values on 64-bit). A value whose entry would exceed <see cref="MaxMemoryBytes"/> is refused.
/// </para>
/// <para>
/// Every entry that leaves the cache raises <see cref="ItemRemoved"/> with its reason. By default the cache never
/// disposes values; with <see cref="MemoryBoundedCacheOptions{TKey, TValue}.DisposeValues"/> it disposes
/// <see cref="IDisposable"/> values as their entries leave (see that option for the exact rule).
/// </para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed partial class MemoryBoundedCache<TKey, TValue> : IMemoryBoundedCache
    where TKey : notnull
{
    // A 2-bit saturating access counter, as in the S3-FIFO paper: an entry survives up to three passes of the main queue.
    private const byte MaxFrequency = 3;

    private const byte InNoQueue = 0;
    private const byte InSmallQueue = 1;
    private const byte InMainQueue = 2;

    // The expiry of an entry that never expires, and the lifetime that gives it.
    private const long NoExpiry = long.MaxValue;

    private readonly ConcurrentDictionary<TKey, Node> _map;

    // The loads in flight (GetOrAdd misses), by key: touched only on misses.
    private readonly ConcurrentDictionary<TKey, PendingLoad> _loading;
    private readonly IEqualityComparer<TKey> _comparer;
    private readonly Func<TValue, long> _valueSizer;
    private readonly Func<TKey, long> _keySizer;
    private readonly long _entryOverhead;
    private readonly TimeProvider _timeProvider;
    private readonly bool _disposeValues;

    // The cache-wide time to live in timestamp ticks, or NoExpiry. An entry's own expiry is in its node.
    private readonly long _defaultLifetime = NoExpiry;
    private readonly Lock _sync = new();
    private readonly StripedCounter _hits = new();
    private readonly StripedCounter _misses = new();
    private readonly NodeList _small = new(InSmallQueue);
    private readonly NodeList _main = new(InMainQueue);
    private readonly GhostSet _ghost = new();

    // Written only under _sync (with Volatile so GetStats and the properties see whole values on every platform).
    private int _count;
    private long _memory;
    private long _evictions;
    private long _expirations;
    private long _rejections;

    // Whether any entry may expire (a cache-wide time to live, or one entry's own): lets the write paths skip reading
    // the clock when none can. Only ever goes from false to true, before the first such entry is stored; read under _sync.
    private bool _mayExpire;

    /// <summary>Initializes a new cache from <paramref name="options"/>, which it validates.</summary>
    /// <param name="options">The bounds, expiry, comparer and sizers.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or its <c>TimeProvider</c> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is below 1 or the time to live is not positive.</exception>
    /// <exception cref="ArgumentException">No sizer was given for a key or value type the cache cannot size by itself.</exception>
    public MemoryBoundedCache(MemoryBoundedCacheOptions<TKey, TValue> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEntries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMemoryBytes, 1L);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        if (options.TimeToLive is TimeSpan ttl)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero, "options.TimeToLive");
        }

        _valueSizer = options.ValueSizer ?? EntrySizing.DefaultValueSizer<TValue>() ?? throw new ArgumentException(
            $"No ValueSizer was given and values of type {typeof(TValue)} cannot be sized exactly. Set " +
            "MemoryBoundedCacheOptions.ValueSizer, or use byte[], string, ReadOnlyMemory<byte> or an IMemorySized type.",
            nameof(options));
        _keySizer = options.KeySizer ?? EntrySizing.DefaultKeySizer<TKey>() ?? throw new ArgumentException(
            $"No KeySizer was given and keys of type {typeof(TKey)} cannot be sized exactly. Set " +
            "MemoryBoundedCacheOptions.KeySizer, or use string or unmanaged keys.",
            nameof(options));

        MaxEntries = options.MaxEntries;
        MaxMemoryBytes = options.MaxMemoryBytes;
        TimeToLive = options.TimeToLive;
        _timeProvider = options.TimeProvider;
        _disposeValues = options.DisposeValues;
        _comparer = options.KeyComparer ?? EqualityComparer<TKey>.Default;
        _entryOverhead = EntrySizing.EntryOverhead<TKey, TValue>();
        if (options.TimeToLive is TimeSpan timeToLive)
        {
            _mayExpire = true;
            _defaultLifetime = ToTimestampTicks(timeToLive, _timeProvider.TimestampFrequency);
        }

        // A null comparer keeps ConcurrentDictionary's own fast paths (e.g. non-randomized string hashing).
        _map = new ConcurrentDictionary<TKey, Node>(
            Environment.ProcessorCount, Math.Min(MaxEntries, 1024), options.KeyComparer);
        _loading = new ConcurrentDictionary<TKey, PendingLoad>(options.KeyComparer);
    }

    /// <summary>Initializes a new cache with the given bounds and all other options at their defaults.</summary>
    /// <param name="maxEntries">The most entries held at once; at least 1.</param>
    /// <param name="maxMemoryBytes">The most accounted bytes held at once; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is below 1.</exception>
    /// <exception cref="ArgumentException">The key or value type cannot be sized without a sizer.</exception>
    public MemoryBoundedCache(int maxEntries, long maxMemoryBytes)
        : this(CreateOptions(maxEntries, maxMemoryBytes))
    {
    }

    /// <summary>Gets the most entries the cache holds at once.</summary>
    public int MaxEntries { get; }

    /// <summary>Gets the most accounted bytes the cache holds at once.</summary>
    public long MaxMemoryBytes { get; }

    /// <summary>
    /// Gets how long an entry lives after it was written, or <see langword="null"/> when entries do not expire, unless
    /// the entry was written with its own time to live (<see cref="Set(TKey, TValue, TimeSpan)"/>).
    /// </summary>
    public TimeSpan? TimeToLive { get; }

    /// <summary>Gets the number of entries held, including expired ones not yet removed.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Gets the accounted bytes of all entries held.</summary>
    public long MemoryBytes => Volatile.Read(ref _memory);

    /// <summary>Gets whether the calling thread holds the write lock (for tests: notifications run outside it).</summary>
    internal bool IsLockHeldByCurrentThread => _sync.IsHeldByCurrentThread;

    /// <summary>Looks <paramref name="key"/> up without taking a lock. Counts a hit or a miss.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The cached value when found; otherwise the default value.</param>
    /// <returns><see langword="true"/> when a live entry was found. An expired entry is a miss and is removed.</returns>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_map.TryGetValue(key, out Node? node))
        {
            if (node.ExpiresAt == NoExpiry || _timeProvider.GetTimestamp() < node.ExpiresAt)
            {
                Touch(node);
                _hits.Increment();
                value = node.Value;
                return true;
            }

            RemoveExpiredNode(node);
        }

        _misses.Increment();
        value = default;
        return false;
    }

    /// <summary>
    /// Looks an entry up by an alternate form of its key without creating a <typeparamref name="TKey"/> (for
    /// <see cref="string"/> keys, a <see cref="ReadOnlySpan{T}">ReadOnlySpan&lt;char&gt;</see>), without taking a lock.
    /// The alternate key is hashed and compared in full by the key comparer, exactly like
    /// <see cref="TryGet(TKey, out TValue)"/>. Counts a hit or a miss.
    /// </summary>
    /// <typeparam name="TAlternateKey">The alternate key type; the key comparer must implement
    /// <see cref="IAlternateEqualityComparer{TAlternate, T}"/> for it (<see cref="StringComparer.Ordinal"/>,
    /// <see cref="StringComparer.OrdinalIgnoreCase"/> and the default string comparer do for <c>ReadOnlySpan&lt;char&gt;</c>).</typeparam>
    /// <param name="key">The alternate key.</param>
    /// <param name="value">The cached value when found; otherwise the default value.</param>
    /// <returns><see langword="true"/> when a live entry was found. An expired entry is a miss and is removed.</returns>
    /// <exception cref="InvalidOperationException">The key comparer does not support <typeparamref name="TAlternateKey"/>.</exception>
    public bool TryGetAlternate<TAlternateKey>(TAlternateKey key, [MaybeNullWhen(false)] out TValue value)
        where TAlternateKey : notnull, allows ref struct
    {
        if (_map.GetAlternateLookup<TAlternateKey>().TryGetValue(key, out Node? node))
        {
            if (node.ExpiresAt == NoExpiry || _timeProvider.GetTimestamp() < node.ExpiresAt)
            {
                Touch(node);
                _hits.Increment();
                value = node.Value;
                return true;
            }

            RemoveExpiredNode(node);
        }

        _misses.Increment();
        value = default;
        return false;
    }

    /// <summary>
    /// Stores <paramref name="value"/> under <paramref name="key"/>, replacing (and re-accounting) any previous value,
    /// evicting other entries first when a bound would be exceeded.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>
    /// <see langword="false"/> when the entry alone would be larger than <see cref="MaxMemoryBytes"/>: it is refused,
    /// counted in <see cref="CacheStats.Rejections"/>, and the cache is left unchanged (including any previous value).
    /// </returns>
    /// <exception cref="InvalidOperationException">A sizer returned a negative size.</exception>
    public bool Set(TKey key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SetCore(key, value, _defaultLifetime);
    }

    /// <summary>
    /// Stores <paramref name="value"/> under <paramref name="key"/> with its own time to live, which takes precedence
    /// over the cache-wide <see cref="TimeToLive"/> (shorter or longer, or set when the cache has none); otherwise like
    /// <see cref="Set(TKey, TValue)"/>.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="timeToLive">How long the entry lives after this write: positive, or
    /// <see cref="Timeout.InfiniteTimeSpan"/> for an entry that never expires.</param>
    /// <returns><see langword="false"/> when the entry alone would be larger than <see cref="MaxMemoryBytes"/> (see
    /// <see cref="Set(TKey, TValue)"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeToLive"/> is zero or negative (other than
    /// <see cref="Timeout.InfiniteTimeSpan"/>).</exception>
    /// <exception cref="InvalidOperationException">A sizer returned a negative size.</exception>
    public bool Set(TKey key, TValue value, TimeSpan timeToLive)
    {
        ArgumentNullException.ThrowIfNull(key);
        ValidateTimeToLive(timeToLive);
        return SetCore(key, value, LifetimeOf(timeToLive));
    }

    /// <summary>Removes the entry for <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when a live entry was removed (an expired one is removed but reports <see langword="false"/>).</returns>
    public bool TryRemove(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return TryRemoveCore(key, handOut: false, out _);
    }

    /// <summary>Removes the entry for <paramref name="key"/> and hands its value to the caller.</summary>
    /// <remarks>
    /// The value returned is the caller's: with <see cref="MemoryBoundedCacheOptions{TKey, TValue}.DisposeValues"/> the
    /// cache does not dispose it (<see cref="TryRemove(TKey)"/> does).
    /// </remarks>
    /// <param name="key">The key.</param>
    /// <param name="value">The removed value, or the default value.</param>
    /// <returns><see langword="true"/> when a live entry was removed (an expired one is removed but reports <see langword="false"/>).</returns>
    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        return TryRemoveCore(key, handOut: true, out value);
    }

    /// <summary>Removes every entry. Counters (hits, misses, evictions, …) are kept.</summary>
    /// <returns>The number of entries dropped.</returns>
    public int Clear()
    {
        var removals = new Removals(TracksRemovals);
        int dropped;
        lock (_sync)
        {
            dropped = _count;
            _small.DetachAll(ref removals);
            _main.DetachAll(ref removals);
            _ghost.Clear();
            _map.Clear();
            Volatile.Write(ref _count, 0);
            Volatile.Write(ref _memory, 0);
        }

        Publish(ref removals);
        return dropped;
    }

    /// <summary>
    /// Evicts entries, in eviction order, until <see cref="MemoryBytes"/> is at most <paramref name="targetMemoryBytes"/>.
    /// Evicted entries count as evictions (expired ones found on the way as expirations).
    /// </summary>
    /// <param name="targetMemoryBytes">The accounted bytes to get down to; 0 empties the cache.</param>
    /// <returns>The accounted bytes freed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="targetMemoryBytes"/> is negative.</exception>
    public long Trim(long targetMemoryBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(targetMemoryBytes);
        var removals = new Removals(TracksRemovals);
        long freed;
        lock (_sync)
        {
            long before = _memory;
            long now = Now();
            while (_memory > targetMemoryBytes && EvictOne(now, CacheItemRemovedReason.Trimmed, ref removals))
            {
            }

            freed = before - _memory;
        }

        Publish(ref removals);
        return freed;
    }

    /// <summary>
    /// Removes every entry whose time to live has passed (counted as expirations). Reads remove expired entries they
    /// meet anyway; this sweeps the rest, walking all entries under the write lock, so call it from periodic cleanup,
    /// not per request.
    /// </summary>
    /// <returns>The number of entries removed.</returns>
    public int RemoveExpired()
    {
        var removals = new Removals(TracksRemovals);
        int removed;
        lock (_sync)
        {
            if (!_mayExpire)
            {
                return 0;
            }

            long now = _timeProvider.GetTimestamp();
            removed = SweepExpired(_small, now, ref removals) + SweepExpired(_main, now, ref removals);
            Volatile.Write(ref _expirations, _expirations + removed);
        }

        Publish(ref removals);
        return removed;
    }

    /// <summary>Takes a snapshot of the counters. Does not allocate or lock.</summary>
    /// <returns>The snapshot.</returns>
    public CacheStats GetStats() => new()
    {
        Hits = _hits.Sum(),
        Misses = _misses.Sum(),
        Entries = Volatile.Read(ref _count),
        MemoryBytes = Volatile.Read(ref _memory),
        MaxEntries = MaxEntries,
        MaxMemoryBytes = MaxMemoryBytes,
        Evictions = Volatile.Read(ref _evictions),
        Expirations = Volatile.Read(ref _expirations),
        Rejections = Volatile.Read(ref _rejections),
    };

    private static MemoryBoundedCacheOptions<TKey, TValue> CreateOptions(int maxEntries, long maxMemoryBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMemoryBytes, 1L);
        return new MemoryBoundedCacheOptions<TKey, TValue> { MaxEntries = maxEntries, MaxMemoryBytes = maxMemoryBytes };
    }

    private static long ToTimestampTicks(TimeSpan ttl, long frequency)
    {
        Int128 ticks = (((Int128)ttl.Ticks * frequency) + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
        return ticks > long.MaxValue ? long.MaxValue : Math.Max(1L, (long)ticks);
    }

    // The hit path's only write: a racy saturating bump. A lost increment only makes the entry look a little colder,
    // and skipping the write once saturated keeps hot entries' cache lines shared between cores.
    private static void Touch(Node node)
    {
        if (node.Frequency < MaxFrequency)
        {
            node.Frequency++;
        }
    }

    private static void ValidateTimeToLive(TimeSpan timeToLive)
    {
        if (timeToLive != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero, nameof(timeToLive));
        }
    }

    // An entry's lifetime in timestamp ticks (NoExpiry for none) from a validated time to live.
    private long LifetimeOf(TimeSpan timeToLive) =>
        timeToLive == Timeout.InfiniteTimeSpan ? NoExpiry : ToTimestampTicks(timeToLive, _timeProvider.TimestampFrequency);

    private long ExpiryFromNow(long lifetime)
    {
        if (lifetime == NoExpiry)
        {
            return NoExpiry;
        }

        if (!_mayExpire)
        {
            // Published before the entry is stored under _sync, where the write paths read it.
            Volatile.Write(ref _mayExpire, true);
        }

        long now = _timeProvider.GetTimestamp();
        return now > NoExpiry - lifetime ? NoExpiry : now + lifetime;
    }

    // The clock for the write paths (under _sync): 0 while no entry can expire, which expires nothing.
    private long Now() => _mayExpire ? _timeProvider.GetTimestamp() : 0;

    private long MeasureEntry(TKey key, TValue value)
    {
        long keySize = _keySizer(key);
        if (keySize < 0)
        {
            throw new InvalidOperationException($"The KeySizer returned a negative size ({keySize}) for key '{key}'.");
        }

        long valueSize = value is null ? 0 : _valueSizer(value);
        if (valueSize < 0)
        {
            throw new InvalidOperationException($"The ValueSizer returned a negative size ({valueSize}) for the value of key '{key}'.");
        }

        // Saturate so that absurd sizes are refused rather than wrapping around to a small number.
        long total = _entryOverhead + keySize;
        return total > long.MaxValue - valueSize ? long.MaxValue : total + valueSize;
    }

    private bool SetCore(TKey key, TValue value, long lifetime)
    {
        long size = MeasureEntry(key, value);
        if (size > MaxMemoryBytes)
        {
            Interlocked.Increment(ref _rejections);
            return false;
        }

        long expiresAt = ExpiryFromNow(lifetime);
        var removals = new Removals(TracksRemovals);
        lock (_sync)
        {
            Store(key, value, size, expiresAt, ref removals);
        }

        Publish(ref removals);
        return true;
    }

    private bool TryRemoveCore(TKey key, bool handOut, [MaybeNullWhen(false)] out TValue value)
    {
        value = default;
        if (!_map.ContainsKey(key))
        {
            return false;
        }

        var removals = new Removals(TracksRemovals);
        bool removed = false;
        lock (_sync)
        {
            if (_map.TryGetValue(key, out Node? node))
            {
                Detach(node);
                if (!IsExpired(node, Now()))
                {
                    removals.Add(node, CacheItemRemovedReason.Removed, keepValue: handOut);
                    value = node.Value;
                    removed = true;
                }
                else
                {
                    removals.Add(node, CacheItemRemovedReason.Expired);
                    Volatile.Write(ref _expirations, _expirations + 1);
                }
            }
        }

        Publish(ref removals);
        return removed;
    }

    // Under _sync. Bounds are honoured at every instant: room is made (counters go down) before counters go up.
    // Returns the new node.
    private Node Store(TKey key, TValue value, long size, long expiresAt, ref Removals removals)
    {
        long now = Now();
        if (_map.TryGetValue(key, out Node? old))
        {
            if (!IsExpired(old, now))
            {
                return Replace(old, value, size, expiresAt, now, ref removals);
            }

            Detach(old);
            removals.Add(old, CacheItemRemovedReason.Expired);
            Volatile.Write(ref _expirations, _expirations + 1);
        }

        MakeRoom(size, 1, now, ref removals);
        int hash = _comparer.GetHashCode(key);
        var node = new Node(key, value, size, expiresAt, hash);

        // A key evicted from the small queue recently and asked for again has proven itself: straight to main.
        (_ghost.TryRemove(hash) ? _main : _small).AddHead(node);
        _map[key] = node;
        Volatile.Write(ref _count, _count + 1);
        Volatile.Write(ref _memory, _memory + size);
        return node;
    }

    // The old entry's bytes are released before making room, so an update only evicts what the size change needs.
    // A new node (rather than mutating the old one) keeps readers from seeing a torn struct value.
    private Node Replace(Node old, TValue value, long size, long expiresAt, long now, ref Removals removals)
    {
        NodeList list = old.Queue == InSmallQueue ? _small : _main;
        list.Remove(old);

        // Writing the very value again replaces the entry (new expiry, an event) but must not dispose what stays cached.
        removals.Add(old, CacheItemRemovedReason.Replaced, keepValue: IsSameInstance(old.Value, value));
        Volatile.Write(ref _memory, _memory - old.Size);
        MakeRoom(size, 0, now, ref removals);

        var node = new Node(old.Key, value, size, expiresAt, old.Hash)
        {
            Frequency = old.Frequency < MaxFrequency ? (byte)(old.Frequency + 1) : MaxFrequency,
        };
        list.AddHead(node);
        _map[old.Key] = node;
        Volatile.Write(ref _memory, _memory + size);
        return node;
    }

    // bytes is at most MaxMemoryBytes (larger entries are refused first), so MaxMemoryBytes - bytes cannot overflow where
    // _memory + bytes could (a cache bounded at long.MaxValue bytes holding huge sized entries).
    private void MakeRoom(long bytes, int entries, long now, ref Removals removals)
    {
        while ((_count + entries > MaxEntries || _memory > MaxMemoryBytes - bytes) && EvictOne(now, CacheItemRemovedReason.Evicted, ref removals))
        {
        }

        Debug.Assert(_count + entries <= MaxEntries && _memory <= MaxMemoryBytes - bytes, "Evicting everything must make room.");
    }

    // S3-FIFO: new entries wait in the small queue; on its way out an entry that was read goes to main, one that was not
    // is evicted and remembered in the ghost. The main queue is a CLOCK: entries read since the last pass go round again
    // with their counter decremented. Each re-insertion spends one unit of a counter that only hits raise, so eviction
    // is O(1) amortized. Under _sync; returns false when the cache is empty. A live entry leaves with reason.
    private bool EvictOne(long now, CacheItemRemovedReason reason, ref Removals removals)
    {
        while (true)
        {
            Node node;
            bool expired;
            if (_small.Count > 0 && (_main.Count == 0 || SmallQueueOverShare()))
            {
                node = _small.RemoveTail();
                expired = IsExpired(node, now);
                if (!expired && node.Frequency > 0)
                {
                    node.Frequency = 0;
                    _main.AddHead(node);
                    continue;
                }

                if (!expired)
                {
                    _ghost.Add(node.Hash, Math.Max(_main.Count, 1));
                }
            }
            else if (_main.Count > 0)
            {
                node = _main.RemoveTail();
                expired = IsExpired(node, now);
                if (!expired && node.Frequency > 0)
                {
                    node.Frequency--;
                    _main.AddHead(node);
                    continue;
                }
            }
            else
            {
                return false;
            }

            RemoveUnlinked(node);
            if (expired)
            {
                removals.Add(node, CacheItemRemovedReason.Expired);
                Volatile.Write(ref _expirations, _expirations + 1);
            }
            else
            {
                removals.Add(node, reason);
                Volatile.Write(ref _evictions, _evictions + 1);
            }

            return true;
        }
    }

    // The small queue's share is 10% of the cache, by entries or by bytes, whichever it reaches first.
    // (_small.Bytes * 10 >= _memory without the multiplication, which overflows for entries sized near long.MaxValue.)
    private bool SmallQueueOverShare() => _small.Count * 10L >= _count || _small.Bytes >= (_memory / 10) + (_memory % 10 == 0 ? 0 : 1);

    // Under _sync with now from Now(), or with a clock reading.
    private static bool IsExpired(Node node, long now) => now >= node.ExpiresAt;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RemoveExpiredNode(Node node)
    {
        var removals = new Removals(TracksRemovals);
        lock (_sync)
        {
            // Another thread may have evicted, replaced or removed it since the lock-free read found it.
            if (node.Queue != InNoQueue)
            {
                Detach(node);
                removals.Add(node, CacheItemRemovedReason.Expired);
                Volatile.Write(ref _expirations, _expirations + 1);
            }
        }

        Publish(ref removals);
    }

    private int SweepExpired(NodeList list, long now, ref Removals removals)
    {
        int removed = 0;
        Node? node = list.Head;
        while (node is not null)
        {
            Node? next = node.Next;
            if (now >= node.ExpiresAt)
            {
                Detach(node);
                removals.Add(node, CacheItemRemovedReason.Expired);
                removed++;
            }

            node = next;
        }

        return removed;
    }

    private void Detach(Node node)
    {
        (node.Queue == InSmallQueue ? _small : _main).Remove(node);
        RemoveUnlinked(node);
    }

    private void RemoveUnlinked(Node node)
    {
        // Removes the mapping only if it still points at this very node.
        _map.TryRemove(new KeyValuePair<TKey, Node>(node.Key, node));
        Volatile.Write(ref _count, _count - 1);
        Volatile.Write(ref _memory, _memory - node.Size);
    }

    private sealed class Node(TKey key, TValue value, long size, long expiresAt, int hash)
    {
        public readonly TKey Key = key;
        public readonly TValue Value = value;
        public readonly long Size = size;
        public readonly long ExpiresAt = expiresAt;
        public readonly int Hash = hash;
        public byte Frequency;
        public byte Queue;

        // Once the node has left the cache: why, and KeepValueFlag when its value must not be disposed.
        public byte Removal;

        // Set while the GetOrAdd that stored the value may still return it: then it is not disposed (see Loading).
        public bool Pinned;
        public Node? Previous;
        public Node? Next;
    }

    // An intrusive doubly linked FIFO: add at the head, evict from the tail, unlink from anywhere in O(1). Under _sync.
    private sealed class NodeList(byte id)
    {
        private Node? _head;
        private Node? _tail;

        public Node? Head => _head;

        public int Count { get; private set; }

        public long Bytes { get; private set; }

        public void AddHead(Node node)
        {
            node.Queue = id;
            node.Previous = null;
            node.Next = _head;
            if (_head is null)
            {
                _tail = node;
            }
            else
            {
                _head.Previous = node;
            }

            _head = node;
            Count++;
            Bytes += node.Size;
        }

        public Node RemoveTail()
        {
            Node node = _tail!;
            Remove(node);
            return node;
        }

        public void Remove(Node node)
        {
            Debug.Assert(node.Queue == id, "The node must be in this list.");
            if (node.Previous is null)
            {
                _head = node.Next;
            }
            else
            {
                node.Previous.Next = node.Next;
            }

            if (node.Next is null)
            {
                _tail = node.Previous;
            }
            else
            {
                node.Next.Previous = node.Previous;
            }

            node.Previous = null;
            node.Next = null;
            node.Queue = InNoQueue;
            Count--;
            Bytes -= node.Size;
        }

        public void DetachAll(ref Removals removals)
        {
            for (Node? node = _head; node is not null;)
            {
                Node? next = node.Next;
                node.Previous = null;
                node.Next = null;
                node.Queue = InNoQueue;
                removals.Add(node, CacheItemRemovedReason.Cleared);
                node = next;
            }

            _head = null;
            _tail = null;
            Count = 0;
            Bytes = 0;
        }
    }
}
