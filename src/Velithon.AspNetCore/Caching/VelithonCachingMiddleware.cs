using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
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

        return CachedAsync(context, policy, start);
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

        bool authenticated = context.User?.Identity?.IsAuthenticated == true;
        if (policy.VaryByUser)
        {
            // A credential the app did not turn into a user could belong to anyone: never share "anonymous" with it.
            return request.Headers.ContainsKey(HeaderNames.Authorization) && !authenticated ? "authorization" : null;
        }

        return authenticated ? "user" : request.Headers.ContainsKey(HeaderNames.Authorization) ? "authorization" : null;
    }

    private async Task CachedAsync(HttpContext context, CachePolicy policy, long start)
    {
        string encoding = _options.EnableCompression ? ResponseCompressor.Choose(context.Request) : string.Empty;
        string baseKey = CacheKeyBuilder.Build(context, policy);
        long[] generations = _cache.SnapshotGenerations(policy.Tags);
        CancellationToken aborted = context.RequestAborted;

        (CachedResponse? found, string layer) = await LookupAsync(baseKey, encoding, generations, aborted).ConfigureAwait(false);
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

        (found, layer) = await LookupAsync(baseKey, encoding, generations, aborted).ConfigureAwait(false);
        if (found is not null)
        {
            _metrics.Hit(layer);
            await ServeAsync(context, found, Hit, layer, start).ConfigureAwait(false);
            return;
        }

        await RunAsync(context, policy, baseKey, encoding, generations, start, store: true).ConfigureAwait(false);
    }

    private async ValueTask<(CachedResponse? Response, string Layer)> LookupAsync(string baseKey, string encoding, long[] generations, CancellationToken cancellationToken)
    {
        string key = CacheKeyBuilder.Variant(baseKey, encoding);
        if (_cache.TryGetMemory(key, out CachedResponse? response))
        {
            return (response, "l1");
        }

        if (encoding.Length > 0 && _cache.TryGetMemory(baseKey, out CachedResponse? identity))
        {
            return (VariantOf(identity!, encoding), "l1");
        }

        if (_cache.Redis is null)
        {
            return (null, "none");
        }

        response = await _cache.TryGetRedisAsync(key, generations, cancellationToken).ConfigureAwait(false);
        if (response is not null)
        {
            return (response, "l2");
        }

        if (encoding.Length > 0)
        {
            identity = await _cache.TryGetRedisAsync(baseKey, generations, cancellationToken).ConfigureAwait(false);
            if (identity is not null)
            {
                return (VariantOf(identity, encoding), "l2");
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

    private async Task ServeAsync(HttpContext context, CachedResponse entry, string status, string? layer, long start)
    {
        HttpResponse response = context.Response;
        foreach (KeyValuePair<string, string[]> header in entry.Headers)
        {
            response.Headers[header.Key] = header.Value;
        }

        response.Headers.ETag = entry.ETag;
        if (entry.Encoding.Length > 0)
        {
            response.Headers.ContentEncoding = entry.Encoding;
        }

        SetStatus(response, status, layer, start);
        if (ETagMatches(context.Request, entry.ETag))
        {
            _metrics.NotModified();
            response.StatusCode = StatusCodes.Status304NotModified;
            response.Headers.ContentLength = null;
            response.Headers.ContentType = default;
            response.Headers.ContentEncoding = default;
            return;
        }

        response.StatusCode = entry.StatusCode;
        response.ContentLength = entry.Body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(entry.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private void SetStatus(HttpResponse response, string status, string? layer, long start)
    {
        if (_options.StatusHeaderName is { Length: > 0 } name)
        {
            response.Headers[name] = status;
        }

        if (_options.EmitServerTiming)
        {
            string desc = layer switch
            {
                null => status,
                "l1" when ReferenceEquals(status, Hit) => "HIT L1",
                "l2" when ReferenceEquals(status, Hit) => "HIT L2",
                _ => status + " " + layer.ToUpperInvariant(),
            };
            string timing = string.Create(CultureInfo.InvariantCulture, $"velithon-cache;desc=\"{desc}\";dur={Stopwatch.GetElapsedTime(start).TotalMilliseconds:0.###}");
            response.Headers.Append("Server-Timing", timing);
        }
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
            foreach (string candidate in (header ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // If-None-Match uses the weak comparison: W/"x" matches "x".
                if (candidate == "*" || string.Equals(candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate, etag, StringComparison.Ordinal))
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
