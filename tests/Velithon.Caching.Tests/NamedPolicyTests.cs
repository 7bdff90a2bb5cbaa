using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>Named policies (<c>AddPolicy</c>), <c>VaryByValue</c> and key-prefix delegates, and how an endpoint's settings combine with its policy.</summary>
public sealed class NamedPolicyTests
{
    private static Task<TestApp> StartAsync(TimeProvider? time = null) => FeatureApp.StartAsync(
        app =>
        {
            app.MapGet("/tenant/attribute", [VelithonCached(PolicyName = "tenant")] (HttpRequest r, Counters c) => $"attribute {r.Headers["X-Tenant"]} run {c.Run("attribute")}");
            app.MapGet("/tenant/fluent", (HttpRequest r, Counters c) => $"fluent {r.Headers["X-Tenant"]} run {c.Run("fluent")}").CacheWithVelithon("tenant");
            app.MapGet("/tenant/longer", [VelithonCached(PolicyName = "tenant", Duration = 100)] (HttpRequest r, Counters c) => $"longer {r.Headers["X-Tenant"]} run {c.Run("longer")}");
            app.MapGet("/tenant/fluent-longer", (HttpRequest r, Counters c) => $"fluent-longer {r.Headers["X-Tenant"]} run {c.Run("fluent-longer")}")
                .CacheWithVelithon("tenant", p => p.Expire(TimeSpan.FromSeconds(100)));
            app.MapGet("/culture", (HttpRequest r, Counters c) => $"culture {r.Query["culture"]} run {c.Run("culture")}")
                .CacheWithVelithon(p => p.VaryByQuery().VaryByValue("culture", static ctx => ctx.Request.Query["culture"].FirstOrDefault()));
            app.MapGet("/prefixed", (HttpRequest r, Counters c) => $"prefixed {r.Headers["X-Tenant"]} run {c.Run("prefixed")}")
                .CacheWithVelithon(p => p.SetKeyPrefix(static ctx => ctx.Request.Headers["X-Tenant"].FirstOrDefault()));
            app.MapGet("/filtered", [VelithonCached(PolicyName = "filters-ok")] (Counters c) => $"filtered run {c.Run("filtered")}")
                .AddEndpointFilter(static (ctx, next) => next(ctx));
            app.MapGet("/throws", (HttpRequest r, Counters c) => $"throws run {c.Run("throws")}")
                .CacheWithVelithon(p => p.VaryByValue("bad", static ctx => ctx.Request.Headers.ContainsKey("X-Break") ? throw new InvalidOperationException("no tenant") : "ok"));
        },
        o => o
            .AddPolicy("tenant", p => p.Expire(TimeSpan.FromSeconds(5)).Tag("tenants").VaryByValue("tenant", static ctx => ctx.Request.Headers["X-Tenant"].FirstOrDefault()))
            .AddPolicy("filters-ok", p => p.SkipEndpointFiltersOnHit()),
        time);

    private static Action<HttpRequestMessage> Tenant(string tenant) => r => r.Headers.Add("X-Tenant", tenant);

    [Theory]
    [InlineData("/tenant/attribute", "attribute")]
    [InlineData("/tenant/fluent", "fluent")]
    public async Task A_named_policy_applies_its_vary_values_and_tags_through_the_attribute_and_the_fluent_form(string url, string name)
    {
        await using TestApp app = await StartAsync();
        var a = await app.GetAsync(url, Tenant("a"));
        var b = await app.GetAsync(url, Tenant("b"));
        Assert.Equal(("MISS", $"{name} a run 1"), (a.Status, a.Body));
        Assert.Equal(("MISS", $"{name} b run 2"), (b.Status, b.Body));
        Assert.Equal(("HIT", $"{name} a run 1"), ((await app.GetAsync(url, Tenant("a"))).Status, (await app.GetAsync(url, Tenant("a"))).Body));
        var none = await app.GetAsync(url);
        Assert.Equal(("MISS", $"{name}  run 3"), (none.Status, none.Body)); // no value is keyed as absent, apart from any value

        await app.Invalidator.EvictByTagAsync("tenants"); // the policy's tag
        Assert.Equal("MISS", (await app.GetAsync(url, Tenant("a"))).Status);
    }

    [Theory]
    [InlineData("/tenant/longer")]
    [InlineData("/tenant/fluent-longer")]
    public async Task The_endpoint_s_own_settings_win_over_the_policy_s(string url)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await StartAsync(time);
        await app.GetAsync(url, Tenant("a"));
        await app.GetAsync("/tenant/attribute", Tenant("a"));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("HIT", (await app.GetAsync(url, Tenant("a"))).Status); // 100 s, the endpoint's
        Assert.Equal("MISS", (await app.GetAsync("/tenant/attribute", Tenant("a"))).Status); // 5 s, the policy's
        Assert.Equal("MISS", (await app.GetAsync(url, Tenant("b"))).Status); // and the policy's vary value still applies
    }

    [Fact]
    public void Vary_lists_and_tags_set_on_both_are_combined_and_defaults_take_the_policy_s()
    {
        var policy = new VelithonCachedAttribute
        {
            Duration = 5, VaryByQuery = ["a"], VaryByHeader = ["X-Tenant"], Tags = ["p"], VaryByUser = true, StaleIfError = 30, StatusCodes = [200, 404], EmitCacheControl = true,
        };
        var merged = CachePolicy.From(NamedPolicyMerge.Merge(new VelithonCachedAttribute { VaryByQuery = ["b"], Tags = ["e"], StaleIfError = 0 }, policy));
        Assert.Equal(TimeSpan.FromSeconds(5), merged.Duration);
        Assert.Equal(["A", "B"], merged.VaryByQuery!);
        Assert.Equal(["X-TENANT"], merged.VaryByHeader);
        Assert.Equal(["e", "p"], merged.Tags);
        Assert.True(merged.VaryByUser);
        Assert.Equal(TimeSpan.Zero, merged.StaleIfError); // set on the endpoint (0: off), so not the policy's 30 s
        Assert.Equal([200, 404], merged.StatusCodes.Order());
        Assert.Null(merged.CacheControl); // asked for by the policy, but the key holds the user: never public

        var defaults = CachePolicy.From(NamedPolicyMerge.Merge(new VelithonCachedAttribute { Duration = 7 }, new VelithonCachedAttribute { StaleIfError = 30 }));
        Assert.Equal(TimeSpan.FromSeconds(7), defaults.Duration);
        Assert.Equal(TimeSpan.FromSeconds(30), defaults.StaleIfError);
        Assert.Null(defaults.VaryByQuery);
    }

    [Fact]
    public void An_unknown_policy_name_fails_loudly()
    {
        var endpoint = new Endpoint(null, new EndpointMetadataCollection(new VelithonCachedAttribute { PolicyName = "missing" }), "GET /x");
        var error = Assert.Throws<InvalidOperationException>(() => CachePolicy.For(endpoint, new VelithonCachingOptions()));
        Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddPolicy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VaryByValue_keys_each_value_separately()
    {
        await using TestApp app = await StartAsync();
        Assert.Equal("MISS", (await app.GetAsync("/culture?culture=fr")).Status);
        Assert.Equal("MISS", (await app.GetAsync("/culture?culture=de")).Status);
        var fr = await app.GetAsync("/culture?culture=fr&ignored=1"); // VaryByQuery() ignores the query; the value does not
        Assert.Equal(("HIT", "culture fr run 1"), (fr.Status, fr.Body));
    }

    [Fact]
    public async Task A_key_prefix_starts_the_key_and_separates_entries()
    {
        await using TestApp app = await StartAsync();
        Assert.Equal("prefixed a run 1", (await app.GetAsync("/prefixed", Tenant("a"))).Body);
        Assert.Equal("prefixed b run 2", (await app.GetAsync("/prefixed", Tenant("b"))).Body);
        Assert.Equal(("HIT", "prefixed a run 1"), ((await app.GetAsync("/prefixed", Tenant("a"))).Status, (await app.GetAsync("/prefixed", Tenant("a"))).Body));

        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("h");
        context.Request.Path = "/p";
        context.Request.Headers["X-Tenant"] = "t1";
        var policy = CachePolicy.From(new VelithonCachedAttribute(), keyValues: new CacheKeyValues(
            [new("lang", static ctx => ctx.Request.Headers["X-Lang"].FirstOrDefault())], static ctx => ctx.Request.Headers["X-Tenant"].FirstOrDefault()));
        Assert.Equal("v3|x|v2:t1|m3:GET|s4:http|h1:h|b0:|p2:/p|q0|H0|V0|r0|k1|k4:lang|n", CacheKeyBuilder.Build(context, policy));
    }

    [Fact]
    public async Task A_delegate_that_throws_serves_the_request_uncached_and_is_logged()
    {
        await using TestApp app = await StartAsync();
        Assert.Equal("MISS", (await app.GetAsync("/throws")).Status);
        Assert.Equal("HIT", (await app.GetAsync("/throws")).Status);

        for (int i = 0; i < 2; i++)
        {
            var broken = await app.GetAsync("/throws", r => r.Headers.Add("X-Break", "1"));
            Assert.Equal(System.Net.HttpStatusCode.OK, broken.Response.StatusCode);
            Assert.Equal("BYPASS", broken.Status);
        }

        Assert.Equal(3, app.Runs["throws"]);
        Assert.Contains(app.Logs().GetSnapshot(), l => l.Level == LogLevel.Warning && l.Exception?.Message == "no tenant" && l.Message.Contains("/throws", StringComparison.Ordinal));
        Assert.Equal("HIT", (await app.GetAsync("/throws")).Status);
    }

    [Fact]
    public async Task A_policy_s_SkipEndpointFiltersOnHit_caches_an_endpoint_with_filters_and_no_warning_says_otherwise()
    {
        await using TestApp app = await StartAsync();
        Assert.Equal("MISS", (await app.GetAsync("/filtered")).Status);
        Assert.Equal(("HIT", "filtered run 1"), ((await app.GetAsync("/filtered")).Status, (await app.GetAsync("/filtered")).Body));
        Assert.DoesNotContain(app.Logs().GetSnapshot(), l => l.Message.Contains("endpoint filter", StringComparison.Ordinal));
    }
}
