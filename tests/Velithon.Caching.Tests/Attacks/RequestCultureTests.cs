using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Velithon.Caching.Tests;

/// <summary>With <c>UseRequestLocalization()</c> before the cache, a page rendered in one culture is never served in another.</summary>
public sealed class RequestCultureTests
{
    [Fact]
    public async Task A_page_rendered_for_Accept_Language_fr_is_not_served_to_en()
    {
        await using TestApp app = await StartAsync();
        var fr = await app.GetAsync("/hello", r => r.Headers.Add("Accept-Language", "fr"));
        var en = await app.GetAsync("/hello", r => r.Headers.Add("Accept-Language", "en"));
        var frAgain = await app.GetAsync("/hello", r => r.Headers.Add("Accept-Language", "fr-FR, fr;q=0.9"));

        Assert.Equal(("MISS", "Bonjour run 1"), (fr.Status, fr.Body));
        Assert.Equal(("MISS", "Hello run 2"), (en.Status, en.Body));
        Assert.Equal(("HIT", "Bonjour run 1"), (frAgain.Status, frAgain.Body));
    }

    [Fact]
    public async Task The_culture_and_the_UI_culture_are_each_in_the_key()
    {
        await using TestApp app = await StartAsync();
        var english = await app.GetAsync("/formatted?culture=en&ui-culture=en");
        var frenchUi = await app.GetAsync("/formatted?culture=en&ui-culture=fr");
        var frenchNumbers = await app.GetAsync("/formatted?culture=fr&ui-culture=en");

        Assert.Equal(("MISS", "1.5 Hello run 1"), (english.Status, english.Body));
        Assert.Equal(("MISS", "1.5 Bonjour run 2"), (frenchUi.Status, frenchUi.Body));
        Assert.Equal(("MISS", "1,5 Hello run 3"), (frenchNumbers.Status, frenchNumbers.Body));
    }

    private static Task<TestApp> StartAsync() => TestApp.StartCustomAsync(app =>
    {
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture("en");
            o.AddSupportedCultures("en", "fr");
            o.AddSupportedUICultures("en", "fr");
        });
        app.UseRouting();
        app.UseVelithonCaching();
        app.MapGet("/hello", [VelithonCached(VaryByQuery = [])] (Counters c) =>
            $"{(CultureInfo.CurrentUICulture.Name == "fr" ? "Bonjour" : "Hello")} run {c.Run("hello")}");
        app.MapGet("/formatted", [VelithonCached(VaryByQuery = [])] (Counters c) =>
            $"{1.5.ToString(CultureInfo.CurrentCulture)} {(CultureInfo.CurrentUICulture.Name == "fr" ? "Bonjour" : "Hello")} run {c.Run("formatted")}");
    });
}
