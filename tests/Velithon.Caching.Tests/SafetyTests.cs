using System.Net;
using System.Net.Http.Headers;

namespace Velithon.Caching.Tests;

public sealed class SafetyTests
{
    [Fact]
    public async Task Post_bypasses_the_cache()
    {
        await using TestApp app = await TestApp.StartAsync();
        var first = await app.GetAsync("/items", method: HttpMethod.Post);
        var second = await app.GetAsync("/items", method: HttpMethod.Post);
        Assert.Equal("BYPASS", first.Status);
        Assert.Equal("BYPASS", second.Status);
        Assert.Equal(2, app.Runs["post"]);

        // And a POST does not fill the GET entry.
        Assert.Equal("MISS", (await app.GetAsync("/items")).Status);
    }

    [Fact]
    public async Task Authorization_header_bypasses_and_is_never_served_a_shared_entry()
    {
        await using TestApp app = await TestApp.StartAsync();
        await app.GetAsync("/items");
        var withAuth = await app.GetAsync("/items", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "x"));
        Assert.Equal("BYPASS", withAuth.Status);
        Assert.Equal("items run 2", withAuth.Body);
    }

    [Fact]
    public async Task Authenticated_users_bypass_unless_VaryByUser()
    {
        await using TestApp app = await TestApp.StartAsync();
        await app.GetAsync("/items");
        var alice = await app.GetAsync("/items", r => r.Headers.Add("X-Test-User", "alice"));
        Assert.Equal("BYPASS", alice.Status);
        Assert.Equal(2, app.Runs["items"]);
    }

    [Fact]
    public async Task VaryByUser_keeps_one_entry_per_user()
    {
        await using TestApp app = await TestApp.StartAsync();
        var alice1 = await app.GetAsync("/user", r => r.Headers.Add("X-Test-User", "alice"));
        var bob1 = await app.GetAsync("/user", r => r.Headers.Add("X-Test-User", "bob"));
        var alice2 = await app.GetAsync("/user", r => r.Headers.Add("X-Test-User", "alice"));
        var anonymous = await app.GetAsync("/user");
        var bearerUnknown = await app.GetAsync("/user", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "x"));

        Assert.Equal(("MISS", "user alice run 1"), (alice1.Status, alice1.Body));
        Assert.Equal(("MISS", "user bob run 2"), (bob1.Status, bob1.Body));
        Assert.Equal(("HIT", "user alice run 1"), (alice2.Status, alice2.Body));
        Assert.Equal("MISS", anonymous.Status);
        Assert.Equal("BYPASS", bearerUnknown.Status);
    }

    [Fact]
    public async Task An_authorized_endpoint_is_cached_per_user_after_UseAuthorization()
    {
        await using TestApp app = await TestApp.StartAsync();
        var alice1 = await app.GetAsync("/authorized", r => r.Headers.Add("X-Test-User", "alice"));
        var alice2 = await app.GetAsync("/authorized", r => r.Headers.Add("X-Test-User", "alice"));
        var anonymous = await app.GetAsync("/authorized");

        Assert.Equal(("MISS", "authorized alice run 1"), (alice1.Status, alice1.Body));
        Assert.Equal(("HIT", "authorized alice run 1"), (alice2.Status, alice2.Body));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Response.StatusCode);
    }

    [Fact]
    public async Task With_the_cache_before_UseAuthorization_an_authorized_endpoint_is_never_served_from_it()
    {
        // A hit would answer before authorization runs, so the cache must step aside rather than skip the check.
        await using TestApp app = await TestApp.StartAsync(cachingBeforeAuthorization: true);
        var alice1 = await app.GetAsync("/authorized", r => r.Headers.Add("X-Test-User", "alice"));
        var alice2 = await app.GetAsync("/authorized", r => r.Headers.Add("X-Test-User", "alice"));
        var anonymous = await app.GetAsync("/authorized");

        Assert.Equal(("BYPASS", "authorized alice run 1"), (alice1.Status, alice1.Body));
        Assert.Equal(("BYPASS", "authorized alice run 2"), (alice2.Status, alice2.Body));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Response.StatusCode);
        Assert.Equal(2, app.Runs["authorized"]);
    }

    [Theory]
    [InlineData("/cookie")]
    [InlineData("/private")]
    [InlineData("/nostore")]
    [InlineData("/error")]
    [InlineData("/missing-default")]
    public async Task Responses_that_must_not_be_shared_are_never_stored(string url)
    {
        await using TestApp app = await TestApp.StartAsync();
        var first = await app.GetAsync(url);
        var second = await app.GetAsync(url);
        Assert.Equal("MISS", first.Status);
        Assert.Equal("MISS", second.Status);
        Assert.Contains("run 2", second.Body, StringComparison.Ordinal);
        Assert.Equal(0, app.Cache.Memory.Count);
    }

    [Fact]
    public async Task Listed_status_codes_are_stored()
    {
        await using TestApp app = await TestApp.StartAsync();
        await app.GetAsync("/missing");
        var second = await app.GetAsync("/missing");
        Assert.Equal(HttpStatusCode.NotFound, second.Response.StatusCode);
        Assert.Equal("HIT", second.Status);
        Assert.Equal(1, app.Runs["missing"]);
    }

    [Fact]
    public async Task Bodies_over_MaxBodyBytes_stream_through_uncached()
    {
        await using TestApp app = await TestApp.StartAsync(o => o.MaxBodyBytes = 10_000);
        var first = await app.Client.GetByteArrayAsync("/big/1/50000");
        var second = await app.GetAsync("/big/1/50000");
        Assert.Equal(50_000, first.Length);
        Assert.Equal("MISS", second.Status);
        Assert.Equal(2, app.Runs["big"]);
        Assert.Equal(0, app.Cache.Memory.Count);
    }
}
