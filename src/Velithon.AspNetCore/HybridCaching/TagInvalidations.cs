using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace Velithon.AspNetCore.HybridCaching;

/// <summary>
/// When each tag (and <c>"*"</c>, every entry) was last evicted, in UTC ticks, as this instance knows it: from its own
/// evictions and from the times read from the L2 with each L2 entry. Times only rise. An entry is stale when one of
/// its tags, or <c>"*"</c>, was evicted at or after the time its factory started.
/// </summary>
internal sealed class TagInvalidations
{
    public const string AllTag = "*";
    public const string L2KeyPrefix = "__VLHC_tag:";

    private readonly ConcurrentDictionary<string, long> _evicted = new(StringComparer.Ordinal);
    private long _all;
    private long _version;

    public static string L2Key(string tag) => L2KeyPrefix + tag;

    public static byte[] Encode(long ticks)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, ticks);
        return bytes;
    }

    public static long Decode(byte[]? bytes) => bytes is { Length: 8 } ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : 0;

    /// <summary>Gets a number that rises after every eviction time that rises: an entry found current at a version is current while it holds.</summary>
    public long Version => Volatile.Read(ref _version);

    public bool IsCurrent(string[] tags, long createdTicks)
    {
        if (Volatile.Read(ref _all) >= createdTicks)
        {
            return false;
        }

        foreach (string tag in tags)
        {
            if (_evicted.TryGetValue(tag, out long evicted) && evicted >= createdTicks)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Records that <paramref name="tag"/> was evicted at <paramref name="ticks"/> (ignored when an eviction as late is known).</summary>
    public void Raise(string tag, long ticks)
    {
        if (ticks <= 0)
        {
            return;
        }

        if (tag == AllTag)
        {
            long current;
            while ((current = Volatile.Read(ref _all)) < ticks)
            {
                if (Interlocked.CompareExchange(ref _all, ticks, current) == current)
                {
                    Interlocked.Increment(ref _version);
                    return;
                }
            }

            return;
        }

        // The times read back from the L2 with each L2 hit are mostly known already: they leave the version as it is.
        if (_evicted.TryGetValue(tag, out long known) && known >= ticks)
        {
            return;
        }

        _evicted.AddOrUpdate(tag, static (_, raised) => raised, static (_, old, raised) => Math.Max(old, raised), ticks);

        // After the time: a reader that sees the new version sees the new time too.
        Interlocked.Increment(ref _version);
    }
}
