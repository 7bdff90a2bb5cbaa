using Microsoft.Extensions.Primitives;
using Velithon.Memory;

namespace Velithon.AspNetCore.Caching;

/// <summary>One stored response variant: status, headers, body bytes, its strong ETag and its absolute expiry.</summary>
internal sealed class CachedResponse : IMemorySized
{
    private readonly KeyValuePair<string, string[]>[] _headers = [];

    public required string Key { get; init; }

    public required int StatusCode { get; init; }

    public required KeyValuePair<string, string[]>[] Headers
    {
        get => _headers;
        init
        {
            _headers = value;
            var served = new KeyValuePair<string, StringValues>[value.Length];
            for (int i = 0; i < value.Length; i++)
            {
                string[] values = value[i].Value;
                served[i] = new(value[i].Key, values.Length == 1 ? new StringValues(values[0]) : new StringValues(values));
            }

            ServedHeaders = served;
        }
    }

    /// <summary>Gets <see cref="Headers"/> as prebuilt <see cref="StringValues"/> (one string when single-valued), copied as they are on a hit.</summary>
    public KeyValuePair<string, StringValues>[] ServedHeaders { get; private init; } = [];

    public required byte[] Body { get; init; }

    public required string ETag { get; init; }

    /// <summary>Gets the content coding of <see cref="Body"/>: empty for identity, else <c>br</c> or <c>gzip</c>.</summary>
    public required string Encoding { get; init; }

    /// <summary>Gets the expiry as Unix milliseconds (wall clock, so that it means the same on every instance).</summary>
    public required long ExpiresAtUnixMs { get; init; }

    public required string[] Tags { get; init; }

    /// <summary>
    /// Gets the generations of <see cref="Tags"/> the response was produced under (<see cref="TagVersions.Snapshot"/>:
    /// this instance's stamps, then the Redis versions); a later eviction of one of the tags makes it stale.
    /// </summary>
    public long[]? TagGenerations { get; set; }

    public long SizeInBytes
    {
        get
        {
            // 24 + 16 per header: the ServedHeaders array (its StringValues share the header strings and arrays).
            long size = 184 + Body.Length + (2L * (Key.Length + ETag.Length + Encoding.Length)) + (16L * Headers.Length);
            foreach (KeyValuePair<string, string[]> header in Headers)
            {
                size += 64 + (2L * header.Key.Length);
                foreach (string value in header.Value)
                {
                    size += 32 + (2L * value.Length);
                }
            }

            foreach (string tag in Tags)
            {
                size += 32 + (2L * tag.Length);
            }

            return size + (8L * (TagGenerations?.Length ?? 0));
        }
    }

    public TimeSpan TimeToLive(DateTimeOffset now) => TimeSpan.FromMilliseconds(ExpiresAtUnixMs - now.ToUnixTimeMilliseconds());

    /// <summary>A copy with <paramref name="headers"/> and <paramref name="expiresAtUnixMs"/> (an L2 entry made safe to serve).</summary>
    public CachedResponse Restricted(KeyValuePair<string, string[]>[] headers, long expiresAtUnixMs) => new()
    {
        Key = Key,
        StatusCode = StatusCode,
        Headers = headers,
        Body = Body,
        ETag = ETag,
        Encoding = Encoding,
        ExpiresAtUnixMs = expiresAtUnixMs,
        Tags = Tags,
        TagGenerations = TagGenerations,
    };

    public CachedResponse WithBody(byte[] body, string encoding, string etag, KeyValuePair<string, string[]>[] headers, string key) => new()
    {
        Key = key,
        StatusCode = StatusCode,
        Headers = headers,
        Body = body,
        ETag = etag,
        Encoding = encoding,
        ExpiresAtUnixMs = ExpiresAtUnixMs,
        Tags = Tags,
        TagGenerations = TagGenerations,
    };
}
