using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Velithon.AspNetCore;
using Velithon.AspNetCore.Caching;
using Velithon.Memory;

namespace Velithon.Caching.Tests;

/// <summary>
/// The [VelithonCached] store is registered with the memory handler: its traffic moves the handler's stats, health and
/// meter, and the handler's cleanup (direct or from the pressure middleware) trims it.
/// </summary>
public sealed class MemoryHandlerTests
{
    private const int BodyBytes = 20 * 1024; // small: large captured bodies would leave big arrays in the shared pools for EntryMemoryTests to see freed
    private const string StoreName = "velithon-cached";

    private static Task<TestApp> StartAsync(Action<VelithonMemoryOptions>? memory = null, Action<WebApplication>? before = null, TimeProvider? time = null) =>
        TestApp.StartCustomAsync(
            app =>
            {
                before?.Invoke(app);
                app.UseRouting();
                app.UseVelithonCaching();
                app.MapGet("/big", [VelithonCached] (Counters c) =>
                {
                    c.Run("big");
                    return Results.Bytes(new byte[BodyBytes], "application/octet-stream");
                });
                app.MapVelithonMemoryHealth();
            },
            builder =>
            {
                builder.Services.AddVelithonMemory(memory);
                if (time is not null)
                {
                    builder.Services.AddSingleton(time);
                }
            });

    private static CacheStats Store(VelithonMemoryStats stats) => stats.Caches.Single(c => c.Name == StoreName).Stats;

    [Fact]
    public async Task Cached_traffic_moves_the_handler_stats_health_and_meter()
    {
        await using TestApp app = await StartAsync();
        IVelithonMemory memory = app.App.Services.GetRequiredService<IVelithonMemory>();
        IMeterFactory meters = app.App.Services.GetRequiredService<IMeterFactory>();
        using var size = new MetricCollector<long>(meters, VelithonMemory.MeterName, "velithon.cache.size");
        using var requests = new MetricCollector<long>(meters, VelithonMemory.MeterName, "velithon.cache.requests");

        Assert.Equal([VelithonMemory.ResponseCacheName, StoreName], memory.GetStats().Caches.Select(c => c.Name));
        Assert.Equal(0, Store(memory.GetStats()).MemoryBytes);

        Assert.Equal("MISS", (await app.GetAsync("/big")).Status);
        Assert.Equal("HIT", (await app.GetAsync("/big")).Status);
        Assert.Equal("HIT", (await app.GetAsync("/big")).Status);

        VelithonMemoryStats stats = memory.GetStats();
        CacheStats store = Store(stats);
        Assert.Equal((2, 1, 1), (store.Hits, store.Misses, store.Entries));
        Assert.True(store.MemoryBytes > BodyBytes, $"store bytes {store.MemoryBytes}");
        Assert.Equal(app.Cache.Memory.MemoryBytes, store.MemoryBytes);
        Assert.Equal(stats.ResponseCache.MemoryBytes + store.MemoryBytes, stats.CacheTotals.MemoryBytes);
        Assert.Equal(stats.ResponseCache.Hits + 2, stats.CacheTotals.Hits);
        Assert.Equal(Math.Round(stats.CacheTotals.MemoryBytes / (1024d * 1024d), 3), stats.CacheMemoryMegabytes);
        Assert.True(stats.CacheMemoryMegabytes > 0);

        // The health endpoint answers the totals.
        (_, string body, _) = await app.GetAsync("/health/memory");
        using (JsonDocument health = JsonDocument.Parse(body))
        {
            Assert.Equal(stats.CacheMemoryMegabytes, health.RootElement.GetProperty("cacheMemoryMb").GetDouble());
            Assert.Equal(stats.CacheTotals.HitRatePercent, health.RootElement.GetProperty("cacheHitRatePercent").GetDouble());
            Assert.Equal(66.67, health.RootElement.GetProperty("cacheHitRatePercent").GetDouble());
        }

        // The meter reports the store under its name, with the figures of the snapshot.
        size.RecordObservableInstruments();
        requests.RecordObservableInstruments();
        Assert.Equal(store.MemoryBytes, size.GetMeasurementSnapshot().Single(m => (string?)m.Tags["velithon.cache.name"] == StoreName).Value);
        IEnumerable<CollectedMeasurement<long>> storeRequests = requests.GetMeasurementSnapshot().Where(m => (string?)m.Tags["velithon.cache.name"] == StoreName);
        Assert.Equal(2, storeRequests.Single(m => (string?)m.Tags["velithon.result"] == "hit").Value);
        Assert.Equal(1, storeRequests.Single(m => (string?)m.Tags["velithon.result"] == "miss").Value);
    }

    [Fact]
    public async Task A_health_threshold_on_cache_bytes_sees_the_store()
    {
        await using TestApp app = await StartAsync();
        app.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitorCache<VelithonMemoryHealthCheckOptions>>()
            .TryAdd(VelithonMemoryHealthCheckOptions.DefaultName, new VelithonMemoryHealthCheckOptions { DegradedCacheMemoryBytes = BodyBytes });

        (_, string before, _) = await app.GetAsync("/health/memory");
        await app.GetAsync("/big");
        (_, string after, _) = await app.GetAsync("/health/memory");

        Assert.DoesNotContain(Reasons(before), r => r.StartsWith("cache bytes", StringComparison.Ordinal));
        Assert.Contains(Reasons(after), r => r.StartsWith("cache bytes", StringComparison.Ordinal) && r.Contains("degraded", StringComparison.Ordinal));
        Assert.NotEqual("healthy", JsonDocument.Parse(after).RootElement.GetProperty("status").GetString());

        static List<string> Reasons(string json) =>
            [.. JsonDocument.Parse(json).RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)];
    }

    [Fact]
    public async Task Cleanup_under_pressure_trims_the_store_and_later_requests_miss_then_store_again()
    {
        await using TestApp app = await StartAsync(o =>
        {
            o.MemoryLoadPressurePercent = 0.000001; // any load counts as pressure
            o.CleanupCacheTargetPercent = 0;
            o.CleanupCollectsGarbage = false;
        });
        IVelithonMemory memory = app.App.Services.GetRequiredService<IVelithonMemory>();

        Assert.Equal("MISS", (await app.GetAsync("/big")).Status);
        Assert.Equal("HIT", (await app.GetAsync("/big")).Status);
        long stored = Store(memory.GetStats()).MemoryBytes;

        MemoryCleanupResult result = memory.Cleanup();

        Assert.True(result.UnderPressure);
        Assert.Equal(1, result.CacheEntriesRemoved);
        Assert.Equal(stored, result.CacheBytesFreed);
        CacheStats store = Store(memory.GetStats());
        Assert.Equal((0, 0L, 1L), (store.Entries, store.MemoryBytes, store.Evictions));
        EndpointCacheCounters.Snapshot endpoint = Assert.Single(app.Cache.GetEndpointStats());
        Assert.Equal((0, 0L, 1L), (endpoint.Entries, endpoint.MemoryBytes, endpoint.Evictions));
        Assert.Equal("MISS", (await app.GetAsync("/big")).Status);
        Assert.Equal("HIT", (await app.GetAsync("/big")).Status);
        Assert.Equal(2, app.Runs["big"]);
        Assert.Equal(1, Store(memory.GetStats()).Entries);
    }

    [Fact]
    public async Task Cleanup_without_pressure_keeps_fresh_entries()
    {
        await using TestApp app = await StartAsync(o => o.MemoryLoadPressurePercent = 100);
        IVelithonMemory memory = app.App.Services.GetRequiredService<IVelithonMemory>();
        await app.GetAsync("/big");

        MemoryCleanupResult result = memory.Cleanup();

        Assert.False(result.UnderPressure);
        Assert.Equal(0, result.CacheEntriesRemoved);
        Assert.Equal("HIT", (await app.GetAsync("/big")).Status);
    }

    [Fact]
    public async Task The_pressure_middleware_trims_the_store()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await StartAsync(
            o =>
            {
                o.MemoryLoadPressurePercent = 0.000001;
                o.CleanupCacheTargetPercent = 0;
                o.CleanupCollectsGarbage = false;
            },
            a => a.UseVelithonMemoryPressure(o =>
            {
                o.CleanupAtTotalMemoryBytes = 1; // always over the threshold
                o.MinCleanupInterval = TimeSpan.FromSeconds(10);
                o.StartCleanup = static cleanup => cleanup(); // inline: done before the request reaches the cache
            }),
            time);

        // The first request's cleanup finds nothing to trim; the next ones fall inside the interval.
        Assert.Equal("MISS", (await app.GetAsync("/big")).Status);
        Assert.Equal("HIT", (await app.GetAsync("/big")).Status);

        time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal("MISS", (await app.GetAsync("/big")).Status);
        Assert.Equal("HIT", (await app.GetAsync("/big")).Status);
        Assert.Equal(2, app.Runs["big"]);
    }

    [Fact]
    public async Task The_hybrid_cache_L1_is_registered_when_the_handler_is()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVelithonMemory();
        services.AddVelithonHybridCache();
        await using ServiceProvider provider = services.BuildServiceProvider();
        IVelithonMemory memory = provider.GetRequiredService<IVelithonMemory>();
        Microsoft.Extensions.Caching.Hybrid.HybridCache hybrid = provider.GetRequiredService<Microsoft.Extensions.Caching.Hybrid.HybridCache>();

        await hybrid.GetOrCreateAsync("k", static _ => ValueTask.FromResult("value"));
        await hybrid.GetOrCreateAsync("k", static _ => ValueTask.FromResult("other"));

        CacheStats l1 = memory.GetStats().Caches.Single(c => c.Name == "hybrid").Stats;
        Assert.Equal(1, l1.Entries);
        Assert.True(l1.MemoryBytes > 0);
        Assert.True(l1.Hits >= 1);
    }
}
