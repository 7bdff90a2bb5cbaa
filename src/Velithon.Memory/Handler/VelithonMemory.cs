using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Velithon.Memory.Diagnostics;

namespace Velithon.Memory;

/// <summary>
/// The default <see cref="IVelithonMemory"/>. Under DI, <c>AddVelithonMemory</c> registers one as a singleton;
/// without DI, use <see cref="Default"/>.
/// </summary>
public sealed class VelithonMemory : IVelithonMemory, IDisposable
{
    /// <summary>The name of the meter all Velithon memory instruments live on (pass it to OpenTelemetry's <c>AddMeter</c>).</summary>
    public const string MeterName = "Velithon.Memory";

    /// <summary>The name <see cref="ResponseCache"/> is registered under (in <see cref="VelithonMemoryStats.Caches"/> and on the meter).</summary>
    public const string ResponseCacheName = "responses";

    private static readonly Lazy<VelithonMemory> s_default = new(() => new VelithonMemory(new VelithonMemoryOptions()));

    private readonly VelithonMemoryOptions _options;
    private readonly IBackgroundTaskQueue? _tasks;
    private readonly TimeProvider _timeProvider;
    private readonly VelithonMemoryMetrics _metrics;
    private readonly Meter? _ownedMeter;
    private readonly CacheRegistry _caches = new();

    /// <summary>Creates a handler from <paramref name="options"/>, which are validated first.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="meterFactory">Creates the <c>Velithon.Memory</c> meter; <see langword="null"/>: the handler owns a meter of its own.</param>
    /// <param name="tasks">A background task queue whose figures the snapshot includes, if any.</param>
    /// <param name="timeProvider">The clock for snapshots and cache expiry; <see langword="null"/>: <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names each bad setting.</exception>
    public VelithonMemory(
        VelithonMemoryOptions options,
        IMeterFactory? meterFactory = null,
        IBackgroundTaskQueue? tasks = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptionsResult validation = VelithonMemoryOptionsValidator.Instance.Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(VelithonMemoryOptions), validation.Failures);
        }

        _options = options;
        _tasks = tasks;
        _timeProvider = timeProvider ?? TimeProvider.System;

        Pool = options.PoolMaxArraysPerBucket is null && options.PoolMaxArrayLength is null
            ? VelithonMemoryPool.Shared
            : new VelithonMemoryPool(
                options.PoolMaxArrayLength ?? VelithonMemoryPool.DefaultMaxArrayLength,
                options.PoolMaxArraysPerBucket ?? VelithonMemoryPool.DefaultMaxArraysPerBucket);

        Interner = options.InternerMaxCount is null && options.InternerMaxStringLength is null
            ? StringInterner.Shared
            : new StringInterner(new StringInternerOptions
            {
                MaxCount = options.InternerMaxCount ?? new StringInternerOptions().MaxCount,
                MaxStringLength = options.InternerMaxStringLength ?? new StringInternerOptions().MaxStringLength,
            });

        ResponseCache = new MemoryBoundedCache<string, byte[]>(new MemoryBoundedCacheOptions<string, byte[]>
        {
            MaxEntries = options.ResponseCacheMaxEntries,
            MaxMemoryBytes = options.ResponseCacheMaxMemoryBytes,
            TimeToLive = options.ResponseCacheTimeToLive,
            TimeProvider = _timeProvider,
            KeyComparer = StringComparer.Ordinal,
        });
        _caches.Add(ResponseCacheName, ResponseCache);

        Meter meter;
        if (meterFactory is null)
        {
            meter = _ownedMeter = new Meter(MeterName);
        }
        else
        {
            meter = meterFactory.Create(MeterName);
        }

        _metrics = new VelithonMemoryMetrics(meter, this, _caches, tasks);
    }

    /// <summary>Gets the process-wide handler for code without DI: default options, the shared pool and interner.</summary>
    public static VelithonMemory Default => s_default.Value;

    /// <inheritdoc />
    public VelithonMemoryPool Pool { get; }

    /// <inheritdoc />
    public StringInterner Interner { get; }

    /// <inheritdoc />
    public MemoryBoundedCache<string, byte[]> ResponseCache { get; }

    /// <summary>Gets the options the handler was built with.</summary>
    public VelithonMemoryOptions Options => _options;

    internal VelithonMemoryMetrics Metrics => _metrics;

    /// <inheritdoc />
    public bool CacheResponse(string key, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _options.EnableResponseCaching && ResponseCache.Set(key, body.ToArray());
    }

    /// <inheritdoc />
    public bool TryGetCachedResponse(string key, out ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (ResponseCache.TryGet(key, out byte[]? stored))
        {
            body = stored;
            return true;
        }

        body = default;
        return false;
    }

    /// <inheritdoc />
    public IDisposable RegisterCache(string name, IMemoryBoundedCache cache)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(cache);
        return _caches.Add(name, cache);
    }

    /// <inheritdoc />
    public VelithonMemoryStats GetStats()
    {
        GcMemoryStats gc = GcMemoryStats.Capture();
        CacheRegistry.Registration[] registered = _caches.Current;
        var caches = new NamedCacheStats[registered.Length];
        CacheStats responseCache = default;
        for (int i = 0; i < registered.Length; i++)
        {
            caches[i] = new NamedCacheStats { Name = registered[i].Name, Stats = registered[i].Cache.GetStats() };
            if (ReferenceEquals(registered[i].Cache, ResponseCache))
            {
                responseCache = caches[i].Stats;
            }
        }

        return new VelithonMemoryStats
        {
            Timestamp = _timeProvider.GetUtcNow(),
            Pool = Pool.GetStats(),
            Interner = Interner.GetStats(),
            ResponseCache = responseCache,
            Caches = Array.AsReadOnly(caches),
            Tasks = _tasks?.GetStats(),
            Gc = gc,
            UnderPressure = IsUnderPressure(gc),
        };
    }

    /// <inheritdoc />
    public MemoryCleanupResult Cleanup()
    {
        long started = Stopwatch.GetTimestamp();
        long heapBefore = GC.GetTotalMemory(forceFullCollection: false);
        bool underPressure = IsUnderPressure(GcMemoryStats.Capture());

        long poolTrimmed = Pool.Trim();

        int cacheRemoved = 0;
        long cacheBytesFreed = 0;
        foreach (CacheRegistry.Registration registration in _caches.Current)
        {
            (int removed, long freed) = CleanUp(registration.Cache, underPressure);
            cacheRemoved += removed;
            cacheBytesFreed += freed;
        }

        if (_options.CleanupCollectsGarbage)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: underPressure);
            GC.WaitForPendingFinalizers();
        }

        int internerRemoved = Interner.Cleanup();

        var result = new MemoryCleanupResult
        {
            PoolBytesTrimmed = poolTrimmed,
            InternerEntriesRemoved = internerRemoved,
            CacheEntriesRemoved = cacheRemoved,
            CacheBytesFreed = cacheBytesFreed,
            CollectedGarbage = _options.CleanupCollectsGarbage,
            UnderPressure = underPressure,
            HeapBytesBefore = heapBefore,
            HeapBytesAfter = GC.GetTotalMemory(forceFullCollection: false),
            Duration = Stopwatch.GetElapsedTime(started),
        };
        _metrics.RecordCleanup(result);
        return result;
    }

    /// <summary>Drops the expired entries of <paramref name="cache"/> and, under pressure, trims it to the cleanup target.</summary>
    private (int Removed, long BytesFreed) CleanUp(IMemoryBoundedCache cache, bool underPressure)
    {
        long bytesBefore = cache.MemoryBytes;
        long evictionsBefore = cache.GetStats().Evictions;
        int removed = cache.RemoveExpired();
        if (underPressure)
        {
            long target = (long)(cache.MaxMemoryBytes * (_options.CleanupCacheTargetPercent / 100d));
            cache.Trim(target);
            removed += (int)(cache.GetStats().Evictions - evictionsBefore);
        }

        return (removed, Math.Max(0, bytesBefore - cache.MemoryBytes));
    }

    /// <summary>Releases the meter when the handler owns it.</summary>
    public void Dispose() => _ownedMeter?.Dispose();

    private bool IsUnderPressure(in GcMemoryStats gc) =>
        gc.TotalAvailableMemoryBytes > 0 && gc.MemoryLoadPercent >= _options.MemoryLoadPressurePercent;
}
