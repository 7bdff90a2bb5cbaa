using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Replaces the request's <see cref="IHttpRequestLifetimeFeature"/> while a refresh runs under a hard timeout: the
/// endpoint's <c>RequestAborted</c> (and a <see cref="CancellationToken"/> parameter bound to it) is cancelled when the
/// client leaves or the timeout passes. An endpoint that ignores the token is still waited for: it runs on the request's
/// <see cref="HttpContext"/>, which cannot be handed back to the server while the endpoint may still use it.
/// </summary>
internal sealed class HardTimeoutLifetimeFeature : IHttpRequestLifetimeFeature, IDisposable
{
    private readonly HttpContext _context;
    private readonly IHttpRequestLifetimeFeature _inner;
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    private HardTimeoutLifetimeFeature(HttpContext context, IHttpRequestLifetimeFeature inner, TimeSpan timeout, TimeProvider time)
    {
        _context = context;
        _inner = inner;
        _timeout = new CancellationTokenSource(timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(inner.RequestAborted, _timeout.Token);
    }

    /// <summary>Gets whether the timeout had passed when the endpoint finished (read after <see cref="Dispose"/>).</summary>
    public bool TimedOut { get; private set; }

    public CancellationToken RequestAborted
    {
        get => _linked.Token;
        set => _inner.RequestAborted = value;
    }

    /// <summary>Installs the feature on <paramref name="context"/>; <see langword="null"/> when the server provides no lifetime feature.</summary>
    public static HardTimeoutLifetimeFeature? Attach(HttpContext context, TimeSpan timeout, TimeProvider time)
    {
        if (context.Features.Get<IHttpRequestLifetimeFeature>() is not { } inner)
        {
            return null;
        }

        var feature = new HardTimeoutLifetimeFeature(context, inner, timeout, time);
        context.Features.Set<IHttpRequestLifetimeFeature>(feature);
        return feature;
    }

    public void Abort() => _inner.Abort();

    /// <summary>Puts the server's feature back and stops the timer.</summary>
    public void Dispose()
    {
        TimedOut = _timeout.IsCancellationRequested;
        _context.Features.Set(_inner);
        _linked.Dispose();
        _timeout.Dispose();
    }
}
