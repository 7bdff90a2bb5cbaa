using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Velithon.Caching.Tests;

/// <summary>An MVC action with every resilience setting, behind an API key checked in an authorization filter.</summary>
public sealed class ResilienceController : ControllerBase
{
    /// <summary>Calls the backend.</summary>
    /// <param name="counters">The run counters.</param>
    /// <param name="backend">The backend the test breaks or holds.</param>
    /// <param name="cancellationToken">The request's token.</param>
    /// <returns>What the backend answered.</returns>
    [HttpGet("/mvc/resilient")]
    [ApiKeyAuthorization]
    [VelithonCached(Duration = 10, StaleWhileRevalidate = 60, StaleIfError = 60, HardTimeoutMilliseconds = 1000)]
    public Task<IResult> Get([FromServices] Counters counters, [FromServices] Backend backend, CancellationToken cancellationToken) =>
        backend.RunAsync(HttpContext, "mvc", counters, cancellationToken);
}
