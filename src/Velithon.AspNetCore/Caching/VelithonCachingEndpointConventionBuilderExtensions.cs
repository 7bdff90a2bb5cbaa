using Velithon;
using Velithon.AspNetCore.Caching;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds Velithon response caching to endpoints (the fluent form of <see cref="VelithonCachedAttribute"/>).</summary>
public static class VelithonCachingEndpointConventionBuilderExtensions
{
    /// <summary>Caches the endpoints' responses in the Velithon response cache.</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder type.</typeparam>
    /// <param name="builder">The endpoint, group or route handler builder.</param>
    /// <param name="configure">Sets duration, vary rules, tags and status codes; <see langword="null"/> keeps the defaults.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static TBuilder CacheWithVelithon<TBuilder>(this TBuilder builder, Action<VelithonCachePolicyBuilder>? configure = null)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var policy = new VelithonCachePolicyBuilder();
        configure?.Invoke(policy);
        VelithonCachedAttribute attribute = policy.Build();
        builder.Add(endpoint => endpoint.Metadata.Add(attribute));
        return builder;
    }
}
