using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>What docs/caching.md promises about ETags, encodings, what is never stored, logging and metrics: one test each.</summary>
public sealed class DocumentedClaimsTests
{
    private static readonly byte[] s_gzipped = Gzip(string.Concat(Enumerable.Repeat("already encoded by the endpoint;", 30)));

    [Fact]
    public async Task The_endpoints_own_strong_ETag_is_kept_and_a_weak_one_replaced()
    {
        await using TestApp app = await StartAsync();
        var strong = await app.GetAsync("/etag?value=%22v1%22");
        var strongHit = await app.GetAsync("/etag?value=%22v1%22");
        var weak = await app.GetAsync("/etag?value=W/%22v1%22");

        Assert.Equal("\"v1\"", strong.Response.Headers.ETag!.ToString());
        Assert.Equal(("HIT", "\"v1\""), (strongHit.Status, strongHit.Response.Headers.ETag!.ToString()));
        Assert.False(weak.Response.Headers.ETag!.IsWeak);
        Assert.NotEqual("\"v1\"", weak.Response.Headers.ETag.Tag);
    }

    [Fact]
    public async Task An_already_encoded_response_is_stored_as_it_is()
    {
        await using TestApp app = await StartAsync();
        foreach (string accept in new[] { "gzip", "gzip", "gzip, br" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/encoded");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
            using HttpResponseMessage response = await app.Client.SendAsync(request);
            Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.Equal(s_gzipped, await response.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(2, app.Runs["encoded"]); // one entry per Accept-Encoding: the endpoint's Vary names it
    }

    [Fact]
    public async Task A_response_with_buffering_disabled_streams_and_is_not_stored()
    {
        await using TestApp app = await StartAsync();
        await app.GetAsync("/streamed");
        var second = await app.GetAsync("/streamed");
        Assert.Equal(("MISS", "streamed run 2"), (second.Status, second.Body));
    }

    [Fact]
    public async Task A_HEAD_miss_stores_nothing()
    {
        await using TestApp app = await StartAsync();
        var head = await app.GetAsync("/both", method: HttpMethod.Head);
        var get = await app.GetAsync("/both");
        Assert.Equal("MISS", head.Status);
        Assert.Equal(("MISS", "both run 2"), (get.Status, get.Body));
    }

    [Fact]
    public async Task The_pipeline_order_warning_is_logged_once()
    {
        var logs = new FakeLogCollector();
        await using TestApp app = await TestApp.StartCustomAsync(
            a =>
            {
                a.UseRouting();
                a.UseAuthentication();
                a.UseVelithonCaching();
                a.UseAuthorization();
                a.MapGet("/guarded", [VelithonCached] () => "x").RequireAuthorization();
            },
            b => b.Logging.AddProvider(new FakeLoggerProvider(logs)));

        for (int i = 0; i < 3; i++)
        {
            await app.GetAsync("/guarded", r => r.Headers.Add("X-Test-User", "alice"));
        }

        Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 6 && r.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Bypass_reasons_and_tag_evictions_are_counted()
    {
        await using TestApp app = await TestApp.StartAsync();
        var meters = app.App.Services.GetRequiredService<IMeterFactory>();
        using var bypasses = new MetricCollector<long>(meters, VelithonCachingMetrics.MeterName, "velithon.cache.bypasses");
        using var evictions = new MetricCollector<long>(meters, VelithonCachingMetrics.MeterName, "velithon.cache.tag.evictions");

        await app.GetAsync("/items", r => r.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "x"));
        await app.GetAsync("/items", r => r.Headers.Add("X-Test-User", "alice"));
        await app.GetAsync("/items", r => r.Headers.Add("Cookie", "a=1"));
        await app.Invalidator.EvictByTagAsync("products");

        Assert.Equal(["authorization", "user", "cookie"], bypasses.GetMeasurementSnapshot().Select(m => (string)m.Tags["velithon.reason"]!));
        Assert.Equal(1, evictions.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task Stampede_waits_are_counted()
    {
        // The miss holds until the test has seen the four others wait for it (a wait is counted as it starts), so
        // none of them can arrive after it ended, however slow the machine.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using TestApp app = await TestApp.StartCustomAsync(a =>
        {
            a.UseRouting();
            a.UseVelithonCaching();
            a.MapGet("/gated", [VelithonCached] async (Counters c) =>
            {
                int run = c.Run("gated");
                await release.Task;
                return $"gated run {run}";
            });
        });
        var meters = app.App.Services.GetRequiredService<IMeterFactory>();
        using var waits = new MetricCollector<long>(meters, VelithonCachingMetrics.MeterName, "velithon.cache.stampede.waits");

        Task<(string, string, HttpResponseMessage)> first = app.GetAsync("/gated");
        await RedisTestKit.WaitUntilAsync(() => Task.FromResult(app.Runs["gated"] == 1));
        Task<(string Status, string Body, HttpResponseMessage Response)[]> rest = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.GetAsync("/gated")));
        await RedisTestKit.WaitUntilAsync(() => Task.FromResult(waits.GetMeasurementSnapshot().Sum(m => m.Value) == 4));
        release.SetResult();
        await first;

        Assert.Equal(1, app.Runs["gated"]);
        Assert.All(await rest, r => Assert.Equal("gated run 1", r.Body));
        Assert.Equal(4, waits.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    private static Task<TestApp> StartAsync() => TestApp.StartCustomAsync(a =>
    {
        a.UseRouting();
        a.UseVelithonCaching();
        a.MapGet("/etag", [VelithonCached] (HttpResponse response, string value, Counters c) =>
        {
            response.Headers.ETag = value;
            return $"etag run {c.Run("etag")}";
        });
        a.MapGet("/encoded", [VelithonCached] (HttpResponse response, Counters c) =>
        {
            c.Run("encoded");
            response.Headers.ContentEncoding = "gzip";
            response.Headers.Vary = "Accept-Encoding";
            return Results.Bytes(s_gzipped, "application/json");
        });
        a.MapGet("/streamed", [VelithonCached] async (HttpContext context, Counters c) =>
        {
            context.Features.Get<IHttpResponseBodyFeature>()!.DisableBuffering();
            await context.Response.WriteAsync($"streamed run {c.Run("streamed")}");
        });
        a.MapMethods("/both", ["GET", "HEAD"], [VelithonCached] (Counters c) => $"both run {c.Run("both")}");
    });

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}

/// <summary>Redis errors: counted every time, logged at most once per <c>RedisErrorLogInterval</c>; L2 hits tagged <c>l2</c>.</summary>
[Collection(RedisGroup.Name)]
public sealed class RedisDocumentedClaimsTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly RedisTestKit _kit = new(redis, "claims");

    public Task InitializeAsync() => _kit.InitializeAsync();

    public Task DisposeAsync() => _kit.DisposeAsync();

    [RedisFact]
    public async Task Redis_errors_are_all_counted_and_logged_at_a_bounded_rate()
    {
        var logs = new FakeLogCollector();
        await using TestApp app = await TestApp.StartCustomAsync(
            a =>
            {
                a.UseRouting();
                a.UseVelithonCaching();
                a.MapGet("/r/{n}", [VelithonCached(VaryByRouteValue = ["n"])] (int n) => $"r {n}");
            },
            b => b.Logging.AddProvider(new FakeLoggerProvider(logs)),
            o =>
            {
                o.UseRedis(redis.ConnectionString, r =>
                {
                    r.RedisKeyPrefix = _kit.Prefix;
                    r.RedisErrorLogInterval = TimeSpan.FromHours(1);
                    r.RedisOperationTimeout = TimeSpan.FromMilliseconds(100);
                });
            });
        await RedisTestKit.WaitUntilAsync(() => Task.FromResult(app.Cache.Redis!.IsConnected));
        using var errors = new MetricCollector<long>(app.App.Services.GetRequiredService<IMeterFactory>(), VelithonCachingMetrics.MeterName, "velithon.cache.redis.errors");

        Task stall = _kit.StallRedisAsync(2);
        await RedisTestKit.WaitUntilAsync(async () =>
        {
            await app.GetAsync($"/r/{Guid.NewGuid():N}");
            return errors.GetMeasurementSnapshot().Sum(m => m.Value) >= 3;
        });
        await stall;

        Assert.True(errors.GetMeasurementSnapshot().Sum(m => m.Value) >= 3);
        Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 1 && r.Level == LogLevel.Warning);
    }

    [RedisFact]
    public async Task An_L2_hit_is_counted_with_the_l2_layer()
    {
        await using TestApp a = await _kit.StartAsync();
        await using TestApp b = await _kit.StartAsync();
        using var hits = new MetricCollector<long>(b.App.Services.GetRequiredService<IMeterFactory>(), VelithonCachingMetrics.MeterName, "velithon.cache.hits");

        await a.GetAsync("/items");
        await _kit.WaitForKeysAsync(1);
        var fromRedis = await b.GetAsync("/items");

        Assert.Equal(("HIT", HttpStatusCode.OK), (fromRedis.Status, fromRedis.Response.StatusCode));
        Assert.Equal("l2", Assert.Single(hits.GetMeasurementSnapshot()).Tags["velithon.cache.layer"]);
    }
}
