using System.Diagnostics;
using System.Net;
using StackExchange.Redis;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

[Collection(RedisGroup.Name)]
public sealed class RedisTests(RedisFixture redis)
{
    private readonly string _prefix = "test:" + Guid.NewGuid().ToString("N")[..8] + ":";

    [RedisFact]
    public async Task A_second_instance_is_served_from_redis()
    {
        await using TestApp a = await StartAsync();
        await using TestApp b = await StartAsync();

        Assert.Equal("MISS", (await a.GetAsync("/items")).Status);
        await WaitForKeysAsync(1);

        var fromRedis = await b.GetAsync("/items");
        Assert.Equal(("HIT", "items run 1"), (fromRedis.Status, fromRedis.Body));
        Assert.Contains(fromRedis.Response.Headers.GetValues("Server-Timing"), v => v.Contains("HIT L2", StringComparison.Ordinal));
        Assert.Equal(0, b.Runs["items"]);

        // It is now in b's memory too.
        Assert.Contains(b.GetAsync("/items").Result.Response.Headers.GetValues("Server-Timing"), v => v.Contains("HIT L1", StringComparison.Ordinal));
    }

    [RedisFact]
    public async Task Entries_are_written_with_their_ttl()
    {
        await using TestApp a = await StartAsync();
        await a.GetAsync("/fluent");
        await WaitForKeysAsync(1); // the entry (a tag has a version key only once it is evicted)
        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        IServer server = connection.GetServers()[0];
        foreach (RedisKey key in server.Keys(pattern: _prefix + "*"))
        {
            TimeSpan? ttl = await connection.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        }
    }

    [RedisFact]
    public async Task Tag_eviction_reaches_redis_and_the_other_instance()
    {
        await using TestApp a = await StartAsync();
        await using TestApp b = await StartAsync();
        SkipRuns(b, 100); // b's own renders say "run 101", ...: never the same body as a's stale "run 1".
        await a.GetAsync("/tagged/1");
        await a.GetAsync("/other-tag");
        await WaitForKeysAsync(2);
        Assert.Equal("HIT", (await b.GetAsync("/tagged/1")).Status);
        Assert.Equal("HIT", (await b.GetAsync("/tagged/1")).Status); // now from b's memory

        await a.Invalidator.EvictByTagAsync("products");

        Assert.Equal("MISS", (await a.GetAsync("/tagged/1")).Status);
        // b drops its memory copy on the pub/sub message; it then runs the endpoint itself (a's fresh entry is written to
        // Redis in the background, so it may not be there yet) or gets a's fresh entry from Redis.
        await WaitUntilAsync(async () => (await b.GetAsync("/tagged/1")).Body != "tagged 1 run 1", TimeSpan.FromSeconds(5));
        Assert.Equal("HIT", (await b.GetAsync("/other-tag")).Status);

        // A third instance sees no stale tagged entry in Redis either (a's and b's fresh ones may be there).
        await using TestApp c = await StartAsync();
        SkipRuns(c, 200);
        var fromC = await c.GetAsync("/tagged/1");
        Assert.NotEqual("tagged 1 run 1", fromC.Body);
    }

    private static void SkipRuns(TestApp app, int runs)
    {
        for (int i = 0; i < runs; i++)
        {
            app.Runs.Run("tagged");
        }
    }

    [RedisFact]
    public async Task Redis_killed_and_restarted_mid_test_fails_no_request()
    {
        await using TestApp a = await StartAsync();
        await using TestApp b = await StartAsync();
        using var timeouts = new RedisTimeouts(a, b);
        int failures = 0;
        for (int i = 0; i < 150; i++)
        {
            if (i == 40)
            {
                redis.Kill();
            }
            else if (i == 100)
            {
                redis.Start();
            }

            TestApp app = i % 2 == 0 ? a : b;
            var response = await app.GetAsync($"/r/{i % 20}/x");
            if (response.Response.StatusCode != HttpStatusCode.OK || !response.Body.StartsWith("id ", StringComparison.Ordinal))
            {
                failures++;
            }
        }

        Assert.Equal(0, failures);

        // Not a wall-clock bound (a stalled CI machine once took over 1 s for one request): a request that waits for Redis
        // ends in a timeout. Each instance skips Redis while disconnected, and its circuit breaker opens after
        // FailureThreshold timeouts in a row; a background write begun just before it opened may still time out, and
        // one probe may run: at most FailureThreshold + 2 per instance. Charging every miss for the dead Redis would
        // record one per request of the ~60 made while it was down.
        Assert.True(timeouts.Count <= 2 * (RedisCircuitBreaker.FailureThreshold + 2), $"{timeouts.Count} Redis operations timed out");

        // It reconnects by itself and L2 works again.
        await WaitUntilAsync(() => Task.FromResult(a.Cache.Redis!.IsConnected && b.Cache.Redis!.IsConnected), TimeSpan.FromSeconds(15));
        Assert.Equal("MISS", (await a.GetAsync("/items")).Status);
        await WaitForKeysAsync(1, "*e:*");
        var again = await b.GetAsync("/items");
        Assert.Equal(("HIT", "items run 1"), (again.Status, again.Body));
    }

    [Fact]
    public async Task Unreachable_redis_never_fails_or_stalls_a_request()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

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

    private Task<TestApp> StartAsync() => TestApp.StartAsync(o =>
    {
        o.UseRedis(redis.ConnectionString);
        o.RedisKeyPrefix = _prefix;
        o.RedisErrorLogInterval = TimeSpan.FromSeconds(1);
    }).ContinueWith(async t =>
    {
        TestApp app = t.Result;
        await WaitUntilAsync(() => Task.FromResult(app.Cache.Redis!.IsConnected), TimeSpan.FromSeconds(10));
        return app;
    }).Unwrap();

    private async Task WaitForKeysAsync(int count, string pattern = "*")
    {
        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        IServer server = connection.GetServers()[0];
        await WaitUntilAsync(() => Task.FromResult(server.Keys(pattern: _prefix + pattern).Count() >= count), TimeSpan.FromSeconds(5));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < timeout, $"condition not met within {timeout}");
            await Task.Delay(25);
        }
    }
}
