using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Velithon.Memory.Tests.Handler;

public class CacheRegistrationTests
{
    private static MemoryBoundedCache<string, byte[]> NewCache(long maxBytes = 100_000, TimeProvider? time = null) => new(new MemoryBoundedCacheOptions<string, byte[]>
    {
        MaxEntries = 1000,
        MaxMemoryBytes = maxBytes,
        TimeToLive = TimeSpan.FromMinutes(1),
        TimeProvider = time ?? TimeProvider.System,
    });

    [Fact]
    public void A_handler_alone_lists_only_its_own_response_cache()
    {
        using var memory = new VelithonMemory(new VelithonMemoryOptions());
        memory.CacheResponse("a", new byte[100]);
        memory.TryGetCachedResponse("a", out _);

        VelithonMemoryStats stats = memory.GetStats();

        NamedCacheStats only = Assert.Single(stats.Caches);
        Assert.Equal(VelithonMemory.ResponseCacheName, only.Name);
        Assert.Equal(stats.ResponseCache, only.Stats);
        Assert.Equal(stats.ResponseCache, stats.CacheTotals);
    }

    [Fact]
    public void Registered_caches_are_listed_by_name_and_summed_until_unregistered()
    {
        using var memory = new VelithonMemory(new VelithonMemoryOptions());
        MemoryBoundedCache<string, byte[]> other = NewCache();
        memory.CacheResponse("a", new byte[100]);
        other.Set("b", new byte[300]);
        other.TryGet("b", out _);
        other.TryGet("missing", out _);

        IDisposable registration = memory.RegisterCache("other", other);
        VelithonMemoryStats stats = memory.GetStats();

        Assert.Equal([VelithonMemory.ResponseCacheName, "other"], stats.Caches.Select(c => c.Name));
        Assert.Equal(other.GetStats(), stats.Caches[1].Stats);
        Assert.Equal(stats.ResponseCache.MemoryBytes + other.MemoryBytes, stats.CacheTotals.MemoryBytes);
        Assert.Equal(stats.ResponseCache.MaxMemoryBytes + other.MaxMemoryBytes, stats.CacheTotals.MaxMemoryBytes);
        Assert.Equal(2, stats.CacheTotals.Entries);
        Assert.Equal((1L, 1L), (stats.CacheTotals.Hits, stats.CacheTotals.Misses));

        registration.Dispose();
        registration.Dispose();
        Assert.Single(memory.GetStats().Caches);
    }

    [Fact]
    public void A_name_is_registered_once()
    {
        using var memory = new VelithonMemory(new VelithonMemoryOptions());
        using IDisposable first = memory.RegisterCache("other", NewCache());

        ArgumentException ex = Assert.Throws<ArgumentException>(() => memory.RegisterCache("other", NewCache()));
        Assert.Contains("'other'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => memory.RegisterCache(VelithonMemory.ResponseCacheName, NewCache()));
        Assert.Throws<ArgumentException>(() => memory.RegisterCache(" ", NewCache()));
    }

    [Fact]
    public void Cleanup_sweeps_every_registered_cache_and_under_pressure_trims_each_to_its_own_target()
    {
        var time = new FakeTimeProvider();
        using var memory = new VelithonMemory(new VelithonMemoryOptions
        {
            MemoryLoadPressurePercent = 0.000001, // any load counts as pressure
            CleanupCacheTargetPercent = 50,
            CleanupCollectsGarbage = false,
        }, timeProvider: time);
        MemoryBoundedCache<string, byte[]> other = NewCache(100_000, time);
        using IDisposable registration = memory.RegisterCache("other", other);
        other.Set("expires", new byte[1000]);
        time.Advance(TimeSpan.FromMinutes(2));
        for (int i = 0; i < 80; i++)
        {
            other.Set($"key-{i}", new byte[1000]);
        }

        long before = other.MemoryBytes;
        MemoryCleanupResult result = memory.Cleanup();

        Assert.True(result.UnderPressure);
        Assert.True(other.MemoryBytes <= 50_000, $"bytes left {other.MemoryBytes}");
        Assert.Equal(1, other.GetStats().Expirations);
        Assert.Equal(1 + other.GetStats().Evictions, result.CacheEntriesRemoved);
        Assert.Equal(before - other.MemoryBytes, result.CacheBytesFreed);
    }

    [Fact]
    public void The_meter_reports_each_registered_cache_under_its_name()
    {
        using ServiceProvider services = new ServiceCollection().AddMetrics().AddVelithonMemory().BuildServiceProvider();
        IVelithonMemory memory = services.GetRequiredService<IVelithonMemory>();
        IMeterFactory meters = services.GetRequiredService<IMeterFactory>();
        using var size = new MetricCollector<long>(meters, VelithonMemory.MeterName, "velithon.cache.size");
        using var entries = new MetricCollector<long>(meters, VelithonMemory.MeterName, "velithon.cache.entries");
        MemoryBoundedCache<string, byte[]> other = NewCache();
        other.Set("b", new byte[300]);
        memory.CacheResponse("a", new byte[100]);

        using (memory.RegisterCache("other", other))
        {
            size.RecordObservableInstruments();
            entries.RecordObservableInstruments();
        }

        size.RecordObservableInstruments();

        IReadOnlyList<CollectedMeasurement<long>> sizes = size.GetMeasurementSnapshot();
        Assert.Equal(memory.ResponseCache.MemoryBytes, sizes.First(m => (string?)m.Tags["velithon.cache.name"] == "responses").Value);
        Assert.Equal(other.MemoryBytes, sizes.Single(m => (string?)m.Tags["velithon.cache.name"] == "other").Value);
        Assert.Equal(1, entries.GetMeasurementSnapshot().Single(m => (string?)m.Tags["velithon.cache.name"] == "other").Value);
        Assert.Equal(3, sizes.Count); // responses and other, then responses alone once other is unregistered
    }
}
