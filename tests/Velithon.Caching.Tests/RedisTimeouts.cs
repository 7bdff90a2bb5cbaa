using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>Counts the Redis operations of some apps that ended in a timeout (<c>velithon.cache.redis.errors</c>, error.type timeout).</summary>
internal sealed class RedisTimeouts : IDisposable
{
    private readonly MetricCollector<long>[] _collectors;

    public RedisTimeouts(params TestApp[] apps) =>
        _collectors = [.. apps.Select(static app => new MetricCollector<long>(
            app.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), VelithonCachingMetrics.MeterName, "velithon.cache.redis.errors"))];

    public long Count => _collectors.Sum(static c => c.GetMeasurementSnapshot().Where(static m => Equals(m.Tags["error.type"], "timeout")).Sum(static m => m.Value));

    public void Dispose()
    {
        foreach (MetricCollector<long> collector in _collectors)
        {
            collector.Dispose();
        }
    }
}
