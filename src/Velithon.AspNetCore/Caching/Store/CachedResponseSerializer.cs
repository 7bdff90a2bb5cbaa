using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// The compact binary form of a <see cref="CachedResponse"/> kept in Redis: a format byte, the key, status, expiry,
/// the stale limit, ETag, encoding, each tag with the Redis tag version the entry was produced under, the headers, the raw body, and
/// an XxHash3 of all of it. Strings are 7-bit length-prefixed UTF-8. The full cache key is inside, so a reader compares
/// it in full; nothing is trusted before the checksum matches, and no count or length can reach past the data.
/// </summary>
internal static class CachedResponseSerializer
{
    // 4, not 3: one flipped bit of 3 reads as 2 or 1, an earlier format (a quiet miss); of 4, as no format at all (rejected).
    public const byte FormatVersion = 4;

    /// <summary>
    /// The format before the stale limit (2; 1 was the format before the checksum): still written by instances of the
    /// previous release during a rolling upgrade, and read as a plain miss.
    /// </summary>
    public const byte PreviousFormatVersion = 2;

    public const string ChecksumReason = "checksum";
    public const string FormatReason = "format";
    public const string SizeReason = "size";

    /// <summary>The most bytes an entry may hold besides its body: key, ETag, tags and headers.</summary>
    public const int MaxMetadataBytes = 256 * 1024;

    private const int ChecksumBytes = sizeof(ulong);

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Serialize(string key, CachedResponse response, ReadOnlySpan<long> tagVersions)
    {
        int size = 1 + StringSize(key) + VarSize(response.StatusCode) + (2 * sizeof(long)) + StringSize(response.ETag)
            + StringSize(response.Encoding) + VarSize(response.Tags.Length) + VarSize(response.Headers.Length)
            + VarSize(response.Body.Length) + response.Body.Length + ChecksumBytes;
        foreach (string tag in response.Tags)
        {
            size += StringSize(tag) + sizeof(long);
        }

        foreach (KeyValuePair<string, string[]> header in response.Headers)
        {
            size += StringSize(header.Key) + VarSize(header.Value.Length);
            foreach (string value in header.Value)
            {
                size += StringSize(value);
            }
        }

        byte[] data = new byte[size];
        var writer = new Writer(data);
        writer.Byte(FormatVersion);
        writer.String(key);
        writer.Var(response.StatusCode);
        writer.Int64(response.ExpiresAtUnixMs);
        writer.Int64(response.StaleUntilUnixMs);
        writer.String(response.ETag);
        writer.String(response.Encoding);
        writer.Var(response.Tags.Length);
        for (int i = 0; i < response.Tags.Length; i++)
        {
            writer.String(response.Tags[i]);
            writer.Int64(i < tagVersions.Length ? tagVersions[i] : 0);
        }

        writer.Var(response.Headers.Length);
        foreach (KeyValuePair<string, string[]> header in response.Headers)
        {
            writer.String(header.Key);
            writer.Var(header.Value.Length);
            foreach (string value in header.Value)
            {
                writer.String(value);
            }
        }

        writer.Var(response.Body.Length);
        writer.Bytes(response.Body);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(size - ChecksumBytes), XxHash3.HashToUInt64(data.AsSpan(0, size - ChecksumBytes)));
        return data;
    }

    /// <summary>The largest body an entry may hold: <paramref name="maxBodyBytes"/> plus the worst growth of a compressed variant.</summary>
    public static long BodyLimit(int maxBodyBytes) => maxBodyBytes + ((long)maxBodyBytes >> 10) + 64;

    /// <summary>The largest entry read or written: <see cref="BodyLimit"/> plus <see cref="MaxMetadataBytes"/>.</summary>
    public static long EntryLimit(int maxBodyBytes) => BodyLimit(maxBodyBytes) + MaxMetadataBytes;

    /// <summary>
    /// Reads an entry and the full key it was written under (<paramref name="key"/>, empty when none is returned).
    /// <see langword="null"/> with a <paramref name="rejectReason"/> when the bytes fail the checksum or are not a whole
    /// entry of this format; <see langword="null"/> without one for an entry of an earlier format.
    /// </summary>
    public static CachedResponse? Deserialize(ReadOnlySpan<byte> data, int maxBodyBytes, out string key, out long[] tagVersions, out string? rejectReason)
    {
        key = string.Empty;
        tagVersions = [];
        rejectReason = null;
        if (data.Length > 0 && data[0] is >= 1 and <= PreviousFormatVersion)
        {
            return null;
        }

        if (data.Length < 1 + ChecksumBytes || data[0] != FormatVersion)
        {
            rejectReason = FormatReason;
            return null;
        }

        if (data.Length > EntryLimit(maxBodyBytes))
        {
            rejectReason = SizeReason; // Before hashing or parsing it: millions of tiny headers cost no less than a big body.
            return null;
        }

        ReadOnlySpan<byte> content = data[..^ChecksumBytes];
        if (XxHash3.HashToUInt64(content) != BinaryPrimitives.ReadUInt64LittleEndian(data[^ChecksumBytes..]))
        {
            rejectReason = ChecksumReason;
            return null;
        }

        try
        {
            var reader = new Reader(content[1..]);
            string storedKey = reader.String();
            int status = reader.Var();
            long expires = reader.Int64();
            long staleUntil = reader.Int64();
            string etag = reader.String();
            string encoding = reader.String();
            var tags = new string[reader.Count(1 + sizeof(long))];
            var versions = new long[tags.Length];
            for (int i = 0; i < tags.Length; i++)
            {
                tags[i] = reader.String();
                versions[i] = reader.Int64();
            }

            var headers = new KeyValuePair<string, string[]>[reader.Count(2)];
            for (int i = 0; i < headers.Length; i++)
            {
                string name = reader.String();
                var values = new string[reader.Count(1)];
                for (int j = 0; j < values.Length; j++)
                {
                    values[j] = reader.String();
                }

                headers[i] = new(name, values);
            }

            int bodyLength = reader.Count(1);
            if (bodyLength > BodyLimit(maxBodyBytes))
            {
                rejectReason = SizeReason;
                return null;
            }

            byte[] body = reader.Bytes(bodyLength).ToArray();
            if (reader.Remaining != 0)
            {
                rejectReason = FormatReason;
                return null;
            }

            tagVersions = versions;
            key = storedKey;
            return new CachedResponse
            {
                StatusCode = status,
                ExpiresAtUnixMs = expires,
                StaleUntilUnixMs = staleUntil,
                ETag = etag,
                Encoding = encoding,
                Tags = tags,
                Headers = headers,
                Body = body,
            };
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // ArgumentException: DecoderFallbackException, a string that is not valid UTF-8.
            rejectReason = FormatReason;
            return null;
        }
    }

    private static int StringSize(string value)
    {
        int bytes = s_utf8.GetByteCount(value);
        return VarSize(bytes) + bytes;
    }

    private static int VarSize(int value)
    {
        uint v = (uint)value;
        int size = 1;
        while (v >= 0x80)
        {
            v >>= 7;
            size++;
        }

        return size;
    }

    private ref struct Writer(Span<byte> data)
    {
        private readonly Span<byte> _data = data;
        private int _position;

        public void Byte(byte value) => _data[_position++] = value;

        public void Var(int value)
        {
            uint v = (uint)value;
            while (v >= 0x80)
            {
                _data[_position++] = (byte)(v | 0x80);
                v >>= 7;
            }

            _data[_position++] = (byte)v;
        }

        public void Int64(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_data[_position..], value);
            _position += sizeof(long);
        }

        public void String(string value)
        {
            int length = s_utf8.GetByteCount(value);
            Var(length);
            _position += s_utf8.GetBytes(value, _data[_position..]);
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            value.CopyTo(_data[_position..]);
            _position += value.Length;
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly int Remaining => _data.Length - _position;

        public int Var()
        {
            uint value = 0;
            for (int shift = 0; shift < 35; shift += 7)
            {
                if (_position >= _data.Length)
                {
                    throw new FormatException("Truncated number.");
                }

                byte b = _data[_position++];
                if (shift == 28 && b > 0x0F)
                {
                    throw new FormatException("Number too large.");
                }

                value |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value <= int.MaxValue ? (int)value : throw new FormatException("Number too large.");
                }
            }

            throw new FormatException("Number too long.");
        }

        /// <summary>Reads a count of items that take at least <paramref name="minBytesEach"/> bytes each: it cannot exceed what is left.</summary>
        public int Count(int minBytesEach)
        {
            int count = Var();
            return count <= Remaining / minBytesEach ? count : throw new FormatException("Count beyond the data.");
        }

        public long Int64()
        {
            long value = BinaryPrimitives.ReadInt64LittleEndian(Bytes(sizeof(long)));
            return value;
        }

        public string String() => s_utf8.GetString(Bytes(Count(1)));

        public ReadOnlySpan<byte> Bytes(int length)
        {
            if (length > Remaining)
            {
                throw new FormatException("Length beyond the data.");
            }

            ReadOnlySpan<byte> bytes = _data.Slice(_position, length);
            _position += length;
            return bytes;
        }
    }
}
