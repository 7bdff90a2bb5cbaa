using Velithon.Memory;

namespace Velithon.AspNetCore.Caching;

/// <summary>One stored response variant: status, headers, body bytes, its strong ETag and its absolute expiry.</summary>
internal sealed class CachedResponse : IMemorySized
{
    public required string Key { get; init; }

    public required int StatusCode { get; init; }

    public required KeyValuePair<string, string[]>[] Headers { get; init; }

    public required byte[] Body { get; init; }

    public required string ETag { get; init; }

    /// <summary>Gets the content coding of <see cref="Body"/>: empty for identity, else <c>br</c> or <c>gzip</c>.</summary>
    public required string Encoding { get; init; }

    /// <summary>Gets the expiry as Unix milliseconds (wall clock, so that it means the same on every instance).</summary>
    public required long ExpiresAtUnixMs { get; init; }

    public required string[] Tags { get; init; }

    /// <summary>Gets this instance's tag generations when the response was produced; a later eviction makes it stale.</summary>
    public long[]? TagGenerations { get; set; }

    public long SizeInBytes
    {
        get
        {
            long size = 160 + Body.Length + (2L * (Key.Length + ETag.Length + Encoding.Length));
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
