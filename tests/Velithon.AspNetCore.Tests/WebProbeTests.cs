using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Velithon.Memory;

namespace Velithon.AspNetCore.Tests;

/// <summary>The web layer probed as a user and an operator would use it, off the tested path.</summary>
public sealed class WebProbeTests
{
    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData((int.MaxValue / 2) + 1)]
    public async Task A_very_large_MaxDegreeOfParallelism_renders_the_list(int degree)
    {
        Item[] items = Enumerable.Range(0, 500).Select(i => new Item(i, "name" + i, i, ["t"])).ToArray();
        await using TestApp app = await TestApp.StartAsync(
            s => s.AddVelithonJsonResults(o =>
            {
                o.ParallelThreshold = 0;
                o.MaxDegreeOfParallelism = degree;
            }),
            a => a.MapGet("/items", () => VelithonResults.Json(items)));

        using HttpResponseMessage response = await app.Client.GetAsync(new Uri("/items", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AspNetCoreOracle.Stj(items), await response.Content.ReadAsStringAsync());
    }
}
