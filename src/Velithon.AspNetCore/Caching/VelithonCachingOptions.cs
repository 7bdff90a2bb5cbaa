using StackExchange.Redis;

namespace Velithon.AspNetCore.Caching;

/// <summary>Options of the Velithon response cache (<c>services.AddVelithonCaching(...)</c>).</summary>
public sealed class VelithonCachingOptions
{
    /// <summary>Gets or sets the most responses held in memory (L1). Defaults to 10,000.</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>Gets or sets the most accounted bytes held in memory (L1), bodies and headers included. Defaults to 64 MiB.</summary>
    public long MaxMemoryBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Gets or sets the largest body stored for one response; larger responses stream through uncached. Defaults to 1 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the name of the header that tells HIT, MISS or BYPASS; <see langword="null"/> or empty writes none. Defaults to <c>X-Velithon-Cache</c>.</summary>
    public string? StatusHeaderName { get; set; } = "X-Velithon-Cache";

    /// <summary>Gets or sets whether a <c>Server-Timing</c> entry (<c>velithon-cache</c>) is added to cached endpoints' responses. Defaults to <see langword="true"/>.</summary>
    public bool EmitServerTiming { get; set; } = true;

    /// <summary>Gets or sets whether br and gzip variants are stored and served to clients that accept them. Defaults to <see langword="true"/>.</summary>
    public bool EnableCompression { get; set; } = true;

    /// <summary>Gets or sets the smallest body that is compressed. Defaults to 256 bytes.</summary>
    public int MinCompressionBytes { get; set; } = 256;

    /// <summary>
    /// Gets or sets how long concurrent misses on one key wait for the first one to fill the cache before they run
    /// the endpoint themselves. Defaults to 5 seconds.
    /// </summary>
    public TimeSpan StampedeWaitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets the stale-while-revalidate window of endpoints that do not set their own: how long after a stored
    /// response expires it is still served (<c>STALE</c>) while one request per key and instance refreshes it.
    /// Defaults to <see cref="TimeSpan.Zero"/> (off).
    /// </summary>
    public TimeSpan StaleWhileRevalidate { get; set; }

    /// <summary>
    /// Gets or sets the stale-if-error window of endpoints that do not set their own: how long after a stored response
    /// expires it is served (<c>STALE-ERROR</c>) in place of a refresh that threw, answered 5xx or passed the
    /// <see cref="HardTimeout"/>. Defaults to <see cref="TimeSpan.Zero"/> (off).
    /// </summary>
    public TimeSpan StaleIfError { get; set; }

    /// <summary>
    /// Gets or sets, for endpoints that do not set their own, how long a request waits for another request's refresh of
    /// an expired response before it is served the stale one. Defaults to <see cref="TimeSpan.Zero"/> (off: it waits up
    /// to <see cref="StampedeWaitTimeout"/>).
    /// </summary>
    public TimeSpan SoftTimeout { get; set; }

    /// <summary>
    /// Gets or sets the fraction of an endpoint's duration after which a request refreshes its stored response ahead of
    /// expiry, for endpoints that do not set <c>[VelithonCached(EagerRefreshThreshold = …)]</c>: between 0 and 1
    /// exclusive, or 0 (the default) for off.
    /// </summary>
    public double EagerRefreshThreshold { get; set; }

    /// <summary>
    /// Gets or sets, for endpoints that do not set their own, how long a refresh of an expired response that can be served
    /// stale on error may run before the request's <c>RequestAborted</c> is cancelled and the stale response is served.
    /// Defaults to <see cref="TimeSpan.Zero"/> (off).
    /// </summary>
    public TimeSpan HardTimeout { get; set; }

    /// <summary>Gets or sets the Redis connection string of the L2 cache; <see langword="null"/> for none (see <see cref="UseRedis(string)"/>).</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Gets or sets whether the L2 cache uses the <see cref="IConnectionMultiplexer"/> registered in DI.</summary>
    public bool UseRedisFromServices { get; set; }

    /// <summary>
    /// Gets or sets the prefix of every Redis key and of the invalidation channel. Defaults to <c>velithon:cache:</c>.
    /// On a Redis Cluster, keep braces out of it: a <c>{...}</c> is a hash tag that puts every key in one slot.
    /// </summary>
    public string RedisKeyPrefix { get; set; } = "velithon:cache:";

    /// <summary>Gets or sets the longest a Redis read or write may take before the request goes on without it. Defaults to 250 ms.</summary>
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

    /// <summary>Gets the named policies (<see cref="AddPolicy"/>).</summary>
    internal Dictionary<string, VelithonCachePolicyBuilder> Policies { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Registers a named policy that endpoints use with <c>[VelithonCached(PolicyName = "…")]</c> or
    /// <c>.CacheWithVelithon("…")</c>: its settings, vary lists, tags, vary values and key prefix apply to them. An
    /// endpoint's own settings that differ from their defaults win; vary lists, tags and vary values set on both are combined.
    /// </summary>
    /// <param name="name">The policy's name (case-sensitive); registering a name again replaces the policy.</param>
    /// <param name="configure">Builds the policy.</param>
    /// <returns>These options.</returns>
    public VelithonCachingOptions AddPolicy(string name, Action<VelithonCachePolicyBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        var policy = new VelithonCachePolicyBuilder();
        configure(policy);
        Policies[name] = policy;
        return this;
    }

    /// <summary>Uses Redis at <paramref name="connectionString"/> as the shared L2 cache and the tag-eviction bus.</summary>
    /// <param name="connectionString">
    /// A StackExchange.Redis configuration string: one server, e.g. <c>localhost:6379</c>, or the endpoints of a Redis
    /// Cluster, e.g. <c>node1:6379,node2:6379,node3:6379</c> (one is enough: the others are discovered).
    /// </param>
    /// <returns>These options.</returns>
    public VelithonCachingOptions UseRedis(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        RedisConnectionString = connectionString;
        UseRedisFromServices = false;
        return this;
    }

    /// <summary>Uses the <see cref="IConnectionMultiplexer"/> registered in DI as the L2 cache.</summary>
    /// <returns>These options.</returns>
    public VelithonCachingOptions UseRedis()
    {
        RedisConnectionString = null;
        UseRedisFromServices = true;
        return this;
    }
}
