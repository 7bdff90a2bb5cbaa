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

    [Fact]
    public async Task A_dashboard_mapped_in_a_route_group_links_its_script_style_and_stats_under_the_group()
    {
        await using TestApp app = await TestApp.StartAsync(
            s => s.AddVelithonMemory(),
            a =>
            {
                RouteGroupBuilder ops = a.MapGroup("/ops");
                ops.MapVelithonStats();
                ops.MapVelithonDashboard();
            });

        string html = await app.Client.GetStringAsync(new Uri("/ops/velithon/dashboard", UriKind.Relative));

        Assert.Contains("data-stats-url=\"/ops/velithon/stats\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/ops/velithon/dashboard/dashboard.js\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/ops/velithon/dashboard/dashboard.css\"", html, StringComparison.Ordinal);
        using HttpResponseMessage script = await app.Client.GetAsync(new Uri("/ops/velithon/dashboard/dashboard.js", UriKind.Relative));
        using HttpResponseMessage stats = await app.Client.GetAsync(new Uri("/ops/velithon/stats", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }

    [Fact]
    public async Task Stats_and_memory_health_mapped_without_AddVelithonMemory_fail_when_mapped_as_MapHealthChecks_does()
    {
        // ASP.NET Core's oracle: MapHealthChecks without AddHealthChecks throws when it is mapped.
        WebApplication plain = WebApplication.CreateSlimBuilder().Build();
        await using (plain)
        {
            Assert.Throws<InvalidOperationException>(() => plain.MapHealthChecks("/health"));
            InvalidOperationException stats = Assert.Throws<InvalidOperationException>(() => plain.MapVelithonStats());
            InvalidOperationException health = Assert.Throws<InvalidOperationException>(() => plain.MapVelithonMemoryHealth());
            Assert.Contains("AddVelithonMemory", stats.Message, StringComparison.Ordinal);
            Assert.Contains("AddVelithonMemory", health.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_zero_lookup_cache_is_not_judged_on_its_hit_rate_even_with_MinCacheLookups_zero()
    {
        var options = new VelithonMemoryHealthCheckOptions { MinCacheLookups = 0, DegradedBelowCacheHitRatePercent = 50 };
        using var memory = new VelithonMemory(new VelithonMemoryOptions());

        MemoryHealthReport report = MemoryHealthReport.Evaluate(memory.GetStats(), options);

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Empty(report.Recommendations);
    }

    [Fact]
    public async Task Enqueue_after_the_runner_stopped_says_the_queue_stopped_not_that_it_is_full()
    {
        await using TestApp app = await TestApp.StartAsync(
            s =>
            {
                s.AddVelithonBackgroundTasks(o => o.MaxQueueLength = 10);
                s.AddProblemDetails();
            },
            a => a.MapPost("/work", (IBackgroundTaskQueue queue) => VelithonResults.Enqueue(queue, _ => ValueTask.CompletedTask)));
        foreach (IHostedService hosted in app.App.Services.GetServices<IHostedService>().OfType<BackgroundTaskRunner>())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        using HttpResponseMessage response = await app.Client.PostAsync(new Uri("/work", UriKind.Relative), null);
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("full", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("stopped", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_render_failure_under_UseExceptionHandler_never_sends_the_handlers_body_after_rendered_bytes()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddProblemDetails();
        await using WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.MapGet("/aspnet/{n:int}", (int n) => Results.Json(Nodes(n), JsonSerializerOptions.Web));
        app.MapGet("/one", () => VelithonResults.Json(Nodes(0)[0]));
        app.MapGet("/list/{n:int}", (int n) => VelithonResults.Json(Nodes(n)));
        app.MapGet("/batch/{n:int}", (int n) => VelithonResults.JsonBatch(Nodes(n), 100_000));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        // A failure in a short list: ASP.NET Core's handler answers a clean ProblemDetails; so must the results.
        string expected = await Send("/aspnet/10");
        Assert.StartsWith("500 {\"type\"", expected, StringComparison.Ordinal);
        Assert.Equal(expected, await Send("/one"));
        foreach (int n in new[] { 0, 1, 10, 100, 1_000 })
        {
            // (At 1,000 nodes, ~12 KiB, ASP.NET Core itself sends the list's start and then the problem.)
            Assert.Equal(expected, await Send($"/list/{n}"));
            Assert.Equal(expected, await Send($"/batch/{n}"));
        }

        // Past 16 KiB bytes were committed before the failure: never a 500 whose body is the start of the list and
        // then the handler's problem; the response is aborted, as ASP.NET Core's own JSON, flushed by then, leaves it.
        Assert.Equal("aborted", await Send("/aspnet/10000"));
        Assert.Equal("aborted", await Send("/list/10000"));
        Assert.Equal("aborted", await Send("/batch/10000"));

        await app.StopAsync();

        async Task<string> Send(string path)
        {
            try
            {
                using HttpResponseMessage response = await client.GetAsync(new Uri(path, UriKind.Relative));
                string body = await response.Content.ReadAsStringAsync();
                return (int)response.StatusCode + " " + System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", string.Empty);
            }
            catch (HttpRequestException)
            {
                return "aborted";
            }
        }

        // n plain nodes, then one whose cycle fails at the depth limit.
        static Node[] Nodes(int n)
        {
            var node = new Node();
            node.Next = node;
            return [.. Enumerable.Range(0, n).Select(_ => new Node()), node];
        }
    }

    [Theory]
    [InlineData("UnhealthyMemoryLoadPercent", "NaN")]
    [InlineData("DegradedMemoryLoadPercent", "-5")]
    [InlineData("DegradedCacheMemoryBytes", "-1")]
    [InlineData("UnhealthyTotalMemoryBytes", "0")]
    [InlineData("DegradedBelowCacheHitRatePercent", "150")]
    [InlineData("MinCacheLookups", "-1")]
    public async Task Health_thresholds_out_of_range_fail_the_start_naming_the_setting(string setting, string value)
    {
        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => TestApp.StartAsync(
            s =>
            {
                s.AddVelithonMemory();
                s.AddHealthChecks().AddVelithonMemory(o =>
                {
                    switch (setting)
                    {
                        case "UnhealthyMemoryLoadPercent": o.UnhealthyMemoryLoadPercent = double.NaN; break;
                        case "DegradedMemoryLoadPercent": o.DegradedMemoryLoadPercent = -5; break;
                        case "DegradedCacheMemoryBytes": o.DegradedCacheMemoryBytes = -1; break;
                        case "UnhealthyTotalMemoryBytes": o.UnhealthyTotalMemoryBytes = 0; break;
                        case "DegradedBelowCacheHitRatePercent": o.DegradedBelowCacheHitRatePercent = 150; break;
                        default: o.MinCacheLookups = -1; break;
                    }
                });
            },
            a => a.MapHealthChecks("/health")));

        Microsoft.Extensions.Options.OptionsValidationException validation = Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(error);
        Assert.Contains(setting, validation.Message, StringComparison.Ordinal);
        Assert.Contains(value, validation.Message, StringComparison.Ordinal);
        Assert.Contains("velithon_memory", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_disconnects_during_a_parallel_list_leaves_no_rented_buffer_and_the_server_healthy()
    {
        Item[] items = Enumerable.Range(0, 60_000).Select(i => new Item(i, "name" + i, i, ["a", "b"])).ToArray();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        // A pool of this app's own (the default is VelithonMemoryPool.Shared, which other tests rent from meanwhile).
        builder.Services.AddVelithonMemory(o => o.PoolMaxArrayLength = VelithonMemoryPool.DefaultMaxArrayLength);
        builder.Services.AddVelithonJsonResults(o =>
        {
            o.ParallelThreshold = 0;
            o.MaxDegreeOfParallelism = 2;
        });
        await using WebApplication app = builder.Build();
        app.MapGet("/items", () => VelithonResults.Json(items));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        IVelithonMemory memory = app.Services.GetRequiredService<IVelithonMemory>();
        Assert.NotSame(VelithonMemoryPool.Shared, memory.Pool);

        for (int attempt = 0; attempt < 5; attempt++)
        {
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            using HttpResponseMessage response = await client.GetAsync(new Uri("/items", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            await using Stream body = await response.Content.ReadAsStreamAsync();
            byte[] buffer = new byte[8192];
            _ = await body.ReadAsync(buffer);
        }

        // The server notices the resets and returns every chunk buffer to the handler's pool.
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (memory.GetStats().Pool.CurrentRentedBytes != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, memory.GetStats().Pool.CurrentRentedBytes);
        using var healthy = new HttpClient { BaseAddress = new Uri(address) };
        Assert.Equal(AspNetCoreOracle.Stj(items), await healthy.GetStringAsync(new Uri("/items", UriKind.Relative)));
        Assert.Equal(0, memory.GetStats().Pool.CurrentRentedBytes);
        await app.StopAsync();
    }

    [Fact]
    public async Task Results_written_through_a_body_stream_a_middleware_replaced_and_HEAD_requests_match_Results_Json()
    {
        Item[] items = Enumerable.Range(0, 3_000).Select(i => new Item(i, "name" + i, i, ["t"])).ToArray();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddVelithonJsonResults(o =>
        {
            o.ParallelThreshold = 0;
            o.MaxDegreeOfParallelism = 2;
            o.TargetChunkBytes = 4096;
        });
        await using WebApplication app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (!context.Request.Query.ContainsKey("buffer"))
            {
                await next(context);
                return;
            }

            // A user's buffering middleware: the body is a MemoryStream until the end.
            Stream original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            await next(context);
            context.Response.Body = original;
            context.Response.ContentLength = buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(original);
        });
        app.MapMethods("/aspnet", ["GET", "HEAD"], () => Results.Json(items, JsonSerializerOptions.Web));
        app.MapMethods("/list", ["GET", "HEAD"], () => VelithonResults.Json(items));
        app.MapMethods("/one", ["GET", "HEAD"], () => VelithonResults.Json(items[0]));
        app.MapMethods("/batch", ["GET", "HEAD"], () => VelithonResults.JsonBatch(items, 100));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        string expected = AspNetCoreOracle.Stj(items);

        foreach (string path in new[] { "/list?buffer=1", "/batch?buffer=1", "/list", "/batch" })
        {
            using HttpResponseMessage response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(expected, await response.Content.ReadAsStringAsync());
        }

        foreach (string path in new[] { "/aspnet", "/list", "/one", "/batch" })
        {
            using var head = new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative));
            using HttpResponseMessage response = await client.SendAsync(head);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }

        await app.StopAsync();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Request_bodies_with_a_BOM_or_in_one_byte_chunks_bind_as_in_plain_ASP_NET_Core(bool bom, bool comments)
    {
        string[] bodies =
        [
            """{"id":7,"text":"a","mood":1,"tags":["a","b"]}""",
            """{"id":7,"text":"a",/*c*/"mood":1,"tags":["a","b",],}""",
            """{"id":"x","text":"a","mood":1,"tags":[]}""",
            """{"id":7,"text":"a","mood":1,"tags":["a" """,
        ];
        async Task<TestApp> Start(bool velithon) => await TestApp.StartAsync(
            s =>
            {
                if (velithon)
                {
                    s.AddVelithonJson();
                }

                s.AddProblemDetails();
                s.ConfigureHttpJsonOptions(o =>
                {
                    if (comments)
                    {
                        o.SerializerOptions.ReadCommentHandling = JsonCommentHandling.Skip;
                        o.SerializerOptions.AllowTrailingCommas = true;
                    }
                });
            },
            a => a.MapPost("/echo", (Greeting g) => g));
        await using TestApp plain = await Start(false);
        await using TestApp velithon = await Start(true);
        foreach (string body in bodies)
        {
            foreach (bool chunked in new[] { false, true })
            {
                Assert.Equal(await Send(plain, body, chunked), await Send(velithon, body, chunked));
            }
        }

        async Task<string> Send(TestApp app, string body, bool chunked)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            if (bom)
            {
                bytes = [0xEF, 0xBB, 0xBF, .. bytes];
            }

            HttpContent content = chunked ? new StreamContent(new OneByteStream(bytes)) : new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using (content)
            {
                try
                {
                    using HttpResponseMessage response = await app.Client.PostAsync(new Uri("/echo", UriKind.Relative), content);
                    string text = await response.Content.ReadAsStringAsync();
                    return $"{body} -> {(int)response.StatusCode} {response.Content.Headers.ContentType} {System.Text.RegularExpressions.Regex.Replace(text, "\"traceId\":\"[^\"]*\"", "")}";
                }
                catch (Exception ex)
                {
                    return $"{body} -> threw {ex.GetType()} {ex.Message}";
                }
            }
        }
    }

    private sealed class OneByteStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= bytes.Length || count == 0)
            {
                return 0;
            }

            buffer[offset] = bytes[_position++];
            return 1;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
