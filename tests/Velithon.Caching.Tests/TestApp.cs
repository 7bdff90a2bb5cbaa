using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>One in-memory app with cached endpoints that count their runs.</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app)
    {
        App = app;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public Counters Runs => App.Services.GetRequiredService<Counters>();

    public VelithonResponseCache Cache => App.Services.GetRequiredService<VelithonResponseCache>();

    public IVelithonCacheInvalidator Invalidator => App.Services.GetRequiredService<IVelithonCacheInvalidator>();

    public static async Task<TestApp> StartAsync(Action<VelithonCachingOptions>? configure = null, TimeProvider? time = null, bool cachingBeforeAuthorization = false)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Counters>();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddControllers().AddApplicationPart(typeof(TestApp).Assembly);
        builder.Services.AddVelithonCaching(o =>
        {
            o.MinCompressionBytes = 64;
            configure?.Invoke(o);
        });

        WebApplication app = builder.Build();
        app.UseRouting();
        app.UseAuthentication();
        if (cachingBeforeAuthorization)
        {
            app.UseVelithonCaching();
            app.UseAuthorization();
        }
        else
        {
            app.UseAuthorization();
            app.UseVelithonCaching();
        }

        MapEndpoints(app);
        app.MapControllers();
        await app.StartAsync();
        return new TestApp(app);
    }

    /// <summary>
    /// Starts an app whose services and pipeline the test writes itself (authentication, authorization and
    /// <c>AddVelithonCaching</c> are registered; the test calls <c>UseVelithonCaching()</c> where the attack needs it).
    /// </summary>
    public static async Task<TestApp> StartCustomAsync(Action<WebApplication> pipeline, Action<WebApplicationBuilder>? configure = null, Action<VelithonCachingOptions>? caching = null, string? applicationName = null, string? environmentName = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = applicationName, EnvironmentName = environmentName });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Counters>();
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddVelithonCaching(o =>
        {
            o.MinCompressionBytes = 64;
            caching?.Invoke(o);
        });
        configure?.Invoke(builder);
        WebApplication app = builder.Build();
        pipeline(app);
        await app.StartAsync();
        return new TestApp(app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapMethods("/items", ["GET", "HEAD"], [VelithonCached] (Counters c) => $"items run {c.Run("items")}");
        app.MapPost("/items", [VelithonCached] (Counters c) => $"posted {c.Run("post")}");
        app.MapGet("/group", MethodGroup);
        app.MapGet("/fluent", (Counters c) => $"fluent {c.Run("fluent")}").CacheWithVelithon(p => p.Expire(TimeSpan.FromSeconds(10)).Tag("fluent"));
        app.MapGet("/plain", (Counters c) => $"plain {c.Run("plain")}");

        app.MapGet("/q", [VelithonCached(VaryByQuery = ["a"])] (Counters c, HttpRequest r) => $"q a={r.Query["a"]} run {c.Run("q")}");
        app.MapGet("/allq", [VelithonCached] (Counters c, HttpRequest r) => $"allq {r.QueryString} run {c.Run("allq")}");
        app.MapGet("/header-echo/{id}", [VelithonCached(VaryByRouteValue = ["id"])] (string id, HttpResponse r, Counters c) =>
        {
            r.Headers["X-Item"] = id;
            return $"header-echo {id} run {c.Run("header-echo")}";
        });
        app.MapGet("/h", [VelithonCached(VaryByHeader = ["X-Lang"])] (Counters c, HttpRequest r) => $"lang {r.Headers["X-Lang"]} run {c.Run("h")}");
        app.MapGet("/r/{id}/{other}", [VelithonCached(VaryByRouteValue = ["id"], VaryByQuery = [])] (string id, string other, Counters c) => $"id {id} run {c.Run("r")}");
        app.MapGet("/short", [VelithonCached(Duration = 5)] (Counters c) => $"short run {c.Run("short")}");
        app.MapGet("/user", [VelithonCached(VaryByUser = true)] (Counters c, HttpContext ctx) => $"user {ctx.User.Identity?.Name} run {c.Run("user")}");
        app.MapGet("/authorized", [VelithonCached(VaryByUser = true)] (Counters c, HttpContext ctx) => $"authorized {ctx.User.Identity?.Name} run {c.Run("authorized")}")
            .RequireAuthorization();
        app.MapGet("/tagged/{n}", [VelithonCached(Tags = ["products"], VaryByRouteValue = ["n"])] (int n, Counters c) => $"tagged {n} run {c.Run("tagged")}");
        // Three tags whose hash tags ({a}, {b}, {c}) put their version keys on the three nodes of a three-node cluster.
        app.MapGet("/spread/{n}", [VelithonCached(Tags = ["{a}spread", "{b}spread", "{c}spread"], VaryByRouteValue = ["n"])] (int n, Counters c) => $"spread {n} run {c.Run("spread")}");
        app.MapGet("/other-tag", [VelithonCached(Tags = ["orders"])] (Counters c) => $"orders run {c.Run("orders")}");
        app.MapMethods("/fixed", ["GET", "HEAD"], [VelithonCached(Tags = ["fixed", "static"])] (Counters c) =>
        {
            c.Run("fixed");
            return Results.Text(FixedBody, "application/json");
        });

        app.MapGet("/cookie", [VelithonCached] (Counters c, HttpResponse r) =>
        {
            r.Cookies.Append("session", "s1");
            return $"cookie run {c.Run("cookie")}";
        });
        app.MapGet("/private", [VelithonCached] (Counters c, HttpResponse r) =>
        {
            r.Headers.CacheControl = "private, max-age=60";
            return $"private run {c.Run("private")}";
        });
        app.MapGet("/nostore", [VelithonCached] (Counters c, HttpResponse r) =>
        {
            r.Headers.CacheControl = "no-store";
            return $"nostore run {c.Run("nostore")}";
        });
        app.MapGet("/error", [VelithonCached] (Counters c) => Results.Problem($"error run {c.Run("error")}", statusCode: 500));
        app.MapGet("/missing", [VelithonCached(StatusCodes = [200, 404])] (Counters c) => Results.NotFound($"missing run {c.Run("missing")}"));
        app.MapGet("/missing-default", [VelithonCached] (Counters c) => Results.NotFound($"missing run {c.Run("missing-default")}"));

        app.MapGet("/slow", [VelithonCached] async (Counters c) =>
        {
            int run = c.Run("slow");
            await Task.Delay(500);
            return $"slow run {run}";
        });
        app.MapGet("/big/{n}/{size}", [VelithonCached(VaryByRouteValue = ["n", "size"])] (int n, int size, Counters c) =>
        {
            c.Run("big");
            var body = new byte[size];
            new Random(n).NextBytes(body);
            return Results.Bytes(body, "application/octet-stream");
        });
        app.MapGet("/text/{size}", [VelithonCached(VaryByRouteValue = ["size"])] (int size, Counters c) =>
        {
            c.Run("text");
            var sb = new StringBuilder(size);
            for (int i = 0; sb.Length < size; i++)
            {
                sb.Append("{\"id\":").Append(i).Append(",\"name\":\"item\"},");
            }

            return Results.Text(sb.ToString(0, size), "application/json");
        });
        app.MapGet("/k/{**rest}", [VelithonCached] (HttpRequest r, Counters c) =>
        {
            c.Run("k");
            return Echo(r);
        });
    }

    /// <summary>The tags of <c>/spread/{n}</c>.</summary>
    public static readonly string[] SpreadTags = ["{a}spread", "{b}spread", "{c}spread"];

    /// <summary>The body of <c>/fixed</c>: the same on every run and every instance, so any entry of it has this body.</summary>
    public static readonly string FixedBody = "[" + string.Join(",", Enumerable.Range(0, 8).Select(i => $"{{\"id\":{i},\"name\":\"fixed {i}\"}}")) + "]";

    public static string Echo(HttpRequest r)
    {
        var sb = new StringBuilder();
        sb.Append(r.Host.Value).Append('|').Append(r.Path.Value);
        foreach (string key in r.Query.Keys.Order(StringComparer.OrdinalIgnoreCase))
        {
            sb.Append('|').Append(key.Length).Append(':').Append(key.ToUpperInvariant()).Append('=').Append(string.Join("\u0001", r.Query[key].ToArray()));
        }

        return sb.ToString();
    }

    [VelithonCached(Duration = 30)]
    private static string MethodGroup(Counters c) => $"group run {c.Run("group")}";
}

/// <summary>Counts endpoint runs by name.</summary>
public sealed class Counters
{
    private readonly ConcurrentDictionary<string, int> _runs = new();

    public int Run(string name) => _runs.AddOrUpdate(name, 1, static (_, n) => n + 1);

    public int this[string name] => _runs.GetValueOrDefault(name);
}

/// <summary>
/// Authenticates <c>X-Test-User: name</c> as that user (Name and NameIdentifier claims), or <c>X-Test-Claims:
/// type=value;type=value</c> as a bearer identity holding exactly those claims (a JWT read with <c>MapInboundClaims = false</c>).
/// </summary>
internal sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? claims = Request.Headers["X-Test-Claims"];
        if (!string.IsNullOrEmpty(claims))
        {
            var bearer = new ClaimsIdentity(
                claims.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(static c => new Claim(c[..c.IndexOf('=', StringComparison.Ordinal)], c[(c.IndexOf('=', StringComparison.Ordinal) + 1)..])),
                "Bearer");
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(bearer), SchemeName)));
        }

        string? name = Request.Headers["X-Test-User"];
        if (string.IsNullOrEmpty(name))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.NameIdentifier, name)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

/// <summary>An MVC controller whose action is cached by attribute (and whose class attribute the action overrides).</summary>
[ApiController]
// 20 s: long enough that a stalled CI machine cannot expire the entry between a test's two requests (a 1 s class
// lifetime once turned the second request of CachingBasicsTests into a MISS).
[VelithonCached(Duration = 20)]
public sealed class ProductsController : ControllerBase
{
    /// <summary>Returns a counted product list.</summary>
    /// <param name="counters">The run counters.</param>
    /// <returns>Text.</returns>
    [HttpGet("/mvc/products")]
    [VelithonCached(Duration = 30, VaryByQuery = ["page"])]
    public string Get([FromServices] Counters counters) => $"products run {counters.Run("mvc")} {Request.Path}";

    /// <summary>Returns a counted item, cached by the class attribute.</summary>
    /// <param name="counters">The run counters.</param>
    /// <returns>Text.</returns>
    [HttpGet("/mvc/class")]
    public string ByClass([FromServices] Counters counters) => $"class run {counters.Run("mvc-class")} {Request.Path}";
}
