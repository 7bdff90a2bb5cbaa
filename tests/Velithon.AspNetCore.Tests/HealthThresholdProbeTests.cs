using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Velithon.AspNetCore.Tests;

/// <summary>
/// An operator who changes one threshold of a pair: the default left on the other must not contradict the one set.
/// </summary>
public sealed class HealthThresholdProbeTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(90, HealthStatus.Healthy)]
    [InlineData(96, HealthStatus.Healthy)] // was Unhealthy: the default Unhealthy (95) fired below the Degraded set (97)
    [InlineData(97, HealthStatus.Degraded)]
    [InlineData(100, HealthStatus.Degraded)]
    public void A_degraded_load_set_above_the_default_unhealthy_one_is_not_overruled_by_it(double load, HealthStatus expected)
    {
        var memory = new FakeMemory { MemoryLoadPercent = load };
        var options = new VelithonMemoryHealthCheckOptions { DegradedMemoryLoadPercent = 97 };

        Assert.Equal(expected, MemoryHealthReport.Evaluate(memory.GetStats(), options).Status);
    }

    [Theory]
    [InlineData(250, HealthStatus.Healthy)] // was Unhealthy: setting Degraded (300 MiB) dropped the Unhealthy default back to 200 MiB
    [InlineData(300, HealthStatus.Degraded)]
    [InlineData(500, HealthStatus.Degraded)]
    public void Setting_the_degraded_cache_threshold_does_not_make_the_default_unhealthy_one_stricter(long cacheMiB, HealthStatus expected)
    {
        // Caches bounded at 500 MiB: by default both thresholds are raised past the bound (full caches are healthy), as
        // docs/web.md says of every default ("a value you set is used as given"; the other stays a default).
        var memory = new FakeMemory { CacheMemoryBytes = cacheMiB * MiB, CacheMaxMemoryBytes = 500 * MiB };
        var options = new VelithonMemoryHealthCheckOptions { DegradedCacheMemoryBytes = 300 * MiB };

        Assert.Equal(expected, MemoryHealthReport.Evaluate(memory.GetStats(), options).Status);
    }

    [Fact]
    public void A_degraded_cache_threshold_above_the_default_unhealthy_one_is_not_overruled_by_it()
    {
        // No configured bound above the defaults: Degraded set at 250 MiB, the Unhealthy default is 200 MiB.
        var memory = new FakeMemory { CacheMemoryBytes = 220 * MiB, CacheMaxMemoryBytes = 100 * MiB };
        var options = new VelithonMemoryHealthCheckOptions { DegradedCacheMemoryBytes = 250 * MiB };

        Assert.Equal(HealthStatus.Healthy, MemoryHealthReport.Evaluate(memory.GetStats(), options).Status);
    }

    [Fact]
    public void Both_thresholds_set_are_used_as_given()
    {
        var memory = new FakeMemory { MemoryLoadPercent = 96, CacheMemoryBytes = 250 * MiB, CacheMaxMemoryBytes = 500 * MiB };
        var options = new VelithonMemoryHealthCheckOptions
        {
            DegradedMemoryLoadPercent = 97,
            UnhealthyMemoryLoadPercent = 95,
            DegradedCacheMemoryBytes = 300 * MiB,
            UnhealthyCacheMemoryBytes = 200 * MiB,
        };

        MemoryHealthReport report = MemoryHealthReport.Evaluate(memory.GetStats(), options);
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(2, report.Reasons.Count);
    }
}
