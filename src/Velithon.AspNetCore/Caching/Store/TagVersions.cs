using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// This instance's view of every tag: the highest Redis tag version it has seen (the mirror, raised by reads, pub/sub
/// messages and the periodic sync; never lowered) and a stamp that changes whenever the tag is evicted locally or its
/// version rises.
/// </summary>
/// <remarks>
/// <para>
/// A generation snapshot (<see cref="Snapshot"/>) is <c>[stamp of each tag..., Redis version of each tag...]</c>. L1
/// freshness compares the stamps only: they never repeat, so an entry labelled before any change of its tags is stale
/// for good. The Redis versions label what goes to Redis, where an entry is served only while its versions equal the
/// current ones.
/// </para>
/// <para>
/// Two counters, not one: a local eviction whose Redis increment failed must not land on the same number as a later
/// eviction elsewhere (the mirror would then look unchanged and keep the entries stored between the two).
/// </para>
/// </remarks>
internal sealed class TagVersions
{
    private const int MaxStackTags = 32;

    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<string[], long[]> _lastSnapshots = new();

    /// <summary>
    /// Gets the tags this instance has cached under (a snapshot took them): the ones the sync reads. A tag only evicted
    /// here (an admin API or a webhook may evict any tag, one per product id) is not among them: no entry of this instance
    /// carries it, and a sync reading every tag ever evicted would grow without end.
    /// </summary>
    public IEnumerable<string> Known
    {
        get
        {
            foreach (KeyValuePair<string, State> pair in _states)
            {
                if (Volatile.Read(ref pair.Value.Used))
                {
                    yield return pair.Key;
                }
            }
        }
    }

    /// <summary>Gets the Redis version of the <paramref name="index"/>th of <paramref name="tagCount"/> tags in <paramref name="generations"/>.</summary>
    public static long RedisVersion(long[]? generations, int tagCount, int index) =>
        generations is not null && generations.Length == 2 * tagCount ? generations[tagCount + index] : 0;

    /// <summary>
    /// Reads the current stamps and Redis versions of <paramref name="tags"/>, registering unknown tags. The array is
    /// shared (see <see cref="Share"/>): never write to it.
    /// </summary>
    public long[] Snapshot(string[] tags)
    {
        if (tags.Length == 0)
        {
            return [];
        }

        Span<long> generations = tags.Length <= MaxStackTags ? stackalloc long[2 * tags.Length] : new long[2 * tags.Length];
        for (int i = 0; i < tags.Length; i++)
        {
            State state = _states.GetOrAdd(tags[i], static _ => new State());
            if (!state.Used)
            {
                Volatile.Write(ref state.Used, true);
            }

            // Either order is safe: a change after the stamp is read makes the entry stale in L1, and a version read
            // here was in Redis before the endpoint runs, so the response is newer than the eviction that set it.
            generations[i] = Volatile.Read(ref state.Stamp);
            generations[tags.Length + i] = Volatile.Read(ref state.Version);
        }

        return Share(tags, generations);
    }

    /// <summary>
    /// Returns an array holding <paramref name="generations"/> of <paramref name="tags"/>: the one returned last time for
    /// the same tags array when nothing changed since, else a new one, remembered for next time. Every entry stored
    /// between two evictions of its tags then holds one array instead of a copy each (issue 26; the policy keeps one tags
    /// array per path bucket). Weak keys: a tags array nobody holds any more takes its snapshot with it.
    /// </summary>
    public long[] Share(string[] tags, ReadOnlySpan<long> generations)
    {
        if (_lastSnapshots.TryGetValue(tags, out long[]? last) && last.AsSpan().SequenceEqual(generations))
        {
            return last;
        }

        long[] snapshot = generations.ToArray();
        _lastSnapshots.AddOrUpdate(tags, snapshot);
        return snapshot;
    }

    /// <summary>Gets whether <paramref name="generations"/> holds the current stamps of <paramref name="tags"/> (no tag changed since).</summary>
    public bool IsCurrent(string[] tags, long[]? generations)
    {
        for (int i = 0; i < tags.Length; i++)
        {
            long stored = generations is not null && i < generations.Length ? generations[i] : 0;
            long current = _states.TryGetValue(tags[i], out State? state) ? Volatile.Read(ref state.Stamp) : 0;
            if (current != stored)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Gets the highest Redis version of <paramref name="tag"/> seen here (0 for none).</summary>
    public long Version(string tag) => _states.TryGetValue(tag, out State? state) ? Volatile.Read(ref state.Version) : 0;

    /// <summary>Makes every entry of <paramref name="tag"/> stored so far stale on this instance.</summary>
    public void BumpLocal(string tag)
    {
        State state = _states.GetOrAdd(tag, static _ => new State());
        Interlocked.Increment(ref state.Stamp);
    }

    /// <summary>
    /// Raises the mirror of <paramref name="tag"/> to <paramref name="version"/>; returns <see langword="true"/> when it
    /// rose (the tag was evicted elsewhere: its entries here are now stale). Unknown tags are ignored unless
    /// <paramref name="register"/>: nothing here was stored under them.
    /// </summary>
    public bool Raise(string tag, long version, bool register = false)
    {
        if (version <= 0)
        {
            return false;
        }

        State? state = register ? _states.GetOrAdd(tag, static _ => new State()) : _states.GetValueOrDefault(tag);
        if (state is null)
        {
            return false;
        }

        lock (state)
        {
            if (version <= state.Version)
            {
                return false;
            }

            Volatile.Write(ref state.Version, version);
            Interlocked.Increment(ref state.Stamp);
            return true;
        }
    }

    private sealed class State
    {
        public long Stamp;
        public long Version;

        /// <summary>Whether a snapshot took the tag: an entry of this instance may carry it.</summary>
        public bool Used;
    }
}
