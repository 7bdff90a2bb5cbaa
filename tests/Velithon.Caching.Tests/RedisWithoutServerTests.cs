using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>The Redis options and an L2 whose server never answers: nothing here needs a running Redis.</summary>
public sealed class RedisWithoutServerTests
{
    [Fact]
    public async Task Unreachable_redis_never_fails_or_stalls_a_request()
    {
        int port = RedisServerProcess.FreePort();
        await using TestApp app = await TestApp.StartAsync(o => o.UseRedis($"127.0.0.1:{port}"));
        using var timeouts = new RedisTimeouts(app);
        var first = await app.GetAsync("/items");
        var second = await app.GetAsync("/items");
        Assert.Equal(("MISS", "HIT"), (first.Status, second.Status));

        // The eviction cannot reach other instances: it says so instead of returning as if it had.
        var error = await Assert.ThrowsAsync<VelithonCacheEvictionException>(() => app.Invalidator.EvictByTagAsync("products"));
        Assert.Equal("products", error.Tag);

        // Nothing waited for Redis: while it is not connected, reads, writes and evictions do not try it.
        Assert.Equal(0, timeouts.Count);
    }

    [Fact]
    public async Task Unreachable_cluster_endpoints_never_fail_or_stall_a_request()
    {
        // Several endpoints, as for a cluster: none answers.
        string endpoints = string.Join(",", Enumerable.Range(0, 3).Select(_ => $"127.0.0.1:{RedisServerProcess.FreePort()}"));
        await using TestApp app = await TestApp.StartAsync(o => o.UseRedis(endpoints));
        Assert.Equal(("MISS", "HIT"), ((await app.GetAsync("/items")).Status, (await app.GetAsync("/items")).Status));
        await Assert.ThrowsAsync<VelithonCacheEvictionException>(() => app.Invalidator.EvictByTagAsync("products"));
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/tagged/1")).Response.StatusCode);
    }

    [Fact]
    public async Task Invalid_sync_and_break_periods_fail_at_start()
    {
        await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TestApp.StartAsync(o => o.UseRedis("127.0.0.1:1", r => r.TagSyncInterval = TimeSpan.Zero)));
        await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TestApp.StartAsync(o => o.UseRedis("127.0.0.1:1", r => r.RedisBreakDuration = TimeSpan.FromSeconds(-1))));
    }
}
