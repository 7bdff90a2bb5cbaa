using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Velithon.Memory;

namespace Velithon.AspNetCore;

/// <summary>
/// One evaluation of <see cref="VelithonMemoryStats"/> against <see cref="VelithonMemoryHealthCheckOptions"/>. The cache
/// figures (bytes, hit rate, entries) are <see cref="VelithonMemoryStats.CacheTotals"/>: the sums over every cache
/// registered with the handler, the <c>[VelithonCached]</c> store included.
/// </summary>
public sealed class MemoryHealthReport
{
    private MemoryHealthReport(VelithonMemoryStats stats, HealthStatus status, IReadOnlyList<string> reasons, IReadOnlyList<string> recommendations)
    {
        Stats = stats;
        Status = status;
        Reasons = reasons;
        Recommendations = recommendations;
    }

    /// <summary>Gets the snapshot judged.</summary>
    public VelithonMemoryStats Stats { get; }

    /// <summary>Gets the verdict.</summary>
    public HealthStatus Status { get; }

    /// <summary>Gets which thresholds were crossed (empty when Healthy).</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>Gets what to do about it (never <see langword="null"/> entries).</summary>
    public IReadOnlyList<string> Recommendations { get; }

    /// <summary>Gets the managed heap in MiB.</summary>
    public double MemoryUsageMegabytes => Math.Round(Stats.Gc.TotalMemoryBytes / (1024d * 1024d), 3);

    /// <summary>Gets Python Velithon's name of <see cref="Status"/>: <c>healthy</c>, <c>warning</c> or <c>critical</c>.</summary>
    public string SeedStatus => Status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "warning",
        _ => "critical",
    };

    /// <summary>Judges <paramref name="stats"/>.</summary>
    /// <param name="stats">The snapshot.</param>
    /// <param name="options">The thresholds.</param>
    /// <returns>The report.</returns>
    public static MemoryHealthReport Evaluate(VelithonMemoryStats stats, VelithonMemoryHealthCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(options);
        HealthStatus status = HealthStatus.Healthy;
        var reasons = new List<string>();
        bool memoryHigh = false;

        void Check(double value, double? degraded, double? unhealthy, string what)
        {
            if (unhealthy is { } u && value >= u)
            {
                status = HealthStatus.Unhealthy;
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{what} {value:0.##} is at or above the unhealthy threshold {u:0.##}"));
                memoryHigh = true;
            }
            else if (degraded is { } d && value >= d)
            {
                status = status == HealthStatus.Unhealthy ? status : HealthStatus.Degraded;
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{what} {value:0.##} is at or above the degraded threshold {d:0.##}"));
                memoryHigh = true;
            }
        }

        (double? degradedLoad, double? unhealthyLoad) = options.LoadThresholds();
        Check(stats.Gc.MemoryLoadPercent, degradedLoad, unhealthyLoad, "memory load percent");
        Check(stats.Gc.TotalMemoryBytes, options.DegradedTotalMemoryBytes, options.UnhealthyTotalMemoryBytes, "managed heap bytes");
        CacheStats caches = stats.CacheTotals;
        (long? degradedCache, long? unhealthyCache) = options.CacheThresholds(caches.MaxMemoryBytes);
        Check(caches.MemoryBytes, degradedCache, unhealthyCache, "cache bytes");

        var recommendations = new List<string>();
        long lookups = caches.Hits + caches.Misses;
        double hitRate = caches.HitRatePercent;
        // No lookup yet is no hit rate to judge, whatever MinCacheLookups says (0 % of nothing is not a low hit rate).
        if (lookups > 0 && lookups >= options.MinCacheLookups)
        {
            if (options.DegradedBelowCacheHitRatePercent is { } low && hitRate < low)
            {
                status = status == HealthStatus.Unhealthy ? status : HealthStatus.Degraded;
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"cache hit rate {hitRate:0.##}% is below {low:0.##}%"));
            }

            if (hitRate < options.LowCacheHitRatePercent)
            {
                recommendations.Add("Consider increasing cache size");
            }
        }

        if (memoryHigh)
        {
            recommendations.Add("Memory usage high, consider cleanup");
        }

        if (stats.Tasks is { UnderPressure: true })
        {
            recommendations.Add("Background queue under pressure, consider more workers or a larger queue");
        }

        return new MemoryHealthReport(stats, status, reasons, recommendations);
    }

    /// <summary>The figures, for <see cref="HealthCheckResult.Data"/>.</summary>
    /// <returns>A new dictionary.</returns>
    public Dictionary<string, object> ToData()
    {
        var data = new Dictionary<string, object>
        {
            ["memoryUsageMb"] = MemoryUsageMegabytes,
            ["totalMemoryBytes"] = Stats.Gc.TotalMemoryBytes,
            ["memoryLoadPercent"] = Stats.Gc.MemoryLoadPercent,
            ["cacheMemoryMb"] = Stats.CacheMemoryMegabytes,
            ["cacheHitRatePercent"] = Stats.CacheTotals.HitRatePercent,
            ["cacheEntries"] = Stats.CacheTotals.Entries,
            ["poolHitRatePercent"] = Stats.Pool.HitRatePercent,
            ["internerHitRatePercent"] = Stats.Interner.HitRatePercent,
            ["underPressure"] = Stats.UnderPressure,
        };
        if (Stats.Tasks is { } tasks)
        {
            data["queueLength"] = tasks.Queued;
            data["queueUtilizationPercent"] = tasks.UtilizationPercent;
        }

        return data;
    }
}
