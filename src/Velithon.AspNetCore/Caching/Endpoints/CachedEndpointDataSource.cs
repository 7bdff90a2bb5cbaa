using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Wraps an endpoint data source so that every endpoint it builds passes through one more "finally" convention, which
/// runs after all of the endpoint's and its groups' conventions: it counts the endpoint filters of cached endpoints
/// (<see cref="CachedEndpointFilters"/>). Endpoint filters are not visible on the built endpoint, and a hit served by the
/// middleware would skip them, so the cache must know about them before it serves anything.
/// </summary>
internal sealed class CachedEndpointDataSource : EndpointDataSource
{
    private static readonly RoutePattern s_noPrefix = RoutePatternFactory.Parse(string.Empty);

    private readonly EndpointDataSource _inner;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly Action<EndpointBuilder> _convention;

    private CachedEndpointDataSource(EndpointDataSource inner, IServiceProvider services, ILogger logger)
    {
        _inner = inner;
        _services = services;
        _logger = logger;
        _convention = Apply;
    }

    public override IReadOnlyList<Endpoint> Endpoints => _inner.GetGroupedEndpoints(new RouteGroupContext
    {
        Prefix = s_noPrefix,
        Conventions = [],
        FinallyConventions = [_convention],
        ApplicationServices = _services,
    });

    /// <summary>
    /// Wraps the data sources of the route builder the routing middleware uses. Runs when the pipeline is built, after
    /// every <c>Map...</c> call and before the routing middleware (earlier in the pipeline, so built later) reads them.
    /// Returns the route builder, or <see langword="null"/> when there is none to wrap.
    /// </summary>
    public static IEndpointRouteBuilder? Install(IApplicationBuilder app)
    {
        IEndpointRouteBuilder? routes =
            (app.Properties.TryGetValue("__EndpointRouteBuilder", out object? local) ? local as IEndpointRouteBuilder : null)
            ?? (app.Properties.TryGetValue("__GlobalEndpointRouteBuilder", out object? global) ? global as IEndpointRouteBuilder : null)
            ?? app as IEndpointRouteBuilder;
        if (routes is null)
        {
            return null;
        }

        ILogger logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger<VelithonCachingMiddleware>();
        EndpointDataSource[] sources = [.. routes.DataSources];
        if (sources.All(static s => s is CachedEndpointDataSource))
        {
            return routes;
        }

        routes.DataSources.Clear();
        foreach (EndpointDataSource source in sources)
        {
            routes.DataSources.Add(source is CachedEndpointDataSource || !SupportsGroups(source)
                ? source
                : new CachedEndpointDataSource(source, app.ApplicationServices, logger));
        }

        return routes;
    }

    public override IReadOnlyList<Endpoint> GetGroupedEndpoints(RouteGroupContext context) => _inner.GetGroupedEndpoints(new RouteGroupContext
    {
        Prefix = context.Prefix,
        Conventions = context.Conventions,
        FinallyConventions = [.. context.FinallyConventions, _convention],
        ApplicationServices = context.ApplicationServices,
    });

    public override IChangeToken GetChangeToken() => _inner.GetChangeToken();

    /// <summary>A data source that does not override <see cref="EndpointDataSource.GetGroupedEndpoints"/> rebuilds its endpoints without running conventions: left as it is.</summary>
    private static bool SupportsGroups(EndpointDataSource source) =>
        source.GetType().GetMethod(nameof(GetGroupedEndpoints), [typeof(RouteGroupContext)])?.DeclaringType != typeof(EndpointDataSource);

    /// <summary>Whether the named policy the attribute refers to sets <c>SkipEndpointFiltersOnHit</c> (the endpoint is then cached).</summary>
    private bool SkippedByPolicy(string? policyName) =>
        policyName is not null
        && _services.GetService<IOptions<VelithonCachingOptions>>()?.Value.Policies.TryGetValue(policyName, out VelithonCachePolicyBuilder? policy) == true
        && policy.Build().SkipEndpointFiltersOnHit;

    private void Apply(EndpointBuilder endpoint)
    {
        VelithonCachedAttribute? cached = null;
        foreach (object item in endpoint.Metadata)
        {
            cached = item as VelithonCachedAttribute ?? cached; // The last one wins, as with GetMetadata<T>().
        }

        if (cached is null)
        {
            return;
        }

        int filters = endpoint.FilterFactories.Count;
        endpoint.Metadata.Add(new CachedEndpointFilters(filters));
        if (filters > 0 && !cached.SkipEndpointFiltersOnHit && !SkippedByPolicy(cached.PolicyName))
        {
            CachingLog.EndpointFiltersNotCached(_logger, endpoint.DisplayName ?? "(unnamed endpoint)", filters);
        }
    }
}
