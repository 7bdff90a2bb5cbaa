using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Velithon.AspNetCore.Caching;

// The miss: the endpoint runs with its body captured; what is stored, and when.
internal sealed partial class VelithonCachingMiddleware
{
    /// <summary>
    /// A miss: runs the endpoint with the body captured, decides on the captured response, sends it (starting the
    /// response runs the <c>OnStarting</c> callbacks), and stores it only if the final headers still allow it. With an
    /// <paramref name="errorFallback"/> (stale-if-error), an exception, a 5xx or the hard timeout serves the stale entry
    /// instead, as long as nothing of the response was sent.
    /// </summary>
    private async Task RunAsync(CachingRequestContext request, bool store, StaleEntry? errorFallback)
    {
        request.ErrorFallback = errorFallback;
        IHttpResponseBodyFeature original = request.HttpContext.Features.Get<IHttpResponseBodyFeature>()!;
        var capture = new ResponseCaptureFeature(original, _options.MaxBodyBytes, _pool) { RequestFeatures = request.HttpContext.Features };
        try
        {
            await RunCapturedAsync(request, store, original, capture).ConfigureAwait(false);
        }
        finally
        {
            // After the body was copied out (stored or sent) or the request ended otherwise.
            capture.ReleaseBuffer();
        }
    }

    private async Task RunCapturedAsync(CachingRequestContext request, bool store, IHttpResponseBodyFeature original, ResponseCaptureFeature capture)
    {
        HttpContext context = request.HttpContext;
        CachePolicy policy = request.Policy;
        StaleEntry? fallback = request.ErrorFallback;
        long start = request.Start;
        HttpResponse response = context.Response;
        CancellationToken aborted = context.RequestAborted;
        ResponseHeaderSnapshot before = ResponseHeaderSnapshot.Take(response);
        ClaimsPrincipal? userAtLookup = CacheKeyBuilder.UserOf(context);

        // What the principal held when the key and the bypass rules looked at it: a middleware after the cache may change
        // that same object (AddIdentity, AddClaim) without replacing it.
        string? userPartAtLookup = userAtLookup is null ? null : UserKey.Of(userAtLookup);

        // The URL the key was built from: middleware after the cache may rewrite it (UseForwardedHeaders: the host).
        HttpRequest urlAtLookup = context.Request;
        (string Scheme, HostString Host, PathString PathBase, PathString Path, QueryString Query) url =
            (urlAtLookup.Scheme, urlAtLookup.Host, urlAtLookup.PathBase, urlAtLookup.Path, urlAtLookup.QueryString);

        // The culture in the key (UseRequestLocalization() before the cache), or none: one chosen after it is not keyed.
        IRequestCultureFeature? cultureAtLookup = context.Features.Get<IRequestCultureFeature>();
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

        HardTimeoutLifetimeFeature? hardTimeout = fallback is not null && policy.HardTimeout > TimeSpan.Zero
            ? HardTimeoutLifetimeFeature.Attach(context, policy.HardTimeout, _cache.Time)
            : null;
        ExceptionDispatchInfo? failure = null;
        try
        {
            await _next(context).ConfigureAwait(false);
            await capture.FlushWriterAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (fallback is not null && !capture.PassedThrough && !response.HasStarted && !aborted.IsCancellationRequested)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            context.Features.Set(original);
            session?.Detach();
            hardTimeout?.Dispose();
        }

        _metrics.Miss();
        policy.Counters?.Miss();
        bool timedOut = hardTimeout?.TimedOut == true;
        if (fallback is not null && !capture.PassedThrough && !response.HasStarted && !aborted.IsCancellationRequested)
        {
            string? failed = failure is not null ? (timedOut ? "timeout" : "error") : timedOut ? "timeout" : response.StatusCode >= 500 ? "status" : null;
            if (failed is not null && await TryServeInPlaceOfFailureAsync(request, before, failed, failure).ConfigureAwait(false))
            {
                return;
            }
        }

        failure?.Throw();
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
        string? reason = !store ? "HEAD request"
            : timedOut ? "the hard timeout cancelled the refresh" // what the endpoint wrote after its token was cancelled may be cut short
            : NotStorableReason(response, body, policy) ?? (session?.Used == true ? "the endpoint used the session" : null) ?? LateMiddlewareReason(request, userAtLookup, userPartAtLookup, url, cultureAtLookup, session, capture);
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

        CachedResponse identity = Capture(response, body, request, before);
        CachedResponse served = request.Encoding.Length > 0 ? _finder.MakeVariant(identity, request.Encoding) : identity;
        int status = response.StatusCode;
        bool bodySent = SetResponseHeaders(context, served, Miss, null, start);

        // Starting the response runs the OnStarting callbacks: a cookie, a no-store or a Vary added there counts too.
        await response.StartAsync(aborted).ConfigureAwait(false);
        string? late = response.StatusCode != (bodySent ? status : StatusCodes.Status304NotModified)
            ? "status changed as the response started"
            : ResponseStorability.NotStorableReason(status, response.Headers, policy, _cache.Now);
        if (late is null && LearnVary(response, policy, identity.Encoding.Length > 0))
        {
            late = "Vary names more than " + CachePolicy.MaxResponseVary.ToString(CultureInfo.InvariantCulture) + " request headers";
        }

        string? key = null;
        if (late is null)
        {
            // Keyed by every request header the endpoint's responses vary by, learned up to now (this one's included).
            try
            {
                string[] responseVary = policy.ResponseVary;
                key = ReferenceEquals(responseVary, request.ResponseVary) ? request.BaseKey : CacheKeyBuilder.Build(context, policy, responseVary);
            }
            catch (Exception ex) when (!policy.KeyValues.IsEmpty)
            {
                CachingLog.KeyValueFailed(_logger, context.Request.Path.Value ?? string.Empty, ex);
                late = "a vary value or key prefix delegate threw";
            }
        }

        if (key is not null)
        {
            _cache.Store(key, identity);
            if (!ReferenceEquals(served, identity))
            {
                _cache.Store(CacheKeyBuilder.Variant(key, served.Encoding), served);
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
    /// <see cref="CachePolicy.MaxResponseVary"/>. <c>Accept-Encoding</c> joins only when the endpoint encoded the body itself,
    /// and then always, whether or not its <c>Vary</c> names it: the coding of a body is chosen by the request's
    /// <c>Accept-Encoding</c>, and a client that did not send it cannot decode the body. Otherwise the cache's own encoding
    /// variants cover it.
    /// </summary>
    private static bool LearnVary(HttpResponse response, CachePolicy policy, bool encodedByEndpoint)
    {
        StringValues vary = response.Headers.Vary;
        if (!StringValues.IsNullOrEmpty(vary) || encodedByEndpoint)
        {
            List<string> names = ResponseStorability.VaryNames(vary);
            if (encodedByEndpoint && !names.Contains(HeaderNames.AcceptEncoding, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(HeaderNames.AcceptEncoding);
            }

            policy.LearnVary(names, encodedByEndpoint);
        }

        return policy.ResponseVary.Length > CachePolicy.MaxResponseVary;
    }

    /// <summary>
    /// Why a response must not be stored because middleware after the cache shaped it where the cache cannot see: it
    /// set the user (authentication after <c>UseVelithonCaching()</c>: the key and the bypass rules saw no user), or it
    /// gave the request a session (session use is tracked only for a session that exists when the cache runs). The user
    /// changed when its user part (<see cref="UserKey"/>) differs from the one at lookup, whether the principal was replaced
    /// or the same object was given another identity or claim.
    /// </summary>
    private string? LateMiddlewareReason(
        CachingRequestContext request,
        ClaimsPrincipal? userAtLookup,
        string? userPartAtLookup,
        (string Scheme, HostString Host, PathString PathBase, PathString Path, QueryString Query) url,
        IRequestCultureFeature? cultureAtLookup,
        SessionAccessTracker? session,
        ResponseCaptureFeature capture)
    {
        HttpContext context = request.HttpContext;

        // A principal created on first read of HttpContext.User (no authentication at all) is anonymous: not a change.
        ClaimsPrincipal? user = CacheKeyBuilder.UserOf(context);
        bool userChanged = (user is not null || userAtLookup is not null)
            && !string.Equals(UserKey.Of(user), userPartAtLookup ?? UserKey.Of(null), StringComparison.Ordinal);
        string? reason = userChanged
            ? "the user was set or changed after the cache ran (UseAuthentication() after UseVelithonCaching(), or a middleware after it that adds an identity or a claim?)"
            : UrlChanged(context.Request, url) ? "the request's scheme, host, path base, path or query changed after the cache ran (UseForwardedHeaders(), UsePathBase() or UseRewriter() after UseVelithonCaching()?)"
            : CultureChanged(context, cultureAtLookup) ? "the request culture was chosen after the cache ran (UseRequestLocalization() after UseVelithonCaching()?)"
            : session is null && (capture.SessionWhileWriting || context.Features.Get<ISessionFeature>() is not null) ? "a session was added after the cache ran (UseSession() after UseVelithonCaching()?)"
            : KeyChangedReason(request);
        if (reason is not null && Interlocked.Exchange(ref _lateMiddlewareLogged, 1) == 0)
        {
            CachingLog.MiddlewareAfterCache(_logger, context.Request.Path.Value ?? string.Empty, reason);
        }

        return reason;
    }

    /// <summary>
    /// Why the request's key, built again as at lookup (the same learned <c>Vary</c>), is not the key it was looked up by:
    /// an input it holds (a header, a cookie, a route value, a value or prefix of the app's) changed while the endpoint
    /// ran, so the response answers another key than the one it would be stored under. Misses pay for one more key.
    /// </summary>
    private static string? KeyChangedReason(CachingRequestContext request)
    {
        string now;
        try
        {
            now = CacheKeyBuilder.Build(request.HttpContext, request.Policy, request.ResponseVary);
        }
        catch (Exception) when (!request.Policy.KeyValues.IsEmpty)
        {
            return "a vary value or key prefix delegate threw after the endpoint ran";
        }

        return string.Equals(now, request.BaseKey, StringComparison.Ordinal)
            ? null
            : "a header, cookie, route value or vary value in the key changed after the cache ran (a middleware after UseVelithonCaching() that sets it, or a value of the app's that is not stable?)";
    }

    /// <summary>
    /// Whether the request's URL parts in the key are not what they were at lookup: a middleware after the cache rewrote
    /// them (a forwarded host or scheme, a path base), so the endpoint rendered a response for another URL than the key's.
    /// </summary>
    private static bool UrlChanged(HttpRequest request, (string Scheme, HostString Host, PathString PathBase, PathString Path, QueryString Query) url) =>
        !string.Equals(request.Scheme, url.Scheme, StringComparison.OrdinalIgnoreCase)
        || !string.Equals(request.Host.Value, url.Host.Value, StringComparison.OrdinalIgnoreCase)
        || !string.Equals(request.PathBase.Value, url.PathBase.Value, StringComparison.Ordinal)
        || !string.Equals(request.Path.Value, url.Path.Value, StringComparison.Ordinal)
        || !string.Equals(request.QueryString.Value, url.Query.Value, StringComparison.Ordinal);

    /// <summary>Whether a request culture other than the one in the key (none, or other names) was chosen after the cache ran.</summary>
    private static bool CultureChanged(HttpContext context, IRequestCultureFeature? atLookup)
    {
        IRequestCultureFeature? now = context.Features.Get<IRequestCultureFeature>();
        return now is not null
            && (atLookup is null
                || now.RequestCulture.Culture.Name != atLookup.RequestCulture.Culture.Name
                || now.RequestCulture.UICulture.Name != atLookup.RequestCulture.UICulture.Name);
    }

    private CachedResponse Capture(HttpResponse response, byte[] body, CachingRequestContext request, ResponseHeaderSnapshot upstream)
    {
        CachePolicy policy = request.Policy;
        var headers = new List<KeyValuePair<string, string[]>>(response.Headers.Count);
        string? contentType = null;
        foreach (KeyValuePair<string, StringValues> header in response.Headers)
        {
            if (s_notStored.Contains(header.Key) || (_options.StatusHeaderName is { Length: > 0 } name && header.Key.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            // Set by middleware before the cache (a request id, a nonce) and left as it was: that request's, not the endpoint's.
            if (upstream.Holds(header.Key, header.Value))
            {
                continue;
            }

            if (header.Key.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                contentType = header.Value.ToString();
            }

            headers.Add(new(header.Key, header.Value.ToArray()!));
        }

        DateTimeOffset now = _cache.Now;

        // The culture UseRequestLocalization() chose (from Accept-Language, a cookie, a provider of the app's) is in the
        // key but not in anything a shared cache keys by: a public response would reach readers of another language.
        string? cacheControl = request.HttpContext.Features.Get<IRequestCultureFeature>() is null ? policy.CacheControl : null;
        AddFreshnessHeaders(response, headers, policy, cacheControl, now);

        // A body the endpoint (or a compression middleware after the cache) already encoded is stored as it is, with its
        // coding, and never compressed again; the cache adds variants of identity bodies only.
        string encoding = response.Headers.ContentEncoding.ToString();
        var vary = ResponseStorability.VaryNames(response.Headers.Vary);
        bool variesByEncoding = encoding.Length > 0 // encoded by the endpoint: chosen by Accept-Encoding, named in Vary or not
            || (_options.EnableCompression && ResponseCompressor.IsCompressible(contentType, body.Length, _options.MinCompressionBytes));
        if (variesByEncoding && !vary.Contains(HeaderNames.AcceptEncoding, StringComparer.OrdinalIgnoreCase))
        {
            vary.Add(HeaderNames.AcceptEncoding);
        }

        if (cacheControl is not null && !response.Headers.ContainsKey(HeaderNames.CacheControl))
        {
            // Public: a browser or shared cache must tell apart what the key tells apart.
            foreach (string name in policy.VaryByHeaderNames.Concat(policy.ResponseVary))
            {
                if (!vary.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    vary.Add(name);
                }
            }
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
            StatusCode = response.StatusCode,
            Headers = [.. headers],
            Body = body,
            ETag = etag,
            Encoding = encoding,
            ExpiresAtUnixMs = (now + policy.Duration).ToUnixTimeMilliseconds(),
            StaleUntilUnixMs = (now + policy.Duration + policy.StaleWindow).ToUnixTimeMilliseconds(),
            StoredAtUnixMs = now.ToUnixTimeMilliseconds(),
            Tags = request.Tags,
            TagGenerations = request.Generations,
            Counters = policy.Counters,
        };
    }

    /// <summary>
    /// The opt-in HTTP freshness headers of a stored response, unless the endpoint set its own: <c>Cache-Control</c>
    /// (<paramref name="cacheControl"/>: <see cref="CachePolicy.CacheControl"/> unless the request's key holds what a shared
    /// cache cannot see) and <c>Last-Modified</c> (the time stored, to the second).
    /// </summary>
    private static void AddFreshnessHeaders(HttpResponse response, List<KeyValuePair<string, string[]>> headers, CachePolicy policy, string? cacheControl, DateTimeOffset now)
    {
        if (cacheControl is not null && !response.Headers.ContainsKey(HeaderNames.CacheControl))
        {
            headers.Add(new(HeaderNames.CacheControl, [cacheControl]));
        }

        if (policy.EmitLastModified && !response.Headers.ContainsKey(HeaderNames.LastModified))
        {
            headers.Add(new(HeaderNames.LastModified, [HeaderUtilities.FormatDate(now)]));
        }
    }

    /// <summary>
    /// A strong ETag from the first 96 bits of the body's SHA-256: 16 URL-safe base64 characters in quotes (64 B per
    /// entry; two bodies of one URL share a tag with odds of 2^-96).
    /// </summary>
    private static string StrongETag(byte[] body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        Span<char> text = stackalloc char[18];
        text[0] = '"';
        Convert.TryToBase64Chars(hash[..12], text[1..], out _);
        text[17] = '"';
        text.Replace('+', '-');
        text.Replace('/', '_');
        return new string(text);
    }
}
