using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Serves and stores the responses of endpoints marked <see cref="VelithonCachedAttribute"/> (or <c>CacheWithVelithon()</c>).
/// Place it with <c>app.UseVelithonCaching()</c> after routing, authentication and authorization, before the endpoints.
/// </summary>
internal sealed class VelithonCachingMiddleware
{
    private const string Hit = "HIT";
    private const string Miss = "MISS";
    private const string Bypass = "BYPASS";
    private const string L1 = "l1";
    private const string L2 = "l2";
    private const string ServerTiming = "Server-Timing";
    private const string PipelineOrder = "pipeline-order";
    private const string AuthorizationMiddlewareInvokedKey = "__AuthorizationMiddlewareWithEndpointInvoked";

    private static readonly FrozenHeaderSet s_notStored = new(
        HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Connection, HeaderNames.KeepAlive,
        HeaderNames.Date, "Server-Timing", HeaderNames.SetCookie, HeaderNames.ETag, HeaderNames.Vary,
        HeaderNames.ContentEncoding, HeaderNames.Age);

    private readonly RequestDelegate _next;
    private readonly VelithonResponseCache _cache;
    private readonly VelithonCachingOptions _options;
    private readonly VelithonCachingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly StampedeGate _gate = new();
    private int _pipelineOrderLogged;
    private readonly ConcurrentDictionary<Endpoint, CachePolicy?> _policies = new();

    // Server-Timing values of L1 hits by whole microseconds below 1 ms, formatted once each (see ServerTimingValue).
    private static readonly string?[] s_l1HitTimings = new string?[1000];

    public VelithonCachingMiddleware(RequestDelegate next, VelithonResponseCache cache, IOptions<VelithonCachingOptions> options, VelithonCachingMetrics metrics, ILogger<VelithonCachingMiddleware> logger)
    {
        _next = next;
        _cache = cache;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        Endpoint? endpoint = context.GetEndpoint();
        CachePolicy? policy = endpoint is null ? null : _policies.GetOrAdd(endpoint, CachePolicy.For);
        if (policy is null)
        {
            return _next(context);
        }

        long start = Stopwatch.GetTimestamp();
        string? bypass = BypassReason(context, policy);
        if (bypass == PipelineOrder && Interlocked.Exchange(ref _pipelineOrderLogged, 1) == 0)
        {
            CachingLog.CacheBeforeAuthorization(_logger, context.Request.Path.Value ?? string.Empty);
        }

        if (bypass is not null)
        {
            _metrics.Bypass(bypass);
            context.Response.OnStarting(static state =>
            {
                var (self, ctx, started) = ((VelithonCachingMiddleware, HttpContext, long))state;
                self.SetStatus(ctx.Response, Bypass, null, started);
                return Task.CompletedTask;
            }, (this, context, start));
            return _next(context);
        }

        string encoding = _options.EnableCompression ? ResponseCompressor.Choose(context.Request) : string.Empty;
        return TryServeFromMemory(context, policy, encoding, start, out string? baseKey) ?? CachedAsync(context, policy, baseKey!, encoding, start);
    }

    /// <summary>
    /// The L1 hit path, synchronous: builds the key into a stack buffer, looks it up as a span (compared in full, no
    /// string allocated) and, on a hit, returns the body write. On a miss returns <see langword="null"/> and the key as a string.
    /// </summary>
    private Task? TryServeFromMemory(HttpContext context, CachePolicy policy, string encoding, long start, out string? baseKey)
    {
        var key = new KeyWriter(stackalloc char[CacheKeyBuilder.StackChars]);
        try
        {
            CacheKeyBuilder.Write(ref key, context, policy);
            int baseLength = key.Length;
            CachedResponse? found;
            if (encoding.Length == 0)
            {
                _cache.TryGetMemory(key.Written, out found);
            }
            else
            {
                CacheKeyBuilder.AppendVariant(ref key, encoding);
                bool variant = _cache.TryGetMemory(key.Written, out found);
                key.Truncate(baseLength);
                if (!variant && _cache.TryGetMemory(key.Written, out CachedResponse? identity))
                {
                    found = VariantOf(identity, encoding);
                }
            }

            if (found is not null)
            {
                baseKey = null;
                _metrics.Hit(L1);
                return ServeAsync(context, found, Hit, L1, start);
            }

            baseKey = key.ToString();
            return null;
        }
        finally
        {
            key.Dispose();
        }
    }

    private static string? BypassReason(HttpContext context, CachePolicy policy)
    {
        HttpRequest request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return "method";
        }

        // A hit answers without running what comes after the cache; if authorization comes after it, a hit would skip
        // the endpoint's authorization. UseAuthorization() marks the request with this (stable, documented by its
        // EndpointMiddleware check) item once it has evaluated the endpoint's policies.
        if (policy.RequiresAuthorization && !context.Items.ContainsKey(AuthorizationMiddlewareInvokedKey))
        {
            return PipelineOrder;
        }

        // DefaultHttpContext.User creates (and allocates) an anonymous principal when none was set: read its feature instead.
        ClaimsPrincipal? user = context.GetType() == typeof(DefaultHttpContext) ? context.Features.Get<IHttpAuthenticationFeature>()?.User : context.User;
        bool authenticated = user?.Identity?.IsAuthenticated == true;
        if (policy.VaryByUser)
        {
            // A credential the app did not turn into a user could belong to anyone: never share "anonymous" with it.
            return request.Headers.ContainsKey(HeaderNames.Authorization) && !authenticated ? "authorization" : null;
        }

        return authenticated ? "user" : request.Headers.ContainsKey(HeaderNames.Authorization) ? "authorization" : null;
    }

    /// <summary>After an L1 miss: L2, then the endpoint (once per key under concurrent misses).</summary>
    private async Task CachedAsync(HttpContext context, CachePolicy policy, string baseKey, string encoding, long start)
    {
        // Read before L2 and before the endpoint runs, so that an eviction racing either wins. An L1 hit needs none.
        long[] generations = _cache.SnapshotGenerations(policy.Tags);
        CancellationToken aborted = context.RequestAborted;

        (CachedResponse? found, string layer) = await LookupAsync(baseKey, encoding, generations, policy, memory: false, aborted).ConfigureAwait(false);
        if (found is not null)
        {
            _metrics.Hit(layer);
            await ServeAsync(context, found, Hit, layer, start).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            // A HEAD response has no body to store; GET fills the entry that HEAD then shares.
            await RunAsync(context, policy, baseKey, encoding, generations, start, store: false).ConfigureAwait(false);
            return;
        }

        Task? leader = _gate.TryLead(baseKey, out TaskCompletionSource? lease);
        if (leader is null)
        {
            try
            {
                await RunAsync(context, policy, baseKey, encoding, generations, start, store: true).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release(baseKey, lease!);
            }

            return;
        }

        _metrics.StampedeWait();
        try
        {
            await leader.WaitAsync(_options.StampedeWaitTimeout, aborted).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            CachingLog.StampedeTimedOut(_logger, context.Request.Path, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        (found, layer) = await LookupAsync(baseKey, encoding, generations, policy, memory: true, aborted).ConfigureAwait(false);
        if (found is not null)
        {
            _metrics.Hit(layer);
            await ServeAsync(context, found, Hit, layer, start).ConfigureAwait(false);
            return;
        }

        await RunAsync(context, policy, baseKey, encoding, generations, start, store: true).ConfigureAwait(false);
    }

    private async ValueTask<(CachedResponse? Response, string Layer)> LookupAsync(string baseKey, string encoding, long[] generations, CachePolicy policy, bool memory, CancellationToken cancellationToken)
    {
        string key = CacheKeyBuilder.Variant(baseKey, encoding);
        CachedResponse? response;
        if (memory)
        {
            if (_cache.TryGetMemory(key, out response))
            {
                return (response, L1);
            }

            if (encoding.Length > 0 && _cache.TryGetMemory(baseKey, out CachedResponse? identity))
            {
                return (VariantOf(identity, encoding), L1);
            }
        }

        if (_cache.Redis is null)
        {
            return (null, "none");
        }

        response = await _cache.TryGetRedisAsync(key, generations, policy, cancellationToken).ConfigureAwait(false);
        if (response is not null)
        {
            return (response, L2);
        }

        if (encoding.Length > 0)
        {
            CachedResponse? identity = await _cache.TryGetRedisAsync(baseKey, generations, policy, cancellationToken).ConfigureAwait(false);
            if (identity is not null)
            {
                return (VariantOf(identity, encoding), L2);
            }
        }

        return (null, "none");
    }

    /// <summary>Returns the stored <paramref name="encoding"/> variant of <paramref name="identity"/>, compressing and storing it once.</summary>
    private CachedResponse VariantOf(CachedResponse identity, string encoding)
    {
        if (identity.Encoding.Length > 0 || !IsCompressible(identity))
        {
            return identity;
        }

        string key = CacheKeyBuilder.Variant(identity.Key, encoding);
        string etag = identity.ETag.EndsWith('"') ? string.Concat(identity.ETag.AsSpan(0, identity.ETag.Length - 1), "-", encoding, "\"") : identity.ETag;
        CachedResponse variant = identity.WithBody(ResponseCompressor.Compress(identity.Body, encoding), encoding, etag, identity.Headers, key);
        _cache.Store(variant);
        return variant;
    }

    private bool IsCompressible(CachedResponse response)
    {
        foreach (KeyValuePair<string, string[]> header in response.Headers)
        {
            if (header.Key.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                return ResponseCompressor.IsCompressible(header.Value.FirstOrDefault(), response.Body.Length, _options.MinCompressionBytes);
            }
        }

        return false;
    }

    private async Task RunAsync(HttpContext context, CachePolicy policy, string baseKey, string encoding, long[] generations, long start, bool store)
    {
        HttpResponse response = context.Response;
        IHttpResponseBodyFeature original = context.Features.Get<IHttpResponseBodyFeature>()!;
        var capture = new ResponseCaptureFeature(original, _options.MaxBodyBytes);
        context.Features.Set<IHttpResponseBodyFeature>(capture);
        response.OnStarting(static state =>
        {
            var (self, ctx, feature, started) = ((VelithonCachingMiddleware, HttpContext, ResponseCaptureFeature, long))state;
            if (feature.PassedThrough)
            {
                self.SetStatus(ctx.Response, Miss, null, started);
            }

            return Task.CompletedTask;
        }, (this, context, capture, start));

        try
        {
            await _next(context).ConfigureAwait(false);
            await capture.FlushWriterAsync().ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set(original);
        }

        _metrics.Miss();
        if (capture.PassedThrough)
        {
            await capture.DrainAsync(context.RequestAborted).ConfigureAwait(false);
            CachingLog.NotStored(_logger, context.Request.Path, "body larger than MaxBodyBytes or streamed");
            return;
        }

        byte[] body = capture.ToArray();
        string? reason = store ? NotStorableReason(response, policy) : "HEAD request";
        if (reason is not null)
        {
            CachingLog.NotStored(_logger, context.Request.Path, reason);
            SetStatus(response, Miss, null, start);
            if (body.Length > 0)
            {
                await original.Stream.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            }

            return;
        }

        CachedResponse identity = Capture(response, baseKey, body, policy, generations);
        _cache.Store(identity);
        CachedResponse served = encoding.Length > 0 ? VariantOf(identity, encoding) : identity;
        await ServeAsync(context, served, Miss, null, start).ConfigureAwait(false);
    }

    private static string? NotStorableReason(HttpResponse response, CachePolicy policy)
    {
        if (!policy.StatusCodes.Contains(response.StatusCode))
        {
            return "status " + response.StatusCode.ToString(CultureInfo.InvariantCulture);
        }

        if (response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            return "Set-Cookie";
        }

        foreach (string? value in response.Headers.CacheControl)
        {
            if (value is not null && (value.Contains("no-store", StringComparison.OrdinalIgnoreCase)
                || value.Contains("private", StringComparison.OrdinalIgnoreCase)
                || value.Contains("no-cache", StringComparison.OrdinalIgnoreCase)))
            {
                return "Cache-Control " + value;
            }
        }

        foreach (string? value in response.Headers.Vary)
        {
            if (value is not null && value.Contains('*', StringComparison.Ordinal))
            {
                return "Vary: *";
            }
        }

        return null;
    }

    private CachedResponse Capture(HttpResponse response, string key, byte[] body, CachePolicy policy, long[] generations)
    {
        var headers = new List<KeyValuePair<string, string[]>>(response.Headers.Count);
        string? contentType = null;
        foreach (KeyValuePair<string, StringValues> header in response.Headers)
        {
            if (s_notStored.Contains(header.Key) || (_options.StatusHeaderName is { Length: > 0 } name && header.Key.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (header.Key.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                contentType = header.Value.ToString();
            }

            headers.Add(new(header.Key, header.Value.ToArray()!));
        }

        string encoding = response.Headers.ContentEncoding.ToString();
        var vary = new List<string>(response.Headers.Vary.Where(static v => !string.IsNullOrEmpty(v))!);
        if (_options.EnableCompression && encoding.Length == 0
            && ResponseCompressor.IsCompressible(contentType, body.Length, _options.MinCompressionBytes)
            && !vary.Any(static v => v.Contains(HeaderNames.AcceptEncoding, StringComparison.OrdinalIgnoreCase)))
        {
            vary.Add(HeaderNames.AcceptEncoding);
        }

        if (vary.Count > 0)
        {
            headers.Add(new(HeaderNames.Vary, [string.Join(", ", vary)]));
        }

        if (encoding.Length > 0)
        {
            headers.Add(new(HeaderNames.ContentEncoding, [encoding]));
        }

        string etag = response.Headers.ETag.ToString();
        if (etag.Length == 0 || etag.StartsWith("W/", StringComparison.Ordinal))
        {
            etag = StrongETag(body);
        }

        return new CachedResponse
        {
            Key = key,
            StatusCode = response.StatusCode,
            Headers = [.. headers],
            Body = body,
            ETag = etag,
            Encoding = string.Empty,
            ExpiresAtUnixMs = (_cache.Now + policy.Duration).ToUnixTimeMilliseconds(),
            Tags = policy.Tags,
            TagGenerations = generations,
        };
    }

    /// <summary>Sends <paramref name="entry"/> (or a 304); completes synchronously when the body write does.</summary>
    private Task ServeAsync(HttpContext context, CachedResponse entry, string status, string? layer, long start)
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

        SetStatus(response, status, layer, start);
        if (ETagMatches(context.Request, entry.ETag))
        {
            _metrics.NotModified();
            response.StatusCode = StatusCodes.Status304NotModified;
            headers.ContentLength = null;
            headers.ContentType = default;
            headers.ContentEncoding = default;
            return Task.CompletedTask;
        }

        response.StatusCode = entry.StatusCode;
        response.ContentLength = entry.Body.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        ValueTask write = response.Body.WriteAsync(entry.Body, context.RequestAborted);
        if (write.IsCompletedSuccessfully)
        {
            write.GetAwaiter().GetResult();
            return Task.CompletedTask;
        }

        return write.AsTask();
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

    private static string StrongETag(byte[] body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        return "\"" + Convert.ToBase64String(hash[..18]).Replace('+', '-').Replace('/', '_') + "\"";
    }

    private sealed class FrozenHeaderSet(params string[] names)
    {
        private readonly HashSet<string> _names = new(names, StringComparer.OrdinalIgnoreCase);

        public bool Contains(string name) => _names.Contains(name);
    }
}
