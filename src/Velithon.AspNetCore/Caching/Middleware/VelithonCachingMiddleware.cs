using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
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
/// <remarks>
/// The rule it keeps: a stored response is served only to a request that every authorization layer of the endpoint
/// lets through, and only when every input that shaped the response is in the key; anything uncertain is not stored.
/// </remarks>
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

    /// <summary>Most request headers a response's own <c>Vary</c> may add to an endpoint's key; past it nothing more is stored.</summary>
    private const int MaxResponseVary = 16;

    /// <summary>Response headers never stored: hop-by-hop, per-client, and those the cache writes itself on every response.</summary>
    private static readonly FrozenSet<string> s_notStored = UnsafeHeaders.HopByHop
        .Concat(UnsafeHeaders.PerClient)
        .Concat([HeaderNames.Date, ServerTiming, HeaderNames.ETag, HeaderNames.Vary, HeaderNames.ContentEncoding, HeaderNames.Age])
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly RequestDelegate _next;
    private readonly VelithonResponseCache _cache;
    private readonly VelithonCachingOptions _options;
    private readonly VelithonCachingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly StampedeGate _gate = new();
    private readonly ConcurrentDictionary<Endpoint, CachePolicy?> _policies = new();
    private readonly Func<Endpoint, CachePolicy?> _createPolicy;
    private readonly Func<HttpContext, CachedResponse, string, long, Task> _serveHit;
    private int _pipelineOrderLogged;
    private int _routingOrderLogged;

    // Server-Timing values of L1 hits by whole microseconds below 1 ms, formatted once each (see ServerTimingValue).
    private static readonly string?[] s_l1HitTimings = new string?[1000];

    public VelithonCachingMiddleware(RequestDelegate next, VelithonResponseCache cache, IOptions<VelithonCachingOptions> options, VelithonCachingMetrics metrics, ILogger<VelithonCachingMiddleware> logger)
    {
        _next = next;
        _cache = cache;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _createPolicy = CreatePolicy;
        _serveHit = ServeHitAsync;
    }

    public Task InvokeAsync(HttpContext context)
    {
        Endpoint? endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            return Volatile.Read(ref _routingOrderLogged) == 0 ? WithoutEndpointAsync(context) : _next(context);
        }

        CachePolicy? policy = _policies.GetOrAdd(endpoint, _createPolicy);
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
        return TryServeFromMemory(context, endpoint, policy, encoding, start, out string? baseKey) ?? CachedAsync(context, endpoint, policy, baseKey!, encoding, start);
    }

    /// <summary>
    /// The L1 hit path, synchronous: builds the key into a stack buffer, looks it up as a span (compared in full, no
    /// string allocated) and, on a hit, returns the body write. On a miss returns <see langword="null"/> and the key as a string.
    /// </summary>
    private Task? TryServeFromMemory(HttpContext context, Endpoint endpoint, CachePolicy policy, string encoding, long start, out string? baseKey)
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
                return ServeFoundAsync(context, endpoint, policy, found, L1, start);
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

        if (policy.Refusal is { } refusal)
        {
            return refusal;
        }

        // A hit answers without running what comes after the cache; if authorization comes after it, a hit would skip
        // the endpoint's authorization. UseAuthorization() marks the request with this (stable, documented by its
        // EndpointMiddleware check) item once it has evaluated the endpoint's policies.
        if (policy.RequiresAuthorization && !context.Items.ContainsKey(AuthorizationMiddlewareInvokedKey))
        {
            return PipelineOrder;
        }

        // A cookie may shape the response (a theme, a session, a login the app reads itself): unless the endpoint says
        // which cookies matter (or that none do), a request that carries one is neither served nor stored.
        if (policy.VaryByCookie is null && !StringValues.IsNullOrEmpty(request.Headers.Cookie))
        {
            return "cookie";
        }

        bool authenticated = CacheKeyBuilder.UserOf(context)?.Identity?.IsAuthenticated == true;
        if (policy.VaryByUser)
        {
            // A credential the app did not turn into a user could belong to anyone: never share "anonymous" with it.
            return request.Headers.ContainsKey(HeaderNames.Authorization) && !authenticated ? "authorization" : null;
        }

        return authenticated ? "user" : request.Headers.ContainsKey(HeaderNames.Authorization) ? "authorization" : null;
    }

    /// <summary>After an L1 miss: L2, then the endpoint (once per key under concurrent misses).</summary>
    private async Task CachedAsync(HttpContext context, Endpoint endpoint, CachePolicy policy, string baseKey, string encoding, long start)
    {
        // Read before L2 and before the endpoint runs, so that an eviction racing either wins. An L1 hit needs none.
        long[] generations = _cache.SnapshotGenerations(policy.Tags);
        CancellationToken aborted = context.RequestAborted;

        (CachedResponse? found, string layer) = await LookupAsync(baseKey, encoding, generations, policy, memory: false, aborted).ConfigureAwait(false);
        if (found is not null)
        {
            await ServeFoundAsync(context, endpoint, policy, found, layer, start).ConfigureAwait(false);
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
            await ServeFoundAsync(context, endpoint, policy, found, layer, start).ConfigureAwait(false);
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

    /// <summary>Serves a found entry: here, or (MVC) from the innermost action filter once every filter let the request through.</summary>
    private Task ServeFoundAsync(HttpContext context, Endpoint endpoint, CachePolicy policy, CachedResponse found, string layer, long start) =>
        policy.Serving == HitServing.Middleware ? ServeHitAsync(context, found, layer, start) : ServeThroughFiltersAsync(context, endpoint, found, layer, start);

    private Task ServeHitAsync(HttpContext context, CachedResponse found, string layer, long start)
    {
        _metrics.Hit(layer);
        return ServeAsync(context, found, Hit, layer, start);
    }

    private async Task ServeThroughFiltersAsync(HttpContext context, Endpoint endpoint, CachedResponse found, string layer, long start)
    {
        var hit = new CacheHitFeature(endpoint, _serveHit, found, layer, start);
        context.Features.Set(hit);
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set<CacheHitFeature>(null);
        }

        if (!hit.Served)
        {
            _metrics.Bypass("filter-refused");
        }
    }

    /// <summary>Returns the stored <paramref name="encoding"/> variant of <paramref name="identity"/>, compressing and storing it once.</summary>
    private CachedResponse VariantOf(CachedResponse identity, string encoding)
    {
        CachedResponse variant = MakeVariant(identity, encoding);
        if (!ReferenceEquals(variant, identity))
        {
            _cache.Store(variant);
        }

        return variant;
    }

    /// <summary>The <paramref name="encoding"/> variant of an identity entry, or the entry itself when it is encoded already or not compressible.</summary>
    private CachedResponse MakeVariant(CachedResponse identity, string encoding)
    {
        if (identity.Encoding.Length > 0 || !IsCompressible(identity))
        {
            return identity;
        }

        string key = CacheKeyBuilder.Variant(identity.Key, encoding);
        string etag = identity.ETag.EndsWith('"') ? string.Concat(identity.ETag.AsSpan(0, identity.ETag.Length - 1), "-", encoding, "\"") : identity.ETag;
        return identity.WithBody(ResponseCompressor.Compress(identity.Body, encoding), encoding, etag, identity.Headers, key);
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

    /// <summary>
    /// A miss: runs the endpoint with the body captured, decides on the captured response, sends it (starting the
    /// response runs the <c>OnStarting</c> callbacks), and stores it only if the final headers still allow it.
    /// </summary>
    private async Task RunAsync(HttpContext context, CachePolicy policy, string baseKey, string encoding, long[] generations, long start, bool store)
    {
        HttpResponse response = context.Response;
        IHttpResponseBodyFeature original = context.Features.Get<IHttpResponseBodyFeature>()!;
        var capture = new ResponseCaptureFeature(original, _options.MaxBodyBytes);
        context.Features.Set<IHttpResponseBodyFeature>(capture);
        SessionAccessTracker? session = SessionAccessTracker.Attach(context);
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
            session?.Detach();
        }

        _metrics.Miss();
        CancellationToken aborted = context.RequestAborted;
        if (capture.PassedThrough)
        {
            await capture.DrainAsync(aborted).ConfigureAwait(false);
            CachingLog.NotStored(_logger, context.Request.Path, "body larger than MaxBodyBytes or streamed");
            return;
        }

        if (aborted.IsCancellationRequested)
        {
            // The client left while the endpoint ran: what it wrote may be cut short (a cancelled batch), and nobody reads it.
            CachingLog.NotStored(_logger, context.Request.Path, "request aborted");
            return;
        }

        byte[] body = capture.ToArray();
        string? reason = store
            ? NotStorableReason(response, body, policy) ?? (session?.Used == true ? "the endpoint used the session" : null)
            : "HEAD request";
        if (reason is not null)
        {
            CachingLog.NotStored(_logger, context.Request.Path, reason);
            SetStatus(response, Miss, null, start);
            await response.StartAsync(aborted).ConfigureAwait(false);
            if (body.Length > 0)
            {
                await original.Stream.WriteAsync(body, aborted).ConfigureAwait(false);
            }

            return;
        }

        CachedResponse identity = Capture(response, baseKey, body, policy, generations);
        CachedResponse served = encoding.Length > 0 ? MakeVariant(identity, encoding) : identity;
        int status = response.StatusCode;
        bool bodySent = SetResponseHeaders(context, served, Miss, null, start);

        // Starting the response runs the OnStarting callbacks: a cookie, a no-store or a Vary added there counts too.
        await response.StartAsync(aborted).ConfigureAwait(false);
        string? late = response.StatusCode != (bodySent ? status : StatusCodes.Status304NotModified)
            ? "status changed as the response started"
            : ResponseStorability.NotStorableReason(status, response.Headers, policy, _cache.Now);
        if (late is null && LearnVary(response, policy, identity.Encoding.Length > 0))
        {
            late = "Vary names more than " + MaxResponseVary.ToString(CultureInfo.InvariantCulture) + " request headers";
        }

        if (late is null)
        {
            // Keyed by every request header the endpoint's responses vary by, learned up to now (this one's included).
            string key = policy.ResponseVary.Length == 0 ? baseKey : CacheKeyBuilder.Build(context, policy);
            _cache.Store(WithKey(identity, key));
            if (!ReferenceEquals(served, identity))
            {
                _cache.Store(WithKey(served, CacheKeyBuilder.Variant(key, served.Encoding)));
            }
        }
        else
        {
            CachingLog.NotStored(_logger, context.Request.Path, late + " (set as the response started)");
        }

        if (bodySent)
        {
            await response.Body.WriteAsync(served.Body, aborted).ConfigureAwait(false);
        }
    }

    private static CachedResponse WithKey(CachedResponse entry, string key) =>
        entry.Key == key ? entry : entry.WithBody(entry.Body, entry.Encoding, entry.ETag, entry.Headers, key);

    private string? NotStorableReason(HttpResponse response, byte[] body, CachePolicy policy)
    {
        if (response.ContentLength is long declared && declared != body.Length)
        {
            return "body of " + body.Length.ToString(CultureInfo.InvariantCulture) + " bytes against a Content-Length of " + declared.ToString(CultureInfo.InvariantCulture);
        }

        return ResponseStorability.NotStorableReason(response.StatusCode, response.Headers, policy, _cache.Now);
    }

    /// <summary>
    /// Adds the request headers the final <c>Vary</c> names to the policy's key; returns true when there are more than
    /// <see cref="MaxResponseVary"/>. <c>Accept-Encoding</c> joins only when the endpoint encoded the body itself:
    /// otherwise the cache's own encoding variants cover it.
    /// </summary>
    private static bool LearnVary(HttpResponse response, CachePolicy policy, bool encodedByEndpoint)
    {
        StringValues vary = response.Headers.Vary;
        if (!StringValues.IsNullOrEmpty(vary))
        {
            policy.LearnVary(ResponseStorability.VaryNames(vary), encodedByEndpoint);
        }

        return policy.ResponseVary.Length > MaxResponseVary;
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

        // A body the endpoint (or a compression middleware after the cache) already encoded is stored as it is, with its
        // coding, and never compressed again; the cache adds variants of identity bodies only.
        string encoding = response.Headers.ContentEncoding.ToString();
        var vary = ResponseStorability.VaryNames(response.Headers.Vary);
        if (_options.EnableCompression && encoding.Length == 0
            && ResponseCompressor.IsCompressible(contentType, body.Length, _options.MinCompressionBytes)
            && !vary.Contains(HeaderNames.AcceptEncoding, StringComparer.OrdinalIgnoreCase))
        {
            vary.Add(HeaderNames.AcceptEncoding);
        }

        if (vary.Count > 0)
        {
            headers.Add(new(HeaderNames.Vary, [string.Join(", ", vary)]));
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
            Encoding = encoding,
            ExpiresAtUnixMs = (_cache.Now + policy.Duration).ToUnixTimeMilliseconds(),
            Tags = policy.Tags,
            TagGenerations = generations,
        };
    }

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

        SetStatus(response, status, layer, start);

        // If-None-Match applies to responses that would be 2xx (RFC 9110 13.2.1): a stored 404 never answers 304.
        if (entry.StatusCode is >= 200 and < 300 && ETagMatches(context.Request, entry.ETag))
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

    private CachePolicy? CreatePolicy(Endpoint endpoint)
    {
        CachePolicy? policy = CachePolicy.For(endpoint);
        string name = endpoint.DisplayName ?? "(unnamed endpoint)";
        switch (policy?.Refusal)
        {
            case "unverified-endpoint":
                CachingLog.EndpointNotCached(_logger, name, "its endpoint filters are unknown: it was not built through the convention UseVelithonCaching() installs",
                    "Call UseVelithonCaching() on the app that maps the endpoint, after UseRouting().");
                break;
            case "page-filters":
                CachingLog.EndpointNotCached(_logger, name, "Razor Pages filters would not run on a hit", "Cache the page's data instead, or use an MVC action or a minimal API.");
                break;
        }

        return policy;
    }

    /// <summary>
    /// A request that reached the cache with no endpoint: if one is chosen after it, routing runs after the cache and
    /// the endpoint is never cached; said once, as an error, since it silently turns caching off.
    /// </summary>
    private async Task WithoutEndpointAsync(HttpContext context)
    {
        await _next(context).ConfigureAwait(false);
        if (context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<VelithonCachedAttribute>() is not null
            && Interlocked.Exchange(ref _routingOrderLogged, 1) == 0)
        {
            CachingLog.CacheBeforeRouting(_logger, endpoint.DisplayName ?? context.Request.Path.Value ?? string.Empty);
        }
    }
}
