using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Velithon.AspNetCore.Tests;

/// <summary>The same results on real Kestrel (127.0.0.1): headers written after rendering still reach the client.</summary>
public sealed class KestrelTests
{
    [Fact]
    public async Task Results_and_headers_on_Kestrel()
    {
        Item[] items = Enumerable.Range(0, 3000).Select(i => new Item(i, "name" + i, i, ["t"])).ToArray();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddVelithonJsonResults(o =>
        {
            o.ParallelThreshold = 0;
            o.MaxDegreeOfParallelism = 3;
        });
        await using WebApplication app = builder.Build();
        app.MapGet("/items", () => VelithonResults.Json(items));
        app.MapGet("/one", () => VelithonResults.Json(items[1]));
        app.MapGet("/batch", () => VelithonResults.JsonBatch(items, 100));
        app.MapGet("/aspnet", () => Results.Json(items, System.Text.Json.JsonSerializerOptions.Web));
        app.MapGet("/aspnet-one", () => Results.Json(items[1], System.Text.Json.JsonSerializerOptions.Web));
        app.MapGet("/cycle", () =>
        {
            var node = new Node();
            node.Next = node;
            return VelithonResults.Json(new[] { new Node(), new Node(), node });
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        string expected = AspNetCoreOracle.Stj(items);
        using HttpResponseMessage aspNet = await client.GetAsync(new Uri("/aspnet", UriKind.Relative));
        using HttpResponseMessage aspNetOne = await client.GetAsync(new Uri("/aspnet-one", UriKind.Relative));
        Assert.Equal(expected, await aspNet.Content.ReadAsStringAsync());

        using HttpResponseMessage list = await client.GetAsync(new Uri("/items", UriKind.Relative));
        using HttpResponseMessage one = await client.GetAsync(new Uri("/one", UriKind.Relative));
        using HttpResponseMessage batch = await client.GetAsync(new Uri("/batch", UriKind.Relative));

        Assert.Equal(expected, await list.Content.ReadAsStringAsync());
        Assert.EndsWith("desc=\"parallel\"", Assert.Single(list.Headers.GetValues("Server-Timing")), StringComparison.Ordinal);
        Assert.EndsWith("desc=\"sequential\"", Assert.Single(one.Headers.GetValues("Server-Timing")), StringComparison.Ordinal);
        Assert.Equal(await aspNetOne.Content.ReadAsStringAsync(), await one.Content.ReadAsStringAsync());
        Assert.Equal(aspNetOne.Content.Headers.ContentType?.ToString(), one.Content.Headers.ContentType?.ToString());
        Assert.Equal(expected, await batch.Content.ReadAsStringAsync());
        using HttpResponseMessage cycle = await client.GetAsync(new Uri("/cycle", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, cycle.StatusCode);
        Assert.Equal(string.Empty, await cycle.Content.ReadAsStringAsync());
        await app.StopAsync();
    }
}
