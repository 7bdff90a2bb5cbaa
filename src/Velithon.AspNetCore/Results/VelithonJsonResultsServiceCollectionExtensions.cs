using Microsoft.Extensions.Options;
using Velithon.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers settings of the Velithon JSON results.</summary>
public static class VelithonJsonResultsServiceCollectionExtensions
{
    /// <summary>Configures <see cref="VelithonJsonResultOptions"/> (parallel threshold, Server-Timing, serializer options).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddVelithonJsonResults(this IServiceCollection services, Action<VelithonJsonResultOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<VelithonJsonResultOptions> options = services.AddOptions<VelithonJsonResultOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.ParallelThreshold >= 0 && o.MaxDegreeOfParallelism >= 1 && o.TargetChunkBytes >= 1, "ParallelThreshold must be >= 0, MaxDegreeOfParallelism and TargetChunkBytes >= 1.")
            .ValidateOnStart();
        return services;
    }
}
