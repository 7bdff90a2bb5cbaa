using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Hits_misses_bypasses_stores_and_304s_are_counted()
    {
        await using TestApp app = await TestApp.StartAsync();
        VelithonCachingMetrics metrics = app.App.Services.GetRequiredService<VelithonCachingMetrics>();
        Assert.NotNull(metrics);
        var meterFactory = app.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var hits = new MetricCollector<long>(meterFactory, VelithonCachingMetrics.MeterName, "velithon.cache.hits");
        using var misses = new MetricCollector<long>(meterFactory, VelithonCachingMetrics.MeterName, "velithon.cache.misses");
        using var bypasses = new MetricCollector<long>(meterFactory, VelithonCachingMetrics.MeterName, "velithon.cache.bypasses");
        using var stores = new MetricCollector<long>(meterFactory, VelithonCachingMetrics.MeterName, "velithon.cache.stores");
        using var notModified = new MetricCollector<long>(meterFactory, VelithonCachingMetrics.MeterName, "velithon.cache.not_modified");

        var miss = await app.GetAsync("/items");
        await app.GetAsync("/items");
        await app.GetAsync("/items");
        await app.GetAsync("/items", method: HttpMethod.Post);
        await app.GetAsync("/items", r => r.Headers.IfNoneMatch.Add(miss.Response.Headers.ETag!));

        Assert.Equal(3, hits.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.All(hits.GetMeasurementSnapshot(), m => Assert.Equal("l1", m.Tags["velithon.cache.layer"]));
        Assert.Equal(1, misses.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal("method", bypasses.GetMeasurementSnapshot().Single().Tags["velithon.reason"]);
        Assert.Equal(1, stores.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(1, notModified.GetMeasurementSnapshot().Sum(m => m.Value));
    }
}
