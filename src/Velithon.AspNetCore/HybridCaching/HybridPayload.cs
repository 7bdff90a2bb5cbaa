using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Velithon.AspNetCore.HybridCaching;

/// <summary>
/// The L2 form of an entry: a header that says when it was made and when it expires, its tags, the serialized value,
/// and a checksum over all of it, so a truncated, corrupt or foreign value is recognised and read as a miss.
/// </summary>
/// <remarks>
/// Layout (little-endian): <c>"VLH1"</c>, created (UTC ticks, 8 bytes), expires (UTC ticks, 8 bytes), tag count (2),
/// each tag as a 2-byte length and UTF-8, the value length (4) and value, then XxHash64 of everything before it (8).
/// </remarks>
internal readonly struct HybridPayload
{
    private const int ChecksumLength = 8;
    private static ReadOnlySpan<byte> Magic => "VLH1"u8;

    private HybridPayload(long createdTicks, long expiresTicks, string[] tags, ReadOnlyMemory<byte> value)
    {
        CreatedTicks = createdTicks;
        ExpiresTicks = expiresTicks;
        Tags = tags;
        Value = value;
    }

    /// <summary>Gets when the value's factory started (UTC ticks): a tag evicted at or after this time makes it stale.</summary>
    public long CreatedTicks { get; }

    /// <summary>Gets when the entry expires (UTC ticks).</summary>
    public long ExpiresTicks { get; }

    public string[] Tags { get; }

    public ReadOnlyMemory<byte> Value { get; }

    public static byte[] Write(long createdTicks, long expiresTicks, string[] tags, ReadOnlySpan<byte> value)
    {
        int length = Magic.Length + 8 + 8 + 2 + 4 + value.Length + ChecksumLength;
        foreach (string tag in tags)
        {
            length += 2 + Encoding.UTF8.GetByteCount(tag);
        }

        byte[] buffer = new byte[length];
        Span<byte> span = buffer;
        Magic.CopyTo(span);
        int at = Magic.Length;
        BinaryPrimitives.WriteInt64LittleEndian(span[at..], createdTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[(at + 8)..], expiresTicks);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 16)..], checked((ushort)tags.Length));
        at += 18;
        foreach (string tag in tags)
        {
            int written = Encoding.UTF8.GetBytes(tag, span[(at + 2)..]);
            BinaryPrimitives.WriteUInt16LittleEndian(span[at..], checked((ushort)written));
            at += 2 + written;
        }

        BinaryPrimitives.WriteInt32LittleEndian(span[at..], value.Length);
        value.CopyTo(span[(at + 4)..]);
        at += 4 + value.Length;
        BinaryPrimitives.WriteUInt64LittleEndian(span[at..], XxHash64.HashToUInt64(span[..at]));
        return buffer;
    }

    /// <summary>Reads a payload; <see langword="false"/> with the reason when it is not one this cache wrote intact.</summary>
    public static bool TryRead(byte[] data, out HybridPayload payload, out string reason)
    {
        payload = default;
        ReadOnlySpan<byte> span = data;
        if (span.Length < Magic.Length + 8 + 8 + 2 + 4 + ChecksumLength || !span.StartsWith(Magic))
        {
            reason = "unknown format";
            return false;
        }

        int body = span.Length - ChecksumLength;
        if (BinaryPrimitives.ReadUInt64LittleEndian(span[body..]) != XxHash64.HashToUInt64(span[..body]))
        {
            reason = "checksum mismatch";
            return false;
        }

        int at = Magic.Length;
        long created = BinaryPrimitives.ReadInt64LittleEndian(span[at..]);
        long expires = BinaryPrimitives.ReadInt64LittleEndian(span[(at + 8)..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 16)..]);
        at += 18;
        string[] tags = count == 0 ? [] : new string[count];
        for (int i = 0; i < count; i++)
        {
            if (at + 2 > body)
            {
                reason = "truncated tags";
                return false;
            }

            int tagLength = BinaryPrimitives.ReadUInt16LittleEndian(span[at..]);
            at += 2;
            if (at + tagLength > body)
            {
                reason = "truncated tags";
                return false;
            }

            tags[i] = Encoding.UTF8.GetString(span.Slice(at, tagLength));
            at += tagLength;
        }

        if (at + 4 > body || BinaryPrimitives.ReadInt32LittleEndian(span[at..]) != body - at - 4)
        {
            reason = "length mismatch";
            return false;
        }

        payload = new HybridPayload(created, expires, tags, new ReadOnlyMemory<byte>(data, at + 4, body - at - 4));
        reason = string.Empty;
        return true;
    }
}
