using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Velithon.AspNetCore;
using Velithon.Memory;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the memory health endpoint, <c>GET /health/memory</c> (as in Python Velithon).</summary>
public static class MemoryHealthEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET <paramref name="pattern"/></c> answering Python Velithon's health figures, named in camelCase as every Velithon endpoint:
    /// <c>{"status":"healthy|warning|critical","memoryUsageMb":…,"memoryLoadPercent":…,"cacheMemoryMb":…,"cacheHitRatePercent":…,"recommendations":[…],"reasons":[…]}</c>
    /// (recommendations never contain <c>null</c>; the cache figures sum every cache registered with the handler), with 200 for healthy and warning and 503 for critical. The
    /// thresholds are the named <see cref="VelithonMemoryHealthCheckOptions"/> <paramref name="optionsName"/>
    /// (those of <c>AddHealthChecks().AddVelithonMemory()</c>), or the defaults.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route (default <c>/health/memory</c>).</param>
    /// <param name="optionsName">The thresholds' options name.</param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddVelithonMemory()</c> was not called (checked when mapped, as <c>MapHealthChecks</c> checks <c>AddHealthChecks()</c>).</exception>
    public static IEndpointConventionBuilder MapVelithonMemoryHealth(
        this IEndpointRouteBuilder endpoints,
        string pattern = "/health/memory",
        string optionsName = VelithonMemoryHealthCheckOptions.DefaultName)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        VelithonStatsEndpointRouteBuilderExtensions.EnsureMemoryRegistered(endpoints, nameof(MapVelithonMemoryHealth));
        return endpoints.MapGet(pattern, async (HttpContext context) =>
        {
            IServiceProvider services = context.RequestServices;
            IVelithonMemory memory = services.GetRequiredService<IVelithonMemory>();
            VelithonMemoryHealthCheckOptions options = services.GetService<IOptionsMonitor<VelithonMemoryHealthCheckOptions>>()?.Get(optionsName)
                ?? new VelithonMemoryHealthCheckOptions();
            MemoryHealthReport report = MemoryHealthReport.Evaluate(memory.GetStats(), options);

            HttpResponse response = context.Response;
            response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            response.ContentType = "application/json; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            await using (var json = new Utf8JsonWriter(response.BodyWriter))
            {
                json.WriteStartObject();
                json.WriteString("status", report.SeedStatus);
                json.WriteNumber("memoryUsageMb", report.MemoryUsageMegabytes);
                json.WriteNumber("memoryLoadPercent", report.Stats.Gc.MemoryLoadPercent);
                json.WriteNumber("cacheMemoryMb", report.Stats.CacheMemoryMegabytes);
                json.WriteNumber("cacheHitRatePercent", report.Stats.CacheTotals.HitRatePercent);
                json.WriteStartArray("recommendations");
                foreach (string recommendation in report.Recommendations)
                {
                    json.WriteStringValue(recommendation);
                }

                json.WriteEndArray();
                json.WriteStartArray("reasons");
                foreach (string reason in report.Reasons)
                {
                    json.WriteStringValue(reason);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            await response.BodyWriter.FlushAsync(context.RequestAborted);
        });
    }
}
