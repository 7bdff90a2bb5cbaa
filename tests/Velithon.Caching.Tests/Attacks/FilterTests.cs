using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Velithon.Caching.Tests;

/// <summary>
/// Access checks that are not <c>UseAuthorization</c> (endpoint filters, MVC filters, a controller's own
/// <c>OnActionExecuting</c>) must guard every request, not only the one that filled the entry.
/// </summary>
public sealed class FilterTests
{
    private const string Key = "X-Api-Key";

    [Theory]
    [InlineData("/filtered")]
    [InlineData("/fluent-filtered")]
    [InlineData("/group/in-group")]
    public async Task An_api_key_checked_in_an_endpoint_filter_guards_every_request(string path)
    {
        await using TestApp app = await StartAsync();
        var withKey = await app.GetAsync(path, r => r.Headers.Add(Key, "secret-key"));
        var withoutKey = await app.GetAsync(path);
        var withKeyAgain = await app.GetAsync(path, r => r.Headers.Add(Key, "secret-key"));

        Assert.Equal((HttpStatusCode.OK, "the secret"), (withKey.Response.StatusCode, withKey.Body[..10]));
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.Response.StatusCode);
        Assert.DoesNotContain("secret", withoutKey.Body, StringComparison.Ordinal);

        // Not cached at all: a hit could not run the filter.
        Assert.Equal(HttpStatusCode.OK, withKeyAgain.Response.StatusCode);
        Assert.Equal("BYPASS", withKeyAgain.Status);
    }

    [Fact]
    public async Task SkipEndpointFiltersOnHit_caches_an_endpoint_whose_filters_only_decorate()
    {
        await using TestApp app = await StartAsync();
        var first = await app.GetAsync("/decorated");
        var second = await app.GetAsync("/decorated");
        Assert.Equal(("MISS", "decorated run 1"), (first.Status, first.Body));
        Assert.Equal(("HIT", "decorated run 1"), (second.Status, second.Body));
    }

    [Theory]
    [InlineData("/mvc/auth-filter")]
    [InlineData("/mvc/action-filter")]
    [InlineData("/mvc/controller-override")]
    public async Task An_api_key_checked_by_an_MVC_filter_guards_every_hit(string path)
    {
        await using TestApp app = await StartAsync();
        var withKey = await app.GetAsync(path, r => r.Headers.Add(Key, "secret-key"));
        var hit = await app.GetAsync(path, r => r.Headers.Add(Key, "secret-key"));
        var withoutKey = await app.GetAsync(path);

        Assert.Equal(("MISS", HttpStatusCode.OK), (withKey.Status, withKey.Response.StatusCode));
        Assert.Equal(("HIT", withKey.Body), (hit.Status, hit.Body)); // cached, and served after the filters ran
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.Response.StatusCode);
        Assert.DoesNotContain("secret", withoutKey.Body, StringComparison.Ordinal);
        Assert.Equal(1, app.Runs[path]);
    }

    [Fact]
    public async Task An_MVC_action_filter_ordered_last_is_never_skipped_by_a_hit()
    {
        await using TestApp app = await StartAsync();
        var withKey = await app.GetAsync("/mvc/late-filter", r => r.Headers.Add(Key, "secret-key"));
        var withoutKey = await app.GetAsync("/mvc/late-filter");
        var withKeyAgain = await app.GetAsync("/mvc/late-filter", r => r.Headers.Add(Key, "secret-key"));

        Assert.Equal(HttpStatusCode.OK, withKey.Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.Response.StatusCode);
        Assert.DoesNotContain("secret", withoutKey.Body, StringComparison.Ordinal);
        Assert.Equal("BYPASS", withKeyAgain.Status); // a hit would be served outside the filter: never cached
    }

    private static Task<TestApp> StartAsync() => TestApp.StartCustomAsync(
        app =>
        {
            app.UseRouting();
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseVelithonCaching();
            app.MapGet("/filtered", [VelithonCached] (Counters c) => $"the secret run {c.Run("/filtered")}").AddEndpointFilter(ApiKey);
            app.MapGet("/fluent-filtered", (Counters c) => $"the secret run {c.Run("/fluent-filtered")}").AddEndpointFilter(ApiKey).CacheWithVelithon();
            RouteGroupBuilder group = app.MapGroup("/group");
            group.AddEndpointFilter(ApiKey);
            group.MapGet("/in-group", [VelithonCached] (Counters c) => $"the secret run {c.Run("/group/in-group")}");
            app.MapGet("/decorated", [VelithonCached(SkipEndpointFiltersOnHit = true)] (Counters c) => $"decorated run {c.Run("decorated")}")
                .AddEndpointFilter(static async (context, next) => await next(context));
            app.MapControllers();
        },
        builder => builder.Services.AddControllers().AddApplicationPart(typeof(FilterTests).Assembly));

    private static async ValueTask<object?> ApiKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.Headers[Key] == "secret-key" ? await next(context) : Results.Unauthorized();
}

/// <summary>An API key checked in an MVC authorization filter.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ApiKeyAuthorizationAttribute : Attribute, IAuthorizationFilter
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

/// <summary>An API key checked in an MVC action filter.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ApiKeyActionAttribute : Attribute, IAsyncActionFilter
{
    /// <inheritdoc />
    public Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (context.HttpContext.Request.Headers["X-Api-Key"] != "secret-key")
        {
            context.Result = new UnauthorizedResult();
            return Task.CompletedTask;
        }

        return next();
    }
}

/// <summary>Cached MVC actions behind filters that check an API key.</summary>
[VelithonCached(Duration = 60)]
public sealed class SecretsController : ControllerBase
{
    /// <summary>Behind an authorization filter.</summary>
    /// <param name="counters">The run counters.</param>
    /// <returns>Text.</returns>
    [HttpGet("/mvc/auth-filter")]
    [ApiKeyAuthorization]
    public string ByAuthorizationFilter([FromServices] Counters counters) => $"the secret run {counters.Run("/mvc/auth-filter")} {Request.Path}";

    /// <summary>Behind an action filter.</summary>
    /// <param name="counters">The run counters.</param>
    /// <returns>Text.</returns>
    [HttpGet("/mvc/action-filter")]
    [ApiKeyAction]
    public string ByActionFilter([FromServices] Counters counters) => $"the secret run {counters.Run("/mvc/action-filter")} {Request.Path}";
}

/// <summary>An API key checked in an MVC action filter ordered as late as the filter that serves hits.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LateApiKeyActionAttribute : ActionFilterAttribute
{
    /// <summary>Initializes a new instance of the <see cref="LateApiKeyActionAttribute"/> class.</summary>
    public LateApiKeyActionAttribute() => Order = int.MaxValue;

    /// <inheritdoc />
    public override void OnActionExecuting(ActionExecutingContext context)
    {
        if (context.HttpContext.Request.Headers["X-Api-Key"] != "secret-key")
        {
            context.Result = new UnauthorizedResult();
        }
    }
}

/// <summary>A cached action behind a filter ordered last.</summary>
public sealed class LateFilterController : ControllerBase
{
    /// <summary>Behind an action filter with <c>Order = int.MaxValue</c>.</summary>
    /// <param name="counters">The run counters.</param>
    /// <returns>Text.</returns>
    [HttpGet("/mvc/late-filter")]
    [VelithonCached(Duration = 60)]
    [LateApiKeyAction]
    public string Get([FromServices] Counters counters) => $"the secret run {counters.Run("/mvc/late-filter")} {Request.Path}";
}

/// <summary>A controller that checks the key in its own <c>OnActionExecuting</c>.</summary>
[VelithonCached(Duration = 60)]
public sealed class GuardedController : Controller
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
    /// <param name="counters">The run counters.</param>
    /// <returns>Text.</returns>
    [HttpGet("/mvc/controller-override")]
    public string Get([FromServices] Counters counters) => $"the secret run {counters.Run("/mvc/controller-override")} {Request.Path}";
}
