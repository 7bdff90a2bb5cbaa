using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Velithon.AspNetCore;
using Velithon.AspNetCore.Caching;
using Velithon.Memory;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the stats snapshot endpoint and the live dashboard.</summary>
public static class VelithonStatsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET <paramref name="pattern"/></c> answering one <see cref="IVelithonMemory.GetStats"/> snapshot as JSON
    /// (camelCase, <c>Cache-Control: no-store</c>): pool, interner, response cache, every cache registered with the handler
    /// (<c>caches</c>, by name) and their sums (<c>cacheTotals</c>), tasks and GC figures, and, when
    /// <c>AddVelithonCaching()</c> is registered, <c>endpointCache</c>: the <see cref="CacheStats"/> of the
    /// <c>[VelithonCached]</c> L1 store, whose hits and misses are those of the requests (responses served fresh from
    /// either layer, requests that ran the endpoint), as the <c>velithon.cache.hits</c>/<c>misses</c> meters count them,
    /// and <c>endpoints</c>: the same figures for each cached endpoint, with the L1 entries and bytes its responses hold
    /// and how many of them were evicted. Needs <c>AddVelithonMemory()</c>. Stats reveal load: protect the route
    /// (<c>RequireAuthorization</c>) outside development.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route (default <c>/velithon/stats</c>).</param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddVelithonMemory()</c> was not called (checked when mapped, as <c>MapHealthChecks</c> checks <c>AddHealthChecks()</c>).</exception>
    public static IEndpointConventionBuilder MapVelithonStats(this IEndpointRouteBuilder endpoints, string pattern = "/velithon/stats")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        EnsureMemoryRegistered(endpoints, nameof(MapVelithonStats));
        return endpoints.MapGet(pattern, (HttpContext context) =>
        {
            IVelithonMemory memory = context.RequestServices.GetRequiredService<IVelithonMemory>();
            context.Response.Headers.CacheControl = "no-store";
            VelithonMemoryStats stats = memory.GetStats();
            if (context.RequestServices.GetService<VelithonResponseCache>() is not { } endpointCache)
            {
                return (IResult)TypedResults.Json(stats, VelithonWebJsonContext.Readable.VelithonMemoryStats);
            }

            // The memory snapshot's own shape, plus one member: a stats endpoint polled every few seconds can afford a DOM.
            JsonObject document = JsonSerializer.SerializeToNode(stats, VelithonWebJsonContext.Readable.VelithonMemoryStats)!.AsObject();
            JsonObject cache = JsonSerializer.SerializeToNode(endpointCache.GetStats(), VelithonWebJsonContext.Readable.CacheStats)!.AsObject();
            var endpoints = new JsonArray();
            foreach (EndpointCacheCounters.Snapshot endpoint in endpointCache.GetEndpointStats())
            {
                endpoints.Add(new JsonObject
                {
                    ["endpoint"] = endpoint.Endpoint,
                    ["hits"] = endpoint.Hits,
                    ["misses"] = endpoint.Misses,
                    ["hitRatePercent"] = endpoint.HitRatePercent,
                    ["entries"] = endpoint.Entries,
                    ["memoryBytes"] = endpoint.MemoryBytes,
                    ["evictions"] = endpoint.Evictions,
                });
            }

            cache["endpoints"] = endpoints;
            document["endpointCache"] = cache;
            return TypedResults.Text(document.ToJsonString(VelithonWebJsonContext.Readable.Options), "application/json; charset=utf-8");
        });
    }

    /// <summary>
    /// Maps a small live dashboard at <paramref name="pattern"/> (HTML, script and style served from embedded resources,
    /// nothing from a CDN) that polls <paramref name="statsPattern"/> and plots memory, cache hit rate (the
    /// <see cref="IVelithonMemory"/> cache, and the <c>[VelithonCached]</c> store when registered), pool hit rate and
    /// queue length over time. Map <see cref="MapVelithonStats"/> at <paramref name="statsPattern"/> too.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The dashboard's route (default <c>/velithon/dashboard</c>); its script and style are served below it.</param>
    /// <param name="statsPattern">The stats route the page polls (default <c>/velithon/stats</c>), a pattern of the same route builder: mapped in a route group, the page polls it under the group's prefix.</param>
    /// <returns>The convention builder of the dashboard's routes.</returns>
    public static IEndpointConventionBuilder MapVelithonDashboard(this IEndpointRouteBuilder endpoints, string pattern = "/velithon/dashboard", string statsPattern = "/velithon/stats")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentException.ThrowIfNullOrWhiteSpace(statsPattern);
        string basePath = pattern.TrimEnd('/');
        RouteGroupBuilder group = endpoints.MapGroup(basePath);
        group.MapGet("/", (HttpContext context) =>
        {
            // The page's own path, not the pattern: mapped in a route group (or under a path base), the pattern lacks the
            // group's prefix, and the script, the style and the stats route (a pattern of the same builder) sit under it.
            string page = (context.Request.Path.Value ?? string.Empty).TrimEnd('/');
            string prefix = page.EndsWith(basePath, StringComparison.OrdinalIgnoreCase) ? page[..^basePath.Length].TrimEnd('/') : string.Empty;
            string html = DashboardAssets.Html
                .Replace("{{STATS_URL}}", HtmlEncoder.Default.Encode(Url(context, prefix, statsPattern)), StringComparison.Ordinal)
                .Replace("{{BASE}}", HtmlEncoder.Default.Encode(Url(context, page, string.Empty)), StringComparison.Ordinal);
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; connect-src 'self'";
            return TypedResults.Content(html, "text/html; charset=utf-8");
        });
        group.MapGet("/dashboard.js", () => TypedResults.Bytes(DashboardAssets.Script, "text/javascript; charset=utf-8"));
        group.MapGet("/dashboard.css", () => TypedResults.Bytes(DashboardAssets.Style, "text/css; charset=utf-8"));
        return group;
    }

    /// <summary>Fails when mapped, not on every request, when the handler the endpoint reads is not registered.</summary>
    internal static void EnsureMemoryRegistered(IEndpointRouteBuilder endpoints, string method)
    {
        if (endpoints.ServiceProvider.GetService<IVelithonMemory>() is null)
        {
            throw new InvalidOperationException($"{method} needs IVelithonMemory: call services.AddVelithonMemory().");
        }
    }

    // A route pattern is rooted whether or not it starts with '/' ("velithon/stats" is "/velithon/stats").
    private static string Url(HttpContext context, string prefix, string pattern) =>
        (context.Request.PathBase + new PathString(prefix)).ToUriComponent() + (pattern.Length == 0 || pattern[0] == '/' ? pattern : "/" + pattern);
}
