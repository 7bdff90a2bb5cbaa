using Microsoft.Extensions.Primitives;
using Velithon.Memory;

namespace Velithon.AspNetCore.Caching;

/// <summary>One stored response variant: status, headers, body bytes, its strong ETag and its absolute expiry.</summary>
/// <remarks>
/// Headers are held once, as the <see cref="StringValues"/> the hit path copies (a single value is its string, not an
/// array). The key is not here: L1 holds the entry under its <see cref="CacheKeyDigest"/>, Redis under the key, which the
/// Redis form carries beside it. <see cref="SizeInBytes"/> counts the objects the entry owns, at their real heap size;
/// header names and tags are shared with the app and the policy.
/// </remarks>
internal sealed class CachedResponse : IMemorySized
{
    private static readonly int PointerSize = IntPtr.Size;

    // Whether ServedHeaders is an array of SharedHeaderSets, held by other entries too: not counted as this entry's.
    private readonly bool _sharedHeaders;

    // Set by the request that takes this entry's eager refresh (a byte: it fits beside the bool, the entry does not grow).
    private byte _refreshClaimed;

    public required int StatusCode { get; init; }

    /// <summary>
    /// Gets the headers as arrays of values (the form the Redis format and the validator use; made on each call, off the
    /// hit path), or sets them (stored as <see cref="ServedHeaders"/>).
    /// </summary>
    public required KeyValuePair<string, string[]>[] Headers
    {
        get
        {
            KeyValuePair<string, StringValues>[] served = ServedHeaders;
            var headers = new KeyValuePair<string, string[]>[served.Length];
            for (int i = 0; i < served.Length; i++)
            {
                headers[i] = new(served[i].Key, served[i].Value.ToArray()!);
            }

            return headers;
        }

        init
        {
            var served = new KeyValuePair<string, StringValues>[value.Length];
            for (int i = 0; i < value.Length; i++)
            {
                string[] values = value[i].Value;
                served[i] = new(value[i].Key, values.Length == 1 ? new StringValues(values[0]) : new StringValues(values));
            }

            ServedHeaders = SharedHeaderSets.Share(served, out _sharedHeaders);
        }
    }

    /// <summary>Gets the headers as prebuilt <see cref="StringValues"/> (one string when single-valued), copied as they are on a hit.</summary>
    public KeyValuePair<string, StringValues>[] ServedHeaders { get; private init; } = [];

    public required byte[] Body { get; init; }

    public required string ETag { get; init; }

    /// <summary>Gets the content coding of <see cref="Body"/>: empty for identity, else <c>br</c> or <c>gzip</c>.</summary>
    public required string Encoding { get; init; }

    /// <summary>Gets the expiry as Unix milliseconds (wall clock, so that it means the same on every instance): fresh until then.</summary>
    public required long ExpiresAtUnixMs { get; init; }

    /// <summary>
    /// Gets until when (Unix milliseconds) the entry is kept after <see cref="ExpiresAtUnixMs"/> to be served stale
    /// (stale-while-revalidate, stale-if-error); at most the expiry when the endpoint has no stale window.
    /// </summary>
    public long StaleUntilUnixMs { get; init; }

    /// <summary>
    /// Gets or sets when the response was stored (Unix milliseconds): the base of <c>Age</c>. Not in the Redis format: an
    /// entry read from Redis is given its expiry less the policy's duration, which is when its writer stored it.
    /// </summary>
    public long StoredAtUnixMs { get; set; }

    /// <summary>Gets until when the entry is kept at all: the later of its expiry and <see cref="StaleUntilUnixMs"/>.</summary>
    public long KeepUntilUnixMs => Math.Max(ExpiresAtUnixMs, StaleUntilUnixMs);

    public required string[] Tags { get; init; }

    /// <summary>
    /// Gets the generations of <see cref="Tags"/> the response was produced under (<see cref="TagVersions.Snapshot"/>:
    /// this instance's stamps, then the Redis versions); a later eviction of one of the tags makes it stale.
    /// </summary>
    public long[]? TagGenerations { get; set; }

    /// <summary>Gets or sets the figures of the endpoint the response belongs to (null for none: counted nowhere).</summary>
    public EndpointCacheCounters? Counters { get; set; }

    /// <summary>
    /// Gets the bytes the entry holds on a 64-bit heap: this object, the body, the ETag, the header array and the header
    /// values unless the array is a <see cref="SharedHeaderSets"/> one (its values are counted as owned: a value shared
    /// with the app, such as a constant content type, is counted too), and the tag generations (in full, although entries
    /// stored between two evictions of their tags share one array: an overstatement, on the safe side of the byte bound,
    /// of 24 + 16 B per tag). Checked against the heap growth of a filled cache (<c>EntryMemoryTests</c>: within 10 %).
    /// </summary>
    public long SizeInBytes
    {
        get
        {
            // Object header and method table, then the fields: 7 references, the expiry, the stale limit, the time stored,
            // the status code and the shared-headers flag.
            long size = RoundUp8((2 * PointerSize) + (7 * PointerSize) + 8 + 8 + 8 + 4 + 1);
            size += RoundUp8(ArrayHeader + (long)Body.Length);
            size += StringSize(ETag.Length); // Encoding is one of three shared constants.
            KeyValuePair<string, StringValues>[] headers = ServedHeaders;
            if (headers.Length > 0 && !_sharedHeaders)
            {
                size += ArrayHeader + (2L * PointerSize * headers.Length);
                foreach (KeyValuePair<string, StringValues> header in headers)
                {
                    StringValues values = header.Value;
                    if (values.Count > 1)
                    {
                        size += ArrayHeader + ((long)PointerSize * values.Count);
                    }

                    foreach (string? value in values)
                    {
                        size += StringSize(value?.Length ?? 0);
                    }
                }
            }

            if (TagGenerations is { Length: > 0 } generations)
            {
                size += ArrayHeader + (8L * generations.Length);
            }

            return size;
        }
    }

    private static long ArrayHeader => 3 * PointerSize;

    private static long StringSize(int length) => RoundUp8((2 * PointerSize) + 4 + (2L * length) + 2);

    private static long RoundUp8(long size) => (size + 7) & ~7L;

    /// <summary>Claims this entry's eager refresh: <see langword="true"/> for the first caller only, ever.</summary>
    public bool TryClaimRefresh() => _refreshClaimed == 0 && Interlocked.CompareExchange(ref _refreshClaimed, 1, 0) == 0;

    /// <summary>Gets how long the entry is still kept (fresh or stale) after <paramref name="now"/>: its lifetime in Redis.</summary>
    public TimeSpan TimeToLive(DateTimeOffset now) => TimeSpan.FromMilliseconds(KeepUntilUnixMs - now.ToUnixTimeMilliseconds());

    /// <summary>A copy with <paramref name="headers"/>, <paramref name="expiresAtUnixMs"/> and <paramref name="staleUntilUnixMs"/> (an L2 entry made safe to serve).</summary>
    public CachedResponse Restricted(KeyValuePair<string, string[]>[] headers, long expiresAtUnixMs, long staleUntilUnixMs) => new()
    {
        StatusCode = StatusCode,
        Headers = headers,
        Body = Body,
        ETag = ETag,
        Encoding = Encoding,
        ExpiresAtUnixMs = expiresAtUnixMs,
        StaleUntilUnixMs = staleUntilUnixMs,
        StoredAtUnixMs = StoredAtUnixMs,
        Tags = Tags,
        TagGenerations = TagGenerations,
        Counters = Counters,
    };

    public CachedResponse WithBody(byte[] body, string encoding, string etag, KeyValuePair<string, string[]>[] headers) => new()
    {
        StatusCode = StatusCode,
        Headers = headers,
        Body = body,
        ETag = etag,
        Encoding = encoding,
        ExpiresAtUnixMs = ExpiresAtUnixMs,
        StaleUntilUnixMs = StaleUntilUnixMs,
        StoredAtUnixMs = StoredAtUnixMs,
        Tags = Tags,
        TagGenerations = TagGenerations,
        Counters = Counters,
    };
}
