using System.Buffers;
using Microsoft.Net.Http.Headers;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Finds the entry that answers a request: the encoding variant it accepts, else the identity entry it is made from,
/// in L1 and then in the L2 of <see cref="VelithonResponseCache"/>. It makes (and stores) an encoding variant from an
/// identity entry on first use, so the middleware only asks for the entry of a request and never sequences the levels.
/// </summary>
internal sealed class CachedResponseFinder
{
    /// <summary>The layer of an entry found in memory (<c>Server-Timing</c>'s <c>HIT L1</c>).</summary>
    public const string L1 = "l1";

    /// <summary>The layer of an entry found in the shared store.</summary>
    public const string L2 = "l2";

    private const string None = "none";

    private readonly VelithonResponseCache _cache;
    private readonly ArrayPool<byte> _pool;
    private readonly int _minCompressionBytes;

    public CachedResponseFinder(VelithonResponseCache cache, ArrayPool<byte> pool, int minCompressionBytes)
    {
        _cache = cache;
        _pool = pool;
        _minCompressionBytes = minCompressionBytes;
    }

    /// <summary>
    /// The synchronous L1 lookup of the hit path, by the digest of the key in <paramref name="key"/> (no string
    /// allocated): returns the fresh entry for <paramref name="encoding"/>, or <see langword="null"/> and, in
    /// <paramref name="stale"/>, an expired entry still within its stale limit. <paramref name="key"/> holds the base
    /// key again on return.
    /// </summary>
    public CachedResponse? FindInMemory(ref KeyWriter key, string encoding, out CachedResponse? stale)
    {
        stale = null;
        CachedResponse? found;
        if (encoding.Length == 0)
        {
            if (_cache.FindMemory(key.Written, out found) == EntryState.Stale)
            {
                (stale, found) = (found, null);
            }

            return found;
        }

        int baseLength = key.Length;
        CacheKeyBuilder.AppendVariant(ref key, encoding);
        EntryState variant = _cache.FindMemory(key.Written, out found);
        key.Truncate(baseLength);
        if (variant == EntryState.Fresh)
        {
            return found;
        }

        CachedResponse? staleVariant = found;
        EntryState identityState = _cache.FindMemory(key.Written, out CachedResponse? identity);
        if (identityState == EntryState.Fresh)
        {
            return VariantOf(identity!, key.Written, encoding);
        }

        // The identity body suits every client; a stale variant is preferred only because it exists already.
        stale = staleVariant ?? identity;
        return null;
    }

    /// <summary>Finds a fresh entry of the request in L1 only (the encoding variant, or the identity it is made from).</summary>
    public CachedResponse? FindFreshInMemory(string baseKey, string encoding)
    {
        if (_cache.TryGetMemory(CacheKeyBuilder.Variant(baseKey, encoding), out CachedResponse? response))
        {
            return response;
        }

        return encoding.Length > 0 && _cache.TryGetMemory(baseKey, out CachedResponse? identity) ? VariantOf(identity, baseKey, encoding) : null;
    }

    /// <summary>
    /// Finds the entry of <paramref name="request"/>: in L1 first when <paramref name="memory"/>, then in the L2 (with the
    /// tag generations the request snapshotted). A fresh entry is returned as soon as one is found; otherwise the first
    /// expired entry still within its stale limit, with <c>Stale</c> set, or none (layer <c>none</c>).
    /// </summary>
    public async ValueTask<(CachedResponse? Response, string Layer, bool Stale)> FindAsync(CachingRequestContext request, bool memory)
    {
        string baseKey = request.BaseKey;
        string encoding = request.Encoding;
        string key = CacheKeyBuilder.Variant(baseKey, encoding);
        CachedResponse? stale = null;
        string staleLayer = None;
        if (memory)
        {
            EntryState state = _cache.FindMemory(key, out CachedResponse? response);
            if (state == EntryState.Fresh)
            {
                return (response, L1, false);
            }

            CachedResponse? identity = null;
            EntryState identityState = encoding.Length > 0 ? _cache.FindMemory(baseKey, out identity) : EntryState.Missing;
            if (identityState == EntryState.Fresh)
            {
                return (VariantOf(identity!, baseKey, encoding), L1, false);
            }

            (stale, staleLayer) = (state == EntryState.Stale ? response : identityState == EntryState.Stale ? identity : null, L1);
        }

        if (_cache.L2 is null)
        {
            return (stale, staleLayer, stale is not null);
        }

        string[] tags = request.Tags;
        long[] generations = request.Generations;
        CachePolicy policy = request.Policy;
        CancellationToken aborted = request.HttpContext.RequestAborted;
        (CachedResponse? found, bool foundStale) = await _cache.TryGetStoreAsync(key, generations, tags, policy, aborted).ConfigureAwait(false);
        if (found is not null && !foundStale)
        {
            return (found, L2, false);
        }

        (stale, staleLayer) = stale is null && found is not null ? (found, L2) : (stale, staleLayer);
        if (encoding.Length > 0)
        {
            (CachedResponse? identity, bool identityStale) = await _cache.TryGetStoreAsync(baseKey, generations, tags, policy, aborted).ConfigureAwait(false);
            if (identity is not null && !identityStale)
            {
                return (VariantOf(identity, baseKey, encoding), L2, false);
            }

            (stale, staleLayer) = stale is null && identity is not null ? (identity, L2) : (stale, staleLayer);
        }

        return (stale, stale is null ? None : staleLayer, stale is not null);
    }

    /// <summary>The <paramref name="encoding"/> variant of an identity entry, or the entry itself when it is encoded already or not compressible.</summary>
    public CachedResponse MakeVariant(CachedResponse identity, string encoding)
    {
        if (identity.Encoding.Length > 0 || !IsCompressible(identity))
        {
            return identity;
        }

        string etag = identity.ETag.EndsWith('"') ? string.Concat(identity.ETag.AsSpan(0, identity.ETag.Length - 1), "-", encoding, "\"") : identity.ETag;
        return identity.WithBody(ResponseCompressor.Compress(identity.Body, encoding, _pool), encoding, etag, identity.Headers);
    }

    /// <summary>
    /// Returns the stored <paramref name="encoding"/> variant of <paramref name="identity"/> (stored under
    /// <paramref name="identityKey"/>), compressing and storing it once.
    /// </summary>
    private CachedResponse VariantOf(CachedResponse identity, ReadOnlySpan<char> identityKey, string encoding)
    {
        CachedResponse variant = MakeVariant(identity, encoding);
        if (!ReferenceEquals(variant, identity))
        {
            _cache.Store(CacheKeyBuilder.Variant(identityKey.ToString(), encoding), variant);
        }

        return variant;
    }

    private bool IsCompressible(CachedResponse response)
    {
        foreach (KeyValuePair<string, string[]> header in response.Headers)
        {
            if (header.Key.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                return ResponseCompressor.IsCompressible(header.Value.FirstOrDefault(), response.Body.Length, _minCompressionBytes);
            }
        }

        return false;
    }
}
