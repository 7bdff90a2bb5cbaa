using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Velithon.Caching.Tests;

/// <summary>
/// Headers added as the response starts (<c>OnStarting</c> callbacks, session middleware) decide storability as much as
/// the endpoint's own: the check runs on the final headers.
/// </summary>
public sealed class LateHeaderTests
{
    [Fact]
    public async Task A_cookie_set_in_OnStarting_is_never_served_to_the_next_visitor()
    {
        await using TestApp app = await StartAsync();
        var first = await app.GetAsync("/late-cookie");
        var second = await app.GetAsync("/late-cookie");

        Assert.Contains("visitor=1", first.Response.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
        Assert.Equal(("MISS", "welcome visitor 2"), (second.Status, second.Body));
        Assert.Contains("visitor=2", second.Response.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-store")]
    [InlineData("private")]
    [InlineData("no-cache")]
    [InlineData("max-age=0")]
    [InlineData("public, s-maxage=0")]
    public async Task A_Cache_Control_set_in_OnStarting_keeps_the_response_out(string cacheControl)
    {
        await using TestApp app = await StartAsync();
        await app.GetAsync("/late-cache-control?cc=" + Uri.EscapeDataString(cacheControl));
        var second = await app.GetAsync("/late-cache-control?cc=" + Uri.EscapeDataString(cacheControl));
        Assert.Equal(("MISS", "late cache-control run 2"), (second.Status, second.Body));
    }

    [Fact]
    public async Task A_session_page_is_never_served_to_another_session()
    {
        await using TestApp app = await StartAsync();
        var alice = await app.GetAsync("/session?name=alice");
        Assert.True(alice.Response.Headers.Contains("Set-Cookie")); // the session middleware sets its cookie as the response starts
        var stranger = await app.GetAsync("/session?name=alice");
        Assert.Equal("MISS", stranger.Status);
        Assert.Equal("hello alice, run 2", stranger.Body);
    }

    [Fact]
    public async Task A_page_that_only_reads_the_session_is_not_stored()
    {
        // Even without a cookie in sight: what the session held shaped the page.
        await using TestApp app = await StartAsync();
        await app.GetAsync("/session-read");
        var second = await app.GetAsync("/session-read");
        Assert.Equal(("MISS", "cart: (empty), run 2"), (second.Status, second.Body));
    }

    [Fact]
    public async Task A_Vary_added_in_OnStarting_puts_that_header_in_the_key()
    {
        await using TestApp app = await StartAsync();
        var fr = await app.GetAsync("/late-vary", r => r.Headers.Add("X-Tenant", "fr"));
        var de = await app.GetAsync("/late-vary", r => r.Headers.Add("X-Tenant", "de"));
        var de2 = await app.GetAsync("/late-vary", r => r.Headers.Add("X-Tenant", "de"));
        var fr2 = await app.GetAsync("/late-vary", r => r.Headers.Add("X-Tenant", "fr"));

        // The first response is stored under a key that holds X-Tenant (learned from its final Vary): each tenant
        // then has its own entry.
        Assert.Equal(("MISS", "tenant fr run 1"), (fr.Status, fr.Body));
        Assert.Equal(("MISS", "tenant de run 2"), (de.Status, de.Body));
        Assert.Equal(("HIT", "tenant de run 2"), (de2.Status, de2.Body));
        Assert.Equal(("HIT", "tenant fr run 1"), (fr2.Status, fr2.Body));
    }

    private static Task<TestApp> StartAsync() => TestApp.StartCustomAsync(
        app =>
        {
            app.UseRouting();
            app.UseSession();
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseVelithonCaching();
            app.MapGet("/late-cookie", [VelithonCached] (HttpContext context, Counters c) =>
            {
                int run = c.Run("late-cookie");
                context.Response.OnStarting(() =>
                {
                    context.Response.Cookies.Append("visitor", run.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return Task.CompletedTask;
                });
                return $"welcome visitor {run}";
            });
            app.MapGet("/late-cache-control", [VelithonCached] (HttpContext context, string cc, Counters c) =>
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = cc;
                    return Task.CompletedTask;
                });
                return $"late cache-control run {c.Run("late-cc")}";
            });
            app.MapGet("/session", [VelithonCached] (HttpContext context, string name, Counters c) =>
            {
                context.Session.SetString("name", name);
                return $"hello {name}, run {c.Run("session")}";
            });
            app.MapGet("/session-read", [VelithonCached] (HttpContext context, Counters c) =>
                $"cart: {context.Session.GetString("cart") ?? "(empty)"}, run {c.Run("session-read")}");
            app.MapGet("/late-vary", [VelithonCached] (HttpContext context, Counters c) =>
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.Vary = "X-Tenant";
                    return Task.CompletedTask;
                });
                return $"tenant {context.Request.Headers["X-Tenant"]} run {c.Run("late-vary")}";
            });
        },
        builder =>
        {
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddSession();
        });
}
