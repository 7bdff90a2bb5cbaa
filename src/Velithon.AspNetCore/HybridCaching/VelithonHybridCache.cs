using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Velithon.Memory;

namespace Velithon.AspNetCore.HybridCaching;

/// <summary>
/// Microsoft's <see cref="HybridCache"/> contract on Velithon's parts: a <see cref="MemoryBoundedCache{TKey, TValue}"/>
/// L1 bounded by entries and bytes, the registered <see cref="IDistributedCache"/> as the L2, one factory run per key
/// at a time on each instance, and tag evictions that reach every instance sharing the L2. Register it with
/// <c>services.AddVelithonHybridCache(...)</c> in place of <c>services.AddHybridCache(...)</c>.
/// </summary>
/// <remarks>
/// An L1 hit of an immutable type (<see cref="string"/>, a type without references, a sealed
/// <c>[ImmutableObject(true)]</c> type) returns the stored value synchronously without allocating; other types are
/// deserialized afresh on each hit, as with Microsoft's. L2 entries carry their creation and expiry times and tags and
/// a checksum: a corrupt, foreign or expired L2 value is a miss (logged), and an L2 that fails is skipped (logged);
/// neither reaches the caller.
/// </remarks>
public sealed partial class VelithonHybridCache : HybridCache, IDisposable
{
    private static readonly TimeSpan DefaultExpiration = TimeSpan.FromMinutes(5);

    // What char.IsControl accepts (C0, DEL and C1), searched in one vectorized pass on every call.
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)));

    private readonly MemoryBoundedCache<string, LocalEntry> _local;
    private readonly IDistributedCache? _distributed;
    private readonly HybridSerializers _serializers;
    private readonly TagInvalidations _tags = new();
    private readonly ConcurrentDictionary<(string Key, HybridCacheEntryFlags Flags), object> _flights = new();
    private readonly TimeProvider _time;
    private readonly HybridL1Clock _l1Clock;
    private readonly bool _systemClock;
    private readonly ILogger _logger;
    private readonly long _maximumPayloadBytes;
    private readonly int _maximumKeyLength;
    private readonly TimeSpan _defaultExpiration;
    private readonly TimeSpan _defaultLocalExpiration;
    private readonly HybridCacheEntryFlags _defaultFlags;
    private readonly HybridCacheEntryFlags _hardFlags;
    private readonly IVelithonHybridEvictionBus? _bus;
    private readonly TimeSpan _failSafe;
    private readonly TimeSpan _failSafeThrottle;
    private readonly TimeSpan _softTimeout;
    private readonly TimeSpan _hardTimeout;
    private readonly double? _eagerRefreshThreshold;
    private readonly IDisposable? _registration;

    internal VelithonHybridCache(IOptions<VelithonHybridCacheOptions> options, IServiceProvider services, ILogger<VelithonHybridCache> logger, TimeProvider? timeProvider)
    {
        VelithonHybridCacheOptions o = options.Value;
        _time = timeProvider ?? TimeProvider.System;
        _l1Clock = new HybridL1Clock(_time);
        _systemClock = ReferenceEquals(_time, TimeProvider.System);
        _logger = logger;
        _maximumPayloadBytes = o.MaximumPayloadBytes;
        _maximumKeyLength = o.MaximumKeyLength;
        _defaultExpiration = o.DefaultEntryOptions?.Expiration ?? DefaultExpiration;
        _defaultLocalExpiration = o.DefaultEntryOptions?.LocalCacheExpiration ?? _defaultExpiration;
        _defaultFlags = o.DefaultEntryOptions?.Flags ?? HybridCacheEntryFlags.None;
        _failSafe = o.FailSafeMaxDuration;
        _failSafeThrottle = o.FailSafeThrottleDuration;
        _softTimeout = o.FactorySoftTimeout;
        _hardTimeout = o.FactoryHardTimeout;
        _eagerRefreshThreshold = o.EagerRefreshThreshold;
        _serializers = new HybridSerializers(services);
        _local = new MemoryBoundedCache<string, LocalEntry>(new MemoryBoundedCacheOptions<string, LocalEntry>
        {
            MaxEntries = o.MaxLocalEntries,
            MaxMemoryBytes = o.MaxLocalMemoryBytes,
            TimeProvider = _l1Clock,
            KeyComparer = StringComparer.Ordinal,
            ValueSizer = static entry => LocalEntryOverhead + entry.Size + (entry.Payload is null ? 0 : 24),
        });

        IDistributedCache? distributed = o.DistributedCacheServiceKey is null
            ? services.GetService<IDistributedCache>()
            : services.GetKeyedService<IDistributedCache>(o.DistributedCacheServiceKey);

        // As with Microsoft's: an in-process IDistributedCache is no second level, only a second copy in memory.
        _distributed = distributed?.GetType() == typeof(MemoryDistributedCache) ? null : distributed;
        if (o.EvictionBus is { } busFactory)
        {
            _bus = busFactory(services);
            _distributed ??= _bus.DistributedCache;
            _bus.Start(
                key =>
                {
                    _local.TryRemove(key);
                    EvictionHeard?.Invoke(key);
                },
                (tag, ticks) =>
                {
                    _tags.Raise(tag, ticks);
                    EvictionHeard?.Invoke(tag);
                });
        }

        _hardFlags = _distributed is null ? HybridCacheEntryFlags.DisableDistributedCache : HybridCacheEntryFlags.None;

        // With AddVelithonMemory, the handler's stats, health, meter and cleanup cover the L1 too.
        _registration = services.GetService<IVelithonMemory>()?.RegisterCache(MemoryCacheName, new HybridLocalRegistration(_local, _l1Clock));
    }

    /// <summary>The name the L1 is registered under with <see cref="IVelithonMemory.RegisterCache"/>.</summary>
    internal const string MemoryCacheName = "hybrid";

    // The last UTC time in ticks: expiry times saturate here (see After).
    private static readonly long MaxUtcTicks = DateTimeOffset.MaxValue.UtcTicks;

    // The longest relative expiration given to the L2 (see L2Lifetime): 100 years, "forever" for a cache, and within
    // DateTimeOffset's range from any clock before the year 9899.
    private static readonly TimeSpan MaxL2Lifetime = TimeSpan.FromDays(36_500);

    // The entry object (its times included), its tags array, and the boxed value or payload array headers.
    private const long LocalEntryOverhead = 136;

    // How far Environment.TickCount64 may lag the real time (one scheduler tick: 1-10 ms on Linux, 15.6 ms on Windows),
    // with room to spare: a hit within this much of an entry's expiry or refresh time reads the precise clock.
    private const long FastWindowMarginMilliseconds = 100;

    /// <summary>Gets the entries in the L1 (for tests and stats).</summary>
    internal int LocalCount => _local.Count;

    /// <summary>Gets whether an L2 is in use.</summary>
    internal bool HasDistributedCache => _distributed is not null;

    /// <summary>Completes once the eviction bus listens (at once without one): for tests.</summary>
    internal Task EvictionBusReady => _bus?.Subscribed ?? Task.CompletedTask;

    /// <summary>Raised with the key or tag of each eviction heard from another instance, after it is applied: for tests.</summary>
    internal event Action<string>? EvictionHeard;

    /// <summary>Disposes the eviction bus (<see cref="VelithonHybridCacheOptions.EvictionBus"/>), closing the connection it opened, if any.</summary>
    public void Dispose()
    {
        _registration?.Dispose();
        _bus?.Dispose();
    }

    /// <inheritdoc />
    public override ValueTask<T> GetOrCreateAsync<TState, T>(
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        HybridCacheEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(factory);

        // Only valid keys are ever stored, so a hit needs no key check: the L1 is read first. The common hit has no tag
        // evicted since its tags were last checked and is well before its expiry by a coarse clock reading: it reads no
        // precise clock and completes synchronously.
        HybridCacheEntryFlags flags = FlagsOf(options);
        if ((flags & HybridCacheEntryFlags.DisableLocalCacheRead) == 0 && key.Length <= _maximumKeyLength
            && _local.TryGet(key, out LocalEntry? entry) && entry.Type == typeof(T))
        {
            if (Volatile.Read(ref entry.TagVersion) == _tags.Version && Environment.TickCount64 < entry.FastUntilTick)
            {
                return new ValueTask<T>(Read<T>(entry));
            }
        }
        else
        {
            entry = null;
        }

        return GetOrCreateSlow(key, state, factory, options, tags, flags, entry, cancellationToken);
    }

    /// <summary>The rest of <see cref="GetOrCreateAsync"/>: the key check, an L1 entry of type <typeparamref name="T"/> checked with the clocks, or a load.</summary>
    private ValueTask<T> GetOrCreateSlow<TState, T>(
        string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, HybridCacheEntryOptions? options, IEnumerable<string>? tags, HybridCacheEntryFlags flags, LocalEntry? entry, CancellationToken cancellationToken)
    {
        if (!IsValidKey(key))
        {
            return factory(state, cancellationToken);
        }

        if (entry is not null && IsUsable(key, entry))
        {
            T value = Read<T>(entry);
            long refreshAfter = Volatile.Read(ref entry.RefreshAfterTicks);
            if (refreshAfter != long.MaxValue && refreshAfter <= UtcTicks())
            {
                StartEagerRefresh(entry, key, state, factory, options, tags, flags);
            }

            return new ValueTask<T>(value);
        }

        // As Microsoft's: a caller that has already gone starts no load (the factory would run for nobody).
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        return LoadSharedAsync(key, state, factory, options, TagsOf(tags), flags, cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask SetAsync<T>(string key, T value, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsValidKey(key))
        {
            return;
        }

        // As Microsoft's: a lifetime that is not positive stores nothing, in either level, and does not throw.
        if (!IsPositive(ExpirationOf(options)) || !IsPositive(options?.LocalCacheExpiration ?? _defaultLocalExpiration))
        {
            return;
        }

        HybridCacheEntryFlags flags = FlagsOf(options);
        await StoreAsync(key, value, options, TagsOf(tags), flags, UtcTicks(), cancellationToken).ConfigureAwait(false);

        // Other instances' L1 copies are older than this value: they drop them and read the new one from the L2.
        if (_bus is not null && (flags & HybridCacheEntryFlags.DisableDistributedCacheWrite) == 0)
        {
            await _bus.PublishKeyRemovedAsync(key).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        _local.TryRemove(key);
        if (_distributed is not null)
        {
            await _distributed.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
        }

        if (_bus is not null)
        {
            await _bus.PublishKeyRemovedAsync(key).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// <c>"*"</c> evicts every entry. The eviction time is kept here and written to the L2, where every instance reads
    /// it with the entries of that tag, and published on the eviction bus (e.g. Redis) when there is one, so the other
    /// instances drop their L1 copies too; an L2 or a bus that fails to take it throws, as an eviction must not be lost
    /// silently.
    /// </remarks>
    public override async ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(tag))
        {
            return;
        }

        long now = UtcTicks();
        _tags.Raise(tag, now);
        if (_distributed is not null)
        {
            await _distributed.SetAsync(TagInvalidations.L2Key(tag), TagInvalidations.Encode(now), new DistributedCacheEntryOptions(), cancellationToken).ConfigureAwait(false);
        }

        if (_bus is not null)
        {
            await _bus.PublishTagEvictedAsync(tag, now).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool TryGetLocal<T>(string key, out T value)
    {
        if (_local.TryGet(key, out LocalEntry? entry) && entry.Type == typeof(T) && IsUsable(key, entry))
        {
            value = Read<T>(entry);
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Whether an entry the L1 returned is still kept and fresh, of tags not evicted since it was made (reading the clocks).</summary>
    private bool IsUsable(string key, LocalEntry entry)
    {
        if (!TagsCurrent(key, entry))
        {
            return false;
        }

        if (Environment.TickCount64 < entry.FastUntilTick)
        {
            return true;
        }

        // The L1's own clock may lag (HybridL1Clock): its lifetime is checked here. Once the clock is brought up to
        // date, the L1 drops the entry at its next lookup.
        if (_l1Clock.Refresh() >= entry.KeepUntilTimestamp)
        {
            return false;
        }

        // Without fail-safe the L1 lets an entry go at its expiry; with it, an expired entry is only a fallback.
        return _failSafe == TimeSpan.Zero || entry.ExpiresTicks > UtcTicks();
    }

    /// <summary>Whether no tag of the entry (nor <c>"*"</c>) was evicted since it was made; an entry that is stale is removed.</summary>
    private bool TagsCurrent(string key, LocalEntry entry)
    {
        // Read before the check: an eviction during it raises the version, so the next hit checks again.
        long version = _tags.Version;
        if (Volatile.Read(ref entry.TagVersion) == version)
        {
            return true;
        }

        if (_tags.IsCurrent(entry.Tags, entry.CreatedTicks))
        {
            Volatile.Write(ref entry.TagVersion, version);
            return true;
        }

        _local.TryRemove(key);
        return false;
    }

    /// <summary>Finds an expired L1 entry of <paramref name="key"/> that fail-safe still keeps, of a tag not evicted since.</summary>
    private bool TryGetLocalFallback<T>(string key, out HybridFallback<T> fallback)
    {
        if (_local.TryGet(key, out LocalEntry? entry) && entry.Type == typeof(T)
            && _l1Clock.Refresh() < entry.KeepUntilTimestamp && entry.KeepUntilTicks > UtcTicks()
            && _tags.IsCurrent(entry.Tags, entry.CreatedTicks))
        {
            fallback = new HybridFallback<T>(Read<T>(entry), entry.Tags, entry.CreatedTicks, entry.KeepUntilTicks);
            return true;
        }

        fallback = default;
        return false;
    }

    /// <summary>The value of an entry whose <see cref="LocalEntry.Type"/> is <typeparamref name="T"/>.</summary>
    private T Read<T>(LocalEntry entry)
    {
        if (entry.Payload is not null)
        {
            return _serializers.Get<T>().Deserialize(new ReadOnlySequence<byte>(entry.Payload));
        }

        if (typeof(T).IsValueType)
        {
            return (T)entry.Value!;
        }

        // Stored as a T and its type checked by the caller: no cast check needed.
        object? value = entry.Value;
        return Unsafe.As<object?, T>(ref value);
    }

    private async ValueTask<T> LoadSharedAsync<TState, T>(
        string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, HybridCacheEntryOptions? options, string[] tags, HybridCacheEntryFlags flags, CancellationToken cancellationToken)
    {
        var flightKey = (key, flags);
        while (true)
        {
            if (_flights.TryGetValue(flightKey, out object? existing))
            {
                if (existing is not HybridFlight<T> running)
                {
                    // The same key asked for as another type at the same time: not shared (the types cannot be).
                    return await LoadAsync(key, state, factory, options, tags, flags, cancellationToken).ConfigureAwait(false);
                }

                if (running.TryJoin())
                {
                    return await running.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                _flights.TryRemove(KeyValuePair.Create(flightKey, existing)); // Abandoned by all its callers.
                continue;
            }

            var flight = new HybridFlight<T>();
            if (_flights.TryAdd(flightKey, flight))
            {
                _ = RunAsync(flight, flightKey, key, state, factory, options, tags, flags);
                return await flight.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunAsync<TState, T>(
        HybridFlight<T> flight, (string, HybridCacheEntryFlags) flightKey, string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, HybridCacheEntryOptions? options, string[] tags, HybridCacheEntryFlags flags)
    {
        try
        {
            T value = await LoadAsync(key, state, factory, options, tags, flags, flight.Token).ConfigureAwait(false);
            _flights.TryRemove(KeyValuePair.Create<(string, HybridCacheEntryFlags), object>(flightKey, flight));
            flight.Complete(value);
        }
        catch (Exception ex)
        {
            _flights.TryRemove(KeyValuePair.Create<(string, HybridCacheEntryFlags), object>(flightKey, flight));
            flight.Fail(ex);
        }
    }

    private async ValueTask<T> LoadAsync<TState, T>(
        string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, HybridCacheEntryOptions? options, string[] tags, HybridCacheEntryFlags flags, CancellationToken cancellationToken)
    {
        // A caller that waited for another load of this key may find the value that load stored.
        HybridFallback<T> fallback = default;
        bool hasFallback = false;
        if ((flags & HybridCacheEntryFlags.DisableLocalCacheRead) == 0)
        {
            if (TryGetLocal(key, out T local))
            {
                return local;
            }

            hasFallback = _failSafe > TimeSpan.Zero && TryGetLocalFallback(key, out fallback);
        }

        if ((flags & HybridCacheEntryFlags.DisableDistributedCacheRead) == 0)
        {
            (bool found, T? distributed, HybridFallback<T>? stale) = await TryGetDistributedAsync<T>(key, options, flags, cancellationToken).ConfigureAwait(false);
            if (found)
            {
                return distributed!;
            }

            if (!hasFallback && stale is { } kept)
            {
                (fallback, hasFallback) = (kept, true);
            }
        }

        if ((flags & HybridCacheEntryFlags.DisableUnderlyingData) != 0)
        {
            return default!;
        }

        // Stamped before the factory runs: a tag evicted while it runs makes its value stale.
        long created = UtcTicks();
        Task<T> run = RunFactoryAsync(key, state, factory, options, tags, flags, created, cancellationToken);

        // The soft timeout only applies when there is a kept value to return; the hard one always does.
        TimeSpan wait = hasFallback ? Shorter(_softTimeout, _hardTimeout) : _hardTimeout;
        try
        {
            return wait == Timeout.InfiniteTimeSpan
                ? await run.ConfigureAwait(false)
                : await run.WaitAsync(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!run.IsCompleted)
        {
            LogBackgroundFailure(run, key);
            string setting = wait == _softTimeout ? nameof(VelithonHybridCacheOptions.FactorySoftTimeout) : nameof(VelithonHybridCacheOptions.FactoryHardTimeout);
            if (!hasFallback)
            {
                HybridCacheLog.HardTimeout(_logger, key, wait.TotalSeconds);
                throw new TimeoutException(
                    $"The HybridCache factory for key '{key}' ran past {setting} ({wait.TotalSeconds} s) and no value is kept " +
                    "by fail-safe; it goes on in the background and stores its value when it completes.");
            }

            HybridCacheLog.FactoryTimeout(_logger, key, setting);
            return fallback.Value;
        }
        catch (Exception ex) when (hasFallback && !cancellationToken.IsCancellationRequested)
        {
            HybridCacheLog.FailSafeActivated(_logger, key, _failSafeThrottle.TotalSeconds, ex);
            // A value stored since the kept one was read (a factory that ran past its timeout and completed meanwhile)
            // is newer: the kept one must not replace it.
            if ((flags & HybridCacheEntryFlags.DisableLocalCacheWrite) == 0
                && !(_local.TryGet(key, out LocalEntry? current) && current.CreatedTicks > fallback.CreatedTicks))
            {
                // Fresh again for the throttle, so the failing factory is not called on every request; never past the limit.
                var buffer = new ArrayBufferWriter<byte>();
                _serializers.Get<T>().Serialize(fallback.Value, buffer);
                long now = UtcTicks();
                SetLocal(key, fallback.Value, buffer.WrittenSpan, fallback.Tags, fallback.CreatedTicks, Math.Min(After(now, _failSafeThrottle), fallback.KeepUntilTicks), fallback.KeepUntilTicks, refreshAfterTicks: long.MaxValue);
            }

            return fallback.Value;
        }
    }

    private async Task<T> RunFactoryAsync<TState, T>(
        string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, HybridCacheEntryOptions? options, string[] tags, HybridCacheEntryFlags flags, long created, CancellationToken cancellationToken)
    {
        T value = await factory(state, cancellationToken).ConfigureAwait(false);

        // As Microsoft's (its memory cache refuses them): a lifetime that is not positive fails the call, the value is
        // not stored. SetAsync with one stores nothing and does not throw, as Microsoft's.
        ThrowIfNotPositive(ExpirationOf(options), nameof(HybridCacheEntryOptions.Expiration));
        ThrowIfNotPositive(options?.LocalCacheExpiration ?? _defaultLocalExpiration, nameof(HybridCacheEntryOptions.LocalCacheExpiration));
        await StoreAsync(key, value, options, tags, flags, created, cancellationToken).ConfigureAwait(false);
        return value;
    }

    private static bool IsPositive(TimeSpan lifetime) => lifetime > TimeSpan.Zero;

    private static void ThrowIfNotPositive(TimeSpan lifetime, string name)
    {
        if (!IsPositive(lifetime))
        {
            throw new ArgumentOutOfRangeException(name, lifetime, "The relative expiration value must be positive.");
        }
    }

    private static TimeSpan Shorter(TimeSpan a, TimeSpan b) =>
        a == Timeout.InfiniteTimeSpan ? b : b == Timeout.InfiniteTimeSpan ? a : (a < b ? a : b);

    private void LogBackgroundFailure<T>(Task<T> run, string key) =>
        _ = run.ContinueWith(
            static (task, state) =>
            {
                (ILogger logger, string key) = ((ILogger, string))state!;
                HybridCacheLog.BackgroundFactoryFailed(logger, key, task.Exception!.GetBaseException());
            },
            (_logger, key),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>
    /// Runs the factory of a value that is still fresh but past <see cref="VelithonHybridCacheOptions.EagerRefreshThreshold"/>,
    /// in the background, as the key's one load: callers that miss meanwhile wait for it, hits go on returning the
    /// current value, and its value replaces the entry in both levels. A failure is logged and ends eager refreshes
    /// of this entry, which then expires as usual (fail-safe applies then). The factory runs after the call that
    /// started it has returned, with that call's state.
    /// </summary>
    private void StartEagerRefresh<TState, T>(
        LocalEntry entry, string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, HybridCacheEntryOptions? options, IEnumerable<string>? tags, HybridCacheEntryFlags flags)
    {
        if ((flags & HybridCacheEntryFlags.DisableUnderlyingData) != 0)
        {
            return;
        }

        var flightKey = (key, flags);
        if (_flights.ContainsKey(flightKey))
        {
            return; // A load of this key is already running; its value replaces the entry.
        }

        // Checked before the flight is registered: a flight left registered by a throw would never complete.
        string[] tagList = TagsOf(tags);

        var flight = new HybridFlight<T>();
        if (!_flights.TryAdd(flightKey, flight))
        {
            return;
        }

        // Once per entry: the refresh replaces it, or (flags that keep it out of the L1, a failure) it expires as usual.
        Volatile.Write(ref entry.RefreshAfterTicks, long.MaxValue);
        HybridCacheLog.EagerRefreshStarted(_logger, key);
        _ = RefreshAsync(entry, flight, flightKey, key, state, factory, options, tagList, flags);
    }

    private async Task RefreshAsync<TState, T>(
        LocalEntry entry, HybridFlight<T> flight, (string, HybridCacheEntryFlags) flightKey, string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, HybridCacheEntryOptions? options, string[] tags, HybridCacheEntryFlags flags)
    {
        await Task.Yield(); // The hit that started it returns first.
        try
        {
            T value = await RunFactoryAsync(key, state, factory, options, tags, flags, UtcTicks(), flight.Token).ConfigureAwait(false);
            _flights.TryRemove(KeyValuePair.Create<(string, HybridCacheEntryFlags), object>(flightKey, flight));
            flight.Complete(value);
        }
        catch (Exception ex)
        {
            _flights.TryRemove(KeyValuePair.Create<(string, HybridCacheEntryFlags), object>(flightKey, flight));
            HybridCacheLog.EagerRefreshFailed(_logger, key, ex);

            // Callers that missed and joined meanwhile get the current value, as a hit would have given them.
            if (entry.Type == typeof(T) && entry.ExpiresTicks > UtcTicks())
            {
                flight.Complete(Read<T>(entry));
            }
            else
            {
                flight.Fail(ex);
            }
        }
    }

    private HybridCacheEntryFlags FlagsOf(HybridCacheEntryOptions? options) => (options?.Flags ?? _defaultFlags) | _hardFlags;

    private TimeSpan ExpirationOf(HybridCacheEntryOptions? options) => options?.Expiration ?? _defaultExpiration;

    private TimeSpan LocalExpirationOf(HybridCacheEntryOptions? options, TimeSpan expiration)
    {
        TimeSpan local = options?.LocalCacheExpiration ?? _defaultLocalExpiration;
        return local < expiration ? local : expiration;
    }

    private long UtcTicks() => _time.GetUtcNow().UtcTicks;

    // As Microsoft's: an empty or null tag, or the reserved "*" (RemoveByTagAsync's "every entry"), is an ArgumentException.
    private static string[] TagsOf(IEnumerable<string>? tags)
    {
        if (tags is null)
        {
            return [];
        }

        var list = new List<string>();
        foreach (string tag in tags)
        {
            if (string.IsNullOrEmpty(tag))
            {
                throw new ArgumentException("Tags cannot be empty.", nameof(tags));
            }

            if (tag == TagInvalidations.AllTag)
            {
                throw new ArgumentException($"The tag '{TagInvalidations.AllTag}' is reserved and cannot be used in this context.", nameof(tags));
            }

            if (!list.Contains(tag))
            {
                list.Add(tag);
            }
        }

        return list.Count == 0 ? [] : list.ToArray();
    }

    private bool IsValidKey(string key)
    {
        if (key.Length > _maximumKeyLength)
        {
            HybridCacheLog.KeyTooLong(_logger, key.Length, _maximumKeyLength);
            return false;
        }

        if (key.AsSpan().ContainsAny(ControlCharacters))
        {
            HybridCacheLog.KeyInvalidContent(_logger);
            return false;
        }

        return true;
    }
}
