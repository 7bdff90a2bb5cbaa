using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Velithon.Caching.Tests;

/// <summary>
/// Authorization, authentication and sessions placed after <c>UseVelithonCaching()</c>: whatever they decide or add, a
/// response is never served to a request they would have refused or shaped differently.
/// </summary>
public sealed class LateMiddlewareTests
{
    private const string KeyHeader = "X-Internal-Key";

    [Fact]
    public async Task A_fallback_policy_guards_every_request_when_the_cache_runs_before_UseAuthorization()
    {
        await using TestApp app = await StartAsync(
            cacheBeforeAuthorization: true,
            a => a.MapGet("/internal", [VelithonCached] (Counters c) => $"internal secret run {c.Run("internal")}"),
            fallbackPolicy: true);

        await AssertKeyGuardsEveryRequestAsync(app, "/internal");
    }

    [Fact]
    public async Task A_requirement_attribute_guards_every_request_when_the_cache_runs_before_UseAuthorization()
    {
        await using TestApp app = await StartAsync(
            cacheBeforeAuthorization: true,
            a => a.MapGet("/internal", [VelithonCached, RequireInternalKey] (Counters c) => $"internal secret run {c.Run("internal")}"),
            fallbackPolicy: false);

        await AssertKeyGuardsEveryRequestAsync(app, "/internal");
    }

    [Fact]
    public async Task With_a_fallback_policy_and_the_right_order_endpoints_are_cached_and_guarded()
    {
        await using TestApp app = await StartAsync(
            cacheBeforeAuthorization: false,
            a => a.MapGet("/internal", [VelithonCached(EmitCacheControl = true)] (Counters c) => $"internal secret run {c.Run("internal")}"),
            fallbackPolicy: true);

        var first = await app.GetAsync("/internal", r => r.Headers.Add(KeyHeader, "s3cret"));
        var second = await app.GetAsync("/internal", r => r.Headers.Add(KeyHeader, "s3cret"));
        var attacker = await app.GetAsync("/internal");
        Assert.Equal(("MISS", "HIT"), (first.Status, second.Status));
        Assert.NotEqual(HttpStatusCode.OK, attacker.Response.StatusCode);

        // Behind authorization the response is never marked public: a shared cache in front would serve it to anyone.
        Assert.DoesNotContain("public", second.Response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Authentication_after_the_cache_never_lets_one_users_page_reach_another(bool varyByUser)
    {
        var logs = new FakeLogCollector();
        await using TestApp app = await TestApp.StartCustomAsync(
            a =>
            {
                a.UseRouting();
                a.UseAuthorization();
                a.UseVelithonCaching();
                a.UseAuthentication();
                a.MapGet("/me", [VelithonCached(VaryByUser = true)] (HttpContext c, Counters n) => $"profile of {c.User.Identity?.Name ?? "nobody"} run {n.Run("me")}");
                a.MapGet("/me-shared", [VelithonCached] (HttpContext c, Counters n) => $"profile of {c.User.Identity?.Name ?? "nobody"} run {n.Run("me")}");
            },
            b => b.Logging.AddProvider(new FakeLoggerProvider(logs)));

        string path = varyByUser ? "/me" : "/me-shared";
        var alice = await app.GetAsync(path, r => r.Headers.Add("X-Test-User", "alice"));
        var bob = await app.GetAsync(path, r => r.Headers.Add("X-Test-User", "bob"));
        var anonymous = await app.GetAsync(path);
        var anonymousAgain = await app.GetAsync(path);

        Assert.Contains("alice", alice.Body, StringComparison.Ordinal);
        Assert.Contains("bob", bob.Body, StringComparison.Ordinal);
        Assert.Contains("nobody", anonymous.Body, StringComparison.Ordinal);
        Assert.Contains("nobody", anonymousAgain.Body, StringComparison.Ordinal);
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("UseAuthentication() after UseVelithonCaching()", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_app_without_authentication_that_reads_the_user_is_still_cached()
    {
        await using TestApp app = await TestApp.StartCustomAsync(a =>
        {
            a.UseRouting();
            a.UseVelithonCaching();
            a.MapGet("/who", [VelithonCached] (HttpContext c, Counters n) => $"hello {c.User.Identity?.Name ?? "nobody"} run {n.Run("who")}");
        });

        var first = await app.GetAsync("/who");
        var second = await app.GetAsync("/who");
        Assert.Equal(("MISS", "HIT", "hello nobody run 1"), (first.Status, second.Status, second.Body));
    }

    [Fact]
    public async Task A_session_added_after_the_cache_never_lets_one_sessions_page_reach_another()
    {
        await using TestApp app = await TestApp.StartCustomAsync(
            a =>
            {
                a.UseRouting();
                a.UseAuthentication();
                a.UseAuthorization();
                a.UseVelithonCaching();
                a.UseSession();
                a.MapGet("/login/{name}", (string name, HttpContext c) =>
                {
                    c.Session.SetString("user", name);
                    return "ok";
                });
                a.MapGet("/cart", [VelithonCached(VaryByCookie = ["theme"])] (HttpContext c, Counters n) => $"cart of {c.Session.GetString("user") ?? "nobody"} run {n.Run("cart")}");
            },
            b =>
            {
                b.Services.AddDistributedMemoryCache();
                b.Services.AddSession();
            });

        string alice = await LoginAsync(app, "alice");
        string bob = await LoginAsync(app, "bob");
        var aliceCart = await app.GetAsync("/cart", r => r.Headers.Add("Cookie", alice + "; theme=dark"));
        var bobCart = await app.GetAsync("/cart", r => r.Headers.Add("Cookie", bob + "; theme=dark"));

        Assert.Contains("cart of alice", aliceCart.Body, StringComparison.Ordinal);
        Assert.Contains("cart of bob", bobCart.Body, StringComparison.Ordinal);
    }

    private static async Task<string> LoginAsync(TestApp app, string name)
    {
        var login = await app.GetAsync("/login/" + name);
        return login.Response.Headers.GetValues("Set-Cookie").First().Split(';')[0];
    }

    private static async Task AssertKeyGuardsEveryRequestAsync(TestApp app, string path)
    {
        var refused = await app.GetAsync(path);
        var allowed = await app.GetAsync(path, r => r.Headers.Add(KeyHeader, "s3cret"));
        var attacker = await app.GetAsync(path);

        Assert.NotEqual(HttpStatusCode.OK, refused.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.Response.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, attacker.Response.StatusCode);
        Assert.DoesNotContain("secret", attacker.Body, StringComparison.Ordinal);
    }

    // Authentication, then the cache and authorization in the order given; the key handler, and a fallback policy that
    // requires the key when asked.
    private static Task<TestApp> StartAsync(bool cacheBeforeAuthorization, Action<WebApplication> map, bool fallbackPolicy) =>
        TestApp.StartCustomAsync(
            a =>
            {
                a.UseRouting();
                a.UseAuthentication();
                if (cacheBeforeAuthorization)
                {
                    a.UseVelithonCaching();
                    a.UseAuthorization();
                }
                else
                {
                    a.UseAuthorization();
                    a.UseVelithonCaching();
                }

                map(a);
            },
            b =>
            {
                b.Services.AddSingleton<IAuthorizationHandler, InternalKeyHandler>();
                if (fallbackPolicy)
                {
                    b.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new InternalKeyRequirement()).Build());
                }
            });
}

/// <summary>An authorization requirement met by a shared key in a request header.</summary>
public sealed class InternalKeyRequirement : IAuthorizationRequirement;

/// <summary>Meets <see cref="InternalKeyRequirement"/> when the request carries the key.</summary>
public sealed class InternalKeyHandler : AuthorizationHandler<InternalKeyRequirement>
{
    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, InternalKeyRequirement requirement)
    {
        if (context.Resource is HttpContext http && http.Request.Headers["X-Internal-Key"] == "s3cret")
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Authorization as requirement metadata only (<see cref="IAuthorizationRequirementData"/>, no <c>IAuthorizeData</c>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequireInternalKeyAttribute : Attribute, IAuthorizationRequirementData
{
    /// <inheritdoc />
    public IEnumerable<IAuthorizationRequirement> GetRequirements()
    {
        yield return new InternalKeyRequirement();
    }
}
