namespace Velithon.AspNetCore.HybridCaching.Redis;

/// <summary>
/// Settings of the Redis eviction bus (and L2, when no <c>IDistributedCache</c> is registered) of
/// <see cref="VelithonHybridCache"/>, given to <c>o.UseRedis(connectionString, redis => ...)</c> inside
/// <c>services.AddVelithonHybridCache(o => ...)</c>.
/// </summary>
public sealed class VelithonRedisHybridCacheOptions
{
    /// <summary>Gets or sets the Redis connection string (StackExchange.Redis syntax); <see langword="null"/> with <see cref="UseRedisFromServices"/>.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Gets or sets whether the <c>IConnectionMultiplexer</c> registered in the services is used as <see cref="RedisConnectionString"/> would be.</summary>
    public bool UseRedisFromServices { get; set; }

    /// <summary>Gets or sets the prefix of the Redis keys (when Redis is the L2) and of the eviction channel. Must not be empty. Defaults to <c>velithon:hybrid:</c>.</summary>
    public string RedisKeyPrefix { get; set; } = "velithon:hybrid:";
}
