using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Velithon.Memory;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// The response cache: an L1 <see cref="MemoryBoundedCache{TKey, TValue}"/> bounded by entries and bytes, an optional
/// shared L2 (<see cref="IVelithonResponseStore"/>, e.g. Redis) whose entries are checked before they are served, and tag
/// versions that make entries produced before a tag eviction stale everywhere.
/// </summary>
internal sealed class VelithonResponseCache : IVelithonCacheInvalidator, IVelithonTagVersionMirror, IDisposable
{
    // Rejected L2 entries are logged at most this often (the others are only counted).
    private static readonly TimeSpan RejectLogInterval = TimeSpan.FromSeconds(30);

    private readonly MemoryBoundedCache<CacheKeyDigest, CachedResponse> _memory;
    private readonly TagVersions _tags = new();
    private readonly ConcurrentDictionary<string, EndpointCacheCounters> _endpoints = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly VelithonCachingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly LogThrottle _rejectLog;
    private readonly int _maxBodyBytes;
    private readonly IDisposable? _registration;

    public VelithonResponseCache(
        IOptions<VelithonCachingOptions> options,
        VelithonCachingMetrics metrics,
        ILogger<VelithonResponseCache> logger,
        TimeProvider? timeProvider = null,
        IVelithonResponseStore? store = null,
        IVelithonMemory? memoryHandler = null)
    {
        VelithonCachingOptions o = options.Value;
        _time = timeProvider ?? TimeProvider.System;
        _metrics = metrics;
        _logger = logger;
        _rejectLog = new LogThrottle(_time, RejectLogInterval);
        _maxBodyBytes = o.MaxBodyBytes;
        _memory = new MemoryBoundedCache<CacheKeyDigest, CachedResponse>(new MemoryBoundedCacheOptions<CacheKeyDigest, CachedResponse>
        {
            MaxEntries = o.MaxEntries,
            MaxMemoryBytes = o.MaxMemoryBytes,
            TimeProvider = _time,
        });
        // Trimmed by the memory handler's cleanup counts as evicted, as in the L1's own statistics.
        _memory.ItemRemoved += static (_, removed) =>
            removed.Value.Counters?.Removed(removed.Value.SizeInBytes, removed.Reason is CacheItemRemovedReason.Evicted or CacheItemRemovedReason.Trimmed);
        L2 = store;
        store?.Attach(this);

        // The handler's stats, health, meter and cleanup then cover the cache that serves requests.
        _registration = memoryHandler?.RegisterCache(RegisteredMemoryLevel.Name, new RegisteredMemoryLevel(this));
    }

    /// <summary>Gets the shared L2, if any.</summary>
    public IVelithonResponseStore? L2 { get; }

    /// <summary>Gets the L1 cache, keyed by <see cref="CacheKeyDigest"/> (for stats and tests).</summary>
    public MemoryBoundedCache<CacheKeyDigest, CachedResponse> Memory => _memory;

    /// <summary>
    /// Gets the L1's statistics with the hits and misses of the whole cache as requests saw them (the meter's
    /// <c>velithon.cache.hits</c> and <c>velithon.cache.misses</c>): the L1 alone counts an entry it found as a hit even
    /// when it was stale or of an evicted tag and the endpoint ran.
    /// </summary>
    public CacheStats GetStats() => _memory.GetStats() with { Hits = _metrics.HitTotal, Misses = _metrics.MissTotal };

    /// <summary>Gets the figures of <paramref name="endpoint"/> (by display name), made on first use.</summary>
    public EndpointCacheCounters CountersFor(string endpoint) => _endpoints.GetOrAdd(endpoint, static name => new EndpointCacheCounters(name));

    /// <summary>Gets every cached endpoint's figures, by name.</summary>
    public IReadOnlyList<EndpointCacheCounters.Snapshot> GetEndpointStats() =>
        [.. _endpoints.Values.Select(static c => c.Read()).OrderBy(static s => s.Endpoint, StringComparer.Ordinal)];

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Gets the clock of the cache (a test's fake one included).</summary>
    public TimeProvider Time => _time;

    /// <summary>
    /// Reads the generations of <paramref name="tags"/> before a lookup and before the endpoint runs, so that an eviction
    /// racing either wins: this instance's stamps, then the Redis versions it has seen (see <see cref="TagVersions"/>).
    /// </summary>
    public long[] SnapshotGenerations(string[] tags) => _tags.Snapshot(tags);

    /// <summary>
    /// Looks <paramref name="key"/> up in L1 by its <see cref="CacheKeyDigest"/> (no string allocated). An entry past its
    /// stale limit, or of a tag evicted since it was stored, is removed and never returned, not even as stale.
    /// </summary>
    public EntryState FindMemory(ReadOnlySpan<char> key, out CachedResponse? response)
    {
        CacheKeyDigest digest = CacheKeyDigest.Of(key);
        if (_memory.TryGet(digest, out response))
        {
            EntryState state = StateOf(response);
            if (state != EntryState.Missing)
            {
                return state;
            }

            _memory.TryRemove(digest);
        }

        response = null;
        return EntryState.Missing;
    }

    /// <summary>Looks <paramref name="key"/> up in L1 (see <see cref="FindMemory(ReadOnlySpan{char}, out CachedResponse?)"/>).</summary>
    public EntryState FindMemory(string key, out CachedResponse? response) => FindMemory(key.AsSpan(), out response);

    /// <summary>Looks <paramref name="key"/> up in L1 for a fresh entry only.</summary>
    public bool TryGetMemory(string key, [NotNullWhen(true)] out CachedResponse? response)
    {
        if (FindMemory(key, out response) == EntryState.Fresh && response is not null)
        {
            return true;
        }

        response = null;
        return false;
    }

    /// <summary>
    /// Looks <paramref name="key"/> up in the L2 with the current versions of the policy's tags (one round trip). Served
    /// only when the entry passes the checksum, is what this cache could have written for <paramref name="key"/> under
    /// <paramref name="policy"/> (<see cref="CachedEntryValidator"/>), and was produced under the current tag versions;
    /// a bad entry is counted, logged at a bounded rate and deleted, one of an evicted tag deleted. An entry past its
    /// expiry but within its stale limit is returned with <c>Stale</c> set. A hit is copied into L1.
    /// </summary>
    public async ValueTask<(CachedResponse? Entry, bool Stale)> TryGetStoreAsync(string key, long[] generations, string[] tags, CachePolicy policy, CancellationToken cancellationToken)
    {
        if (L2 is null)
        {
            return default;
        }

        VelithonStoreLookup? lookup = await L2.TryGetAsync(key, tags, cancellationToken).ConfigureAwait(false);
        if (lookup is null || lookup.TagVersions.Count != tags.Length)
        {
            return default;
        }

        long[] versions = lookup.TagVersions as long[] ?? [.. lookup.TagVersions];
        bool wentBack = false;
        for (int i = 0; i < tags.Length; i++)
        {
            // Below the version seen here: the store lost the version key (an allkeys-* eviction, a restart) or rolled
            // it back (a restore from a snapshot). An entry stored before the eviction this instance knows of may match
            // that older number: none is served until the store's sync puts the version above again.
            wentBack |= versions[i] < _tags.Version(tags[i]);
            OnStoreVersion(tags[i], versions[i], "read");
        }

        if (wentBack)
        {
            return default;
        }

        if (lookup.Entry is null)
        {
            return default;
        }

        CachedResponse? entry = CachedResponseSerializer.Deserialize(lookup.Entry, _maxBodyBytes, out string storedKey, out long[] entryVersions, out string? reason);
        DateTimeOffset now = Now;
        long storedAt = 0;
        if (entry is not null)
        {
            // Its writer set the expiry to the time it stored the entry plus the policy's duration.
            storedAt = Math.Min(now.ToUnixTimeMilliseconds(), entry.ExpiresAtUnixMs - (long)policy.Duration.TotalMilliseconds);
            entry = CachedEntryValidator.Validate(entry, storedKey, key, tags, policy, now, out reason);
        }

        if (entry is null)
        {
            if (reason is not null)
            {
                Reject(key, reason);
            }

            return default;
        }

        if (!entryVersions.AsSpan().SequenceEqual(versions))
        {
            L2.DeleteInBackground(key); // Stored before an eviction of one of its tags: never served, not even stale.
            return default;
        }

        long nowMs = now.ToUnixTimeMilliseconds();
        if (entry.KeepUntilUnixMs <= nowMs)
        {
            return default;
        }

        // L1 label: the stamps read before the lookup (a local eviction racing it wins) and the versions just read.
        long[] stamps = generations.Length == 2 * tags.Length ? generations : _tags.Snapshot(tags);
        Span<long> label = tags.Length <= 32 ? stackalloc long[2 * tags.Length] : new long[2 * tags.Length];
        stamps.AsSpan(0, tags.Length).CopyTo(label);
        versions.CopyTo(label[tags.Length..]);
        entry.TagGenerations = _tags.Share(tags, label);
        entry.StoredAtUnixMs = storedAt;
        entry.Counters = policy.Counters;
        if (StateOf(entry) != EntryState.Missing && _memory.Set(CacheKeyDigest.Of(key), entry))
        {
            entry.Counters?.Stored(entry.SizeInBytes);
        }

        return (entry, entry.ExpiresAtUnixMs <= nowMs);
    }

    /// <summary>Stores <paramref name="response"/> under <paramref name="key"/> in L1 and, without waiting for it, in L2.</summary>
    public void Store(string key, CachedResponse response)
    {
        if (!IsFresh(response))
        {
            return; // A tag eviction ran while the endpoint did: the response may already be outdated.
        }

        if (_memory.Set(CacheKeyDigest.Of(key), response))
        {
            response.Counters?.Stored(response.SizeInBytes);
            _metrics.Store();
        }

        if (L2 is not null)
        {
            WriteToStore(L2, key, response);
        }
    }

    /// <inheritdoc />
    public Task EvictByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        if (tag.StartsWith(PathTags.ReservedPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Tags starting with '{PathTags.ReservedPrefix}' are the cache's own: use EvictAsync or EvictAllAsync.", nameof(tag));
        }

        return EvictTagAsync(tag, cancellationToken);
    }

    /// <inheritdoc />
    public Task EvictAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path[0] != '/')
        {
            throw new ArgumentException($"The path to evict must start with '/' (the request's PathBase and Path); it is '{path}'.", nameof(path));
        }

        CachingLog.PathEvicted(_logger, path, "local");
        return EvictTagAsync(PathTags.For(default, path), cancellationToken);
    }

    /// <inheritdoc />
    public async Task EvictAllAsync(CancellationToken cancellationToken = default)
    {
        // Every entry carries one path tag: all of them stale here first, whatever Redis does.
        foreach (string tag in PathTags.All)
        {
            _tags.BumpLocal(tag);
        }

        _metrics.TagEviction();
        CachingLog.TagEvicted(_logger, PathTags.ReservedPrefix + "*", "local");
        if (L2 is not { } store)
        {
            return;
        }

        Task<long>[] increments = [.. PathTags.All.Select(tag => store.IncrementTagVersionAsync(tag, cancellationToken))];
        try
        {
            await Task.WhenAll(increments).ConfigureAwait(false);
        }
        catch
        {
            // Reported below, after the versions Redis did take are applied and published.
        }

        Exception? failure = null;
        for (int i = 0; i < increments.Length; i++)
        {
            string tag = PathTags.All[i];
            if (increments[i].IsCompletedSuccessfully)
            {
                long version = increments[i].Result;
                _tags.Raise(tag, version, register: true);
                await store.PublishTagVersionAsync(tag, version).ConfigureAwait(false);
            }
            else
            {
                failure ??= increments[i].Exception?.InnerException ?? new OperationCanceledException(cancellationToken);
            }
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private async Task EvictTagAsync(string tag, CancellationToken cancellationToken)
    {
        // Locally first: this instance's entries are stale at once, whatever Redis does.
        _tags.BumpLocal(tag);
        _metrics.TagEviction();
        CachingLog.TagEvicted(_logger, tag, "local");
        if (L2 is null)
        {
            return;
        }

        long version = await L2.IncrementTagVersionAsync(tag, cancellationToken).ConfigureAwait(false);
        _tags.Raise(tag, version, register: true);
        await L2.PublishTagVersionAsync(tag, version).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _registration?.Dispose();
        L2?.Dispose();
    }

    IReadOnlyCollection<string> IVelithonTagVersionMirror.KnownTags => [.. _tags.Known];

    long IVelithonTagVersionMirror.VersionOf(string tag) => _tags.Version(tag);

    void IVelithonTagVersionMirror.Observe(string tag, long version, VelithonTagVersionSource source) =>
        OnStoreVersion(tag, version, source switch
        {
            VelithonTagVersionSource.Read => "read",
            VelithonTagVersionSource.Remote => "remote",
            _ => "sync",
        });

    /// <summary>
    /// Writes <paramref name="response"/> to the L2 under the shared tag versions it was produced under. Not written: one
    /// already expired in the L2's terms or one too large for any reader to accept.
    /// </summary>
    private void WriteToStore(IVelithonResponseStore store, string key, CachedResponse response)
    {
        TimeSpan ttl = response.TimeToLive(Now);
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        var versions = new long[response.Tags.Length];
        for (int i = 0; i < versions.Length; i++)
        {
            versions[i] = TagVersions.RedisVersion(response.TagGenerations, versions.Length, i);
        }

        byte[] bytes = CachedResponseSerializer.Serialize(key, response, versions);
        if (bytes.Length <= CachedResponseSerializer.EntryLimit(_maxBodyBytes))
        {
            store.SetInBackground(key, bytes, ttl);
        }
    }

    private void OnStoreVersion(string tag, long version, string origin)
    {
        if (_tags.Raise(tag, version))
        {
            _metrics.TagEviction();
            CachingLog.TagEvicted(_logger, tag, origin);
        }
    }

    private void Reject(string key, string reason)
    {
        _metrics.RedisRejected(reason);
        L2?.DeleteInBackground(key);
        if (_rejectLog.TryEnter(out long suppressed))
        {
            CachingLog.RedisEntryRejected(_logger, reason, suppressed);
        }
    }

    /// <summary>Gets whether <paramref name="response"/> is still kept (fresh or stale) and no tag of it was evicted since it was stored.</summary>
    public bool IsServable(CachedResponse response) => StateOf(response) != EntryState.Missing;

    private bool IsFresh(CachedResponse response) =>
        response.ExpiresAtUnixMs > Now.ToUnixTimeMilliseconds() && _tags.IsCurrent(response.Tags, response.TagGenerations);

    private EntryState StateOf(CachedResponse response)
    {
        long now = Now.ToUnixTimeMilliseconds();
        if (response.KeepUntilUnixMs <= now || !_tags.IsCurrent(response.Tags, response.TagGenerations))
        {
            return EntryState.Missing;
        }

        return response.ExpiresAtUnixMs > now ? EntryState.Fresh : EntryState.Stale;
    }
}
