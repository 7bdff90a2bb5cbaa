using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Velithon.AspNetCore.Caching;

// Sending an entry: headers, 304s, status and Server-Timing, encoding variants.
internal sealed partial class VelithonCachingMiddleware
{
    /// <summary>Sends <paramref name="entry"/> (or a 304); completes synchronously when the body write does.</summary>
    private Task ServeAsync(HttpContext context, CachedResponse entry, string status, string? layer, long start)
    {
        if (!SetResponseHeaders(context, entry, status, layer, start) || HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        ValueTask write = context.Response.Body.WriteAsync(entry.Body, context.RequestAborted);
        if (write.IsCompletedSuccessfully)
        {
            write.GetAwaiter().GetResult();
            return Task.CompletedTask;
        }

        return write.AsTask();
    }

    /// <summary>Sets the status and headers of <paramref name="entry"/>, or of a 304; returns whether a body follows.</summary>
    private bool SetResponseHeaders(HttpContext context, CachedResponse entry, string status, string? layer, long start)
    {
        HttpResponse response = context.Response;
        IHeaderDictionary headers = response.Headers;
        foreach (KeyValuePair<string, StringValues> header in entry.ServedHeaders)
        {
            headers[header.Key] = header.Value;
        }

        headers.ETag = entry.ETag;
        if (entry.Encoding.Length > 0)
        {
            headers.ContentEncoding = entry.Encoding;
        }

        if (!ReferenceEquals(status, Miss))
        {
            headers.Age = AgeValue(_cache.Now.ToUnixTimeMilliseconds() - entry.StoredAtUnixMs);
        }

        SetStatus(response, status, layer, start);

        // Preconditions apply to responses that would be 2xx (RFC 9110 13.2.1): a stored 404 never answers 304. If-None-Match
        // wins: If-Modified-Since is evaluated only without it (RFC 9110 13.2.2).
        HttpRequest request = context.Request;
        if (entry.StatusCode is >= 200 and < 300
            && (StringValues.IsNullOrEmpty(request.Headers.IfNoneMatch) ? NotModifiedSince(request, entry) : ETagMatches(request, entry.ETag)))
        {
            _metrics.NotModified();
            response.StatusCode = StatusCodes.Status304NotModified;
            headers.ContentLength = null;
            headers.ContentType = default;
            headers.ContentEncoding = default;
            return false;
        }

        response.StatusCode = entry.StatusCode;
        response.ContentLength = entry.Body.Length;
        return true;
    }

    private void SetStatus(HttpResponse response, string status, string? layer, long start)
    {
        if (_options.StatusHeaderName is { Length: > 0 } name)
        {
            response.Headers[name] = status;
        }

        if (_options.EmitServerTiming)
        {
            response.Headers.Append(ServerTiming, ServerTimingValue(status, layer, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
        }
    }

    /// <summary>
    /// <c>velithon-cache;desc="HIT L1";dur=0.042</c>: the duration in milliseconds to the microsecond. L1 hits under
    /// 1 ms (nearly all of them) take their value from a table filled once per microsecond value, so a hit allocates none.
    /// </summary>
    internal static string ServerTimingValue(string status, string? layer, double milliseconds)
    {
        if (layer == L1 && ReferenceEquals(status, Hit) && milliseconds >= 0 && milliseconds < 1)
        {
            int micros = (int)Math.Round(milliseconds * 1000);
            if (micros < s_l1HitTimings.Length)
            {
                // Benign race: two threads may both format the same value; either string is correct.
                return s_l1HitTimings[micros] ??= FormatServerTiming("HIT L1", micros / 1000.0);
            }
        }

        string desc = layer switch
        {
            null => status,
            L1 when ReferenceEquals(status, Hit) => "HIT L1",
            L2 when ReferenceEquals(status, Hit) => "HIT L2",
            _ => status + " " + layer.ToUpperInvariant(),
        };
        return FormatServerTiming(desc, milliseconds);
    }

    private static string FormatServerTiming(string desc, double milliseconds) =>
        string.Create(CultureInfo.InvariantCulture, $"velithon-cache;desc=\"{desc}\";dur={milliseconds:0.###}");

    /// <summary>
    /// The <c>Age</c> of an entry stored <paramref name="milliseconds"/> ago, in whole seconds (RFC 9111 5.1); values below
    /// <see cref="AgeStrings"/> come from a table filled once each, so a hit allocates none.
    /// </summary>
    internal static string AgeValue(long milliseconds)
    {
        long seconds = Math.Max(0, milliseconds / 1000);
        if (seconds < s_ageValues.Length)
        {
            // Benign race, as for Server-Timing: either thread's string is correct.
            return s_ageValues[seconds] ??= seconds.ToString(CultureInfo.InvariantCulture);
        }

        return seconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// <c>If-Modified-Since</c> against the entry's <c>Last-Modified</c> (its own or the endpoint's): not modified when the
    /// entry was last modified at or before the date. Without a <c>Last-Modified</c>, or with a date that does not parse, false.
    /// </summary>
    private static bool NotModifiedSince(HttpRequest request, CachedResponse entry)
    {
        StringValues since = request.Headers.IfModifiedSince;
        if (StringValues.IsNullOrEmpty(since) || !HeaderUtilities.TryParseDate(since.ToString(), out DateTimeOffset sinceDate))
        {
            return false;
        }

        foreach (KeyValuePair<string, StringValues> header in entry.ServedHeaders)
        {
            if (header.Key.Equals(HeaderNames.LastModified, StringComparison.OrdinalIgnoreCase))
            {
                return HeaderUtilities.TryParseDate(header.Value.ToString(), out DateTimeOffset modified) && modified <= sinceDate;
            }
        }

        return false;
    }

    private static bool ETagMatches(HttpRequest request, string etag)
    {
        StringValues ifNoneMatch = request.Headers.IfNoneMatch;
        if (StringValues.IsNullOrEmpty(ifNoneMatch))
        {
            return false;
        }

        foreach (string? header in ifNoneMatch)
        {
            ReadOnlySpan<char> rest = header;
            while (!rest.IsEmpty)
            {
                int comma = rest.IndexOf(',');
                ReadOnlySpan<char> candidate = (comma < 0 ? rest : rest[..comma]).Trim();
                rest = comma < 0 ? default : rest[(comma + 1)..];
                if (candidate.IsEmpty)
                {
                    continue;
                }

                // If-None-Match uses the weak comparison: W/"x" matches "x".
                if (candidate is "*" || (candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate).SequenceEqual(etag))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
