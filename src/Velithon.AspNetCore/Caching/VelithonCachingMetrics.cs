using System.Diagnostics.Metrics;

namespace Velithon.AspNetCore.Caching;

/// <summary>The instruments of the Velithon response cache, on the <see cref="MeterName"/> meter.</summary>
public sealed class VelithonCachingMetrics : IDisposable
{
    /// <summary>The name of the meter the response cache reports on.</summary>
    public const string MeterName = "Velithon.AspNetCore.Caching";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _bypasses;
    private readonly Counter<long> _stores;
    private readonly Counter<long> _notModified;
    private readonly Counter<long> _stampedeWaits;
    private readonly Counter<long> _redisErrors;
    private readonly Counter<long> _tagEvictions;
    private readonly Counter<long> _redisRejected;
    private readonly Counter<long> _redisBreakerOpens;
    private readonly Counter<long> _stale;

    // The totals the stats endpoint reports: the L1's own counts would call a found but stale or tag-evicted entry a hit.
    private long _hitTotal;
    private long _missTotal;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or on an owned meter when it is <see langword="null"/>.</summary>
    /// <param name="meterFactory">The DI meter factory, if any.</param>
    public VelithonCachingMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _hits = _meter.CreateCounter<long>("velithon.cache.hits", "{response}", "Responses served from the cache (tag velithon.cache.layer: l1 or l2).");
        _misses = _meter.CreateCounter<long>("velithon.cache.misses", "{response}", "Cacheable requests that ran the endpoint.");
        _bypasses = _meter.CreateCounter<long>("velithon.cache.bypasses", "{request}", "Requests to cached endpoints that the cache did not serve (tag velithon.reason).");
        _stores = _meter.CreateCounter<long>("velithon.cache.stores", "{response}", "Response variants stored.");
        _notModified = _meter.CreateCounter<long>("velithon.cache.not_modified", "{response}", "304 responses to If-None-Match.");
        _stampedeWaits = _meter.CreateCounter<long>("velithon.cache.stampede.waits", "{request}", "Misses that waited for a concurrent miss on the same key.");
        _redisErrors = _meter.CreateCounter<long>("velithon.cache.redis.errors", "{error}", "Failed or timed-out Redis operations (tag error.type: timeout, connection, disconnected, moved or other).");
        _tagEvictions = _meter.CreateCounter<long>("velithon.cache.tag.evictions", "{eviction}", "Tag evictions applied on this instance.");
        _redisRejected = _meter.CreateCounter<long>("velithon.cache.redis.rejected", "{entry}", "Redis entries not served because they failed the checksum, the format or a check against the endpoint (tag velithon.reason).");
        _stale = _meter.CreateCounter<long>("velithon.cache.stale", "{response}", "Expired responses served stale (tag velithon.reason: revalidate, soft-timeout, error, status or timeout).");
        _redisBreakerOpens = _meter.CreateCounter<long>("velithon.cache.redis.breaker.opens", "{open}", "Times Redis was skipped for a break period after consecutive failures or timeouts.");
    }

    /// <summary>Gets the responses served fresh from the cache so far (any layer): what <c>velithon.cache.hits</c> counted.</summary>
    internal long HitTotal => Volatile.Read(ref _hitTotal);

    /// <summary>Gets the cacheable requests that ran the endpoint so far: what <c>velithon.cache.misses</c> counted.</summary>
    internal long MissTotal => Volatile.Read(ref _missTotal);

    internal void Hit(string layer)
    {
        Interlocked.Increment(ref _hitTotal);
        _hits.Add(1, new KeyValuePair<string, object?>("velithon.cache.layer", layer));
    }

    internal void Miss()
    {
        Interlocked.Increment(ref _missTotal);
        _misses.Add(1);
    }

    internal void Bypass(string reason) => _bypasses.Add(1, new KeyValuePair<string, object?>("velithon.reason", reason));

    internal void Store() => _stores.Add(1);

    internal void NotModified() => _notModified.Add(1);

    internal void StampedeWait() => _stampedeWaits.Add(1);

    /// <summary>
    /// Counts a failed or timed-out operation of the L2 store on <c>velithon.cache.redis.errors</c> (for an
    /// <see cref="IVelithonResponseStore"/>; the instrument keeps its name for the dashboards built on it).
    /// </summary>
    /// <param name="errorType">The <c>error.type</c> tag: <c>timeout</c>, <c>connection</c>, <c>disconnected</c>, <c>moved</c> or <c>other</c>.</param>
    public void RecordStoreError(string errorType) => _redisErrors.Add(1, new KeyValuePair<string, object?>("error.type", errorType));

    internal void TagEviction() => _tagEvictions.Add(1);

    internal void RedisRejected(string reason) => _redisRejected.Add(1, new KeyValuePair<string, object?>("velithon.reason", reason));

    /// <summary>Counts an opening of the L2 store's circuit breaker on <c>velithon.cache.redis.breaker.opens</c> (for an <see cref="IVelithonResponseStore"/>).</summary>
    public void RecordStoreBreakerOpened() => _redisBreakerOpens.Add(1);

    internal void Stale(string reason) => _stale.Add(1, new KeyValuePair<string, object?>("velithon.reason", reason));

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
