using Microsoft.Extensions.Caching.Hybrid;

namespace Velithon.AspNetCore.HybridCaching;

/// <summary>
/// Settings of <see cref="VelithonHybridCache"/>. The members shared with Microsoft's <c>HybridCacheOptions</c> have the
/// same names, defaults and meaning, so an <c>AddHybridCache(o => ...)</c> body compiles unchanged in
/// <c>AddVelithonHybridCache(o => ...)</c>; the others bound the in-memory level.
/// </summary>
public sealed class VelithonHybridCacheOptions
{
    /// <summary>Gets or sets the entry options used when a call passes none (or leaves a member unset); 5 minutes for both expirations when unset here too.</summary>
    public HybridCacheEntryOptions? DefaultEntryOptions { get; set; }

    /// <summary>Gets or sets whether payloads may be compressed. Payloads are never compressed: accepted for compatibility, it has nothing to turn off.</summary>
    public bool DisableCompression { get; set; }

    /// <summary>Gets or sets the largest serialized value stored (default 1 MiB); a larger value is returned to the caller and kept in the L1 (within its byte bound) but not written to the L2, and logged, as with Microsoft's.</summary>
    public long MaximumPayloadBytes { get; set; } = 1 << 20;

    /// <summary>Gets or sets the longest key cached (default 1024 characters); a longer key, or one with a control character, is logged and bypasses the cache.</summary>
    public int MaximumKeyLength { get; set; } = 1024;

    /// <summary>Gets or sets the service key of the <c>IDistributedCache</c> used as the L2; <see langword="null"/> for the unkeyed one.</summary>
    public object? DistributedCacheServiceKey { get; set; }

    /// <summary>Gets or sets whether tags are reported in metrics. Accepted for compatibility; no tag metrics are reported.</summary>
    public bool ReportTagMetrics { get; set; }

    /// <summary>Gets or sets the most entries the in-memory level (L1) holds (default 10,000).</summary>
    public int MaxLocalEntries { get; set; } = 10_000;

    /// <summary>Gets or sets the most bytes the in-memory level holds, counted from the serialized payloads (default 100 MiB).</summary>
    public long MaxLocalMemoryBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// Gets or sets how long past its expiration an entry is kept, in both levels, to be returned when the factory that
    /// would replace it throws or runs past <see cref="FactorySoftTimeout"/> (fail-safe; the failure is logged). An entry
    /// of an evicted tag, or removed, is never returned. <see cref="TimeSpan.Zero"/> (the default) turns fail-safe off.
    /// </summary>
    public TimeSpan FailSafeMaxDuration { get; set; }

    /// <summary>
    /// Gets or sets how long a value returned by fail-safe after a factory failure is then served as fresh from the L1
    /// before the factory is tried again (default 30 seconds), never past the entry's <see cref="FailSafeMaxDuration"/>.
    /// </summary>
    public TimeSpan FailSafeThrottleDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long a call waits for the factory when an expired value is still kept by
    /// <see cref="FailSafeMaxDuration"/>: past it the call returns that value, and the factory goes on and stores its own
    /// when it completes. <see cref="Timeout.InfiniteTimeSpan"/> (the default) waits for the factory.
    /// </summary>
    public TimeSpan FactorySoftTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Gets or sets the longest a call waits for the factory, whether or not a value is kept by fail-safe: past it the
    /// call returns the kept value when there is one, otherwise it throws a <see cref="TimeoutException"/>; either way the
    /// factory goes on in the background and stores its value when it completes (a failure then is logged).
    /// <see cref="Timeout.InfiniteTimeSpan"/> (the default) waits for the factory.
    /// </summary>
    public TimeSpan FactoryHardTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Gets or sets the fraction of an entry's freshness after which a hit refreshes it in the background: the hit
    /// returns the current value at once, the factory runs once for the key (callers that miss meanwhile wait for it),
    /// and its value replaces the entry in both levels, so a frequently read entry is replaced before it expires instead
    /// of making a caller wait at expiry. Between 0 and 1 exclusive, e.g. 0.9 for the last tenth of the expiration;
    /// <see langword="null"/> (the default) turns it off. The freshness measured is the L1 entry's, from the start of the
    /// factory that made the value to its expiry in the L1. A refresh that fails is logged and not retried for that
    /// entry, which then expires as usual. The factory runs after the hit that started it has returned, with that
    /// call's state: it must not depend on what the caller disposes when it is done (a request's scoped services).
    /// </summary>
    public double? EagerRefreshThreshold { get; set; }

    /// <summary>
    /// Gets or sets the factory of the eviction bus between instances, called once when the cache is created;
    /// <see langword="null"/> (the default) for none. <c>UseRedis(...)</c> of the <c>Velithon.AspNetCore.Redis</c>
    /// package sets a Redis pub/sub bus, whose connection is also the L2 when no <c>IDistributedCache</c> is registered.
    /// </summary>
    public Func<IServiceProvider, IVelithonHybridEvictionBus>? EvictionBus { get; set; }
}
