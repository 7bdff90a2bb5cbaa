using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Velithon.Memory;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Velithon background task queue and its hosted runner.</summary>
public static class BackgroundTaskQueueServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BackgroundTaskQueueOptions"/> (validated when the host starts), one
    /// <see cref="BackgroundTaskQueue"/> shared as both <see cref="BackgroundTaskQueue"/> and
    /// <see cref="IBackgroundTaskQueue"/>, and the <see cref="BackgroundTaskRunner"/> hosted service.
    /// Calling it again adds <paramref name="configure"/> to the option configuration but registers nothing twice.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options; optional.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddVelithonBackgroundTasks(this IServiceCollection services, Action<BackgroundTaskQueueOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        OptionsBuilder<BackgroundTaskQueueOptions> options = services.AddOptions<BackgroundTaskQueueOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackgroundTaskQueueOptions>, BackgroundTaskQueueOptionsValidator>());
        // A factory, not constructor selection: the queue has two single-argument constructors.
        services.TryAddSingleton(static sp => new BackgroundTaskQueue(sp.GetRequiredService<IOptions<BackgroundTaskQueueOptions>>()));
        services.TryAddSingleton<IBackgroundTaskQueue>(static sp => sp.GetRequiredService<BackgroundTaskQueue>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BackgroundTaskRunner>());
        return services;
    }
}
