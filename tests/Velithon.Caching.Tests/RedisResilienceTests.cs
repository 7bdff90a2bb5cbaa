using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Velithon.Caching.Tests;

/// <summary>
/// Stale copies in the Redis L2: kept for the entry's duration plus its stale window, served stale by any instance
/// (each knows from the entry when it expired), and never after a tag eviction. On one node and on a Redis Cluster.
/// </summary>
public abstract class RedisResilienceTests(IRedisTarget redis) : IAsyncLifetime
{
    private static readonly TimeSpan PastExpiry = TimeSpan.FromSeconds(11);

    private readonly RedisTestKit _kit = new(redis, "stale-" + redis.Name);

    public Task InitializeAsync() => _kit.InitializeAsync();

    public Task DisposeAsync() => _kit.DisposeAsync();

    [RedisFact]
    public async Task Two_instances_serve_the_stale_copy_from_redis_while_the_endpoint_is_down()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp a = await StartAsync(time);
        await using TestApp b = await StartAsync(time);
        Assert.Equal("MISS", (await a.GetAsync("/sie")).Status);

        // Stored for its 10 s plus the 60 s it may be served stale.
        RedisKey key = await _kit.SingleEntryKeyAsync();
        TimeSpan? ttl = await _kit.Db.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(70));

        time.Advance(PastExpiry);
        a.Backend().Mode = "throw";
        b.Backend().Mode = "throw";
        var fromRedis = await RedisTestKit.Within(b.GetAsync("/sie"));
        Assert.Equal((HttpStatusCode.OK, "STALE-ERROR", "sie run 1"), (fromRedis.Response.StatusCode, fromRedis.Status, fromRedis.Body));
        Assert.Contains(fromRedis.Response.Headers.GetValues("Server-Timing"), v => v.Contains("STALE-ERROR L2", StringComparison.Ordinal));
        Assert.Equal(1, b.Runs["sie"]);

        var fromMemory = await RedisTestKit.Within(a.GetAsync("/sie"));
        Assert.Equal(("STALE-ERROR", "sie run 1"), (fromMemory.Status, fromMemory.Body));
    }

    [RedisFact]
    public async Task A_tag_eviction_is_never_served_stale_by_any_instance()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp a = await StartAsync(time);
        await using TestApp b = await StartAsync(time);
        await using TestApp c = await StartAsync(time);
        Assert.Equal("MISS", (await a.GetAsync("/tagged")).Status);
        await _kit.WaitForKeysAsync(1);
        Assert.Equal("HIT", (await b.GetAsync("/tagged")).Status); // now in b's memory too

        time.Advance(PastExpiry);
        await a.Invalidator.EvictByTagAsync("t");
        foreach (TestApp app in new[] { a, b, c })
        {
            app.Backend().Mode = "throw";
        }

        // a evicted its memory copy; c has none and finds the Redis copy stored before the eviction.
        Assert.Equal(HttpStatusCode.InternalServerError, (await RedisTestKit.Within(a.GetAsync("/tagged"))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await RedisTestKit.Within(c.GetAsync("/tagged"))).Response.StatusCode);

        // b drops its memory copy on the eviction message; from then on it is never served again.
        await RedisTestKit.WaitUntilAsync(async () => (await b.GetAsync("/tagged")).Response.StatusCode == HttpStatusCode.InternalServerError);
        var again = await RedisTestKit.Within(b.GetAsync("/tagged"));
        Assert.Equal((HttpStatusCode.InternalServerError, "unhandled"), (again.Response.StatusCode, again.Body));
    }

    private async Task<TestApp> StartAsync(TimeProvider time)
    {
        TestApp app = await ResilienceApp.StartAsync(time, o =>
        {
            o.UseRedis(redis.ConnectionString, r =>
            {
                // About what Redis holds, not how fast it answers: a loaded runner's first cluster read can pass 250 ms.
                RedisTestKit.Patient(r);
                r.RedisKeyPrefix = _kit.Prefix;
                r.RedisErrorLogInterval = TimeSpan.FromSeconds(1);
            });
        });
        await RedisTestKit.WaitUntilAsync(() => Task.FromResult(app.Cache.Redis!.IsConnected));
        return app;
    }
}

[Collection(RedisGroup.Name)]
public sealed class RedisResilienceTestsOnOneNode(RedisFixture redis) : RedisResilienceTests(redis);

[Collection(RedisClusterGroup.Name)]
public sealed class RedisResilienceTestsOnCluster(RedisClusterFixture redis) : RedisResilienceTests(redis);
