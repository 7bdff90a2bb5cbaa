namespace Velithon.AspNetCore.Caching.Redis;

/// <summary>
/// Settings of the Redis L2 of the response cache, given to <c>o.UseRedis(connectionString, redis => ...)</c> inside
/// <c>services.AddVelithonCaching(o => ...)</c>.
/// </summary>
public sealed class VelithonRedisCacheOptions
{
    /// <summary>Gets or sets the Redis connection string; <see langword="null"/> to use the <c>IConnectionMultiplexer</c> registered in DI (see <see cref="UseRedisFromServices"/>).</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Gets or sets whether the L2 cache uses the <c>IConnectionMultiplexer</c> registered in DI instead of connecting itself.</summary>
    public bool UseRedisFromServices { get; set; }

    /// <summary>
    /// Gets or sets the prefix of every Redis key and of the invalidation channel. Defaults to <c>velithon:cache:</c>.
    /// On a Redis Cluster, keep braces out of it: a <c>{...}</c> is a hash tag that puts every key in one slot.
    /// </summary>
    public string RedisKeyPrefix { get; set; } = "velithon:cache:";

    /// <summary>Gets or sets the longest a Redis read or write may take before the request goes on without it. Must be positive. Defaults to 250 ms.</summary>
    public TimeSpan RedisOperationTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Gets or sets how often each instance reads the Redis versions of the tags it knows, so that a tag evicted elsewhere
    /// whose pub/sub message was lost (Redis restarting, a dropped subscription) still drops this instance's memory copies.
    /// It is the longest such a copy outlives an eviction. Must be positive. Defaults to 1 second.
    /// </summary>
    public TimeSpan TagSyncInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets how long L2 reads and writes skip Redis after 3 consecutive failures or timeouts, instead of each
    /// cache miss waiting <see cref="RedisOperationTimeout"/>; then one operation probes Redis, and the period doubles
    /// (up to 8 times this value) while probes fail. Tag evictions and the periodic tag sync still try Redis. Must be
    /// positive. Defaults to 5 seconds.
    /// </summary>
    public TimeSpan RedisBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the shortest interval between two logged Redis errors (the others are only counted). Defaults to 30 seconds.</summary>
    public TimeSpan RedisErrorLogInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Returns the first broken rule, or <see langword="null"/> when the settings are valid.</summary>
    internal string? Validate() =>
        RedisOperationTimeout <= TimeSpan.Zero ? "VelithonRedisCacheOptions.RedisOperationTimeout must be positive."
        : TagSyncInterval <= TimeSpan.Zero ? "VelithonRedisCacheOptions.TagSyncInterval must be positive."
        : RedisBreakDuration <= TimeSpan.Zero ? "VelithonRedisCacheOptions.RedisBreakDuration must be positive."
        : string.IsNullOrEmpty(RedisKeyPrefix) ? "VelithonRedisCacheOptions.RedisKeyPrefix must not be empty."
        : null;
}
