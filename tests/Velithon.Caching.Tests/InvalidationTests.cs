using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary><see cref="IVelithonCacheInvalidator.EvictAsync"/> and <see cref="IVelithonCacheInvalidator.EvictAllAsync"/> on one instance.</summary>
public sealed class InvalidationTests
{
    private static Task<TestApp> StartAsync(TaskCompletionSource? gate = null, TaskCompletionSource? entered = null) => FeatureApp.StartAsync(app =>
    {
        app.MapGet("/p/{id}", [VelithonCached(VaryByHeader = ["X-Lang"], VaryByRouteValue = ["id"])] (string id, HttpRequest r, Counters c) =>
            Results.Text($"p {id} {r.Headers["X-Lang"]} {r.QueryString} run {c.Run("p" + id)} " + new string('x', 200), "text/plain"));
        app.MapGet("/other", [VelithonCached] (Counters c) => $"other run {c.Run("other")}");
        app.MapGet("/gated", [VelithonCached] async (Counters c) =>
        {
            int run = c.Run("gated");
            entered?.TrySetResult();
            if (gate is not null)
            {
                await gate.Task;
            }

            return $"gated run {run}";
        });
    });

    [Fact]
    public async Task EvictAsync_evicts_every_variant_of_the_path_and_leaves_other_paths()
    {
        Assert.NotEqual(PathTags.Bucket("", "/p/1"), PathTags.Bucket("", "/p/2"));
        Assert.NotEqual(PathTags.Bucket("", "/p/1"), PathTags.Bucket("", "/other"));
        await using TestApp app = await StartAsync();
        string[] urls = ["/p/1", "/p/1?q=1", "/p/1?q=2"];
        async Task<string[]> AllVariantsAsync()
        {
            var statuses = new List<string>();
            foreach (string url in urls)
            {
                statuses.Add((await app.GetAsync(url)).Status);
                statuses.Add((await app.GetAsync(url, r => r.Headers.Add("X-Lang", "fr"))).Status);
                statuses.Add((await app.GetAsync(url, r => r.Headers.Add("Accept-Encoding", "gzip"))).Status);
            }

            return [.. statuses];
        }

        await AllVariantsAsync();
        await app.GetAsync("/p/2");
        await app.GetAsync("/other");
        Assert.All(await AllVariantsAsync(), s => Assert.Equal("HIT", s));
        int runs = app.Runs["p1"];

        await app.Invalidator.EvictAsync("/P/1"); // paths are compared case-insensitively, as routing does

        Assert.Equal("MISS", (await app.GetAsync("/p/1")).Status);
        Assert.Equal("MISS", (await app.GetAsync("/p/1?q=2", r => r.Headers.Add("X-Lang", "fr"))).Status);
        Assert.Equal("HIT", (await app.GetAsync("/p/2")).Status);
        Assert.Equal("HIT", (await app.GetAsync("/other")).Status);
        await app.Invalidator.EvictAsync("/p/1");
        string[] after = await AllVariantsAsync();
        Assert.DoesNotContain("HIT", after.Where((_, i) => i % 3 != 2)); // the gzip variants are made from the identity entries just stored
        Assert.True(app.Runs["p1"] >= runs + urls.Length * 2);
    }

    [Fact]
    public async Task EvictAllAsync_evicts_every_entry_of_every_endpoint()
    {
        await using TestApp app = await StartAsync();
        string[] urls = ["/p/1", "/p/2", "/p/3?x=1", "/other"];
        foreach (string url in urls)
        {
            await app.GetAsync(url);
            Assert.Equal("HIT", (await app.GetAsync(url)).Status);
        }

        await app.Invalidator.EvictAllAsync();

        foreach (string url in urls)
        {
            Assert.Equal("MISS", (await app.GetAsync(url)).Status);
            Assert.Equal("HIT", (await app.GetAsync(url)).Status);
        }

        Assert.Equal(2, app.Runs["other"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_response_being_produced_while_it_is_evicted_is_sent_but_not_stored(bool all)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using TestApp app = await StartAsync(gate, entered);
        Task<(string Status, string Body, HttpResponseMessage Response)> running = app.GetAsync("/gated");
        await entered.Task;

        await (all ? app.Invalidator.EvictAllAsync() : app.Invalidator.EvictAsync("/gated"));
        gate.SetResult();

        var first = await running;
        Assert.Equal(("MISS", "gated run 1"), (first.Status, first.Body));
        var next = await app.GetAsync("/gated");
        Assert.Equal(("MISS", "gated run 2"), (next.Status, next.Body));
        Assert.Equal("HIT", (await app.GetAsync("/gated")).Status);
    }

    [Fact]
    public async Task The_cache_s_own_tags_and_relative_paths_are_refused()
    {
        await using TestApp app = await StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => app.Invalidator.EvictByTagAsync(PathTags.All[0]));
        await Assert.ThrowsAsync<ArgumentException>(() => app.Invalidator.EvictAsync("p/1"));
        await Assert.ThrowsAsync<ArgumentException>(() => app.Invalidator.EvictAsync(""));
        Assert.Throws<InvalidOperationException>(() => CachePolicy.From(new VelithonCachedAttribute { Tags = ["@velithon/mine"] }));
    }

    [Fact]
    public void Path_buckets_are_stable_case_insensitive_and_split_at_no_particular_place()
    {
        Assert.Equal(PathTags.Bucket("", "/app/products/42"), PathTags.Bucket("/app", "/products/42"));
        Assert.Equal(PathTags.Bucket("", "/Products/42"), PathTags.Bucket("", "/products/42"));
        Assert.Equal("@velithon/path/" + PathTags.Bucket("", "/a").ToString("x2", System.Globalization.CultureInfo.InvariantCulture), PathTags.For("", "/a"));

        // FNV-1a of the upper-cased path, not string.GetHashCode: the same bucket on every instance and after every restart.
        Assert.Equal(193, PathTags.Bucket("", "/products/42"));
        int[] spread = new int[PathTags.Count];
        for (int i = 0; i < 100_000; i++)
        {
            spread[PathTags.Bucket("", "/products/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))]++;
        }

        Assert.InRange(spread.Min(), 250, 400);
        Assert.InRange(spread.Max(), 400, 550);
    }
}
