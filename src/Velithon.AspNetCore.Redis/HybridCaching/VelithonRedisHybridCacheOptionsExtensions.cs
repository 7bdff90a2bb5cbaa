using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Velithon.AspNetCore.HybridCaching;
using Velithon.AspNetCore.HybridCaching.Redis;

// In the namespace of AddVelithonHybridCache, so that `o.UseRedis(...)` needs no using beyond the package reference.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts the eviction bus of <see cref="VelithonHybridCache"/> (and its L2, when no <c>IDistributedCache</c> is registered) in Redis.</summary>
public static class VelithonRedisHybridCacheOptionsExtensions
{
    /// <summary>
    /// Uses Redis at <paramref name="connectionString"/>: every <c>SetAsync</c>, <c>RemoveAsync</c> and
    /// <c>RemoveByTagAsync</c> is published so that the other instances drop their L1 copies at once, and Redis is the L2
    /// unless an <c>IDistributedCache</c> is registered.
    /// </summary>
    /// <param name="options">The hybrid cache's options.</param>
    /// <param name="connectionString">A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>.</param>
    /// <param name="configure">Sets the key prefix.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static VelithonHybridCacheOptions UseRedis(this VelithonHybridCacheOptions options, string connectionString, Action<VelithonRedisHybridCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return Use(options, new VelithonRedisHybridCacheOptions { RedisConnectionString = connectionString }, configure);
    }

    /// <summary>As <see cref="UseRedis(VelithonHybridCacheOptions, string, Action{VelithonRedisHybridCacheOptions}?)"/>, on the <c>IConnectionMultiplexer</c> registered in the services.</summary>
    /// <param name="options">The hybrid cache's options.</param>
    /// <param name="configure">Sets the key prefix.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static VelithonHybridCacheOptions UseRedis(this VelithonHybridCacheOptions options, Action<VelithonRedisHybridCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Use(options, new VelithonRedisHybridCacheOptions { UseRedisFromServices = true }, configure);
    }

    private static VelithonHybridCacheOptions Use(VelithonHybridCacheOptions options, VelithonRedisHybridCacheOptions redis, Action<VelithonRedisHybridCacheOptions>? configure)
    {
        configure?.Invoke(redis);
        if (string.IsNullOrEmpty(redis.RedisKeyPrefix))
        {
            throw new OptionsValidationException(Options.Options.DefaultName, typeof(VelithonRedisHybridCacheOptions), ["VelithonRedisHybridCacheOptions.RedisKeyPrefix must not be empty."]);
        }

        options.EvictionBus = sp => new RedisHybridEvictionBus(
            redis,
            sp,
            sp.GetService<ILogger<VelithonHybridCache>>() ?? NullLogger<VelithonHybridCache>.Instance);
        return options;
    }
}
