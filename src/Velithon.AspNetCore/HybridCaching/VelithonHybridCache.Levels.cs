using System.Buffers;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;

namespace Velithon.AspNetCore.HybridCaching;

// Writing an entry to the levels its flags allow, and reading one back from the L2.
public sealed partial class VelithonHybridCache
{
    private async ValueTask StoreAsync<T>(string key, T value, HybridCacheEntryOptions? options, string[] tags, HybridCacheEntryFlags flags, long createdTicks, CancellationToken cancellationToken)
    {
        bool local = (flags & HybridCacheEntryFlags.DisableLocalCacheWrite) == 0;
        bool distributed = (flags & HybridCacheEntryFlags.DisableDistributedCacheWrite) == 0;
        if (!local && !distributed)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>();
        _serializers.Get<T>().Serialize(value, buffer);
        TimeSpan expiration = ExpirationOf(options);
        TimeSpan localExpiration = LocalExpirationOf(options, expiration);
        if (local && localExpiration > TimeSpan.Zero)
        {
            long expires = After(UtcTicks(), localExpiration);
            SetLocal(key, value, buffer.WrittenSpan, tags, createdTicks, expires, After(expires, _failSafe), RefreshAfter(createdTicks, expires));
        }

        // As Microsoft's: the limit guards the L2; the L1 keeps the value within its own byte bound.
        if (distributed && buffer.WrittenCount > _maximumPayloadBytes)
        {
            HybridCacheLog.PayloadTooLarge(_logger, key, buffer.WrittenCount, _maximumPayloadBytes);
        }
        else if (distributed && expiration > TimeSpan.Zero)
        {
            byte[] payload = HybridPayload.Write(createdTicks, After(UtcTicks(), expiration), tags, buffer.WrittenSpan);
            try
            {
                // Kept past its expiry for fail-safe: the payload's own expiry says when it stops being fresh.
                var entryOptions = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = L2Lifetime(expiration) };
                await _distributed!.SetAsync(key, payload, entryOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                HybridCacheLog.L2Failed(_logger, "set", ex);
            }
        }
    }

    /// <summary>
    /// Stores an L1 entry fresh until <paramref name="expiresTicks"/> and kept until <paramref name="keepUntilTicks"/>
    /// (later with fail-safe), whose hits refresh it in the background from <paramref name="refreshAfterTicks"/>.
    /// </summary>
    private void SetLocal<T>(string key, T value, ReadOnlySpan<byte> serialized, string[] tags, long createdTicks, long expiresTicks, long keepUntilTicks, long refreshAfterTicks)
    {
        // The coarse reading first: read before the others, it can only shorten the entry's fast window.
        long tick = Environment.TickCount64;
        long timestamp = _l1Clock.Refresh();
        long now = UtcTicks();
        TimeSpan timeToLive = TimeSpan.FromTicks(keepUntilTicks - now);
        if (timeToLive <= TimeSpan.Zero)
        {
            return;
        }

        Int128 lifetime = ((Int128)timeToLive.Ticks * _time.TimestampFrequency) / TimeSpan.TicksPerSecond;
        long keepUntilTimestamp = lifetime >= long.MaxValue - timestamp ? long.MaxValue : timestamp + (long)lifetime;
        long fastUntilTick = long.MinValue;
        if (_systemClock)
        {
            // Hits before this tick need no precise clock: the entry is kept, fresh and not due for a refresh until then.
            long until = Math.Min(Math.Min(keepUntilTicks, refreshAfterTicks), _failSafe == TimeSpan.Zero ? long.MaxValue : expiresTicks);
            long window = ((until - now) / TimeSpan.TicksPerMillisecond) - FastWindowMarginMilliseconds;
            if (window > 0)
            {
                fastUntilTick = tick + window;
            }
        }

        LocalEntry entry = ImmutableType<T>.IsImmutable
            ? new LocalEntry(typeof(T), value, null, serialized.Length, tags, createdTicks, expiresTicks, keepUntilTicks, refreshAfterTicks, keepUntilTimestamp, fastUntilTick)
            : new LocalEntry(typeof(T), null, serialized.ToArray(), serialized.Length, tags, createdTicks, expiresTicks, keepUntilTicks, refreshAfterTicks, keepUntilTimestamp, fastUntilTick);
        _local.Set(key, entry, timeToLive);
    }

    /// <summary>
    /// <paramref name="ticks"/> (UTC) plus <paramref name="duration"/>, ending at the last representable time
    /// (<see cref="DateTimeOffset.MaxValue"/>) instead of wrapping around: <see cref="TimeSpan.MaxValue"/>, or a long
    /// expiration plus <see cref="VelithonHybridCacheOptions.FailSafeMaxDuration"/>, means "as long as the clock can say".
    /// </summary>
    private static long After(long ticks, TimeSpan duration) =>
        duration.Ticks > 0 && ticks > MaxUtcTicks - duration.Ticks ? MaxUtcTicks : ticks + duration.Ticks;

    /// <summary>
    /// The L2 entry's relative expiration: the expiration plus fail-safe, at most <see cref="MaxL2Lifetime"/>, which any
    /// L2 can add to its own clock (Redis's and SQL Server's compute an absolute time and throw when it is out of range).
    /// </summary>
    private TimeSpan L2Lifetime(TimeSpan expiration) =>
        expiration >= MaxL2Lifetime - _failSafe ? MaxL2Lifetime : expiration + _failSafe;

    /// <summary>When a value created at <paramref name="createdTicks"/> and fresh until <paramref name="expiresTicks"/> is due for an eager refresh.</summary>
    private long RefreshAfter(long createdTicks, long expiresTicks) =>
        _eagerRefreshThreshold is double threshold && expiresTicks > createdTicks
            ? createdTicks + (long)((expiresTicks - createdTicks) * threshold)
            : long.MaxValue;

    /// <summary>
    /// Reads <paramref name="key"/> from the L2: <c>Found</c> for a fresh value (copied into the L1), else, with
    /// fail-safe, <c>Stale</c> for an expired one still kept, of tags not evicted since.
    /// </summary>
    private async ValueTask<(bool Found, T? Value, HybridFallback<T>? Stale)> TryGetDistributedAsync<T>(string key, HybridCacheEntryOptions? options, HybridCacheEntryFlags flags, CancellationToken cancellationToken)
    {
        // Every L2 hit needs the time of the last "evict everything": read at the same time as the entry (pipelined on
        // the same connection), so a hit costs one round trip, not two. Never faults (a failure reads as "unknown").
        Task<(bool Read, long Ticks)> allEvicted = ReadEvictionTimeAsync(TagInvalidations.AllTag, cancellationToken);
        byte[]? data;
        try
        {
            data = await _distributed!.GetAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            HybridCacheLog.L2Failed(_logger, "get", ex);
            return default;
        }

        if (data is null)
        {
            return default;
        }

        if (!HybridPayload.TryRead(data, out HybridPayload payload, out string reason))
        {
            HybridCacheLog.L2PayloadInvalid(_logger, key, reason, null);
            return default;
        }

        long now = UtcTicks();
        long keepUntil = After(payload.ExpiresTicks, _failSafe);
        if (keepUntil <= now || !await TagsCurrentAsync(payload, allEvicted, cancellationToken).ConfigureAwait(false))
        {
            return default;
        }

        T value;
        try
        {
            value = _serializers.Get<T>().Deserialize(new ReadOnlySequence<byte>(payload.Value));
        }
        catch (Exception ex)
        {
            HybridCacheLog.L2PayloadInvalid(_logger, key, "the value does not deserialize as " + typeof(T).Name, ex);
            return default;
        }

        if (payload.ExpiresTicks <= now)
        {
            return (false, default, new HybridFallback<T>(value, payload.Tags, payload.CreatedTicks, keepUntil));
        }

        if ((flags & HybridCacheEntryFlags.DisableLocalCacheWrite) == 0)
        {
            TimeSpan remaining = TimeSpan.FromTicks(payload.ExpiresTicks - now);
            long expires = After(now, LocalExpirationOf(options, remaining));
            SetLocal(key, value, payload.Value.Span, payload.Tags, payload.CreatedTicks, expires, Math.Min(After(expires, _failSafe), keepUntil), RefreshAfter(payload.CreatedTicks, expires));
        }

        return (true, value, null);
    }

    // Reads the eviction times of the entry's tags from the L2 (evictions on other instances) with the one of "*" read
    // beside the entry, then checks them with the ones known here. When one cannot be read the entry is not served: it
    // may have been evicted.
    private async ValueTask<bool> TagsCurrentAsync(HybridPayload payload, Task<(bool Read, long Ticks)> allEvicted, CancellationToken cancellationToken)
    {
        var reads = new Task<(bool Read, long Ticks)>[payload.Tags.Length + 1];
        reads[0] = allEvicted;
        for (int i = 0; i < payload.Tags.Length; i++)
        {
            reads[i + 1] = ReadEvictionTimeAsync(payload.Tags[i], cancellationToken);
        }

        await Task.WhenAll(reads).ConfigureAwait(false);
        foreach (Task<(bool Read, long Ticks)> read in reads)
        {
            if (!read.Result.Read)
            {
                return false;
            }
        }

        _tags.Raise(TagInvalidations.AllTag, reads[0].Result.Ticks);
        for (int i = 0; i < payload.Tags.Length; i++)
        {
            _tags.Raise(payload.Tags[i], reads[i + 1].Result.Ticks);
        }

        return _tags.IsCurrent(payload.Tags, payload.CreatedTicks);
    }

    /// <summary>Reads when <paramref name="tag"/> was last evicted from the L2; <c>Read</c> is false when the L2 failed (logged).</summary>
    private async Task<(bool Read, long Ticks)> ReadEvictionTimeAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            byte[]? time = await _distributed!.GetAsync(TagInvalidations.L2Key(tag), cancellationToken).ConfigureAwait(false);
            return (true, TagInvalidations.Decode(time));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            HybridCacheLog.L2Failed(_logger, "get tags", ex);
            return (false, 0);
        }
    }
}
