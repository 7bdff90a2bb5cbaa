using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Velithon.AspNetCore.Caching;
using Velithon.AspNetCore.Caching.Redis;

// In the namespace of AddVelithonCaching, so that `o.UseRedis(...)` needs no using beyond the package reference.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts the Velithon response cache's L2 in Redis: <c>services.AddVelithonCaching(o => o.UseRedis("localhost:6379"))</c>.</summary>
public static class VelithonRedisCachingOptionsExtensions
{
    /// <summary>Uses Redis at <paramref name="connectionString"/> as the shared L2 cache and the tag-eviction bus.</summary>
    /// <param name="options">The response cache's options.</param>
    /// <param name="connectionString">
    /// A StackExchange.Redis configuration string: one server, e.g. <c>localhost:6379</c>, or the endpoints of a Redis
    /// Cluster, e.g. <c>node1:6379,node2:6379,node3:6379</c> (one is enough: the others are discovered).
    /// </param>
    /// <param name="configure">Sets the key prefix, timeouts, tag sync, break duration and error-log interval.</param>
    /// <returns><paramref name="options"/>.</returns>
    /// <exception cref="OptionsValidationException">A setting is out of range (at host start, with the other options).</exception>
    public static VelithonCachingOptions UseRedis(this VelithonCachingOptions options, string connectionString, Action<VelithonRedisCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return Use(options, new VelithonRedisCacheOptions { RedisConnectionString = connectionString }, configure);
    }

    /// <summary>Uses the <c>IConnectionMultiplexer</c> registered in DI as the shared L2 cache and the tag-eviction bus.</summary>
    /// <param name="options">The response cache's options.</param>
    /// <param name="configure">Sets the key prefix, timeouts, tag sync, break duration and error-log interval.</param>
    /// <returns><paramref name="options"/>.</returns>
    /// <exception cref="OptionsValidationException">A setting is out of range (at host start, with the other options).</exception>
    public static VelithonCachingOptions UseRedis(this VelithonCachingOptions options, Action<VelithonRedisCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Use(options, new VelithonRedisCacheOptions { UseRedisFromServices = true }, configure);
    }

    private static VelithonCachingOptions Use(VelithonCachingOptions options, VelithonRedisCacheOptions redis, Action<VelithonRedisCacheOptions>? configure)
    {
        configure?.Invoke(redis);

        // Checked here, while the options are built: AddVelithonCaching validates them on start, so the host does not start.
        if (redis.Validate() is { } failure)
        {
            throw new OptionsValidationException(Options.Options.DefaultName, typeof(VelithonRedisCacheOptions), [failure]);
        }

        if (!redis.UseRedisFromServices && string.IsNullOrWhiteSpace(redis.RedisConnectionString))
        {
            throw new OptionsValidationException(Options.Options.DefaultName, typeof(VelithonRedisCacheOptions), ["VelithonRedisCacheOptions.RedisConnectionString must be set, or UseRedisFromServices."]);
        }

        options.ResponseStore = sp => new RedisResponseStore(
            redis,
            redis.KeyPrefixFor(sp.GetService<IHostEnvironment>()),
            sp,
            sp.GetRequiredService<VelithonCachingMetrics>(),
            sp.GetRequiredService<ILogger<RedisResponseStore>>(),
            sp.GetService<TimeProvider>());
        return options;
    }
}
