using Velithon.Memory;

namespace Velithon.AspNetCore.Tests;

/// <summary>An <see cref="IVelithonMemory"/> whose figures a test sets and whose cleanups it counts.</summary>
internal sealed class FakeMemory : IVelithonMemory
{
    private readonly IVelithonMemory _real = VelithonMemory.Default;
    private int _cleanups;

    public double MemoryLoadPercent { get; set; }

    public long TotalMemoryBytes { get; set; } = 64L * 1024 * 1024;

    public long CacheMemoryBytes { get; set; }

    /// <summary>Gets or sets the caches' configured byte bound (0: unset, as before bounds were reported here).</summary>
    public long CacheMaxMemoryBytes { get; set; }

    public long CacheHits { get; set; }

    public long CacheMisses { get; set; }

    public bool UnderPressure { get; set; }

    public BackgroundTaskQueueStats? Tasks { get; set; }

    public int Cleanups => Volatile.Read(ref _cleanups);

    public int StatsTaken { get; private set; }

    /// <summary>Gets or sets what <see cref="Cleanup"/> does before it counts (for example, wait for a test's signal).</summary>
    public Action? BeforeCleanup { get; set; }

    public VelithonMemoryPool Pool => _real.Pool;

    public StringInterner Interner => _real.Interner;

    public MemoryBoundedCache<string, byte[]> ResponseCache => _real.ResponseCache;

    public bool CacheResponse(string key, ReadOnlyMemory<byte> body) => _real.CacheResponse(key, body);

    public bool TryGetCachedResponse(string key, out ReadOnlyMemory<byte> body) => _real.TryGetCachedResponse(key, out body);

    /// <summary>Registrations are not kept: the figures are the test's.</summary>
    public IDisposable RegisterCache(string name, IMemoryBoundedCache cache) => NoRegistration.Instance;

    public VelithonMemoryStats GetStats()
    {
        StatsTaken++;
        var cache = new CacheStats { Hits = CacheHits, Misses = CacheMisses, MemoryBytes = CacheMemoryBytes, MaxMemoryBytes = CacheMaxMemoryBytes, Entries = 3 };
        return new VelithonMemoryStats
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            Pool = default,
            Interner = default,
            ResponseCache = cache,
            Caches = [new NamedCacheStats { Name = VelithonMemory.ResponseCacheName, Stats = cache }],
            Tasks = Tasks,
            Gc = new GcMemoryStats { TotalMemoryBytes = TotalMemoryBytes, MemoryLoadPercent = MemoryLoadPercent },
            UnderPressure = UnderPressure,
        };
    }

    public MemoryCleanupResult Cleanup()
    {
        BeforeCleanup?.Invoke();
        Interlocked.Increment(ref _cleanups);
        return new MemoryCleanupResult { HeapBytesBefore = 10, HeapBytesAfter = 5 };
    }

    public async Task WaitForCleanupsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Cleanups < count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private sealed class NoRegistration : IDisposable
    {
        public static readonly NoRegistration Instance = new();

        public void Dispose()
        {
        }
    }
}
