using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>The allocation-free parts of the hit path give the same answers as the general-purpose code they replace.</summary>
public sealed class HitPathParsingTests
{
    [Theory]
    [InlineData("")]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("BR")]
    [InlineData("gzip, deflate, br")]
    [InlineData("gzip;q=1.0, br;q=0.5")]
    [InlineData("br;q=0.8, gzip;q=0.8")]
    [InlineData("br;q=0, gzip")]
    [InlineData("br;q=0, gzip;q=0")]
    [InlineData("identity")]
    [InlineData("*")]
    [InlineData("deflate, gzip;q=0.001")]
    [InlineData("gzip ; q=0.5 , br ; q=0.4")]
    public void Accept_encoding_is_chosen_like_the_typed_header_parser(string acceptEncoding)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.AcceptEncoding = acceptEncoding;
        Assert.Equal(ChooseWithTypedHeaders(context.Request), ResponseCompressor.Choose(context.Request));
    }

    [Fact]
    public void Accept_encoding_in_several_header_lines_is_read_in_full()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.AcceptEncoding = new(["gzip", "br"]);
        Assert.Equal("br", ResponseCompressor.Choose(context.Request));
    }

    [Fact]
    public void A_malformed_quality_does_not_accept_the_coding()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.AcceptEncoding = "br;q=x, gzip";
        Assert.Equal("gzip", ResponseCompressor.Choose(context.Request));
        context.Request.Headers.AcceptEncoding = "br;q=2";
        Assert.Equal(string.Empty, ResponseCompressor.Choose(context.Request));
    }

    [Fact]
    public void The_key_format_is_unchanged()
    {
        // Redis entries are addressed by a hash of this string: a change of format must be deliberate (bump "v3").
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Head;
        context.Request.Scheme = "HTTP";
        context.Request.Host = new HostString("Example.TEST:8080");
        context.Request.PathBase = "/base";
        context.Request.Path = "/P";
        context.Request.QueryString = new QueryString("?b=2&a=1&A=3");
        context.Request.Headers["X-Lang"] = "en";
        context.Request.RouteValues = new RouteValueDictionary { ["id"] = 42 };

        context.Request.Headers.Cookie = "theme=dark; other=1";
        context.Request.Headers["Accept-Language"] = "fr";
        var all = CachePolicy.From(new VelithonCachedAttribute { VaryByHeader = ["x-lang"], VaryByRouteValue = ["id", "missing"], VaryByCookie = ["theme", "gone"] });
        all.LearnVary(["Accept-Language", "Accept-Encoding"], varyEncoding: false);
        Assert.Equal(
            "v3|m3:GET|s4:http|h17:example.test:8080|b5:/base|p2:/P|q2|q1:A#2|=1:1|=1:3|q1:B#1|=1:2|H1|H6:X-LANG#1|=2:en"
            + "|V1|V15:ACCEPT-LANGUAGE#1|=2:fr|c2|c4:gone|n|c5:theme|v4:dark|r2|r2:id|v2:42|r7:missing|n",
            CacheKeyBuilder.Build(context, all));

        var named = CachePolicy.From(new VelithonCachedAttribute { VaryByQuery = ["a", "z"] });
        Assert.Equal("v3|m3:GET|s4:http|h17:example.test:8080|b5:/base|p2:/P|Q1|q1:A#2|=1:1|=1:3|H0|V0|r0", CacheKeyBuilder.Build(context, named));
        Assert.Equal(CacheKeyBuilder.Build(context, named) + "|e2:br", CacheKeyBuilder.Variant(CacheKeyBuilder.Build(context, named), "br"));

        var fresh = new DefaultHttpContext();
        fresh.Request.Scheme = "http";
        fresh.Request.Host = new HostString("h");
        fresh.Request.Path = "/p";
        Assert.Equal("v3|m3:GET|s4:http|h1:h|b0:|p2:/p|Q0|H0|V0|r0", CacheKeyBuilder.Build(fresh, CachePolicy.From(new VelithonCachedAttribute { VaryByQuery = ["a"] })));
        Assert.Equal("v3|m3:GET|s4:http|h1:h|b0:|p2:/p|q0|H0|V0|r0", CacheKeyBuilder.Build(fresh, CachePolicy.From(new VelithonCachedAttribute())));

        fresh.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new RequestCulture("fr-CA", "fr"), provider: null));
        Assert.Equal("v3|m3:GET|s4:http|h1:h|b0:|p2:/p|q0|H0|V0|l|l5:fr-CA|l2:fr|r0", CacheKeyBuilder.Build(fresh, CachePolicy.From(new VelithonCachedAttribute())));
    }

    [Fact]
    public void A_key_longer_than_the_stack_buffer_is_written_in_full()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("h");
        string path = "/" + new string('x', 5000);
        context.Request.Path = path;
        context.Request.QueryString = new QueryString("?" + string.Join("&", Enumerable.Range(0, 300).Select(i => $"k{i}=v{i}")));
        string key = CacheKeyBuilder.Build(context, CachePolicy.From(new VelithonCachedAttribute()));
        Assert.StartsWith("v3|m3:GET|s4:http|h1:h|b0:|p5001:" + path + "|q300|q2:K0#1|=2:v0|q2:K1#1|=2:v1|q3:K10#1|=3:v10", key, StringComparison.Ordinal);
        Assert.EndsWith("|q3:K99#1|=3:v99|H0|V0|r0", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_key_is_a_hit_the_second_time()
    {
        await using TestApp app = await TestApp.StartAsync();
        string url = "/k/" + new string('y', 3000) + "?" + string.Join("&", Enumerable.Range(0, 50).Select(i => $"q{i}={i}"));
        Assert.Equal("MISS", (await app.GetAsync(url)).Status);
        Assert.Equal("HIT", (await app.GetAsync(url)).Status);
        Assert.Equal(1, app.Runs["k"]);
    }

    // What the hit path did before it parsed Accept-Encoding in place.
    private static string ChooseWithTypedHeaders(HttpRequest request)
    {
        if (!request.Headers.ContainsKey(HeaderNames.AcceptEncoding))
        {
            return string.Empty;
        }

        double br = 0, gzip = 0;
        foreach (StringWithQualityHeaderValue value in request.GetTypedHeaders().AcceptEncoding)
        {
            double q = value.Quality ?? 1;
            if (value.Value.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                br = q;
            }
            else if (value.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = q;
            }
        }

        return br > 0 && br >= gzip ? "br" : gzip > 0 ? "gzip" : string.Empty;
    }
}
