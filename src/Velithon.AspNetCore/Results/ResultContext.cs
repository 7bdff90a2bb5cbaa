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
