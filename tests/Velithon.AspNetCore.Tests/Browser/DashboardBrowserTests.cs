using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

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
        app.MapVelithonStats();
        app.MapVelithonDashboard();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        string dom = await HeadlessChromium.DumpDomAsync(new Uri(address, "/velithon/dashboard"), TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(90));

        // Four 2-second polls fit in 9 s of page time; each chart must hold them and show the last value.
        foreach (string series in new[] { "memory", "cache", "endpoint", "pool", "queue" })
        {
            Match canvas = Regex.Match(dom, $"<canvas id=\"c-{series}\"[^>]*data-points=\"(\\d+)\"");
            Assert.True(canvas.Success, $"chart {series} drew nothing:\n{dom}");
            Assert.InRange(int.Parse(canvas.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 2, 120);
            Match value = Regex.Match(dom, $"<span class=\"value\" id=\"v-{series}\">([^<]*)</span>");
            Assert.Matches(@"^\d+(\.\d)?( MiB| %)?$", value.Groups[1].Value);
        }

        Assert.Matches(StatusLine(), dom);
        Assert.True(Volatile.Read(ref statsRequests) >= 2, $"the page polled {statsRequests} time(s)");
        await app.StopAsync();
    }

    [GeneratedRegex("<p id=\"status\"[^>]*>(ok|under memory pressure) · load \\d+(\\.\\d)? %")]
    private static partial Regex StatusLine();
}
