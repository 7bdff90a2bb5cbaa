using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Velithon.Caching.Tests;

/// <summary>Every request input that shapes a response is in its key: request cookies, the response's own Vary, MVC's Accept.</summary>
public sealed class InputKeyTests
{
    [Fact]
    public async Task A_page_personalised_from_a_cookie_is_not_shared_by_default()
    {
        await using TestApp app = await StartAsync();
        var dark = await app.GetAsync("/theme", r => r.Headers.Add("Cookie", "theme=dark"));
        var light = await app.GetAsync("/theme", r => r.Headers.Add("Cookie", "theme=light"));
        var none1 = await app.GetAsync("/theme");
        var none2 = await app.GetAsync("/theme");

        Assert.Equal(("BYPASS", "theme dark run 1"), (dark.Status, dark.Body));
        Assert.Equal(("BYPASS", "theme light run 2"), (light.Status, light.Body));
        Assert.Equal(("MISS", "theme (default) run 3"), (none1.Status, none1.Body));

        // A request with a cookie never gets the cookie-less entry either.
        var darkAgain = await app.GetAsync("/theme", r => r.Headers.Add("Cookie", "theme=dark"));
        Assert.Equal(("HIT", "theme (default) run 3"), (none2.Status, none2.Body));
        Assert.Equal(("BYPASS", "theme dark run 4"), (darkAgain.Status, darkAgain.Body));
    }

    [Fact]
    public async Task A_login_cookie_read_by_the_app_is_not_shared()
    {
        await using TestApp app = await StartAsync();
        var alice = await app.GetAsync("/account", r => r.Headers.Add("Cookie", "login=alice"));
        var bob = await app.GetAsync("/account", r => r.Headers.Add("Cookie", "login=bob"));
        Assert.Equal("account of alice run 1", alice.Body);
        Assert.Equal("account of bob run 2", bob.Body);
    }

    [Fact]
    public async Task VaryByCookie_keeps_one_entry_per_named_cookie_value_and_ignores_the_rest()
    {
        await using TestApp app = await StartAsync();
        var dark1 = await app.GetAsync("/theme-keyed", r => r.Headers.Add("Cookie", "theme=dark; _ga=1"));
        var light = await app.GetAsync("/theme-keyed", r => r.Headers.Add("Cookie", "theme=light"));
        var dark2 = await app.GetAsync("/theme-keyed", r => r.Headers.Add("Cookie", "_ga=2; theme=dark"));
        var none = await app.GetAsync("/theme-keyed");

        Assert.Equal(("MISS", "theme dark run 1"), (dark1.Status, dark1.Body));
        Assert.Equal(("MISS", "theme light run 2"), (light.Status, light.Body));
        Assert.Equal(("HIT", "theme dark run 1"), (dark2.Status, dark2.Body));
        Assert.Equal(("MISS", "theme (default) run 3"), (none.Status, none.Body));
    }

    [Theory]
    [InlineData("theme=dark, x=1")]
    [InlineData("theme=\"dark\"")]
    [InlineData("theme=dark; theme=light")]
    [InlineData("theme=light; theme=dark")]
    [InlineData("x=1,theme=light")]
    [InlineData("theme=%64ark")]
    [InlineData(" theme = dark ")]
    [InlineData("THEME=dark")]
    [InlineData("theme=")]
    public async Task However_the_cookie_header_is_spelled_the_entry_served_is_for_the_value_the_app_reads(string cookie)
    {
        await using TestApp app = await StartAsync();
        await app.GetAsync("/theme-keyed", r => r.Headers.Add("Cookie", "theme=dark"));
        await app.GetAsync("/theme-keyed", r => r.Headers.Add("Cookie", "theme=light"));
        await app.GetAsync("/theme-keyed");

        string reads = (await app.GetAsync("/cookie-echo", r => r.Headers.Add("Cookie", cookie))).Body;
        var served = await app.GetAsync("/theme-keyed", r => r.Headers.Add("Cookie", cookie));
        Assert.StartsWith($"theme {reads} run", served.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_apps_own_Vary_header_joins_the_key()
    {
        await using TestApp app = await StartAsync();
        var fr = await app.GetAsync("/greeting", r => r.Headers.Add("Accept-Language", "fr"));
        var en = await app.GetAsync("/greeting", r => r.Headers.Add("Accept-Language", "en"));
        var fr2 = await app.GetAsync("/greeting", r => r.Headers.Add("Accept-Language", "fr"));
        var en2 = await app.GetAsync("/greeting", r => r.Headers.Add("Accept-Language", "en"));

        Assert.Equal(("MISS", "bonjour run 1"), (fr.Status, fr.Body));
        Assert.Equal(("MISS", "hello run 2"), (en.Status, en.Body));
        Assert.Equal(("HIT", "bonjour run 1"), (fr2.Status, fr2.Body));
        Assert.Equal(("HIT", "hello run 2"), (en2.Status, en2.Body));
        Assert.Contains("Accept-Language", en2.Response.Headers.Vary);
    }

    [Fact]
    public async Task An_MVC_action_negotiated_by_Accept_is_served_per_Accept()
    {
        await using TestApp app = await StartAsync();
        var json = await app.GetAsync("/mvc/negotiated", r => r.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json")));
        var xml = await app.GetAsync("/mvc/negotiated", r => r.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml")));
        var json2 = await app.GetAsync("/mvc/negotiated", r => r.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json")));

        Assert.StartsWith("application/json", json.Response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("application/xml", xml.Response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Equal("MISS", xml.Status);
        Assert.StartsWith("<", xml.Body, StringComparison.Ordinal);
        Assert.Equal(("HIT", json.Body), (json2.Status, json2.Body));
        Assert.StartsWith("{", json2.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_GET_whose_body_shapes_the_response_is_neither_served_nor_stored()
    {
        await using TestApp app = await StartAsync();
        var victim = await app.GetAsync("/search", r => r.Content = new StringContent("alice-private-term"));
        var attacker = await app.GetAsync("/search", r => r.Content = new StringContent("other"));
        var plain = await app.GetAsync("/search");
        var plainAgain = await app.GetAsync("/search");

        Assert.Equal(("BYPASS", "results for alice-private-term run 1"), (victim.Status, victim.Body));
        Assert.Equal(("BYPASS", "results for other run 2"), (attacker.Status, attacker.Body));
        Assert.Equal(("MISS", "HIT"), (plain.Status, plainAgain.Status));
        Assert.DoesNotContain("alice", plainAgain.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/lang-bound")]
    [InlineData("/lang-bound-as-parameters")]
    [InlineData("/mvc/lang-bound")]
    [InlineData("/mvc/lang-bound-model")]
    public async Task A_header_bound_to_a_handler_parameter_joins_the_key(string path)
    {
        await using TestApp app = await StartAsync();
        var fr = await app.GetAsync(path, r => r.Headers.Add("X-Lang", "fr"));
        var de = await app.GetAsync(path, r => r.Headers.Add("X-Lang", "de"));
        var frAgain = await app.GetAsync(path, r => r.Headers.Add("X-Lang", "fr"));

        Assert.Equal("MISS", fr.Status);
        Assert.Equal("MISS", de.Status);
        Assert.Contains("lang de", de.Body, StringComparison.Ordinal);
        Assert.Equal(("HIT", fr.Body), (frAgain.Status, frAgain.Body));
    }

    private static Task<TestApp> StartAsync() => TestApp.StartCustomAsync(
        app =>
        {
            app.UseRouting();
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseVelithonCaching();
            app.MapGet("/theme", [VelithonCached] (HttpRequest r, Counters c) => $"theme {r.Cookies["theme"] ?? "(default)"} run {c.Run("theme")}");
            app.MapGet("/account", [VelithonCached] (HttpRequest r, Counters c) => $"account of {r.Cookies["login"] ?? "nobody"} run {c.Run("account")}");
            app.MapGet("/theme-keyed", [VelithonCached(VaryByCookie = ["theme"])] (HttpRequest r, Counters c) => $"theme {r.Cookies["theme"] ?? "(default)"} run {c.Run("theme-keyed")}");
            app.MapGet("/cookie-echo", (HttpRequest r) => r.Cookies["theme"] ?? "(default)");
            app.MapGet("/greeting", [VelithonCached] (HttpContext context, Counters c) =>
            {
                context.Response.Headers.Vary = "Accept-Language";
                return (context.Request.Headers.AcceptLanguage.ToString() == "fr" ? "bonjour" : "hello") + $" run {c.Run("greeting")}";
            });
            app.MapGet("/search", [VelithonCached] async (HttpRequest r, Counters c) =>
            {
                using var reader = new StreamReader(r.Body);
                return $"results for {await reader.ReadToEndAsync()} run {c.Run("search")}";
            });
            app.MapGet("/lang-bound", [VelithonCached] ([FromHeader(Name = "X-Lang")] string? lang, Counters c) => $"lang {lang} run {c.Run("lang-bound")}");
            app.MapGet("/lang-bound-as-parameters", [VelithonCached] ([AsParameters] LanguageArguments arguments, Counters c) => $"lang {arguments.Lang} run {c.Run("lang-bound-as-parameters")}");
            app.MapControllers();
        },
        builder => builder.Services.AddControllers().AddXmlSerializerFormatters().AddApplicationPart(typeof(InputKeyTests).Assembly));
}

/// <summary>Handler arguments bound as one parameter, one of them from a header.</summary>
public sealed class LanguageArguments
{
    /// <summary>Gets or sets the language header.</summary>
    [FromHeader(Name = "X-Lang")]
    public string? Lang { get; set; }
}

/// <summary>A language header read through the action's binding.</summary>
public sealed class LanguageModel
{
    /// <summary>Gets or sets the language header.</summary>
    [FromHeader(Name = "X-Lang")]
    public string? Lang { get; set; }
}

/// <summary>Actions that bind a request header.</summary>
[ApiController]
public sealed class BoundHeaderController : ControllerBase
{
    /// <summary>Answers in the language the header names.</summary>
    /// <param name="lang">The language header.</param>
    /// <param name="counters">The run counters.</param>
    /// <returns>Text.</returns>
    [HttpGet("/mvc/lang-bound")]
    [VelithonCached]
    public string Get([FromHeader(Name = "X-Lang")] string? lang, [FromServices] Counters counters) => $"lang {lang} run {counters.Run("mvc-lang")} {Request.Path}";

    /// <summary>Answers in the language a bound model's header names.</summary>
    /// <param name="model">The model bound from the request.</param>
    /// <param name="counters">The run counters.</param>
    /// <returns>Text.</returns>
    [HttpGet("/mvc/lang-bound-model")]
    [VelithonCached]
    public string GetModel([FromQuery] LanguageModel model, [FromServices] Counters counters) => $"lang {model.Lang} run {counters.Run("mvc-lang-model")} {Request.Path}";
}

/// <summary>A product type MVC can write as JSON or XML.</summary>
public sealed class NegotiatedProduct
{
    /// <summary>Gets or sets the name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the run that rendered it.</summary>
    public int Run { get; set; }
}

/// <summary>An action whose format depends on Accept.</summary>
[ApiController]
public sealed class NegotiationController : ControllerBase
{
    /// <summary>Returns a product, formatted per Accept.</summary>
    /// <param name="counters">The run counters.</param>
    /// <returns>The product.</returns>
    [HttpGet("/mvc/negotiated")]
    [VelithonCached]
    public NegotiatedProduct Get([FromServices] Counters counters) => new() { Name = "tea " + Request.Path, Run = counters.Run("negotiated") };
}
