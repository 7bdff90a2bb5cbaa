using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Velithon.Caching.Tests;

/// <summary>Two users must never see each other's per-user entries, whatever claims their tokens carry.</summary>
public sealed class UserSeparationTests
{
    [Fact]
    public async Task Two_bearer_users_with_only_a_sub_claim_are_never_served_each_others_page()
    {
        // A JWT read with MapInboundClaims = false carries "sub" and no Name or NameIdentifier: these principals once
        // hashed alike, and Bob was served Alice's page as a HIT.
        await using TestApp app = await StartAsync();
        var alice1 = await app.GetAsync("/me", r => r.Headers.Add("X-Test-Claims", "sub=alice;scope=read"));
        var bob = await app.GetAsync("/me", r => r.Headers.Add("X-Test-Claims", "sub=bob;scope=read"));
        var alice2 = await app.GetAsync("/me", r => r.Headers.Add("X-Test-Claims", "scope=read;sub=alice"));

        Assert.Equal(("MISS", "private page of alice, run 1"), (alice1.Status, alice1.Body));
        Assert.Equal(("MISS", "private page of bob, run 2"), (bob.Status, bob.Body));
        Assert.Equal(("HIT", "private page of alice, run 1"), (alice2.Status, alice2.Body)); // same claims, other order
    }

    [Fact]
    public async Task Users_that_differ_in_one_claim_only_get_their_own_entries()
    {
        await using TestApp app = await StartAsync();
        var admin = await app.GetAsync("/me", r => r.Headers.Add("X-Test-Claims", "sub=carol;role=admin"));
        var reader = await app.GetAsync("/me", r => r.Headers.Add("X-Test-Claims", "sub=carol;role=reader"));
        var tenantB = await app.GetAsync("/me", r => r.Headers.Add("X-Test-Claims", "sub=carol;role=admin;tenant=b"));

        Assert.Equal("MISS", admin.Status);
        Assert.Equal(("MISS", "private page of carol, run 2"), (reader.Status, reader.Body));
        Assert.Equal(("MISS", "private page of carol, run 3"), (tenantB.Status, tenantB.Body));
    }

    [Fact]
    public async Task An_anonymous_request_never_gets_a_users_entry()
    {
        await using TestApp app = await StartAsync();
        await app.GetAsync("/me", r => r.Headers.Add("X-Test-Claims", "sub=alice"));
        var anonymous = await app.GetAsync("/me");
        Assert.Equal(("MISS", "private page of (none), run 2"), (anonymous.Status, anonymous.Body));
    }

    private static Task<TestApp> StartAsync() => TestApp.StartCustomAsync(app =>
    {
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseVelithonCaching();
        app.MapGet("/me", [VelithonCached(VaryByUser = true)] (HttpContext context, Counters c) =>
            $"private page of {context.User.FindFirst("sub")?.Value ?? "(none)"}, run {c.Run("me")}");
    });
}
