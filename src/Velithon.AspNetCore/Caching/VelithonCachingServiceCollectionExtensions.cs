using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Velithon.AspNetCore.Caching;
using Velithon.Memory;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Velithon response cache.</summary>
public static class VelithonCachingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Velithon response cache (and, through <c>AddVelithonMemory</c>, the memory handler) for
    /// <see cref="Velithon.VelithonCachedAttribute"/> endpoints; add the middleware with <c>app.UseVelithonCaching()</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">
    /// Sets memory bounds, headers, compression and, with <see cref="VelithonCachingOptions.ResponseStore"/> (for Redis:
    /// <c>o.UseRedis(...)</c> of the <c>Velithon.AspNetCore.Redis</c> package), the shared L2.
    /// </param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddVelithonCaching(this IServiceCollection services, Action<VelithonCachingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddVelithonMemory();

        OptionsBuilder<VelithonCachingOptions> options = services.AddOptions<VelithonCachingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VelithonCachingOptions>, VelithonCachingOptionsValidator>());

        services.TryAddSingleton(static sp => new VelithonCachingMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(static sp =>
        {
            IOptions<VelithonCachingOptions> o = sp.GetRequiredService<IOptions<VelithonCachingOptions>>();
            TimeProvider? time = sp.GetService<TimeProvider>();
            VelithonCachingMetrics metrics = sp.GetRequiredService<VelithonCachingMetrics>();
            IVelithonResponseStore? store = o.Value.ResponseStore?.Invoke(sp);
            return new VelithonResponseCache(o, metrics, sp.GetRequiredService<ILogger<VelithonResponseCache>>(), time, store, sp.GetRequiredService<IVelithonMemory>());
        });
        services.TryAddSingleton<IVelithonCacheInvalidator>(static sp => sp.GetRequiredService<VelithonResponseCache>());

        // MVC actions: hits are served by the innermost action filter, after every filter that may refuse the request.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<MvcOptions>, CachedHitFilterSetup>());

        // Creates the cache (and its L2 store, which may start connecting) when the host starts, not on the first request.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, VelithonCachingActivator>());
        return services;
    }

    private sealed class CachedHitFilterSetup : IConfigureOptions<MvcOptions>
    {
        public void Configure(MvcOptions options) => options.Filters.Add(new CachedHitActionFilter());
    }

    private sealed class VelithonCachingActivator(VelithonResponseCache cache) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(cache);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
