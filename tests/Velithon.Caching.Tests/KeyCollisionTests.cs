using Microsoft.AspNetCore.Http;

namespace Velithon.Caching.Tests;

public sealed class KeyCollisionTests
{
    // Pairs that a naive "path?query" or separator-joined key would confuse.
    public static TheoryData<string, string> LookAlikes => new()
    {
        { "/k/x?a=1&b=2", "/k/x?a=1%26b=2" },
        { "/k/x?a=1", "/k/x%3Fa=1" },
        { "/k/x?a=1&a=2", "/k/x?a=1,2" },
        { "/k/x|q1:a?b=1", "/k/x?b=1" },
        { "/k/x?a=b%7Cq1:c", "/k/x?a=b&c=" },
        { "/k/ab?c=1", "/k/a?bc=1" },
        { "/k/a/b", "/k/a%2Fb" },
        { "/k/x?a%3D1=2", "/k/x?a=1%3D2" },
    };

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public async Task Look_alike_requests_map_to_different_entries(string first, string second)
    {
        await using TestApp app = await TestApp.StartAsync();
        var a1 = await app.GetAsync(first);
        var b1 = await app.GetAsync(second);
        var a2 = await app.GetAsync(first);
        var b2 = await app.GetAsync(second);

        Assert.Equal("MISS", a1.Status);
        Assert.Equal("MISS", b1.Status);
        Assert.Equal(("HIT", a1.Body), (a2.Status, a2.Body));
        Assert.Equal(("HIT", b1.Body), (b2.Status, b2.Body));
        Assert.NotEqual(a1.Body, b1.Body);
        Assert.Equal(2, app.Runs["k"]);
    }

    [Fact]
    public async Task Host_is_part_of_the_key()
    {
        await using TestApp app = await TestApp.StartAsync();
        var one = await app.GetAsync("/k/x", r => r.Headers.Host = "one.example");
        var two = await app.GetAsync("/k/x", r => r.Headers.Host = "two.example");
        var oneAgain = await app.GetAsync("/k/x", r => r.Headers.Host = "ONE.example");
        Assert.Equal("MISS", two.Status);
        Assert.StartsWith("two.example|", two.Body, StringComparison.Ordinal);
        Assert.Equal(("HIT", one.Body), (oneAgain.Status, oneAgain.Body));
    }

    [Fact]
    public async Task Keys_are_length_prefixed_so_values_cannot_forge_parts()
    {
        var a = new DefaultHttpContext();
        a.Request.Scheme = "http";
        a.Request.Host = new HostString("h");
        a.Request.Path = "/p";
        a.Request.QueryString = new QueryString("?a=1|q1:B#1|=:2");
        var b = new DefaultHttpContext();
        b.Request.Scheme = "http";
        b.Request.Host = new HostString("h");
        b.Request.Path = "/p";
        b.Request.QueryString = new QueryString("?a=1&b=2");
        var policy = Velithon.AspNetCore.Caching.CachePolicy.From(new VelithonCachedAttribute());
        Assert.NotEqual(
            Velithon.AspNetCore.Caching.CacheKeyBuilder.Build(a, policy),
            Velithon.AspNetCore.Caching.CacheKeyBuilder.Build(b, policy));
        await Task.CompletedTask;
    }
}
