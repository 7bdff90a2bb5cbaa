using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Velithon.AspNetCore.Tests.Browser;

/// <summary>The live dashboard in a real browser: its script polls the stats endpoint and plots what it gets.</summary>
public sealed partial class DashboardBrowserTests
{
    [ChromiumFact]
    public async Task The_dashboard_polls_the_stats_and_plots_every_series()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddVelithonMemory();
        builder.Services.AddVelithonBackgroundTasks();
        builder.Services.AddVelithonCaching();
        await using WebApplication app = builder.Build();
        int statsRequests = 0;
        app.Use((context, next) =>
        {
            if (context.Request.Path == "/velithon/stats")
            {
                Interlocked.Increment(ref statsRequests);
            }

            return next(context);
        });
        app.UseVelithonCaching();
        app.MapGet("/cached", [Velithon.VelithonCached(Duration = 600)] () => "cached");
        app.MapVelithonStats();
        app.MapVelithonDashboard();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using (var client = new HttpClient { BaseAddress = address })
        {
            for (int i = 0; i < 3; i++)
            {
                await client.GetStringAsync(new Uri("/cached", UriKind.Relative));
            }
        }

        string dom = await HeadlessChromium.DumpDomAsync(new Uri(address, "/velithon/dashboard"), TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(90));

        // The per-endpoint table: the row of /cached with its hits and misses as the stats count them.
        Match row = Regex.Match(dom, "<tr data-endpoint=\"[^\"]*/cached\"><td>[^<]*</td><td>(\\d+)</td><td>(\\d+)</td><td>([^<]*)</td><td>(\\d+)</td>");
        Assert.True(row.Success, $"no row for /cached:\n{dom}");
        Assert.Equal(("2", "1", "66.7 %", "1"), (row.Groups[1].Value, row.Groups[2].Value, row.Groups[3].Value, row.Groups[4].Value));

        // Four 2-second polls fit in 9 s of page time; each chart must hold them and show the last value.
        foreach (string series in new[] { "memory", "cache", "endpoint", "endpointBytes", "pool", "interner", "queue" })
        {
            Match canvas = Regex.Match(dom, $"<canvas id=\"c-{series}\"[^>]*data-points=\"(\\d+)\"");
            Assert.True(canvas.Success, $"chart {series} drew nothing:\n{dom}");
            Assert.InRange(int.Parse(canvas.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 2, 120);
            Match value = Regex.Match(dom, $"<span class=\"value\" id=\"v-{series}\">([^<]*)</span>");
            Assert.Matches(@"^\d+(\.\d)?( MiB| %)?$", value.Groups[1].Value);
        }

        // The configured limits are drawn beside usage: the [VelithonCached] byte bound and the queue's length.
        double byteBound = app.Services.GetRequiredService<IOptions<Velithon.AspNetCore.Caching.VelithonCachingOptions>>().Value.MaxMemoryBytes / 1048576d;
        int queueBound = app.Services.GetRequiredService<IOptions<Velithon.Memory.BackgroundTaskQueueOptions>>().Value.MaxQueueLength;
        Assert.Equal(byteBound, Limit(dom, "endpointBytes"));
        Assert.Equal(queueBound, Limit(dom, "queue"));

        Assert.Matches(StatusLine(), dom);
        Assert.True(Volatile.Read(ref statsRequests) >= 2, $"the page polled {statsRequests} time(s)");
        await app.StopAsync();
    }

    [ChromiumFact]
    public async Task Panels_of_components_the_app_does_not_register_are_hidden()
    {
        // No background tasks, no [VelithonCached] store: their panels stay hidden, the others draw.
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddVelithonMemory();
        await using WebApplication app = builder.Build();
        app.MapVelithonStats();
        app.MapVelithonDashboard();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        string dom = await HeadlessChromium.DumpDomAsync(new Uri(address, "/velithon/dashboard"), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(90));

        foreach (string hidden in new[] { "endpoint", "endpointBytes", "queue" })
        {
            Assert.Matches($"<section class=\"panel\" hidden(=\"\")?><h2><span>[^<]*(<code>[^<]*</code>[^<]*)?</span> <span class=\"value\" id=\"v-{hidden}\">", dom);
            Assert.DoesNotMatch($"<canvas id=\"c-{hidden}\"[^>]*data-points", dom);
        }

        foreach (string shown in new[] { "memory", "cache", "pool", "interner" })
        {
            Assert.Matches($"<section class=\"panel\"><h2><span>[^<]*</span> <span class=\"value\" id=\"v-{shown}\">", dom);
            Assert.Matches($"<canvas id=\"c-{shown}\"[^>]*data-points=\"\\d+\"", dom);
        }

        await app.StopAsync();
    }

    private static double Limit(string dom, string series)
    {
        Match limit = Regex.Match(dom, $"<canvas id=\"c-{series}\"[^>]*data-limit=\"([^\"]+)\"");
        Assert.True(limit.Success, $"chart {series} has no limit:\n{dom}");
        return double.Parse(limit.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("<p id=\"status\"[^>]*>(ok|under memory pressure) · load \\d+(\\.\\d)? %")]
    private static partial Regex StatusLine();
}
