using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Velithon.Memory;

namespace Velithon.AspNetCore.Tests;

public sealed class HealthTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(84.9, HealthStatus.Healthy)]
    [InlineData(85, HealthStatus.Degraded)]
    [InlineData(94.9, HealthStatus.Degraded)]
    [InlineData(95, HealthStatus.Unhealthy)]
    public void Memory_load_thresholds(double load, HealthStatus expected)
    {
        var memory = new FakeMemory { MemoryLoadPercent = load };

        Assert.Equal(expected, MemoryHealthReport.Evaluate(memory.GetStats(), new VelithonMemoryHealthCheckOptions()).Status);
    }

    [Theory]
    [InlineData(149, HealthStatus.Healthy)]
    [InlineData(150, HealthStatus.Degraded)]
    [InlineData(200, HealthStatus.Unhealthy)]
    public void Cache_memory_thresholds_follow_the_seed(long cacheMiB, HealthStatus expected)
    {
        var memory = new FakeMemory { CacheMemoryBytes = cacheMiB * MiB };

        Assert.Equal(expected, MemoryHealthReport.Evaluate(memory.GetStats(), new VelithonMemoryHealthCheckOptions()).Status);
    }

    [Theory]
    [InlineData(299, HealthStatus.Healthy)]
    [InlineData(300, HealthStatus.Healthy)]
    public void Caches_full_within_a_larger_configured_bound_are_healthy(long cacheMiB, HealthStatus expected)
    {
        // The default thresholds (150 / 200 MiB) are raised to the caches' own bound: holding what they were allowed is healthy.
        var memory = new FakeMemory { CacheMemoryBytes = cacheMiB * MiB, CacheMaxMemoryBytes = 300 * MiB };
        Assert.Equal(expected, MemoryHealthReport.Evaluate(memory.GetStats(), new VelithonMemoryHealthCheckOptions()).Status);

        // A threshold the operator sets is used as given.
        var options = new VelithonMemoryHealthCheckOptions { UnhealthyCacheMemoryBytes = 200 * MiB };
        Assert.Equal(HealthStatus.Unhealthy, MemoryHealthReport.Evaluate(memory.GetStats(), options).Status);
    }

    [Fact]
    public async Task A_failing_check_reports_the_registrations_failure_status()
    {
        var memory = new FakeMemory { MemoryLoadPercent = 99 };
        await using TestApp app = await TestApp.StartAsync(
            s =>
            {
                s.AddSingleton<IVelithonMemory>(memory);
                s.AddHealthChecks().AddVelithonMemory(failureStatus: HealthStatus.Degraded);
            },
            a => a.MapHealthChecks("/health"));

        using HttpResponseMessage response = await app.Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal((HttpStatusCode.OK, "Degraded"), (response.StatusCode, await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData(99, HealthStatus.Healthy)]
    [InlineData(100, HealthStatus.Degraded)]
    [InlineData(200, HealthStatus.Unhealthy)]
    public void Heap_thresholds(long heapMiB, HealthStatus expected)
    {
        var memory = new FakeMemory { TotalMemoryBytes = heapMiB * MiB };
        var options = new VelithonMemoryHealthCheckOptions { DegradedTotalMemoryBytes = 100 * MiB, UnhealthyTotalMemoryBytes = 200 * MiB };

        Assert.Equal(expected, MemoryHealthReport.Evaluate(memory.GetStats(), options).Status);
    }

    [Theory]
    [InlineData(50, 50, false, true)]
    [InlineData(79, 21, false, true)]
    [InlineData(80, 20, false, false)]
    [InlineData(10, 10, false, false)]
    [InlineData(50, 50, true, true)]
    public void Cache_hit_rate_recommends_and_optionally_degrades(long hits, long misses, bool degradeBelow60, bool recommends)
    {
        var memory = new FakeMemory { CacheHits = hits, CacheMisses = misses };
        var options = new VelithonMemoryHealthCheckOptions { DegradedBelowCacheHitRatePercent = degradeBelow60 ? 60 : null };

        MemoryHealthReport report = MemoryHealthReport.Evaluate(memory.GetStats(), options);

        Assert.Equal(recommends, report.Recommendations.Contains("Consider increasing cache size"));
        Assert.Equal(degradeBelow60 ? HealthStatus.Degraded : HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task The_registered_check_reports_status_and_figures()
    {
        var memory = new FakeMemory { MemoryLoadPercent = 50, TotalMemoryBytes = 300 * MiB };
        await using TestApp app = await TestApp.StartAsync(
            s =>
            {
                s.AddSingleton<IVelithonMemory>(memory);
                s.AddHealthChecks().AddVelithonMemory(o => o.DegradedTotalMemoryBytes = 256 * MiB, tags: ["memory"]);
            },
            a => a.MapHealthChecks("/health"));

        HealthReport report = await app.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        using HttpResponseMessage response = await app.Client.GetAsync(new Uri("/health", UriKind.Relative));

        HealthReportEntry entry = report.Entries[VelithonMemoryHealthCheckOptions.DefaultName];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal(300.0, entry.Data["memoryUsageMb"]);
        Assert.Equal(50.0, entry.Data["memoryLoadPercent"]);
        Assert.Contains("memory", entry.Tags);
        Assert.Equal("Degraded", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_memory_health_endpoint_writes_the_seed_shape_without_null_recommendations()
    {
        var memory = new FakeMemory { CacheMemoryBytes = 160 * MiB, CacheHits = 10, CacheMisses = 990 };
        await using TestApp app = await TestApp.StartAsync(
            s =>
            {
                s.AddSingleton<IVelithonMemory>(memory);
                s.AddHealthChecks().AddVelithonMemory();
            },
            a => a.MapVelithonMemoryHealth());

        using HttpResponseMessage warning = await app.Client.GetAsync(new Uri("/health/memory", UriKind.Relative));
        using JsonDocument body = JsonDocument.Parse(await warning.Content.ReadAsStringAsync());
        memory.CacheMemoryBytes = 250 * MiB;
        using HttpResponseMessage critical = await app.Client.GetAsync(new Uri("/health/memory", UriKind.Relative));
        memory.CacheMemoryBytes = 0;
        memory.CacheHits = 0;
        memory.CacheMisses = 0;
        using HttpResponseMessage healthy = await app.Client.GetAsync(new Uri("/health/memory", UriKind.Relative));
        using JsonDocument healthyBody = JsonDocument.Parse(await healthy.Content.ReadAsStringAsync());

        JsonElement root = body.RootElement;
        Assert.Equal(HttpStatusCode.OK, warning.StatusCode);
        Assert.Equal("warning", root.GetProperty("status").GetString());
        Assert.Equal(64.0, root.GetProperty("memoryUsageMb").GetDouble());
        Assert.Equal(160.0, root.GetProperty("cacheMemoryMb").GetDouble());
        Assert.Equal(1.0, root.GetProperty("cacheHitRatePercent").GetDouble());
        string[] recommendations = root.GetProperty("recommendations").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(new[] { "Consider increasing cache size", "Memory usage high, consider cleanup" }, recommendations);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, critical.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("healthy", healthyBody.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, healthyBody.RootElement.GetProperty("recommendations").GetArrayLength());
    }
}
