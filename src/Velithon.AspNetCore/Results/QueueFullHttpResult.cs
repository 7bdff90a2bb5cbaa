using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Velithon.AspNetCore;

/// <summary>
/// 503 Service Unavailable with a <c>Retry-After</c> header and a ProblemDetails body: what an endpoint answers when
/// the bounded background queue is full. Written through <see cref="IProblemDetailsService"/> when one is
/// registered (<c>AddProblemDetails</c>), so the app's customizations apply.
/// </summary>
public sealed class QueueFullHttpResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    // The queue refused the work because its runner stopped (the host is shutting down), not because it was full.
    private readonly bool _stopped;

    internal QueueFullHttpResult(int maxQueueLength, TimeSpan retryAfter, bool stopped = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        MaxQueueLength = maxQueueLength;
        RetryAfter = retryAfter;
        _stopped = stopped;
    }

    /// <summary>Gets the queue's bound, reported in the problem's detail.</summary>
    public int MaxQueueLength { get; }

    /// <summary>Gets the delay sent in <c>Retry-After</c> (whole seconds, rounded up).</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Gets 503.</summary>
    public int StatusCode { get; } = StatusCodes.Status503ServiceUnavailable;

    /// <summary>Gets <c>application/problem+json</c>.</summary>
    public string ContentType { get; } = "application/problem+json";

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    string? IContentTypeHttpResult.ContentType => ContentType;

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ILogger logger = httpContext.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Velithon.AspNetCore.BackgroundTasks") ?? NullLogger.Instance;
        if (_stopped)
        {
            WebLog.QueueStopped(logger);
        }
        else
        {
            WebLog.QueueFull(logger, MaxQueueLength);
        }

        HttpResponse response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.Headers.RetryAfter = ((long)Math.Ceiling(RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCode,
            Title = _stopped ? "The background queue has stopped." : "The background queue is full.",
            Detail = _stopped
                ? "The server is shutting down and accepts no more background work; try again shortly."
                : string.Create(CultureInfo.InvariantCulture, $"At most {MaxQueueLength} tasks can wait; try again shortly."),
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        };

        IProblemDetailsService? problems = httpContext.RequestServices?.GetService<IProblemDetailsService>();
        if (problems is not null && await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem }))
        {
            return;
        }

        await TypedResults.Problem(problem).ExecuteAsync(httpContext);
    }
}
