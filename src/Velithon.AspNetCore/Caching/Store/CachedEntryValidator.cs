namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Decides whether an entry read from Redis may be served for a request: an entry is served only if this cache could
/// have written it for that request's key and endpoint policy. Anything else is rejected (a miss, deleted, counted).
/// </summary>
internal static class CachedEntryValidator
{
    /// <summary>
    /// Returns the entry to serve, or <see langword="null"/> with the reason it is rejected (none for an entry written by
    /// a release whose entries carried no path tag: a plain miss during a rolling upgrade). The entry returned lacks the
    /// <see cref="UnsafeHeaders.HopByHop"/> headers, expires no later than <paramref name="now"/> plus the policy's duration,
    /// and is kept stale no longer than the policy's stale window after that expiry.
    /// </summary>
    public static CachedResponse? Validate(CachedResponse entry, string storedKey, string key, string[] tags, CachePolicy policy, DateTimeOffset now, out string? reason)
    {
        reason = RejectReason(entry, storedKey, key, tags, policy);
        if (reason is not null)
        {
            if (reason == "tags" && WrittenWithoutPathTag(entry, tags))
            {
                reason = null;
            }

            return null;
        }

        long latestExpiry = (now + policy.Duration).ToUnixTimeMilliseconds();
        long expiry = Math.Min(entry.ExpiresAtUnixMs, latestExpiry);
        long staleUntil = Math.Min(entry.StaleUntilUnixMs, expiry + (long)policy.StaleWindow.TotalMilliseconds);
        bool hopByHop = false;
        foreach (KeyValuePair<string, string[]> header in entry.Headers)
        {
            hopByHop |= UnsafeHeaders.HopByHop.Contains(header.Key);
        }

        if (!hopByHop && entry.ExpiresAtUnixMs == expiry && entry.StaleUntilUnixMs == staleUntil)
        {
            return entry;
        }

        KeyValuePair<string, string[]>[] headers = hopByHop ? [.. entry.Headers.Where(static h => !UnsafeHeaders.HopByHop.Contains(h.Key))] : entry.Headers;
        return entry.Restricted(headers, expiry, staleUntil);
    }

    /// <summary>
    /// The entry of this very key with the endpoint's tags and nothing else: what the previous release wrote, before every
    /// entry carried its path's tag (<see cref="PathTags"/>). Not served (an <c>EvictAsync</c> could not reach it), not
    /// counted as a bad entry either; the next store replaces it.
    /// </summary>
    private static bool WrittenWithoutPathTag(CachedResponse entry, string[] tags) =>
        tags.Length > 0
        && entry.Tags.AsSpan().SequenceEqual(tags.AsSpan(0, tags.Length - 1));

    private static string? RejectReason(CachedResponse entry, string storedKey, string key, string[] tags, CachePolicy policy)
    {
        // The Redis key is a hash of the full key: a hash collision or a planted entry names another request.
        if (!string.Equals(storedKey, key, StringComparison.Ordinal))
        {
            return "key";
        }

        if (entry.StatusCode is < 200 or > 599 || !policy.StatusCodes.Contains(entry.StatusCode))
        {
            return "status";
        }

        if (!entry.Tags.AsSpan().SequenceEqual(tags))
        {
            return "tags";
        }

        // The cache stores identity bodies (empty) and its own br/gzip variants; an endpoint's own coding is in the headers.
        if (entry.Encoding is not ("" or ResponseCompressor.Brotli or ResponseCompressor.Gzip))
        {
            return "encoding";
        }

        if (entry.ETag.Length == 0 || !UnsafeHeaders.IsValidValue(entry.ETag))
        {
            return "etag";
        }

        foreach (KeyValuePair<string, string[]> header in entry.Headers)
        {
            if (!UnsafeHeaders.IsValidName(header.Key))
            {
                return "header";
            }

            if (UnsafeHeaders.PerClient.Contains(header.Key))
            {
                return "set-cookie";
            }

            foreach (string value in header.Value)
            {
                if (!UnsafeHeaders.IsValidValue(value))
                {
                    return "header";
                }
            }

            if (header.Key.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase) && !IsValidContentEncoding(header.Value, entry.Encoding))
            {
                return "encoding";
            }
        }

        return null;
    }

    /// <summary>
    /// An endpoint's own <c>Content-Encoding</c> (stored with an identity entry) names registered codings only; a variant
    /// the cache compressed may repeat its own coding but never name another.
    /// </summary>
    private static bool IsValidContentEncoding(string[] values, string encoding)
    {
        foreach (string value in values)
        {
            foreach (Range range in value.AsSpan().Split(','))
            {
                string coding = value[range].Trim();
                if (!UnsafeHeaders.ContentCodings.Contains(coding)
                    || (encoding.Length > 0 && !coding.Equals(encoding, StringComparison.OrdinalIgnoreCase)))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
