using System.Net;
using StackExchange.Redis;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// The L2 as apps use it: shared between instances, entries with their TTL, tag eviction reaching every instance, and a
/// Redis that dies and comes back. Run against one node and against a three-node Redis Cluster, with the same
/// assertions: an app runs unchanged on either.
/// </summary>
public abstract class RedisTests(IRedisTarget redis) : IAsyncLifetime
{
    private readonly RedisTestKit _kit = new(redis, "test-" + redis.Name);

    public Task InitializeAsync() => _kit.InitializeAsync();

    public Task DisposeAsync() => _kit.DisposeAsync();

    [RedisFact]
    public async Task A_second_instance_is_served_from_redis()
    {
        await using TestApp a = await _kit.StartAsync();
        await using TestApp b = await _kit.StartAsync();

        Assert.Equal("MISS", (await a.GetAsync("/items")).Status);
        await _kit.WaitForKeysAsync(1);

        var fromRedis = await b.GetAsync("/items");
        Assert.Equal(("HIT", "items run 1"), (fromRedis.Status, fromRedis.Body));
        Assert.Contains(fromRedis.Response.Headers.GetValues("Server-Timing"), v => v.Contains("HIT L2", StringComparison.Ordinal));
        Assert.Equal(0, b.Runs["items"]);

        // It is now in b's memory too.
        Assert.Contains((await b.GetAsync("/items")).Response.Headers.GetValues("Server-Timing"), v => v.Contains("HIT L1", StringComparison.Ordinal));
    }

    [RedisFact]
    public async Task Entries_are_written_with_their_ttl()
    {
        await using TestApp a = await _kit.StartAsync();
        await a.GetAsync("/fluent");
        await _kit.WaitForKeysAsync(1); // the entry (a tag has a version key only once it is evicted)
        RedisKey[] keys = _kit.Keys();
        Assert.NotEmpty(keys);
        foreach (RedisKey key in keys)
        {
            TimeSpan? ttl = await _kit.Db.KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        }
    }

    [RedisFact]
    public async Task Tag_eviction_reaches_redis_and_the_other_instance()
    {
        await using TestApp a = await _kit.StartAsync();
        await using TestApp b = await _kit.StartAsync();
        SkipRuns(b, "tagged", 100); // b's own renders say "run 101", ...: never the same body as a's stale "run 1".
        await a.GetAsync("/tagged/1");
        await a.GetAsync("/other-tag");
        await _kit.WaitForKeysAsync(2);
        Assert.Equal("HIT", (await b.GetAsync("/tagged/1")).Status);
        Assert.Equal("HIT", (await b.GetAsync("/tagged/1")).Status); // now from b's memory

        await a.Invalidator.EvictByTagAsync("products");

        Assert.Equal("MISS", (await a.GetAsync("/tagged/1")).Status);
        // b drops its memory copy on the pub/sub message; it then runs the endpoint itself (a's fresh entry is written to
        // Redis in the background, so it may not be there yet) or gets a's fresh entry from Redis.
        await RedisTestKit.WaitUntilAsync(async () => (await b.GetAsync("/tagged/1")).Body != "tagged 1 run 1");
        Assert.Equal("HIT", (await b.GetAsync("/other-tag")).Status);

        // A third instance sees no stale tagged entry in Redis either (a's and b's fresh ones may be there).
        await using TestApp c = await _kit.StartAsync();
        SkipRuns(c, "tagged", 200);
        var fromC = await c.GetAsync("/tagged/1");
        Assert.NotEqual("tagged 1 run 1", fromC.Body);
    }

    [RedisFact]
    public async Task Tag_eviction_reaches_every_entry_on_every_instance()
    {
        // Only the pub/sub message can reach b and c in time: their sync clocks stand still.
        var frozen = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp a = await _kit.StartAsync();
        await using TestApp b = await _kit.StartAsync(o => { o.TagSyncInterval = TimeSpan.FromHours(1); }, frozen);
        SkipRuns(b, "spread", 1000);
        const int Entries = 30;
        string[] urls = [.. Enumerable.Range(0, Entries).Select(static n => $"/spread/{n}")];

        // Entries all over the cluster, each under three tags whose version keys live on three different nodes.
        var served = new HashSet<string>(StringComparer.Ordinal);
        foreach (string url in urls)
        {
            served.Add((await a.GetAsync(url)).Body);
        }

        await _kit.WaitForKeysAsync(Entries);
        foreach (string url in urls)
        {
            var hit = await b.GetAsync(url);
            Assert.Equal("HIT", hit.Status);
            served.Add(hit.Body);
        }

        Assert.Equal(Entries, served.Count);
        if (redis.IsCluster)
        {
            // The precondition: the tags' version keys are spread over the nodes (their hash tags pick the slots).
            Assert.Equal(RedisClusterFixture.NodeCount, TestApp.SpreadTags.Select(t => _kit.Connection.GetServer(new RedisKey(_kit.Prefix + "tv:" + t)).EndPoint.ToString()).Distinct().Count());
        }

        int round = 0;
        foreach (string tag in TestApp.SpreadTags)
        {
            TestApp evicting = round++ % 2 == 0 ? a : b;
            await evicting.Invalidator.EvictByTagAsync(tag);

            // Nothing served before the eviction, on either instance, from memory or from Redis.
            foreach (string url in urls)
            {
                Assert.DoesNotContain((await evicting.GetAsync(url)).Body, served);
            }

            TestApp other = evicting == a ? b : a;
            await RedisTestKit.WaitUntilAsync(async () =>
            {
                foreach (string url in urls)
                {
                    if (served.Contains((await other.GetAsync(url)).Body))
                    {
                        return false;
                    }
                }

                return true;
            });

            await using TestApp c = await _kit.StartAsync();
            SkipRuns(c, "spread", 100_000 * round);
            foreach (string url in urls)
            {
                Assert.DoesNotContain((await c.GetAsync(url)).Body, served);
            }

            // Everything served so far is now old: the next eviction must drop it too.
            foreach (TestApp app in new[] { a, b, c })
            {
                foreach (string url in urls)
                {
                    served.Add((await app.GetAsync(url)).Body);
                }
            }
        }
    }

    [RedisFact]
    public async Task Redis_killed_and_restarted_mid_test_fails_no_request()
    {
        await using TestApp a = await _kit.StartAsync();
        await using TestApp b = await _kit.StartAsync();
        using var timeouts = new RedisTimeouts(a, b);
        int failures = 0;
        try
        {
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
        }
        finally
        {
            redis.Start(); // the next test needs it whatever happened
        }

        Assert.Equal(0, failures);

        // Not a wall-clock bound (a stalled CI machine once took over 1 s for one request): a request that waits for Redis
        // ends in a timeout. Each instance skips Redis while disconnected, and its circuit breaker opens after
        // FailureThreshold timeouts in a row; a background write begun just before it opened may still time out, and
        // one probe may run: at most FailureThreshold + 2 per instance. Charging every miss for the dead Redis would
        // record one per request of the ~60 made while it was down.
        Assert.True(timeouts.Count <= 2 * (RedisCircuitBreaker.FailureThreshold + 2), $"{timeouts.Count} Redis operations timed out");

        // It reconnects by itself and L2 works again.
        await RedisTestKit.WaitUntilAsync(() => Task.FromResult(a.Cache.Redis!.IsConnected && b.Cache.Redis!.IsConnected), TimeSpan.FromSeconds(15));
        await RedisTestKit.WaitUntilAsync(async () =>
        {
            a.Cache.Memory.Clear();
            return (await a.GetAsync("/items")).Status == "MISS" && _kit.Keys("e:*").Length > 0;
        }, TimeSpan.FromSeconds(15));
        await _kit.WaitForKeysAsync(1);
        var again = await b.GetAsync("/items");
        Assert.Equal("HIT", again.Status);
        Assert.StartsWith("items run ", again.Body, StringComparison.Ordinal);
    }

    private static void SkipRuns(TestApp app, string name, int runs)
    {
        for (int i = 0; i < runs; i++)
        {
            app.Runs.Run(name);
        }
    }
}

[Collection(RedisGroup.Name)]
public sealed class RedisTestsOnOneNode(RedisFixture redis) : RedisTests(redis);

[Collection(RedisClusterGroup.Name)]
public sealed class RedisTestsOnCluster(RedisClusterFixture redis) : RedisTests(redis);
