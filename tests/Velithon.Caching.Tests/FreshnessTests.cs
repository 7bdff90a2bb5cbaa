using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Velithon.Caching.Tests;

/// <summary>HTTP freshness: <c>Age</c>, opt-in <c>Cache-Control</c> and <c>Last-Modified</c>, <c>If-Modified-Since</c>, <c>only-if-cached</c>, <c>HEAD</c>.</summary>
public sealed class FreshnessTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, 400, TimeSpan.Zero);

    private static Task<TestApp> StartAsync(FakeTimeProvider time) => FeatureApp.StartAsync(
        app =>
        {
            app.MapGet("/plain", [VelithonCached(Duration = 30)] (Counters c) => $"plain run {c.Run("plain")}");
            app.MapMethods("/both", ["GET", "HEAD"], [VelithonCached(Duration = 30)] (Counters c) => Results.Text($"both run {c.Run("both")}", "text/plain"));
            app.MapGet("/public", [VelithonCached(Duration = 30, EmitCacheControl = true)] (Counters c) => $"public run {c.Run("public")}");
            app.MapGet("/public-lang", [VelithonCached(Duration = 30, EmitCacheControl = true, VaryByHeader = ["X-Lang"])] (HttpRequest r, Counters c) => $"lang {r.Headers["X-Lang"]} run {c.Run("lang")}");
            app.MapGet("/public-own", [VelithonCached(Duration = 30, EmitCacheControl = true)] (HttpResponse r, Counters c) =>
            {
                r.Headers.CacheControl = "public, max-age=5";
                return $"own run {c.Run("own")}";
            });
            app.MapGet("/per-user", [VelithonCached(Duration = 30, EmitCacheControl = true, VaryByUser = true)] (Counters c) => $"user run {c.Run("user")}");
            app.MapGet("/cookies", [VelithonCached(Duration = 30, EmitCacheControl = true, VaryByCookie = ["theme"])] (Counters c) => $"cookies run {c.Run("cookies")}");
            app.MapGet("/valued", (Counters c) => $"valued run {c.Run("valued")}")
                .CacheWithVelithon(p => p.Expire(TimeSpan.FromSeconds(30)).EmitCacheControl().VaryByValue("v", static _ => "x"));
            app.MapGet("/dated", [VelithonCached(Duration = 30, EmitLastModified = true)] (Counters c) => $"dated run {c.Run("dated")}");
        },
        time: time);

    [Fact]
    public async Task Hits_carry_their_Age_in_whole_seconds_and_misses_none()
    {
        var time = new FakeTimeProvider(Start);
        await using TestApp app = await StartAsync(time);
        var miss = await app.GetAsync("/plain");
        Assert.Null(miss.Response.Headers.Age);
        Assert.Equal(TimeSpan.Zero, (await app.GetAsync("/plain")).Response.Headers.Age);
        time.Advance(TimeSpan.FromMilliseconds(7900));
        var hit = await app.GetAsync("/plain");
        Assert.Equal(("HIT", TimeSpan.FromSeconds(7)), (hit.Status, hit.Response.Headers.Age));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Null((await app.GetAsync("/plain")).Response.Headers.Age); // expired: a miss again
    }

    [Fact]
    public async Task Cache_Control_is_written_only_when_asked_and_only_when_a_shared_cache_can_key_the_response()
    {
        var time = new FakeTimeProvider(Start);
        await using TestApp app = await StartAsync(time);
        Assert.Null((await app.GetAsync("/plain")).Response.Headers.CacheControl);

        foreach (string status in new[] { "MISS", "HIT" })
        {
            var response = await app.GetAsync("/public");
            Assert.Equal(status, response.Status);
            Assert.Equal("public, max-age=30", response.Response.Headers.CacheControl?.ToString());
        }

        time.Advance(TimeSpan.FromSeconds(12));
        var aged = await app.GetAsync("/public");
        Assert.Equal(("public, max-age=30", TimeSpan.FromSeconds(12)), (aged.Response.Headers.CacheControl?.ToString(), aged.Response.Headers.Age));

        // The request headers in the key go into Vary, so that a shared cache keys them too.
        var lang = await app.GetAsync("/public-lang", r => r.Headers.Add("X-Lang", "fr"));
        Assert.Equal("public, max-age=30", lang.Response.Headers.CacheControl?.ToString());
        Assert.Contains("X-Lang", lang.Response.Headers.Vary);
        Assert.Contains("X-Lang", (await app.GetAsync("/public-lang", r => r.Headers.Add("X-Lang", "fr"))).Response.Headers.Vary);

        // The endpoint's own Cache-Control is kept as it is.
        Assert.Equal("public, max-age=5", (await app.GetAsync("/public-own")).Response.Headers.CacheControl?.ToString());
        Assert.Equal("public, max-age=5", (await app.GetAsync("/public-own")).Response.Headers.CacheControl?.ToString());

        // Keyed by what no browser or CDN sees (the user, cookies, a delegate's value): nothing is added.
        foreach (string url in new[] { "/per-user", "/cookies", "/valued" })
        {
            Action<HttpRequestMessage>? user = url == "/per-user" ? r => r.Headers.Add("X-Test-User", "alice") : null;
            var first = await app.GetAsync(url, user);
            var second = await app.GetAsync(url, user);
            Assert.Equal("HIT", second.Status);
            Assert.Null(first.Response.Headers.CacheControl);
            Assert.Null(second.Response.Headers.CacheControl);
        }
    }

    [Fact]
    public async Task Last_Modified_is_the_time_stored_and_If_Modified_Since_answers_304_unless_If_None_Match_is_sent()
    {
        var time = new FakeTimeProvider(Start);
        await using TestApp app = await StartAsync(time);
        Assert.Null((await app.GetAsync("/plain")).Response.Content.Headers.LastModified);

        var stored = await app.GetAsync("/dated");
        DateTimeOffset lastModified = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero); // to the second
        Assert.Equal(lastModified, stored.Response.Content.Headers.LastModified);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(lastModified, (await app.GetAsync("/dated")).Response.Content.Headers.LastModified);

        var notModified = await app.GetAsync("/dated", r => r.Headers.IfModifiedSince = lastModified);
        Assert.Equal(HttpStatusCode.NotModified, notModified.Response.StatusCode);
        Assert.Equal(string.Empty, notModified.Body);
        Assert.Equal(stored.Response.Headers.ETag, notModified.Response.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await app.GetAsync("/dated", r => r.Headers.IfModifiedSince = lastModified.AddDays(1))).Response.StatusCode);

        var older = await app.GetAsync("/dated", r => r.Headers.IfModifiedSince = lastModified.AddSeconds(-1));
        Assert.Equal((HttpStatusCode.OK, "dated run 1"), (older.Response.StatusCode, older.Body));

        // If-None-Match wins (RFC 9110 13.2.2): a tag that does not match is a 200 whatever the date says.
        var otherTag = await app.GetAsync("/dated", r =>
        {
            r.Headers.IfModifiedSince = lastModified;
            r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""));
        });
        Assert.Equal(HttpStatusCode.OK, otherTag.Response.StatusCode);

        // Without Last-Modified there is nothing to compare with.
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/plain", r => r.Headers.IfModifiedSince = lastModified.AddDays(1))).Response.StatusCode);
        Assert.Equal(1, app.Runs["dated"]);
    }

    [Fact]
    public async Task Only_if_cached_gets_504_without_running_the_endpoint_unless_a_fresh_entry_answers()
    {
        var time = new FakeTimeProvider(Start);
        await using TestApp app = await StartAsync(time);
        static void OnlyIfCached(HttpRequestMessage r) => r.Headers.TryAddWithoutValidation("Cache-Control", "max-age=0, ONLY-IF-CACHED");

        var miss = await app.GetAsync("/plain", OnlyIfCached);
        Assert.Equal(HttpStatusCode.GatewayTimeout, miss.Response.StatusCode);
        Assert.Equal(0, app.Runs["plain"]);

        await app.GetAsync("/plain");
        var hit = await app.GetAsync("/plain", OnlyIfCached);
        Assert.Equal((HttpStatusCode.OK, "HIT", "plain run 1"), (hit.Response.StatusCode, hit.Status, hit.Body));

        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.GatewayTimeout, (await app.GetAsync("/plain", OnlyIfCached)).Response.StatusCode);

        // A request the cache never answers (it carries a cookie the key does not name) gets 504 too.
        Assert.Equal(HttpStatusCode.GatewayTimeout, (await app.GetAsync("/plain", r => { OnlyIfCached(r); r.Headers.Add("Cookie", "a=1"); })).Response.StatusCode);

        // A quoted argument of another directive is not the directive.
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/plain", r => r.Headers.TryAddWithoutValidation("Cache-Control", "x=\"only-if-cached, y\""))).Response.StatusCode);
        Assert.Equal(2, app.Runs["plain"]); // that request refreshed the expired entry; none of the 504s ran the endpoint
    }

    [Fact]
    public async Task HEAD_is_served_from_the_GET_entry_with_the_same_headers_and_no_body_where_the_endpoint_accepts_it()
    {
        var time = new FakeTimeProvider(Start);
        await using TestApp app = await StartAsync(time);
        var get = await app.GetAsync("/both");
        time.Advance(TimeSpan.FromSeconds(2));
        var head = await app.GetAsync("/both", method: HttpMethod.Head);

        Assert.Equal(("HIT", string.Empty), (head.Status, head.Body));
        Assert.Equal(get.Response.Content.Headers.ContentLength, head.Response.Content.Headers.ContentLength);
        Assert.Equal(get.Response.Content.Headers.ContentType, head.Response.Content.Headers.ContentType);
        Assert.Equal(get.Response.Headers.ETag, head.Response.Headers.ETag);
        Assert.Equal(TimeSpan.FromSeconds(2), head.Response.Headers.Age);
        Assert.Equal(1, app.Runs["both"]);

        // MapGet accepts GET only: routing answers HEAD 405 before the cache sees it.
        await app.GetAsync("/plain");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await app.GetAsync("/plain", method: HttpMethod.Head)).Response.StatusCode);
    }
}
