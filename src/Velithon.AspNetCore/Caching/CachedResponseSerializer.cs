using System.Text;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// The compact binary form of a <see cref="CachedResponse"/> kept in Redis: a version byte, then 7-bit length-prefixed
/// UTF-8 strings and integers, then the raw body. The full cache key is inside, so a reader compares it in full.
/// </summary>
internal static class CachedResponseSerializer
{
    private const byte FormatVersion = 1;

    public static byte[] Serialize(CachedResponse response)
    {
        using var stream = new MemoryStream(response.Body.Length + 256);
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(response.Key);
            writer.Write7BitEncodedInt(response.StatusCode);
            writer.Write(response.ExpiresAtUnixMs);
            writer.Write(response.ETag);
            writer.Write(response.Encoding);
            writer.Write7BitEncodedInt(response.Tags.Length);
            foreach (string tag in response.Tags)
            {
                writer.Write(tag);
            }

            writer.Write7BitEncodedInt(response.Headers.Length);
            foreach (KeyValuePair<string, string[]> header in response.Headers)
            {
                writer.Write(header.Key);
                writer.Write7BitEncodedInt(header.Value.Length);
                foreach (string value in header.Value)
                {
                    writer.Write(value);
                }
            }

            writer.Write7BitEncodedInt(response.Body.Length);
            writer.Write(response.Body);
        }

        return stream.ToArray();
    }

    /// <summary>Reads an entry; <see langword="null"/> when the bytes are not a whole entry of this format.</summary>
    public static CachedResponse? Deserialize(byte[] data)
    {
        try
        {
            using var stream = new MemoryStream(data, writable: false);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadByte() != FormatVersion)
            {
                return null;
            }

            string key = reader.ReadString();
            int status = reader.Read7BitEncodedInt();
            long expires = reader.ReadInt64();
            string etag = reader.ReadString();
            string encoding = reader.ReadString();
            var tags = new string[CheckedCount(reader.Read7BitEncodedInt(), data.Length)];
            for (int i = 0; i < tags.Length; i++)
            {
                tags[i] = reader.ReadString();
            }

            var headers = new KeyValuePair<string, string[]>[CheckedCount(reader.Read7BitEncodedInt(), data.Length)];
            for (int i = 0; i < headers.Length; i++)
            {
                string name = reader.ReadString();
                var values = new string[CheckedCount(reader.Read7BitEncodedInt(), data.Length)];
                for (int j = 0; j < values.Length; j++)
                {
                    values[j] = reader.ReadString();
                }

                headers[i] = new(name, values);
            }

            int bodyLength = CheckedCount(reader.Read7BitEncodedInt(), data.Length);
            byte[] body = reader.ReadBytes(bodyLength);
            if (body.Length != bodyLength || stream.Position != stream.Length)
            {
                return null;
            }

            return new CachedResponse
            {
                Key = key,
                StatusCode = status,
                ExpiresAtUnixMs = expires,
                ETag = etag,
                Encoding = encoding,
                Tags = tags,
                Headers = headers,
                Body = body,
            };
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or IOException)
        {
            return null;
        }
    }

    private static int CheckedCount(int count, int limit) =>
        count < 0 || count > limit ? throw new FormatException("Bad count in a cached entry.") : count;
}
