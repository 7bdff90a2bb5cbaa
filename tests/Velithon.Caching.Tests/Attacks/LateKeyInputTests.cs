using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// Inputs of the key set by middleware after <c>UseVelithonCaching()</c>: the key looked up was built before they were
/// set, the response after. Such a response is not stored; one whose keyed inputs did not change still is.
/// </summary>
public sealed class LateKeyInputTests
{
    private const string ApiKey = "X-Api-Key";

    [Fact]
    public async Task A_tenant_resolved_after_the_cache_never_reaches_another_tenant()
    {
        // VaryByValue reads the tenant a middleware puts in HttpContext.Items, but that middleware runs after the cache:
        // at lookup every request's tenant is "none", so acme's report would answer globex.
        await using TestApp app = await StartAsync(a => a.Use((context, next) =>
        {
            context.Items["tenant"] = context.Request.Headers[ApiKey].FirstOrDefault() is { Length: > 0 } key ? "tenant-of-" + key : null;
            return next(context);
        }));

        var acme = await app.GetAsync("/report", r => r.Headers.Add(ApiKey, "acme"));
        var globex = await app.GetAsync("/report", r => r.Headers.Add(ApiKey, "globex"));

        Assert.Equal(("MISS", "report of tenant-of-acme (header none) run 1"), (acme.Status, acme.Body));
        Assert.Equal(("MISS", "report of tenant-of-globex (header none) run 2"), (globex.Status, globex.Body));
    }

    [Fact]
    public async Task A_keyed_header_rewritten_after_the_cache_cannot_plant_a_page_under_another_value()
    {
        // The client names a tenant; a middleware after the cache replaces it with the caller's own (from its API key).
        // Stored under the tenant the client named, the attacker's page would answer the victim's requests.
        await using TestApp app = await StartAsync(a => a.Use((context, next) =>
        {
            if (context.Request.Headers[ApiKey].FirstOrDefault() is { Length: > 0 } key)
            {
                context.Request.Headers["X-Tenant"] = key;
            }

            return next(context);
        }));

        var planted = await app.GetAsync("/by-header", r =>
        {
            r.Headers.Add("X-Tenant", "victim");
            r.Headers.Add(ApiKey, "attacker");
        });
        var victim = await app.GetAsync("/by-header", r => r.Headers.Add("X-Tenant", "victim"));

        Assert.Equal("page of attacker run 1", planted.Body);
        Assert.Equal(("MISS", "page of victim run 2"), (victim.Status, victim.Body));
    }

    [Fact]
    public async Task Keyed_inputs_that_do_not_change_are_still_stored_and_served()
    {
        await using TestApp app = await StartAsync(a => a.Use((context, next) =>
        {
            context.Response.Headers["X-After"] = "1"; // a middleware after the cache that leaves the key's inputs alone
            return next(context);
        }));

        await app.GetAsync("/by-header", r => r.Headers.Add("X-Tenant", "acme"));
        var again = await app.GetAsync("/by-header", r => r.Headers.Add("X-Tenant", "acme"));
        var other = await app.GetAsync("/by-header", r => r.Headers.Add("X-Tenant", "globex"));
        await app.GetAsync("/report");
        var report = await app.GetAsync("/report");

        Assert.Equal(("HIT", "page of acme run 1"), (again.Status, again.Body));
        Assert.Equal(("MISS", "page of globex run 2"), (other.Status, other.Body));
        Assert.Equal(("HIT", "report of  (header none) run 1"), (report.Status, report.Body));
    }

    [Fact]
    public async Task A_value_of_the_app_s_that_differs_on_every_call_is_never_stored()
    {
        // Its key at store time is not the key it was looked up by: no entry could ever be found again, so none is made.
        await using TestApp app = await StartAsync(_ => { });
        await app.GetAsync("/unstable");
        var second = await app.GetAsync("/unstable");
        Assert.Equal(("MISS", "unstable run 2"), (second.Status, second.Body));
        Assert.Equal(0, app.Cache.Memory.Count);
    }

    private static Task<TestApp> StartAsync(Action<WebApplication> afterCache) => TestApp.StartCustomAsync(a =>
    {
        a.UseRouting();
        a.UseVelithonCaching();
        afterCache(a);
        a.MapGet("/report", (HttpContext context, Counters c) =>
                $"report of {context.Items["tenant"]} (header {context.Request.Headers["X-Tenant"].FirstOrDefault() ?? "none"}) run {c.Run("report")}")
            .CacheWithVelithon(p => p.VaryByValue("tenant", static context => context.Items["tenant"] as string));
        a.MapGet("/by-header", [VelithonCached(VaryByHeader = ["X-Tenant"])] (HttpRequest request, Counters c) =>
            $"page of {request.Headers["X-Tenant"]} run {c.Run("by-header")}");
        a.MapGet("/unstable", (Counters c) => $"unstable run {c.Run("unstable")}")
            .CacheWithVelithon(p => p.VaryByValue("nonce", static _ => Guid.NewGuid().ToString("N")));
    });
}
