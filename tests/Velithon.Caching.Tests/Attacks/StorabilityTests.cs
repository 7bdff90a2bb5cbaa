using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>Responses whose own headers forbid shared caching are never stored; conditional requests answer only for 2xx entries.</summary>
public sealed class StorabilityTests
{
    [Theory]
    [InlineData("Cache-Control", "max-age=0")]
    [InlineData("Cache-Control", "public, s-maxage=0")]
    [InlineData("Cache-Control", "public, max-age=\"0\"")]
    [InlineData("Cache-Control", "max-age=abc")]
    [InlineData("Cache-Control", "no-cache=\"Set-Cookie\"")]
    [InlineData("Cache-Control", "private=\"Authorization\"")]
    [InlineData("Cache-Control", "No-Store")]
    [InlineData("Pragma", "no-cache")]
    [InlineData("Expires", "0")]
    [InlineData("Expires", "Thu, 01 Jan 1970 00:00:00 GMT")]
    [InlineData("Vary", "*")]
    [InlineData("Vary", "Accept, *")]
    public async Task A_response_that_forbids_storing_is_not_stored(string header, string value)
    {
        await using TestApp app = await StartAsync();
        string url = $"/headers?name={Uri.EscapeDataString(header)}&value={Uri.EscapeDataString(value)}";
        await app.GetAsync(url);
        var second = await app.GetAsync(url);
        Assert.Equal(("MISS", "headers run 2"), (second.Status, second.Body));
    }

    [Theory]
    [InlineData("Cache-Control", "public, max-age=60")]
    [InlineData("Expires", "Fri, 01 Jan 2100 00:00:00 GMT")]
    [InlineData("Pragma", "x-no-cache-hint")]
    public async Task A_response_that_allows_storing_is_stored(string header, string value)
    {
        await using TestApp app = await StartAsync();
        string url = $"/headers?name={Uri.EscapeDataString(header)}&value={Uri.EscapeDataString(value)}";
        await app.GetAsync(url);
        var second = await app.GetAsync(url);
        Assert.Equal(("HIT", "headers run 1"), (second.Status, second.Body));
    }

    [Fact]
    public async Task A_stored_404_never_answers_If_None_Match_with_304()
    {
        await using TestApp app = await StartAsync();
        var first = await app.GetAsync("/gone");
        Assert.Equal(HttpStatusCode.NotFound, first.Response.StatusCode);
        var star = await app.GetAsync("/gone", r => r.Headers.TryAddWithoutValidation("If-None-Match", "*"));
        var own = await app.GetAsync("/gone", r => r.Headers.TryAddWithoutValidation("If-None-Match", first.Response.Headers.ETag!.ToString()));

        Assert.Equal(("HIT", HttpStatusCode.NotFound), (star.Status, star.Response.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, own.Response.StatusCode);
        Assert.Equal(first.Body, star.Body);
    }

    [Fact]
    public async Task A_stored_200_answers_If_None_Match_star_and_its_ETag_with_304()
    {
        await using TestApp app = await StartAsync();
        var first = await app.GetAsync("/headers?name=X-A&value=1", r => r.Headers.TryAddWithoutValidation("If-None-Match", "*"));
        var second = await app.GetAsync("/headers?name=X-A&value=1", r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"nope\", " + first.Response.Headers.ETag));
        Assert.Equal(HttpStatusCode.NotModified, first.Response.StatusCode); // the filling miss answers too
        Assert.Equal(("HIT", HttpStatusCode.NotModified), (second.Status, second.Response.StatusCode));
    }

    [Fact]
    public async Task Headers_set_by_middleware_before_the_cache_are_each_requests_own()
    {
        await using TestApp app = await StartAsync();
        var first = await app.GetAsync("/headers?name=X-Endpoint&value=e", r => r.Headers.Add("X-Request-Id", "req-AAA"));
        var second = await app.GetAsync("/headers?name=X-Endpoint&value=e", r => r.Headers.Add("X-Request-Id", "req-BBB"));

        Assert.Equal(("MISS", "req-AAA"), (first.Status, first.Response.Headers.GetValues("X-Request-Id").Single()));
        Assert.Equal(("HIT", "req-BBB"), (second.Status, second.Response.Headers.GetValues("X-Request-Id").Single()));
        Assert.Equal("e", second.Response.Headers.GetValues("X-Endpoint").Single()); // the endpoint's own header is stored
    }

    [Theory]
    [InlineData(206)]
    [InlineData(304)]
    [InlineData(101)]
    [InlineData(0)]
    [InlineData(600)]
    public async Task A_status_code_the_cache_cannot_store_safely_is_refused_with_its_reason(int status)
    {
        // Refused when the policy is built: at startup, or at the latest on the endpoint's first request.
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using TestApp app = await TestApp.StartCustomAsync(a =>
            {
                a.UseRouting();
                a.UseVelithonCaching();
                a.MapGet("/partial", () => "x").WithMetadata(new VelithonCachedAttribute { StatusCodes = [200, status] });
            });
            await app.GetAsync("/partial");
        });
        Assert.Contains("StatusCodes may not contain " + status.ToString(System.Globalization.CultureInfo.InvariantCulture), error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Vary_that_echoes_request_input_stops_storing_and_stops_growing_the_key()
    {
        // Each response names a request header the attacker picks: past 16 nothing is stored, and the learned list (which
        // every later lookup hashes) stays bounded however many names follow.
        await using TestApp app = await StartAsync();
        for (int i = 0; i < 40; i++)
        {
            string url = $"/headers?name=Vary&value=X-Echo-{i}";
            await app.GetAsync(url);
            var again = await app.GetAsync(url);
            Assert.Equal(i < CachePolicy.MaxResponseVary ? "HIT" : "MISS", again.Status);
        }

        var policy = CachePolicy.From(new VelithonCachedAttribute());
        policy.LearnVary(Enumerable.Range(0, 1000).Select(static i => "X-Echo-" + i), varyEncoding: false);
        string[] learned = policy.ResponseVary;
        Assert.Equal(CachePolicy.MaxResponseVary + 1, learned.Length);
        policy.LearnVary(["X-Another"], varyEncoding: false);
        Assert.Same(learned, policy.ResponseVary);
    }

    private static Task<TestApp> StartAsync() => TestApp.StartCustomAsync(a =>
    {
        a.UseRouting();
        a.Use((context, next) =>
        {
            // A request id set before the cache: each request's own, never the stored response's.
            context.Response.Headers["X-Request-Id"] = context.Request.Headers["X-Request-Id"].ToString() is { Length: > 0 } id ? id : "none";
            return next(context);
        });
        a.UseVelithonCaching();
        a.MapGet("/headers", [VelithonCached] (HttpResponse response, string name, string value, Counters c) =>
        {
            response.Headers.Append(name, value);
            return $"headers run {c.Run("headers")}";
        });
        a.MapGet("/gone", [VelithonCached(StatusCodes = [200, 404])] (Counters c) => Results.NotFound($"gone run {c.Run("gone")}"));
    });
}
