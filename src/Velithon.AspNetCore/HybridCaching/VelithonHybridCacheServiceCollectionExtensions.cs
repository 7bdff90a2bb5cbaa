using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Velithon.AspNetCore.HybridCaching;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="VelithonHybridCache"/> as the app's <see cref="HybridCache"/>.</summary>
public static class VelithonHybridCacheServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="VelithonHybridCache"/> as the <see cref="HybridCache"/> service, in place of Microsoft's
    /// <c>AddHybridCache()</c>: the registered <c>IDistributedCache</c> (if any) is its L2, and the returned builder takes
    /// Microsoft's <c>AddSerializer</c> and <c>AddSerializerFactory</c> extensions.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets limits, default entry options and the L1 bounds.</param>
    /// <returns>A builder for serializers.</returns>
    public static IHybridCacheBuilder AddVelithonHybridCache(this IServiceCollection services, Action<VelithonHybridCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<VelithonHybridCacheOptions> options = services.AddOptions<VelithonHybridCacheOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options
            .Validate(static o => o.MaxLocalEntries >= 1, "VelithonHybridCacheOptions.MaxLocalEntries must be at least 1.")
            .Validate(static o => o.MaxLocalMemoryBytes >= 1, "VelithonHybridCacheOptions.MaxLocalMemoryBytes must be at least 1.")
            .Validate(static o => o.MaximumPayloadBytes >= 1, "VelithonHybridCacheOptions.MaximumPayloadBytes must be at least 1.")
            .Validate(static o => o.MaximumKeyLength >= 1, "VelithonHybridCacheOptions.MaximumKeyLength must be at least 1.")
            .Validate(static o => o.FailSafeMaxDuration >= TimeSpan.Zero, "VelithonHybridCacheOptions.FailSafeMaxDuration must not be negative.")
            .Validate(static o => o.FailSafeThrottleDuration > TimeSpan.Zero, "VelithonHybridCacheOptions.FailSafeThrottleDuration must be positive.")
            .Validate(static o => o.FactorySoftTimeout > TimeSpan.Zero || o.FactorySoftTimeout == Timeout.InfiniteTimeSpan, "VelithonHybridCacheOptions.FactorySoftTimeout must be positive or Timeout.InfiniteTimeSpan.")
            .Validate(static o => o.FactoryHardTimeout > TimeSpan.Zero || o.FactoryHardTimeout == Timeout.InfiniteTimeSpan, "VelithonHybridCacheOptions.FactoryHardTimeout must be positive or Timeout.InfiniteTimeSpan.")
            .Validate(static o => o.EagerRefreshThreshold is null or (> 0 and < 1), "VelithonHybridCacheOptions.EagerRefreshThreshold must be between 0 and 1 exclusive, or null.")
            .ValidateOnStart();

        services.TryAddSingleton<IHybridCacheSerializer<string>>(BuiltInHybridSerializers.Instance);
        services.TryAddSingleton<IHybridCacheSerializer<byte[]>>(BuiltInHybridSerializers.Instance);
        services.TryAddSingleton(static sp => new VelithonHybridCache(
            sp.GetRequiredService<IOptions<VelithonHybridCacheOptions>>(),
            sp,
            sp.GetService<ILogger<VelithonHybridCache>>() ?? Logging.Abstractions.NullLogger<VelithonHybridCache>.Instance,
            sp.GetService<TimeProvider>()));
        services.AddSingleton<HybridCache>(static sp => sp.GetRequiredService<VelithonHybridCache>());
        return new HybridCacheBuilder(services);
    }
}
