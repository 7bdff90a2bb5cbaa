using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Velithon.Memory;

namespace Velithon.AspNetCore;

/// <summary>What every JSON result resolves from the request before writing.</summary>
internal static class ResultContext
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static VelithonJsonResultOptions Options(HttpContext httpContext) =>
        httpContext.RequestServices?.GetService<IOptions<VelithonJsonResultOptions>>()?.Value ?? VelithonJsonResultOptions.Default;

    /// <summary>
    /// Throws for a type compiled with <c>WriteIndented = true</c>: list and batch results write the array (and NDJSON
    /// lines) themselves, compactly, so its items would sit in it without the line breaks System.Text.Json writes
    /// around them. <c>VelithonResults.Json</c> (one value) and System.Text.Json write such a type as it should be.
    /// </summary>
    public static void EnsureCompact<T>(string result)
        where T : IVelithonJson<T>
    {
        if (Velithon.Json.VelithonJsonContract.Of<T>().WriteIndented)
        {
            throw new NotSupportedException(
                $"{result} cannot write {typeof(T)}: it is compiled with WriteIndented = true, and {result} writes the array around the items compactly, which System.Text.Json never does with indented items. " +
                "Return the list through System.Text.Json (Results.Ok, TypedResults.Json with AddVelithonJson()), or compile the type without WriteIndented.");
        }
    }

    /// <summary>
    /// After a render failure: when bytes were already committed to the body (past
    /// <see cref="DeferredCommitWriter.Capacity"/>) but nothing was flushed, they cannot be taken back, and an exception
    /// handler's response (<c>UseExceptionHandler</c>) would be sent after them in one body under a 500. The response is
    /// aborted instead, as ASP.NET Core's own JSON, which has flushed by that size, leaves it. A failure before anything
    /// was committed stays a clean 500.
    /// </summary>
    public static void AbortIfCommitted(HttpContext httpContext, DeferredCommitWriter body)
    {
        if (body.Committed && !httpContext.Response.HasStarted)
        {
            httpContext.Abort();
        }
    }

    public static ArrayPool<byte> Pool(HttpContext httpContext) =>
        httpContext.RequestServices?.GetService<IVelithonMemory>()?.Pool ?? VelithonMemoryPool.Shared;

    /// <summary>Adds <c>Server-Timing: render;dur=…;desc="sequential|parallel"</c> while the headers can still change.</summary>
    public static void AddServerTiming(HttpResponse response, VelithonJsonResultOptions options, long startTimestamp, bool parallel)
    {
        if (!options.ServerTiming || response.HasStarted)
        {
            return;
        }

        double milliseconds = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        response.Headers.Append("Server-Timing", string.Create(
            CultureInfo.InvariantCulture,
            $"render;dur={milliseconds:0.###};desc=\"{(parallel ? "parallel" : "sequential")}\""));
    }
}
