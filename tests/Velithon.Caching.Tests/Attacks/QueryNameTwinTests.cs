using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Velithon.Caching.Tests;

/// <summary>
/// Query names that upper-case alike but that <c>Request.Query</c> (ordinal, ignoring case) tells apart — <c>ſort</c>
/// (U+017F) and <c>sort</c> — never let an attacker's value ride on the entry of the name the victim sends.
/// </summary>
public sealed class QueryNameTwinTests
{
    [Theory]
    [InlineData("sort", "%C5%BFort")]     // ſ, long s
    [InlineData("id", "%C4%B1d")]         // ı, dotless i
    [InlineData("key", "%E2%84%AAey")]    // K, Kelvin sign
    public async Task A_twin_query_name_read_by_the_page_does_not_poison_the_entry_of_the_plain_one(string plain, string twin)
    {
        await using TestApp app = await StartAsync();
        var attacker = await app.GetAsync($"/list?{plain}=1&{twin}=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        var victim = await app.GetAsync($"/list?{plain}=1");

        Assert.Contains("<script>", attacker.Body, StringComparison.Ordinal);
        Assert.Equal("MISS", victim.Status);
        Assert.DoesNotContain("<script>", victim.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_twin_of_a_VaryByQuery_name_does_not_poison_the_entry()
    {
        await using TestApp app = await StartAsync();
        var attacker = await app.GetAsync("/sorted?sort=1&%C5%BFort=%3Cscript%3E");
        var victim = await app.GetAsync("/sorted?sort=1");

        Assert.Contains("<script>", attacker.Body, StringComparison.Ordinal);
        Assert.Equal("MISS", victim.Status);
        Assert.DoesNotContain("<script>", victim.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_the_query_collection_sees_as_one_still_share_an_entry()
    {
        await using TestApp app = await StartAsync();
        var lower = await app.GetAsync("/list?sort=1");
        var upper = await app.GetAsync("/list?SORT=1");
        Assert.Equal(("MISS", "HIT"), (lower.Status, upper.Status));
        Assert.Equal(lower.Body, upper.Body);
    }

    private static Task<TestApp> StartAsync() => TestApp.StartCustomAsync(app =>
    {
        app.UseRouting();
        app.UseVelithonCaching();

        // Echoes every query value it can see, as a pager that rebuilds its links from the query would.
        app.MapGet("/list", [VelithonCached] (HttpRequest r, Counters c) =>
            Results.Content($"{string.Join(";", r.Query.Select(p => $"{p.Key}={p.Value}"))} run {c.Run("list")}", "text/html"));
        app.MapGet("/sorted", [VelithonCached(VaryByQuery = ["\u017Fort"])] (HttpRequest r, Counters c) =>
            Results.Content($"order {r.Query["\u017Fort"]} run {c.Run("sorted")}", "text/html"));
    });
}
