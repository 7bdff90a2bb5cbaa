using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Velithon.AspNetCore;
using Velithon.Memory;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Velithon memory health check.</summary>
public static class VelithonHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="VelithonMemoryHealthCheck"/> under <paramref name="name"/>, its thresholds as named options
    /// (the same name; <c>MapVelithonMemoryHealth</c> reads them too). Needs <c>AddVelithonMemory()</c>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Sets thresholds; may be <see langword="null"/> for the defaults.</param>
    /// <param name="name">The check's name (default <see cref="VelithonMemoryHealthCheckOptions.DefaultName"/>).</param>
    /// <param name="failureStatus">The status reported when a figure passes an Unhealthy threshold or the check throws (default Unhealthy; Degraded keeps a liveness probe from restarting the app).</param>
    /// <param name="tags">Tags for filtering.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddVelithonMemory(
        this IHealthChecksBuilder builder,
        Action<VelithonMemoryHealthCheckOptions>? configure = null,
        string name = VelithonMemoryHealthCheckOptions.DefaultName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        OptionsBuilder<VelithonMemoryHealthCheckOptions> options = builder.Services.AddOptions<VelithonMemoryHealthCheckOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // Thresholds out of range fail the host's start, with the setting and its value, not the probe later.
        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VelithonMemoryHealthCheckOptions>, VelithonMemoryHealthCheckOptionsValidator>());

        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new VelithonMemoryHealthCheck(
                sp.GetRequiredService<IVelithonMemory>(),
                sp.GetRequiredService<IOptionsMonitor<VelithonMemoryHealthCheckOptions>>().Get(name)),
            failureStatus,
            tags));
    }
}
