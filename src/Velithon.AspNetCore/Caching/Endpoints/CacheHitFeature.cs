using Microsoft.AspNetCore.Http;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// A hit found by the middleware for an endpoint whose filters must run first (MVC actions): the middleware sets it and
/// runs the endpoint; <see cref="CachedHitActionFilter"/>, the innermost action filter, serves it. When a filter refuses
/// the request first, the hit is never served.
/// </summary>
internal sealed class CacheHitFeature
{
    private readonly Func<HttpContext, CachedResponse, string, long, Task> _serve;
    private readonly CachedResponse _entry;
    private readonly string _layer;
    private readonly long _start;

    public CacheHitFeature(Endpoint endpoint, Func<HttpContext, CachedResponse, string, long, Task> serve, CachedResponse entry, string layer, long start)
    {
        Endpoint = endpoint;
        _serve = serve;
        _entry = entry;
        _layer = layer;
        _start = start;
    }

    /// <summary>Gets the endpoint the hit belongs to; a re-executed request (an error page) that reaches another must not see it.</summary>
    public Endpoint Endpoint { get; }

    public bool Served { get; private set; }

    public Task ServeAsync(HttpContext context)
    {
        Served = true;
        return _serve(context, _entry, _layer, _start);
    }
}
