using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Velithon.Memory;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// The response cache: an L1 <see cref="MemoryAwareLruCache{TKey, TValue}"/> bounded by entries and bytes, an optional
/// Redis L2, and tag generations that make entries produced before a tag eviction stale everywhere.
/// </summary>
internal sealed class VelithonResponseCache : IVelithonCacheInvalidator, IDisposable
{
    private readonly MemoryAwareLruCache<string, CachedResponse> _memory;
    private readonly ConcurrentDictionary<string, long> _tagGenerations = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly VelithonCachingMetrics _metrics;
    private readonly ILogger _logger;

    public VelithonResponseCache(
        IOptions<VelithonCachingOptions> options,
        VelithonCachingMetrics metrics,
        ILogger<VelithonResponseCache> logger,
        TimeProvider? timeProvider = null,
        RedisResponseStore? redis = null)
    {
        VelithonCachingOptions o = options.Value;
        _time = timeProvider ?? TimeProvider.System;
        _metrics = metrics;
        _logger = logger;
        _memory = new MemoryAwareLruCache<string, CachedResponse>(new MemoryAwareLruCacheOptions<string, CachedResponse>
        {
            MaxEntries = o.MaxEntries,
            MaxMemoryBytes = o.MaxMemoryBytes,
            TimeProvider = _time,
            KeyComparer = StringComparer.Ordinal,
        });
        Redis = redis;
        redis?.AttachTagListener(tag => EvictLocal(tag, "remote"));
    }

    public RedisResponseStore? Redis { get; }

    /// <summary>Gets the L1 cache (for stats and tests).</summary>
    public MemoryAwareLruCache<string, CachedResponse> Memory => _memory;

    public DateTimeOffset Now => _time.GetUtcNow();

    public long[] SnapshotGenerations(string[] tags)
    {
        if (tags.Length == 0)
        {
            return [];
        }

        var generations = new long[tags.Length];
        for (int i = 0; i < tags.Length; i++)
        {
            generations[i] = _tagGenerations.GetValueOrDefault(tags[i]);
        }

        return generations;
    }

    /// <summary>Looks <paramref name="key"/> up in L1 as a span (no string allocated); the key is compared in full.</summary>
    public bool TryGetMemory(ReadOnlySpan<char> key, [NotNullWhen(true)] out CachedResponse? response)
    {
        if (_memory.TryGetAlternate(key, out response))
        {
            if (IsFresh(response))
            {
                return true;
            }

            _memory.TryRemove(response.Key);
        }

        response = null;
        return false;
    }

    public bool TryGetMemory(string key, [NotNullWhen(true)] out CachedResponse? response)
    {
        if (_memory.TryGet(key, out response))
        {
            if (IsFresh(response))
            {
                return true;
            }

            _memory.TryRemove(key);
        }

        response = null;
        return false;
    }

    public async ValueTask<CachedResponse?> TryGetRedisAsync(string key, long[] generations, CachePolicy policy, CancellationToken cancellationToken)
    {
        if (Redis is null)
        {
            return null;
        }

        CachedResponse? response = await Redis.TryGetAsync(key, cancellationToken).ConfigureAwait(false);
        if (response is null || response.ExpiresAtUnixMs <= Now.ToUnixTimeMilliseconds())
        {
            return null;
        }

        // An L2 entry carries no local generations; take the ones read before the lookup, so an eviction racing it wins.
        response.TagGenerations = generations.Length == response.Tags.Length ? generations : SnapshotGenerations(response.Tags);
        _memory.Set(key, response);
        return response;
    }

    /// <summary>Stores <paramref name="response"/> in L1 and, without waiting for it, in L2.</summary>
    public void Store(CachedResponse response)
    {
        if (!IsFresh(response))
        {
            return; // A tag eviction ran while the endpoint did: the response may already be outdated.
        }

        if (_memory.Set(response.Key, response))
        {
            _metrics.Store();
        }

        Redis?.StoreInBackground(response, Now);
    }

    public async Task EvictByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        EvictLocal(tag, "local");
        if (Redis is not null)
        {
            await Redis.EvictTagAsync(tag, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => Redis?.Dispose();

    private void EvictLocal(string tag, string origin)
    {
        _tagGenerations.AddOrUpdate(tag, 1, static (_, g) => g + 1);
        _metrics.TagEviction();
        CachingLog.TagEvicted(_logger, tag, origin);
    }

    private bool IsFresh(CachedResponse response)
    {
        if (response.ExpiresAtUnixMs <= Now.ToUnixTimeMilliseconds())
        {
            return false;
        }

        long[]? generations = response.TagGenerations;
        for (int i = 0; i < response.Tags.Length; i++)
        {
            long stored = generations is not null && i < generations.Length ? generations[i] : 0;
            if (_tagGenerations.GetValueOrDefault(response.Tags[i]) != stored)
            {
                return false;
            }
        }

        return true;
    }
}
