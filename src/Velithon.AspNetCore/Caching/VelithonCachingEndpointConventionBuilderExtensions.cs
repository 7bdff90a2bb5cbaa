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
        return Add(builder, policy);
    }

    /// <summary>
    /// Caches the endpoints' responses with the policy registered as <paramref name="policyName"/>
    /// (<see cref="VelithonCachingOptions.AddPolicy"/>); settings made in <paramref name="configure"/> win over the
    /// policy's, and vary lists, tags and vary values are combined.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder type.</typeparam>
    /// <param name="builder">The endpoint, group or route handler builder.</param>
    /// <param name="policyName">The name given to <see cref="VelithonCachingOptions.AddPolicy"/>.</param>
    /// <param name="configure">Settings of this endpoint on top of the policy; <see langword="null"/> for none.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static TBuilder CacheWithVelithon<TBuilder>(this TBuilder builder, string policyName, Action<VelithonCachePolicyBuilder>? configure = null)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(policyName);
        var policy = new VelithonCachePolicyBuilder().BasedOn(policyName);
        configure?.Invoke(policy);
        return Add(builder, policy);
    }

    private static TBuilder Add<TBuilder>(TBuilder builder, VelithonCachePolicyBuilder policy)
        where TBuilder : IEndpointConventionBuilder
    {
        VelithonCachedAttribute attribute = policy.Build();
        CacheKeyValues values = policy.BuildKeyValues();
        builder.Add(endpoint =>
        {
            endpoint.Metadata.Add(attribute);
            if (!values.IsEmpty)
            {
                endpoint.Metadata.Add(values);
            }
        });
        return builder;
    }
}
