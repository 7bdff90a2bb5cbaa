using Microsoft.Extensions.Hosting;

namespace Velithon.AspNetCore.Caching.Redis;

/// <summary>
/// Settings of the Redis L2 of the response cache, given to <c>o.UseRedis(connectionString, redis => ...)</c> inside
/// <c>services.AddVelithonCaching(o => ...)</c>.
/// </summary>
public sealed class VelithonRedisCacheOptions
{
    private const string DefaultKeyPrefix = "velithon:cache:";

    /// <summary>Gets or sets the Redis connection string; <see langword="null"/> to use the <c>IConnectionMultiplexer</c> registered in DI (see <see cref="UseRedisFromServices"/>).</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Gets or sets whether the L2 cache uses the <c>IConnectionMultiplexer</c> registered in DI instead of connecting itself.</summary>
    public bool UseRedisFromServices { get; set; }

    /// <summary>
    /// Gets or sets the prefix of every Redis key and of the invalidation channel. Defaults to <see langword="null"/>:
    /// <c>velithon:cache:{ApplicationName}:{EnvironmentName}:</c>, with the host's <c>IHostEnvironment.ApplicationName</c>
    /// and <c>EnvironmentName</c> (URI-escaped), so that instances of one app in one environment share entries, tag
    /// versions and evictions, and other apps, or the same app's staging and production, on the same Redis do not
    /// (<c>velithon:cache:</c> when there is no host environment). A prefix set here is used as given: every app that
    /// sets the same one shares its entries. Not empty. On a Redis Cluster, keep braces out of it: a <c>{...}</c> is a
    /// hash tag that puts every key in one slot.
    /// </summary>
    public string? RedisKeyPrefix { get; set; }

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

    /// <summary>The prefix in use: <see cref="RedisKeyPrefix"/> as given, or the application's own.</summary>
    internal string KeyPrefixFor(IHostEnvironment? environment) =>
        RedisKeyPrefix ?? (string.IsNullOrEmpty(environment?.ApplicationName)
            ? DefaultKeyPrefix
            : DefaultKeyPrefix + Uri.EscapeDataString(environment.ApplicationName) + ":"
                + (string.IsNullOrEmpty(environment.EnvironmentName) ? string.Empty : Uri.EscapeDataString(environment.EnvironmentName) + ":"));

    /// <summary>Returns the first broken rule, or <see langword="null"/> when the settings are valid.</summary>
    internal string? Validate() =>
        RedisOperationTimeout <= TimeSpan.Zero ? "VelithonRedisCacheOptions.RedisOperationTimeout must be positive."
        : TagSyncInterval <= TimeSpan.Zero ? "VelithonRedisCacheOptions.TagSyncInterval must be positive."
        : RedisBreakDuration <= TimeSpan.Zero ? "VelithonRedisCacheOptions.RedisBreakDuration must be positive."
        : RedisKeyPrefix is { Length: 0 } ? "VelithonRedisCacheOptions.RedisKeyPrefix must not be empty (null for the application's own)."
        : null;
}
