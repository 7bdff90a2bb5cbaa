using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Velithon.Memory.Tests.Handler;

public class VelithonMemoryMetricsTests
{
    private static ServiceProvider CreateServices(Action<VelithonMemoryOptions>? configure = null) =>
        new ServiceCollection()
            .AddMetrics()
            .AddVelithonBackgroundTasks(o => { o.MaxQueueLength = 8; o.PressureThreshold = 4; })
            .AddVelithonMemory(configure ?? (o => o.PoolMaxArraysPerBucket = 4))
            .BuildServiceProvider();

    [Fact]
    public void Cache_requests_are_observed_from_the_same_counters_as_the_stats()
    {
        using ServiceProvider services = CreateServices();
        var memory = services.GetRequiredService<IVelithonMemory>();
        using var collector = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), VelithonMemory.MeterName, "velithon.cache.requests");

        memory.CacheResponse("a", new byte[10]);
        memory.TryGetCachedResponse("a", out _);
        memory.TryGetCachedResponse("a", out _);
        memory.TryGetCachedResponse("missing", out _);
        collector.RecordObservableInstruments();

        IReadOnlyList<CollectedMeasurement<long>> measurements = collector.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.Single(m => m.ContainsTags(new KeyValuePair<string, object?>("velithon.result", "hit"))).Value);
        Assert.Equal(1, measurements.Single(m => m.ContainsTags(new KeyValuePair<string, object?>("velithon.result", "miss"))).Value);
        Assert.All(measurements, m => Assert.Equal("responses", m.Tags["velithon.cache.name"]));
        Assert.Equal(2, memory.GetStats().ResponseCache.Hits);
    }

    [Fact]
    public void Pool_interner_and_task_instruments_report_current_figures()
    {
        using ServiceProvider services = CreateServices(o => { o.PoolMaxArraysPerBucket = 4; o.InternerMaxCount = 100; });
        var memory = services.GetRequiredService<IVelithonMemory>();
        var queue = services.GetRequiredService<IBackgroundTaskQueue>();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var rents = new MetricCollector<long>(factory, VelithonMemory.MeterName, "velithon.pool.rents");
        using var rented = new MetricCollector<long>(factory, VelithonMemory.MeterName, "velithon.pool.rented.size");
        using var interned = new MetricCollector<long>(factory, VelithonMemory.MeterName, "velithon.interner.requests");
        using var queued = new MetricCollector<long>(factory, VelithonMemory.MeterName, "velithon.tasks.queued");

        byte[] array = memory.Pool.Rent(1000);
        memory.Interner.Intern("alpha");
        memory.Interner.Intern("alpha");
        queue.TryEnqueue(_ => ValueTask.CompletedTask);
        queue.TryEnqueue(_ => ValueTask.CompletedTask);

        rents.RecordObservableInstruments();
        rented.RecordObservableInstruments();
        interned.RecordObservableInstruments();
        queued.RecordObservableInstruments();

        Assert.Equal(1, rents.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(array.Length, rented.LastMeasurement!.Value);
        Assert.Equal(1, interned.GetMeasurementSnapshot().Single(m => m.ContainsTags(new KeyValuePair<string, object?>("velithon.result", "hit"))).Value);
        Assert.Equal(1, interned.GetMeasurementSnapshot().Single(m => m.ContainsTags(new KeyValuePair<string, object?>("velithon.result", "miss"))).Value);
        Assert.Equal(2, queued.LastMeasurement!.Value);
        memory.Pool.Return(array);
    }

    [Fact]
    public void Cleanup_runs_are_recorded()
    {
        using ServiceProvider services = CreateServices(o => { o.PoolMaxArraysPerBucket = 4; o.CleanupCollectsGarbage = false; });
        var memory = services.GetRequiredService<IVelithonMemory>();
        using var cleanups = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), VelithonMemory.MeterName, "velithon.memory.cleanups");

        memory.Cleanup();
        memory.Cleanup();

        Assert.Equal(2, cleanups.GetMeasurementSnapshot().Sum(m => m.Value));
    }
}
