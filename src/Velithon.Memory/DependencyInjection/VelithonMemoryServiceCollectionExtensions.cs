using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Velithon.Memory;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Velithon memory runtime with a service collection.</summary>
public static class VelithonMemoryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IVelithonMemory"/> (and its <see cref="VelithonMemoryPool"/>, <see cref="StringInterner"/>
    /// and response cache) as singletons, with <see cref="VelithonMemoryOptions"/> validated at startup, and the
    /// <c>Velithon.Memory</c> meter created through <see cref="IMeterFactory"/>. Calling it again only adds
    /// <paramref name="configure"/> to the options.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options; may be <see langword="null"/> to keep the defaults or bind them elsewhere.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddVelithonMemory(this IServiceCollection services, Action<VelithonMemoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        OptionsBuilder<VelithonMemoryOptions> options = services.AddOptions<VelithonMemoryOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VelithonMemoryOptions>>(VelithonMemoryOptionsValidator.Instance));

        services.TryAddSingleton(static sp => new VelithonMemory(
            sp.GetRequiredService<IOptions<VelithonMemoryOptions>>().Value,
            sp.GetService<IMeterFactory>(),
            sp.GetService<IBackgroundTaskQueue>(),
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IVelithonMemory>(static sp => sp.GetRequiredService<VelithonMemory>());
        services.TryAddSingleton(static sp => sp.GetRequiredService<IVelithonMemory>().Pool);
        services.TryAddSingleton(static sp => sp.GetRequiredService<IVelithonMemory>().Interner);

        // Creates the handler when the host starts, so its instruments exist before the first request uses it.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, VelithonMemoryActivator>());
        return services;
    }

    private sealed class VelithonMemoryActivator(IVelithonMemory memory) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(memory);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
