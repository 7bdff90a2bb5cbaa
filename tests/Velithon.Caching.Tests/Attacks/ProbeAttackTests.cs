using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// Attacks of a second probe: principals of several identities, principals changed in place after the cache,
/// public freshness of localized responses, antiforgery tokens, ranges.
/// </summary>
public sealed class ProbeAttackTests
{
    private const string ApiKey = "X-Api-Key";

    /// <summary>An API-key middleware that adds an authenticated identity to the request's (anonymous) principal.</summary>
    private static void UseApiKeyIdentity(WebApplication app) => app.Use((context, next) =>
    {
        if (context.Request.Headers[ApiKey].FirstOrDefault() is { Length: > 0 } key)
        {
            // DefaultHttpContext.User starts as a principal holding one unauthenticated identity: the key's identity is
            // its second one, so User.Identity (the first) stays unauthenticated while [Authorize] lets the request in.
            context.User.AddIdentity(new ClaimsIdentity([new Claim("sub", key)], "ApiKey"));
        }

        return next(context);
    });

    private static string PageOf(HttpContext context, Counters c) =>
        $"page of {context.User.FindFirst("sub")?.Value ?? "(none)"} run {c.Run("page")}";

    // Authentication, then an API-key identity added beside the empty one, authorization, the cache, and /page.
    private static Task<TestApp> StartWithApiKeyIdentityAsync(bool requireAuthorization) => TestApp.StartCustomAsync(a =>
    {
        a.UseRouting();
        a.UseAuthentication();
        UseApiKeyIdentity(a);
        a.UseAuthorization();
        a.UseVelithonCaching();
        RouteHandlerBuilder page = a.MapGet("/page", [VelithonCached] (HttpContext context, Counters c) => PageOf(context, c));
        if (requireAuthorization)
        {
            page.RequireAuthorization();
        }
    });

    [Fact]
    public async Task A_user_authenticated_by_a_second_identity_is_never_served_to_anonymous_requests()
    {
        await using TestApp app = await StartWithApiKeyIdentityAsync(requireAuthorization: false);

        var alice = await app.GetAsync("/page", r => r.Headers.Add(ApiKey, "alice"));
        var anonymous = await app.GetAsync("/page");

        Assert.Equal(("BYPASS", "page of alice run 1"), (alice.Status, alice.Body));
        Assert.Equal("page of (none) run 2", anonymous.Body);
    }

    [Fact]
    public async Task Two_users_authenticated_by_a_second_identity_never_share_an_authorized_page()
    {
        await using TestApp app = await StartWithApiKeyIdentityAsync(requireAuthorization: true);

        var alice = await app.GetAsync("/page", r => r.Headers.Add(ApiKey, "alice"));
        var bob = await app.GetAsync("/page", r => r.Headers.Add(ApiKey, "bob"));
        var anonymous = await app.GetAsync("/page");

        Assert.Equal(HttpStatusCode.OK, alice.Response.StatusCode); // [Authorize] sees the key's identity
        Assert.Equal("page of bob run 2", bob.Body);
        Assert.NotEqual(HttpStatusCode.OK, anonymous.Response.StatusCode);
    }

    [Fact]
    public async Task A_principal_holding_claims_without_authentication_is_not_shared_with_anonymous_requests()
    {
        // A middleware that labels visitors with claims (a tenant, an A/B bucket) on an unauthenticated identity: the
        // VaryByUser key tells such a principal from "anonymous", and so must the bypass rule.
        await using TestApp app = await TestApp.StartCustomAsync(a =>
        {
            a.UseRouting();
            a.Use((context, next) =>
            {
                if (context.Request.Headers["X-Tenant"].FirstOrDefault() is { Length: > 0 } tenant)
                {
                    context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", tenant)]));
                }

                return next(context);
            });
            a.UseAuthorization();
            a.UseVelithonCaching();
            a.MapGet("/page", [VelithonCached] (HttpContext context, Counters c) => PageOf(context, c));
        });

        var tenant = await app.GetAsync("/page", r => r.Headers.Add("X-Tenant", "acme"));
        var anonymous = await app.GetAsync("/page");

        Assert.Equal(("BYPASS", "page of acme run 1"), (tenant.Status, tenant.Body));
        Assert.Equal("page of (none) run 2", anonymous.Body);
    }

    [Fact]
    public async Task An_identity_added_after_the_cache_to_a_principal_made_before_it_keeps_the_response_out()
    {
        // The principal exists before the cache (a logging middleware read User); a middleware after the cache adds the
        // user's identity to that same object: the reference is unchanged, the user is not.
        await using TestApp app = await TestApp.StartCustomAsync(a =>
        {
            a.UseRouting();
            a.Use((context, next) =>
            {
                _ = context.User.Identity?.Name; // request logging
                return next(context);
            });
            a.UseAuthentication();
            a.UseAuthorization();
            a.UseVelithonCaching();
            UseApiKeyIdentity(a);
            a.MapGet("/page", [VelithonCached] (HttpContext context, Counters c) => PageOf(context, c));
        });

        var alice = await app.GetAsync("/page", r => r.Headers.Add(ApiKey, "alice"));
        var anonymous = await app.GetAsync("/page");

        Assert.Equal("page of alice run 1", alice.Body);
        Assert.Equal(("MISS", "page of (none) run 2"), (anonymous.Status, anonymous.Body));
    }

    [Fact]
    public async Task A_localized_response_is_never_marked_public_for_shared_caches_that_cannot_key_its_culture()
    {
        // The cache keys the culture UseRequestLocalization() chose (from Accept-Language or a cookie); a CDN keys the
        // URL and what Vary names. "public" without Vary: Accept-Language would let a CDN serve French to English readers.
        await using TestApp app = await TestApp.StartCustomAsync(a =>
        {
            a.UseRequestLocalization(o =>
            {
                o.SetDefaultCulture("en");
                o.AddSupportedCultures("en", "fr");
                o.AddSupportedUICultures("en", "fr");
            });
            a.UseRouting();
            a.UseVelithonCaching();
            a.MapGet("/hello", [VelithonCached(VaryByQuery = [], EmitCacheControl = true)] (Counters c) =>
                $"{(CultureInfo.CurrentUICulture.Name == "fr" ? "Bonjour" : "Hello")} run {c.Run("hello")}");
        });

        var fr = await app.GetAsync("/hello", r => r.Headers.Add("Accept-Language", "fr"));
        var frHit = await app.GetAsync("/hello", r => r.Headers.Add("Accept-Language", "fr"));

        Assert.Equal(("MISS", "HIT"), (fr.Status, frHit.Status));
        foreach (HttpResponseMessage response in new[] { fr.Response, frHit.Response })
        {
            string vary = string.Join(",", response.Headers.Vary);
            bool isPublic = response.Headers.CacheControl?.Public == true;
            Assert.False(isPublic && !(vary.Contains("Accept-Language", StringComparison.OrdinalIgnoreCase) && vary.Contains("Cookie", StringComparison.OrdinalIgnoreCase)),
                $"Cache-Control: {response.Headers.CacheControl}, Vary: {vary}");
        }
    }

    [Fact]
    public async Task An_antiforgery_token_issued_to_one_visitor_is_never_served_to_another()
    {
        await using TestApp app = await TestApp.StartCustomAsync(
            a =>
            {
                a.UseRouting();
                a.UseAuthorization();
                a.UseVelithonCaching();
                a.MapGet("/form", [VelithonCached(VaryByCookie = [])] (IAntiforgery antiforgery, HttpContext context, Counters c) =>
                    $"token {antiforgery.GetAndStoreTokens(context).RequestToken} run {c.Run("form")}");
            },
            b => b.Services.AddAntiforgery());

        var first = await app.GetAsync("/form");
        string cookie = first.Response.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        var victim = await app.GetAsync("/form", r => r.Headers.Add("Cookie", cookie));
        var attacker = await app.GetAsync("/form");

        Assert.NotEqual("HIT", victim.Status);
        Assert.NotEqual("HIT", attacker.Status);
        Assert.NotEqual(victim.Body, attacker.Body);
    }

    [Fact]
    public async Task A_Range_request_is_never_stored_and_a_hit_answers_it_with_the_whole_body()
    {
        await using TestApp app = await TestApp.StartCustomAsync(a =>
        {
            a.UseRouting();
            a.UseVelithonCaching();
            a.MapGet("/file", [VelithonCached] (Counters c) =>
                Results.Bytes(System.Text.Encoding.ASCII.GetBytes($"0123456789 run {c.Run("file")}"), "text/plain", enableRangeProcessing: true));
        });

        var partial = await app.GetAsync("/file", r => r.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 3));
        var whole = await app.GetAsync("/file");
        var partialAgain = await app.GetAsync("/file", r => r.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 3));

        Assert.Equal((HttpStatusCode.PartialContent, "0123"), (partial.Response.StatusCode, partial.Body));
        Assert.Equal(("MISS", "0123456789 run 2"), (whole.Status, whole.Body));
        Assert.True(partialAgain.Body is "0123" or "0123456789 run 2", partialAgain.Body);
    }

    [Fact]
    public async Task EvictAsync_of_a_path_evicts_the_entry_stored_for_its_trailing_slash_spelling()
    {
        // Routing sends /products/1/ to the same endpoint as /products/1: the price page an app evicts after an update
        // must not stay cached under the other spelling.
        await using TestApp app = await StartRoutedAsync(a =>
            a.MapGet("/products/{id}", [VelithonCached(Duration = 60)] (string id, Counters c) => $"product {id} price v{c.Run("price")}"));

        var slash = await app.GetAsync("/products/1/");
        var plain = await app.GetAsync("/products/1");
        await app.Invalidator.EvictAsync("/products/1");
        var slashAfter = await app.GetAsync("/products/1/");
        await app.Invalidator.EvictAsync("/products/1/");
        var plainAfter = await app.GetAsync("/products/1");

        Assert.Equal(("MISS", "product 1 price v1"), (slash.Status, slash.Body));
        Assert.Equal(("MISS", "product 1 price v2"), (plain.Status, plain.Body));
        Assert.Equal(("MISS", "product 1 price v3"), (slashAfter.Status, slashAfter.Body));
        Assert.Equal(("MISS", "product 1 price v4"), (plainAfter.Status, plainAfter.Body));
    }

    [Fact]
    public async Task EvictAsync_of_a_path_evicts_the_entry_stored_for_its_escaped_slash_spelling()
    {
        // The server decodes every escape of a request path but %2F: /files/a%2Fb reaches the catch-all route with its
        // slash escaped, and the file an app evicts as /files/a/b must not stay cached under that spelling.
        await using TestApp app = await StartRoutedAsync(a =>
            a.MapGet("/files/{*name}", [VelithonCached(Duration = 60)] (string name, Counters c) => $"file {Uri.UnescapeDataString(name)} v{c.Run("file")}"));

        var escaped = await app.GetAsync("/files/a%2Fb");
        await app.Invalidator.EvictAsync("/files/a/b");
        var escapedAfter = await app.GetAsync("/files/a%2Fb");
        await app.GetAsync("/files/a%2fb%2F");
        await app.Invalidator.EvictAsync("/files/a/b/");
        var lowerAfter = await app.GetAsync("/files/a%2fb%2F");

        Assert.Equal(("MISS", "file a/b v1"), (escaped.Status, escaped.Body));
        Assert.Equal(("MISS", "file a/b v2"), (escapedAfter.Status, escapedAfter.Body));
        Assert.Equal(("MISS", "file a/b/ v4"), (lowerAfter.Status, lowerAfter.Body));
        Assert.Equal(PathTags.Bucket("", "/files/a/b"), PathTags.Bucket("/files", "%2Fa%2fb%2F/"));
    }

    // Routing, the cache, then the endpoints: the plain pipeline, for attacks that need nothing else.
    private static Task<TestApp> StartRoutedAsync(Action<WebApplication> map) => TestApp.StartCustomAsync(a =>
    {
        a.UseRouting();
        a.UseVelithonCaching();
        map(a);
    });

    [Fact]
    public async Task An_MVC_action_with_FormatFilter_is_served_per_format_query_value()
    {
        // [FormatFilter] picks the formatter from ?format= (when the route has no {format}): an input of the framework's,
        // not of the action, that a VaryByQuery list written for the action's own parameters leaves out.
        await using TestApp app = await TestApp.StartCustomAsync(
            a =>
            {
                a.UseRouting();
                a.UseVelithonCaching();
                a.MapControllers();
            },
            b => b.Services.AddControllers().AddXmlSerializerFormatters().AddApplicationPart(typeof(ProbeAttackTests).Assembly));

        var xmlAlone = await app.GetAsync("/probe/formatted?page=2&format=xml");
        var json = await app.GetAsync("/probe/formatted?page=1&format=json");
        var xml = await app.GetAsync("/probe/formatted?page=1&format=xml");
        var jsonAgain = await app.GetAsync("/probe/formatted?page=1&format=json");

        Assert.StartsWith("<", xmlAlone.Body, StringComparison.Ordinal); // what the action answers without the cache
        Assert.StartsWith("{", json.Body, StringComparison.Ordinal);
        Assert.StartsWith("<", xml.Body, StringComparison.Ordinal);
        Assert.Equal(("HIT", json.Body), (jsonAgain.Status, jsonAgain.Body));
    }

    [Fact]
    public async Task A_forwarded_host_applied_after_the_cache_never_poisons_the_entry_of_the_real_host()
    {
        // UseForwardedHeaders() placed after the cache: the endpoint renders links for the host an attacker forwarded,
        // while the key holds the request's own Host.
        await using TestApp app = await TestApp.StartCustomAsync(a =>
        {
            a.UseRouting();
            a.UseVelithonCaching();
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            a.UseForwardedHeaders(forwarded);
            a.MapGet("/home", [VelithonCached] (HttpRequest r, Counters c) => $"<a href=\"{r.Scheme}://{r.Host}/login\">login</a> run {c.Run("home")}");
        });

        var attacker = await app.GetAsync("/home", r => r.Headers.Add("X-Forwarded-Host", "evil.example"));
        var victim = await app.GetAsync("/home");

        Assert.Contains("evil.example", attacker.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", victim.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseRequestLocalization_after_the_cache_never_serves_one_language_to_another()
    {
        await using TestApp app = await TestApp.StartCustomAsync(a =>
        {
            a.UseRouting();
            a.UseVelithonCaching();
            a.UseRequestLocalization(o =>
            {
                o.SetDefaultCulture("en");
                o.AddSupportedCultures("en", "fr");
                o.AddSupportedUICultures("en", "fr");
            });
            a.MapGet("/hello", [VelithonCached(VaryByQuery = [])] (Counters c) =>
                $"{(CultureInfo.CurrentUICulture.Name == "fr" ? "Bonjour" : "Hello")} run {c.Run("hello")}");
        });

        var fr = await app.GetAsync("/hello", r => r.Headers.Add("Accept-Language", "fr"));
        var en = await app.GetAsync("/hello", r => r.Headers.Add("Accept-Language", "en"));

        Assert.StartsWith("Bonjour", fr.Body, StringComparison.Ordinal);
        Assert.StartsWith("Hello", en.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_page_re_executed_for_one_missing_path_is_never_served_for_another()
    {
        // UseStatusCodePagesWithReExecute() runs the cached /status/{code} endpoint for each 404, with the original path
        // in IStatusCodeReExecuteFeature: an input the key (path /status/404) does not hold.
        await using TestApp app = await TestApp.StartCustomAsync(a =>
        {
            a.UseStatusCodePagesWithReExecute("/status/{0}");
            a.UseRouting();
            a.UseVelithonCaching();
            a.MapGet("/status/{code}", [VelithonCached(StatusCodes = [200, 404], VaryByRouteValue = ["code"])] (HttpContext context, string code, Counters c) =>
                $"no page at {context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? "(direct)"} run {c.Run("status")}");
        });

        var first = await app.GetAsync("/missing-one");
        var second = await app.GetAsync("/missing-two");

        Assert.Contains("/missing-one", first.Body, StringComparison.Ordinal);
        Assert.Contains("/missing-two", second.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/probe/auth-filter")]
    [InlineData("/probe/type-filter")]
    [InlineData("/probe/controller-override")]
    public async Task An_MVC_action_behind_a_filter_that_checks_a_key_is_never_marked_public(string path)
    {
        // The filters run before every hit here, but a CDN in front runs none: "public" would hand the page to anyone.
        await using TestApp app = await TestApp.StartCustomAsync(
            a =>
            {
                a.UseRouting();
                a.UseAuthorization();
                a.UseVelithonCaching();
                a.MapControllers();
            },
            b => b.Services.AddControllers().AddApplicationPart(typeof(ProbeAttackTests).Assembly));

        var first = await app.GetAsync(path, r => r.Headers.Add("X-Api-Key", "secret-key"));
        var second = await app.GetAsync(path, r => r.Headers.Add("X-Api-Key", "secret-key"));
        var attacker = await app.GetAsync(path);

        Assert.Equal(("MISS", "HIT"), (first.Status, second.Status));
        Assert.Equal(HttpStatusCode.Unauthorized, attacker.Response.StatusCode);
        Assert.NotEqual(true, first.Response.Headers.CacheControl?.Public);
        Assert.NotEqual(true, second.Response.Headers.CacheControl?.Public);
    }

    [Fact]
    public async Task An_MVC_action_with_only_the_frameworks_filters_is_still_marked_public()
    {
        await using TestApp app = await TestApp.StartCustomAsync(
            a =>
            {
                a.UseRouting();
                a.UseVelithonCaching();
                a.MapControllers();
            },
            b => b.Services.AddControllers().AddApplicationPart(typeof(ProbeAttackTests).Assembly));

        var first = await app.GetAsync("/probe/public");
        Assert.Equal(("MISS", true), (first.Status, first.Response.Headers.CacheControl?.Public));
    }
}

/// <summary>An API key checked by a filter that <see cref="TypeFilterAttribute"/> creates.</summary>
public sealed class ProbeApiKeyFilter : IAuthorizationFilter
{
    /// <inheritdoc />
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.HttpContext.Request.Headers["X-Api-Key"] != "secret-key")
        {
            context.Result = new UnauthorizedResult();
        }
    }
}

/// <summary>Cached MVC actions with <c>EmitCacheControl</c> behind filters that check an API key.</summary>
[ApiController]
public sealed class ProbePublicController : ControllerBase
{
    /// <summary>Behind an authorization filter attribute.</summary>
    /// <returns>Text.</returns>
    [HttpGet("/probe/auth-filter")]
    [VelithonCached(EmitCacheControl = true)]
    [ApiKeyAuthorization]
    public string ByAttribute() => "the secret " + Request.Path;

    /// <summary>Behind a filter made by <see cref="TypeFilterAttribute"/>.</summary>
    /// <returns>Text.</returns>
    [HttpGet("/probe/type-filter")]
    [VelithonCached(EmitCacheControl = true)]
    [TypeFilter(typeof(ProbeApiKeyFilter))]
    public string ByTypeFilter() => "the secret " + Request.Path;

    /// <summary>Formatted as <c>?format=</c> says.</summary>
    /// <param name="page">The page.</param>
    /// <returns>A product.</returns>
    [HttpGet("/probe/formatted")]
    [FormatFilter]
    [VelithonCached(VaryByQuery = ["page"])]
    public NegotiatedProduct Formatted(int page) => new() { Name = "tea " + Request.Path, Run = page };

    /// <summary>No filter of the app's: public.</summary>
    /// <returns>Text.</returns>
    [HttpGet("/probe/public")]
    [VelithonCached(EmitCacheControl = true)]
    public string Public() => "for everyone " + Request.Path;
}

/// <summary>A controller that checks the key in its own <c>OnActionExecuting</c>.</summary>
public sealed class ProbeGuardedController : Controller
{
    /// <inheritdoc />
    public override void OnActionExecuting(ActionExecutingContext context)
    {
        if (Request.Headers["X-Api-Key"] != "secret-key")
        {
            context.Result = Unauthorized();
        }
    }

    /// <summary>Behind the controller's own check.</summary>
    /// <returns>Text.</returns>
    [HttpGet("/probe/controller-override")]
    [VelithonCached(EmitCacheControl = true)]
    public string Get() => "the secret " + Request.Path;
}
