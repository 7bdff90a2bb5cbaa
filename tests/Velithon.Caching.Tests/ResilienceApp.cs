using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// An app whose cached endpoints call a <see cref="Backend"/> the test can break (throw, answer 503, hang until
/// cancelled) or hold (until the test releases it), with the resilience settings under test.
/// </summary>
internal static class ResilienceApp
{
    public static Task<TestApp> StartAsync(TimeProvider time, Action<VelithonCachingOptions>? caching = null) =>
        TestApp.StartCustomAsync(
            app =>
            {
                // Before the cache: turns an exception that reaches it into a 500, and sets a header of its own.
                app.Use(async (context, next) =>
                {
                    context.Response.Headers["X-Before"] = "1";
                    try
                    {
                        await next(context);
                    }
                    catch (InvalidOperationException) when (!context.Response.HasStarted)
                    {
                        context.Response.StatusCode = 500;
                        await context.Response.WriteAsync("unhandled");
                    }
                });
                app.UseRouting();
                app.UseAuthentication();
                app.UseAuthorization();
                app.UseVelithonCaching();
                Map(app);
                app.MapControllers();
            },
            builder =>
            {
                builder.Services.AddSingleton(time);
                builder.Services.AddSingleton<Backend>();
                builder.Services.AddControllers().AddApplicationPart(typeof(ResilienceApp).Assembly);
            },
            caching);

    public static Backend Backend(this TestApp app) => app.App.Services.GetRequiredService<Backend>();

    private static void Map(WebApplication app)
    {
        app.MapGet("/swr", [VelithonCached(Duration = 10, StaleWhileRevalidate = 60)] (Counters c, Backend b, HttpContext h, CancellationToken ct) => b.RunAsync(h, "swr", c, ct));
        app.MapGet("/sie", [VelithonCached(Duration = 10, StaleIfError = 60)] (Counters c, Backend b, HttpContext h, CancellationToken ct) => b.RunAsync(h, "sie", c, ct));
        app.MapGet("/plain", [VelithonCached(Duration = 10)] (Counters c, Backend b, HttpContext h, CancellationToken ct) => b.RunAsync(h, "plain", c, ct));
        app.MapGet("/fluent", (Counters c, Backend b, HttpContext h, CancellationToken ct) => b.RunAsync(h, "fluent", c, ct))
            .CacheWithVelithon(p => p.Expire(TimeSpan.FromSeconds(10)).StaleIfError(TimeSpan.FromMinutes(1)).StaleWhileRevalidate(TimeSpan.FromSeconds(30)));
        app.MapGet("/global", [VelithonCached(Duration = 10)] (Counters c, Backend b, HttpContext h, CancellationToken ct) => b.RunAsync(h, "global", c, ct));
        app.MapGet("/tagged", [VelithonCached(Duration = 10, StaleIfError = 60, StaleWhileRevalidate = 60, Tags = ["t"])] (Counters c, Backend b, HttpContext h, CancellationToken ct) => b.RunAsync(h, "tagged", c, ct));
        app.MapGet("/user", [VelithonCached(Duration = 10, StaleIfError = 60, StaleWhileRevalidate = 60, VaryByUser = true)] (Counters c, Backend b, HttpContext h, CancellationToken ct) =>
            b.RunAsync(h, "user " + h.User.Identity?.Name, c, ct));
        app.MapGet("/hard", [VelithonCached(Duration = 10, StaleIfError = 60, HardTimeoutMilliseconds = 1000)] (Counters c, Backend b, HttpContext h, CancellationToken ct) => b.RunAsync(h, "hard", c, ct));
        app.MapGet("/eager", [VelithonCached(Duration = 10, EagerRefreshThreshold = 0.5)] (Counters c, Backend b, HttpContext h, CancellationToken ct) => b.RunAsync(h, "eager", c, ct));
        app.MapGet("/eager-fluent", (Counters c, Backend b, HttpContext h, CancellationToken ct) => b.RunAsync(h, "eager-fluent", c, ct))
            .CacheWithVelithon(p => p.Expire(TimeSpan.FromSeconds(10)).EagerRefresh(0.5));
        app.MapGet("/soft", [VelithonCached(Duration = 10, StaleIfError = 60, SoftTimeoutMilliseconds = 500)] (Counters c, Backend b, HttpContext h, CancellationToken ct) => b.RunAsync(h, "soft", c, ct));
    }
}

/// <summary>What the endpoints of <see cref="ResilienceApp"/> depend on; the test decides how it behaves.</summary>
public sealed class Backend
{
    private TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets or sets how the next runs end: <c>ok</c>, <c>throw</c>, <c>503</c> or <c>hang</c> (until the request's token is cancelled).</summary>
    public string Mode { get; set; } = "ok";

    /// <summary>Gets or sets a task every run waits for first (a slow backend the test releases).</summary>
    public Task? Hold { get; set; }

    /// <summary>Gets a task that completes when a run starts after the last <see cref="ExpectRun"/>.</summary>
    public Task Started => _started.Task;

    public void ExpectRun() => _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal async Task<IResult> RunAsync(HttpContext context, string name, Counters counters, CancellationToken cancellationToken)
    {
        int run = counters.Run(name);

        // A header of this attempt: a stale response that replaces a failed attempt carries the stored one, never this.
        context.Response.Headers["X-Attempt"] = run.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _started.TrySetResult();
        if (Hold is { } hold)
        {
            await hold.WaitAsync(cancellationToken);
        }

        return Mode switch
        {
            "throw" => throw new InvalidOperationException("backend down"),
            "503" => Results.Text($"{name} down {run}", statusCode: 503),
            "hang" => await HangAsync(cancellationToken),
            _ => Results.Text($"{name} run {run}"),
        };
    }

    private static async Task<IResult> HangAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new UnreachableException();
    }
}
