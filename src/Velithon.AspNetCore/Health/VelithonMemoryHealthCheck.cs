using Microsoft.Extensions.Diagnostics.HealthChecks;
using Velithon.Memory;

namespace Velithon.AspNetCore;

/// <summary>
/// An <see cref="IHealthCheck"/> over <see cref="IVelithonMemory.GetStats"/>: Healthy, Degraded or Unhealthy from the
/// thresholds in <see cref="VelithonMemoryHealthCheckOptions"/>, with the figures in its data. Register it with
/// <c>services.AddHealthChecks().AddVelithonMemory(...)</c>.
/// </summary>
public sealed class VelithonMemoryHealthCheck : IHealthCheck
{
    private readonly IVelithonMemory _memory;
    private readonly VelithonMemoryHealthCheckOptions _options;

    /// <summary>Creates the check.</summary>
    /// <param name="memory">The memory handler.</param>
    /// <param name="options">The thresholds.</param>
    public VelithonMemoryHealthCheck(IVelithonMemory memory, VelithonMemoryHealthCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(options);
        _memory = memory;
        _options = options;
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        MemoryHealthReport report = MemoryHealthReport.Evaluate(_memory.GetStats(), _options);
        string description = report.Reasons.Count == 0 ? "Memory within thresholds." : string.Join("; ", report.Reasons);
        // As every ASP.NET Core check: a failure is reported with the registration's failure status (Degraded keeps a
        // liveness probe from restarting the app).
        HealthStatus status = report.Status == HealthStatus.Unhealthy && context.Registration is { } registration ? registration.FailureStatus : report.Status;
        return Task.FromResult(new HealthCheckResult(status, description, data: report.ToData()));
    }
}
