using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Velithon.Caching.Tests;

public sealed class CachingBasicsTests
{
    [Fact]
    public async Task First_request_misses_and_the_second_hits_with_the_same_body()
    {
        await using TestApp app = await TestApp.StartAsync();
        var first = await app.GetAsync("/items");
        var second = await app.GetAsync("/items");

        Assert.Equal("MISS", first.Status);
        Assert.Equal("HIT", second.Status);
        Assert.Equal("items run 1", first.Body);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(1, app.Runs["items"]);
        Assert.Equal("text/plain; charset=utf-8", second.Response.Content.Headers.ContentType?.ToString());
        Assert.Contains(second.Response.Headers.GetValues("Server-Timing"), v => v.StartsWith("velithon-cache;desc=\"HIT L1\"", StringComparison.Ordinal));
        Assert.NotNull(second.Response.Headers.ETag);
        Assert.True(second.Response.Headers.ETag!.IsWeak is false);
    }

    [Fact]
    public async Task Endpoints_without_the_attribute_are_untouched()
    {
        await using TestApp app = await TestApp.StartAsync();
        var first = await app.GetAsync("/plain");
        var second = await app.GetAsync("/plain");
        Assert.Equal("(none)", first.Status);
        Assert.Equal("plain 2", second.Body);
    }

    [Fact]
    public async Task Method_groups_fluent_convention_and_mvc_actions_are_cached()
    {
        await using TestApp app = await TestApp.StartAsync();
        foreach (string url in new[] { "/group", "/fluent", "/mvc/products", "/mvc/class" })
        {
            Assert.Equal("MISS", (await app.GetAsync(url)).Status);
            Assert.Equal("HIT", (await app.GetAsync(url)).Status);
        }

        Assert.Equal(1, app.Runs["group"]);
        Assert.Equal(1, app.Runs["fluent"]);
        Assert.Equal(1, app.Runs["mvc"]);
        Assert.Equal(1, app.Runs["mvc-class"]);

        // The action's VaryByQuery = ["page"] wins over the controller's attribute.
        Assert.Equal("MISS", (await app.GetAsync("/mvc/products?page=2")).Status);
        Assert.Equal("HIT", (await app.GetAsync("/mvc/products?other=1")).Status);
    }

    [Fact]
    public async Task Status_header_name_is_configurable_and_can_be_turned_off()
    {
        await using TestApp app = await TestApp.StartAsync(o => o.StatusHeaderName = "X-Cache");
        await app.GetAsync("/items");
        var hit = await app.GetAsync("/items");
        Assert.Equal("(none)", hit.Status);
        Assert.Equal("HIT", hit.Response.Headers.GetValues("X-Cache").Single());
    }

    [Fact]
    public async Task Query_keys_vary_in_normalized_order_by_default()
    {
        await using TestApp app = await TestApp.StartAsync();
        Assert.Equal("MISS", (await app.GetAsync("/allq?a=1&b=2")).Status);
        Assert.Equal("HIT", (await app.GetAsync("/allq?b=2&a=1")).Status);
        Assert.Equal("HIT", (await app.GetAsync("/allq?B=2&A=1")).Status);
        Assert.Equal("MISS", (await app.GetAsync("/allq?a=1&b=3")).Status);
        Assert.Equal("MISS", (await app.GetAsync("/allq?a=1")).Status);
        Assert.Equal(3, app.Runs["allq"]);
    }

    [Fact]
    public async Task VaryByQuery_lists_the_keys_that_count()
    {
        await using TestApp app = await TestApp.StartAsync();
        Assert.Equal("MISS", (await app.GetAsync("/q?a=1&b=1")).Status);
        Assert.Equal("HIT", (await app.GetAsync("/q?a=1&b=2")).Status);
        var other = await app.GetAsync("/q?a=2");
        Assert.Equal("MISS", other.Status);
        Assert.Equal("q a=2 run 2", other.Body);
    }

    [Fact]
    public async Task VaryByHeader_and_VaryByRouteValue_split_entries()
    {
        await using TestApp app = await TestApp.StartAsync();
        Assert.Equal("MISS", (await app.GetAsync("/h", r => r.Headers.Add("X-Lang", "en"))).Status);
        Assert.Equal("HIT", (await app.GetAsync("/h", r => r.Headers.Add("X-Lang", "en"))).Status);
        var fr = await app.GetAsync("/h", r => r.Headers.Add("X-Lang", "fr"));
        Assert.Equal("MISS", fr.Status);
        Assert.Equal("lang fr run 2", fr.Body);
        Assert.Equal("MISS", (await app.GetAsync("/h")).Status);

        Assert.Equal("MISS", (await app.GetAsync("/r/1/x")).Status);
        Assert.Equal("HIT", (await app.GetAsync("/r/1/x?ignored=1")).Status);
        Assert.Equal("MISS", (await app.GetAsync("/r/2/x")).Status);

        // The path is always part of the key, so another path never shares an entry even with the same route value.
        Assert.Equal("MISS", (await app.GetAsync("/r/1/y")).Status);
    }

    [Fact]
    public async Task Entries_expire_after_their_duration_on_the_time_provider()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await TestApp.StartAsync(time: time);
        Assert.Equal("MISS", (await app.GetAsync("/short")).Status);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal("HIT", (await app.GetAsync("/short")).Status);
        time.Advance(TimeSpan.FromSeconds(1.5));
        var expired = await app.GetAsync("/short");
        Assert.Equal("MISS", expired.Status);
        Assert.Equal("short run 2", expired.Body);
        Assert.Equal("HIT", (await app.GetAsync("/short")).Status);
    }

    [Fact]
    public async Task Head_is_served_from_the_get_entry_without_a_body()
    {
        await using TestApp app = await TestApp.StartAsync();
        await app.GetAsync("/items");
        var head = await app.GetAsync("/items", method: HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, head.Response.StatusCode);
        Assert.Equal("HIT", head.Status);
        Assert.Equal(string.Empty, head.Body);
        Assert.Equal("items run 1".Length, head.Response.Content.Headers.ContentLength);
        Assert.Equal(1, app.Runs["items"]);
    }

    [Fact]
    public async Task Tag_eviction_removes_only_the_tagged_entries()
    {
        await using TestApp app = await TestApp.StartAsync();
        await app.GetAsync("/tagged/1");
        await app.GetAsync("/tagged/2");
        await app.GetAsync("/other-tag");
        Assert.Equal("HIT", (await app.GetAsync("/tagged/1")).Status);

        await app.Invalidator.EvictByTagAsync("products");

        Assert.Equal("MISS", (await app.GetAsync("/tagged/1")).Status);
        Assert.Equal("MISS", (await app.GetAsync("/tagged/2")).Status);
        Assert.Equal("HIT", (await app.GetAsync("/other-tag")).Status);
        Assert.Equal("HIT", (await app.GetAsync("/tagged/1")).Status);
        Assert.Equal(4, app.Runs["tagged"]);
    }
}
