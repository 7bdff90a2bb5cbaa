namespace Velithon.AspNetCore.Caching;

/// <summary>Options of the Velithon response cache (<c>services.AddVelithonCaching(...)</c>).</summary>
public sealed class VelithonCachingOptions
{
    /// <summary>Gets or sets the most responses held in memory (L1). Defaults to 10,000.</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>Gets or sets the most accounted bytes held in memory (L1), bodies and headers included. Defaults to 64 MiB.</summary>
    public long MaxMemoryBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Gets or sets the largest body stored for one response; larger responses stream through uncached. At least 1. Defaults to 1 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Gets or sets the name of the header that tells HIT, MISS or BYPASS: an HTTP header name (an RFC 9110 token), or
    /// <see langword="null"/> or empty to write none. Defaults to <c>X-Velithon-Cache</c>.
    /// </summary>
    public string? StatusHeaderName { get; set; } = "X-Velithon-Cache";

    /// <summary>Gets or sets whether a <c>Server-Timing</c> entry (<c>velithon-cache</c>) is added to cached endpoints' responses. Defaults to <see langword="true"/>.</summary>
    public bool EmitServerTiming { get; set; } = true;

    /// <summary>Gets or sets whether br and gzip variants are stored and served to clients that accept them. Defaults to <see langword="true"/>.</summary>
    public bool EnableCompression { get; set; } = true;

    /// <summary>Gets or sets the smallest body that is compressed; not negative. Defaults to 256 bytes.</summary>
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

    /// <summary>
    /// Gets or sets the factory of the shared L2 behind the memory L1, called once when the cache is created (at host
    /// start); <see langword="null"/> (the default) keeps responses in memory only. <c>UseRedis(...)</c> of the
    /// <c>Velithon.AspNetCore.Redis</c> package sets it.
    /// </summary>
    public Func<IServiceProvider, IVelithonResponseStore>? ResponseStore { get; set; }

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
}
