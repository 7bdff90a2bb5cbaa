using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using Velithon.Memory.Diagnostics;
using Velithon.Memory.Interning;

namespace Velithon.Memory;

/// <summary>
/// A thread-safe, bounded, weak string interner: equal strings from <see cref="string"/>, UTF-16 spans or UTF-8
/// bytes map to one shared instance, without allocating when the string is already interned.
/// </summary>
/// <remarks>
/// <para>
/// Entries are weak: the interner does not keep a string alive. Once nothing else references an interned string
/// and a GC has run, its entry is dead; <see cref="Cleanup"/> removes dead entries, an insert reuses a dead entry
/// in the bucket it lands in, and a full interner cleans up by itself before rejecting.
/// </para>
/// <para>
/// Lookups are lock-free; inserts, cleanup and growth take one lock. The table starts with a fast deterministic
/// hash and, the first time a bucket chain grows past a small limit (which does not happen with ordinary keys),
/// rehashes everything with the runtime's per-process randomized (Marvin) string hash, so crafted colliding keys
/// cannot degrade lookups.
/// </para>
/// <para>
/// Counting: every <c>Intern</c>/<c>InternUtf8</c> call is exactly one hit, miss or rejection
/// (see <see cref="GetStats"/>). <c>TryGet</c> counts nothing.
/// </para>
/// </remarks>
public sealed class StringInterner
{
    private const int InitialBucketCount = 64;
    private const int MaxBucketCount = 1 << 30;

    // With at most one entry per bucket on average, ordinary keys never build chains this long; a longer chain
    // means colliding input, and the table switches to the randomized hash.
    private const int MaxChainLengthBeforeRandomizing = 16;

    // UTF-8 input up to this many bytes is decoded into a stack buffer; longer input uses a pooled array.
    private const int SmallStackChars = 64;
    private const int LargeStackChars = 512;

    // A UTF-16 char takes at most 3 UTF-8 bytes, and an invalid sequence of at most 3 bytes decodes to one
    // U+FFFD, so input longer than 3 * MaxStringLength bytes always decodes to more than MaxStringLength chars.
    private const int MaxUtf8BytesPerChar = 3;

    private readonly Lock _writeLock = new();
    private readonly WeakStringHandleStore _handles = new();
    private readonly StripedCounter _hits = new();
    private readonly StripedCounter _rejected = new();
    private readonly int _maxCount;
    private readonly int _maxStringLength;
    private readonly int _maxBuckets;

    private volatile Table _table;
    private volatile int _count;
    private long _misses;
    private long _cleanedUp;
    private int _gcCountAtLastCleanup = -1;

    /// <summary>Initializes a new interner with the default limits (see <see cref="StringInternerOptions"/>).</summary>
    public StringInterner()
        : this(new StringInternerOptions())
    {
    }

    /// <summary>Initializes a new interner with the given limits.</summary>
    /// <param name="options">The limits; read once, later changes to the object have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not greater than 0.</exception>
    public StringInterner(StringInternerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxCount <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.MaxCount, $"{nameof(StringInternerOptions)}.{nameof(StringInternerOptions.MaxCount)} must be greater than 0.");
        }

        if (options.MaxStringLength <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.MaxStringLength, $"{nameof(StringInternerOptions)}.{nameof(StringInternerOptions.MaxStringLength)} must be greater than 0.");
        }

        _maxCount = options.MaxCount;
        _maxStringLength = options.MaxStringLength;
        _maxBuckets = (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)_maxCount), MaxBucketCount);
        _table = new Table(new Node?[Math.Min(InitialBucketCount, _maxBuckets)], randomized: false);
    }

    /// <summary>Gets a process-wide interner with the default limits.</summary>
    public static StringInterner Shared { get; } = new();

    /// <summary>Gets the most entries this interner holds (see <see cref="StringInternerOptions.MaxCount"/>).</summary>
    public int MaxCount => _maxCount;

    /// <summary>Gets the longest string, in UTF-16 chars, this interner interns (see <see cref="StringInternerOptions.MaxStringLength"/>).</summary>
    public int MaxStringLength => _maxStringLength;

    /// <summary>Gets the number of entries: live strings plus dead entries not yet cleaned up.</summary>
    public int Count => _count;

    /// <summary>Returns the interned instance equal to <paramref name="value"/>, interning <paramref name="value"/> itself if there is none.</summary>
    /// <param name="value">The string to intern.</param>
    /// <returns>
    /// The canonical instance; <paramref name="value"/> itself when it is newly interned, or when it is longer than
    /// <see cref="MaxStringLength"/> or the interner is full (then it is not interned and counted as rejected).
    /// An empty string returns <see cref="string.Empty"/>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public string Intern(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            _hits.Increment();
            return string.Empty;
        }

        if (value.Length > _maxStringLength)
        {
            _rejected.Increment();
            return value;
        }

        ReadOnlySpan<char> chars = value;
        Table table = _table;
        int hashCode = InternerHash.Compute(chars, table.Randomized);
        string? found = Find(table, chars, hashCode);
        if (found is not null)
        {
            _hits.Increment();
            return found;
        }

        return InternSlow(chars, value);
    }

    /// <summary>Returns the interned string equal to <paramref name="value"/>, creating and interning it if there is none.</summary>
    /// <param name="value">The characters of the string.</param>
    /// <returns>
    /// The canonical instance; a new un-interned string when <paramref name="value"/> is longer than
    /// <see cref="MaxStringLength"/> or the interner is full (counted as rejected). Empty input returns <see cref="string.Empty"/>.
    /// </returns>
    public string Intern(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            _hits.Increment();
            return string.Empty;
        }

        if (value.Length > _maxStringLength)
        {
            _rejected.Increment();
            return new string(value);
        }

        Table table = _table;
        int hashCode = InternerHash.Compute(value, table.Randomized);
        string? found = Find(table, value, hashCode);
        if (found is not null)
        {
            _hits.Increment();
            return found;
        }

        return InternSlow(value, null);
    }

    /// <summary>
    /// Returns the interned string equal to the decoded <paramref name="utf8"/> bytes, creating and interning it if
    /// there is none. Invalid UTF-8 is decoded like <see cref="Encoding.UTF8"/> does (each invalid sequence becomes
    /// U+FFFD); this method never throws for bad input.
    /// </summary>
    /// <param name="utf8">UTF-8 encoded text.</param>
    /// <returns>
    /// The canonical instance; a new un-interned string when the decoded text is longer than
    /// <see cref="MaxStringLength"/> or the interner is full (counted as rejected). Empty input returns <see cref="string.Empty"/>.
    /// </returns>
    public string InternUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            _hits.Increment();
            return string.Empty;
        }

        if (utf8.Length > (long)_maxStringLength * MaxUtf8BytesPerChar)
        {
            _rejected.Increment();
            return Encoding.UTF8.GetString(utf8);
        }

        string? ascii = FindAscii(utf8);
        if (ascii is not null)
        {
            _hits.Increment();
            return ascii;
        }

        if (utf8.Length <= SmallStackChars)
        {
            return Intern(Decode(utf8, stackalloc char[SmallStackChars]));
        }

        if (utf8.Length <= LargeStackChars)
        {
            return Intern(Decode(utf8, stackalloc char[LargeStackChars]));
        }

        return InternUtf8Pooled(utf8);
    }

    /// <summary>Looks up the interned string equal to <paramref name="value"/> without adding it or counting the call.</summary>
    /// <param name="value">The characters to look up.</param>
    /// <param name="interned">The interned instance when found (<see cref="string.Empty"/> for empty input); otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> if an equal string is interned and alive.</returns>
    public bool TryGet(ReadOnlySpan<char> value, [NotNullWhen(true)] out string? interned)
    {
        if (value.IsEmpty)
        {
            interned = string.Empty;
            return true;
        }

        if (value.Length > _maxStringLength)
        {
            interned = null;
            return false;
        }

        Table table = _table;
        interned = Find(table, value, InternerHash.Compute(value, table.Randomized));
        return interned is not null;
    }

    /// <summary>
    /// Looks up the interned string equal to the decoded <paramref name="utf8"/> bytes without adding it or
    /// counting the call. Invalid UTF-8 is decoded as in <see cref="InternUtf8"/>.
    /// </summary>
    /// <param name="utf8">UTF-8 encoded text.</param>
    /// <param name="interned">The interned instance when found (<see cref="string.Empty"/> for empty input); otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> if an equal string is interned and alive.</returns>
    public bool TryGet(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? interned)
    {
        if (utf8.Length > (long)_maxStringLength * MaxUtf8BytesPerChar)
        {
            interned = null;
            return false;
        }

        interned = FindAscii(utf8);
        if (interned is not null)
        {
            return true;
        }

        if (utf8.Length <= SmallStackChars)
        {
            return TryGet(Decode(utf8, stackalloc char[SmallStackChars]), out interned);
        }

        if (utf8.Length <= LargeStackChars)
        {
            return TryGet(Decode(utf8, stackalloc char[LargeStackChars]), out interned);
        }

        char[] rented = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            return TryGet(Decode(utf8, rented), out interned);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Removes the entries whose strings have been garbage collected.</summary>
    /// <returns>The number of entries removed.</returns>
    public int Cleanup()
    {
        lock (_writeLock)
        {
            return CleanupLocked();
        }
    }

    /// <summary>Takes a snapshot of the counters. Does not allocate.</summary>
    /// <returns>The current hits, misses, rejections, entry count and total cleaned-up entries.</returns>
    public StringInternerStats GetStats() => new()
    {
        Hits = _hits.Sum(),
        Misses = Interlocked.Read(ref _misses),
        Rejected = _rejected.Sum(),
        Count = _count,
        CleanedUp = Interlocked.Read(ref _cleanedUp),
    };

    /// <summary>Gets whether the table has switched to the randomized hash (for tests).</summary>
    internal bool IsRandomized => _table.Randomized;

    /// <summary>Gets the longest bucket chain; lets tests check that colliding input does not degrade the table.</summary>
    internal int GetMaxChainLength()
    {
        lock (_writeLock)
        {
            int max = 0;
            foreach (Node? head in _table.Buckets)
            {
                int length = 0;
                for (Node? node = head; node is not null; node = node.Next)
                {
                    length++;
                }

                max = Math.Max(max, length);
            }

            return max;
        }
    }

    private static ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8, Span<char> buffer)
    {
        // The buffer holds at least utf8.Length chars and decoding never yields more chars than bytes.
        Utf8.ToUtf16(utf8, buffer, out _, out int written, replaceInvalidSequences: true, isFinalBlock: true);
        return buffer[..written];
    }

    private string InternUtf8Pooled(ReadOnlySpan<byte> utf8)
    {
        char[] rented = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            return Intern(Decode(utf8, rented));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private string? Find(Table table, ReadOnlySpan<char> value, int hashCode)
    {
        Node?[] buckets = table.Buckets;
        Node? node = Volatile.Read(ref buckets[hashCode & (buckets.Length - 1)]);
        while (node is not null)
        {
            // The hash only filters; the content comparison decides, which keeps a racing reader correct even
            // when the node it holds was unlinked or its handle recycled for another interned string.
            if (node.HashCode == hashCode
                && node.Handle.TryGetTarget(out string? candidate)
                && candidate.AsSpan().SequenceEqual(value))
            {
                GC.KeepAlive(this);
                return candidate;
            }

            node = node.Next;
        }

        // Keeps the handle store (and its finalizer) from running while a caller dropped the interner mid-call.
        GC.KeepAlive(this);
        return null;
    }

    /// <summary>
    /// The UTF-8 hit path for ASCII input under the fast hash: hashes and compares the bytes as they are, with no
    /// decoding. Returns <see langword="null"/> when not found or not applicable; callers then decode and retry.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private string? FindAscii(ReadOnlySpan<byte> utf8)
    {
        Table table = _table;
        if (!BitConverter.IsLittleEndian
            || table.Randomized
            || utf8.Length > _maxStringLength
            || !InternerHash.TryFastAscii(utf8, out int hashCode))
        {
            return null;
        }

        Node?[] buckets = table.Buckets;
        Node? node = Volatile.Read(ref buckets[hashCode & (buckets.Length - 1)]);
        while (node is not null)
        {
            if (node.HashCode == hashCode
                && node.Handle.TryGetTarget(out string? candidate)
                && InternerHash.AsciiEquals(utf8, candidate))
            {
                GC.KeepAlive(this);
                return candidate;
            }

            node = node.Next;
        }

        GC.KeepAlive(this);
        return null;
    }

    private string InternSlow(ReadOnlySpan<char> value, string? candidate)
    {
        lock (_writeLock)
        {
            // The hash is recomputed under the lock: the table may have switched hash functions since the lookup.
            Table table = _table;
            int hashCode = InternerHash.Compute(value, table.Randomized);
            Node?[] buckets = table.Buckets;
            Node? dead = null;
            int chainLength = 0;
            for (Node? node = buckets[hashCode & (buckets.Length - 1)]; node is not null; node = node.Next)
            {
                chainLength++;
                if (!node.Handle.TryGetTarget(out string? existing))
                {
                    dead ??= node;
                }
                else if (node.HashCode == hashCode && existing.AsSpan().SequenceEqual(value))
                {
                    // Another thread interned it between our lock-free lookup and taking the lock.
                    _hits.Increment();
                    return existing;
                }
            }

            string result = candidate ?? new string(value);
            if (dead is not null)
            {
                dead.Handle.SetTarget(result);
                Volatile.Write(ref dead.HashCode, hashCode);
                Interlocked.Increment(ref _cleanedUp);
                Interlocked.Increment(ref _misses);
                return result;
            }

            if (_count >= _maxCount)
            {
                // Entries only die in a GC, so a cleanup pass is pointless (and, when the interner is full of
                // live strings, an O(n) scan per rejected call) unless a GC ran since the last one.
                if (GC.CollectionCount(0) == _gcCountAtLastCleanup || CleanupLocked() == 0)
                {
                    _rejected.Increment();
                    return result;
                }
            }
            else if (_count >= buckets.Length && buckets.Length < _maxBuckets)
            {
                Rebuild(buckets.Length * 2, table.Randomized);
            }

            if (chainLength >= MaxChainLengthBeforeRandomizing && !table.Randomized)
            {
                Rebuild(_table.Buckets.Length, randomized: true);
                hashCode = InternerHash.Randomized(value);
            }

            buckets = _table.Buckets;
            ref Node? head = ref buckets[hashCode & (buckets.Length - 1)];
            Volatile.Write(ref head, new Node(hashCode, _handles.Rent(result), head));
            _count++;
            Interlocked.Increment(ref _misses);
            return result;
        }
    }

    private int CleanupLocked()
    {
        _gcCountAtLastCleanup = GC.CollectionCount(0);
        Node?[] buckets = _table.Buckets;
        int removed = 0;
        for (int i = 0; i < buckets.Length; i++)
        {
            Node? previous = null;
            Node? node = buckets[i];
            while (node is not null)
            {
                Node? next = node.Next;
                if (node.Handle.TryGetTarget(out _))
                {
                    previous = node;
                }
                else
                {
                    // Unlinking leaves node.Next intact, so a reader standing on the node still reaches the rest of the chain.
                    if (previous is null)
                    {
                        Volatile.Write(ref buckets[i], next);
                    }
                    else
                    {
                        previous.Next = next;
                    }

                    _handles.Return(node.Handle);
                    removed++;
                }

                node = next;
            }
        }

        _count -= removed;
        Interlocked.Add(ref _cleanedUp, removed);
        return removed;
    }

    private void Rebuild(int bucketCount, bool randomized)
    {
        // Readers may still walk the old table, so its nodes stay untouched; the new table gets fresh nodes that
        // share the handles. Dead entries are dropped on the way.
        Table old = _table;
        bool rehash = randomized != old.Randomized;
        Node?[] rebuilt = new Node?[bucketCount];
        int mask = rebuilt.Length - 1;
        int removed = 0;
        foreach (Node? head in old.Buckets)
        {
            for (Node? node = head; node is not null; node = node.Next)
            {
                if (node.Handle.TryGetTarget(out string? value))
                {
                    int hashCode = rehash ? InternerHash.Compute(value, randomized) : node.HashCode;
                    ref Node? slot = ref rebuilt[hashCode & mask];
                    slot = new Node(hashCode, node.Handle, slot);
                }
                else
                {
                    _handles.Return(node.Handle);
                    removed++;
                }
            }
        }

        _table = new Table(rebuilt, randomized);
        _count -= removed;
        Interlocked.Add(ref _cleanedUp, removed);
    }

    private sealed class Table(Node?[] buckets, bool randomized)
    {
        public readonly Node?[] Buckets = buckets;

        // Which hash the nodes of this table were placed with; readers hash with the table they read.
        public readonly bool Randomized = randomized;
    }

    private sealed class Node(int hashCode, WeakGCHandle<string> handle, Node? next)
    {
        // Rewritten (together with the handle's target) when a dead node is reused in place.
        public int HashCode = hashCode;
        public readonly WeakGCHandle<string> Handle = handle;
        public volatile Node? Next = next;
    }
}
