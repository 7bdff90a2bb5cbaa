using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// What only a Redis Cluster can do to the L2: keys spread over three nodes, pub/sub across them, one node dying while
/// the others answer, and slots moving. (<see cref="RedisTests"/>, <see cref="RedisSafetyTests"/> and
/// <see cref="RedisStallTests"/> run on the cluster too.)
/// </summary>
[Collection(RedisClusterGroup.Name)]
public sealed class RedisClusterTests(RedisClusterFixture cluster) : IAsyncLifetime
{
    private readonly RedisTestKit _kit = new(cluster, "cluster");

    public Task InitializeAsync() => _kit.InitializeAsync();

    public Task DisposeAsync() => _kit.DisposeAsync();

    [RedisFact]
    public async Task Entries_spread_over_every_node_and_an_instance_given_one_node_reads_them_all()
    {
        await using TestApp a = await _kit.StartAsync();

        // Given one node only, StackExchange.Redis finds the others from it.
        int seed = cluster.Ports[^1];
        await using TestApp b = await _kit.StartAsync(o => o.RedisConnectionString = $"127.0.0.1:{seed}");
        const int Entries = 60;
        for (int i = 0; i < Entries; i++)
        {
            Assert.Equal("MISS", (await a.GetAsync($"/r/{i}/x")).Status);
        }

        await _kit.WaitForKeysAsync(Entries);
        int[] perNode = [.. cluster.Ports.Select(port => _kit.Connection.GetServer("127.0.0.1", port).Keys(pattern: _kit.Prefix + "e:*").Count())];
        Assert.All(perNode, count => Assert.True(count > 0, $"entries per node: {string.Join(", ", perNode)}"));
        Assert.Equal(Entries, perNode.Sum());

        for (int i = 0; i < Entries; i++)
        {
            var hit = await b.GetAsync($"/r/{i}/x");
            Assert.Equal(("HIT", $"id {i} run {i + 1}"), (hit.Status, hit.Body));
            Assert.Contains(hit.Response.Headers.GetValues("Server-Timing"), v => v.Contains("HIT L2", StringComparison.Ordinal));
        }

        Assert.Equal(0, b.Runs["r"]);
    }

    [RedisFact]
    public async Task An_eviction_message_reaches_a_subscriber_on_every_node()
    {
        await using TestApp a = await _kit.StartAsync();
        string channel = _kit.Prefix + "evict";

        // A plain SUBSCRIBE on each node: classic pub/sub is broadcast over the cluster bus, whichever node the app publishes to.
        var subscribers = cluster.Ports.Select(port => RespClient.Connect(port, TimeSpan.FromSeconds(10))).ToArray();
        try
        {
            foreach (RespClient subscriber in subscribers)
            {
                Assert.Equal(new object?[] { "subscribe", channel, 1L }, Assert.IsType<object?[]>(subscriber.Execute("SUBSCRIBE", channel)));
            }

            await a.Invalidator.EvictByTagAsync("{b}products");

            foreach (RespClient subscriber in subscribers)
            {
                object?[] message = Assert.IsType<object?[]>(subscriber.Read());
                Assert.Equal("message", message[0]);
                Assert.Equal(channel, message[1]);
                string[] parts = ((string)message[2]!).Split('\n');
                Assert.Equal(4, parts.Length);
                Assert.Equal(("v2", "{b}products"), (parts[0], parts[3]));
            }
        }
        finally
        {
            foreach (RespClient subscriber in subscribers)
            {
                subscriber.Dispose();
            }
        }
    }

    [RedisFact]
    public async Task A_node_killed_mid_load_fails_no_request_and_the_cache_recovers()
    {
        // Patient (3 s per operation): the evictions here must reach the live nodes even on a loaded runner, where one
        // once passed the 250 ms default; what is measured is that the dead node's keys fail at once, not the timeout.
        await using TestApp a = await _kit.StartAsync();
        await using TestApp b = await _kit.StartAsync();
        using var timeouts = new RedisTimeouts(a, b);
        using var errors = new MetricCollector<long>(a.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), VelithonCachingMetrics.MeterName, "velithon.cache.redis.errors");
        SkipRuns(b, "spread", 1000);
        int victim = NodeOf("tv:{b}spread");
        string liveTag = TestApp.SpreadTags.First(tag => NodeOf("tv:" + tag) != victim);
        await a.Invalidator.EvictByTagAsync("{b}spread"); // a version on the node about to die
        long versionBefore = (long)await _kit.Db.StringGetAsync(_kit.Prefix + "tv:{b}spread");

        var old = new HashSet<string>(StringComparer.Ordinal);
        for (int n = 0; n < 10; n++)
        {
            old.Add((await a.GetAsync($"/spread/{n}")).Body);
        }

        await _kit.WaitForKeysAsync(10);
        for (int n = 0; n < 10; n++)
        {
            // Now in b's memory too (from Redis, or from b's own render when a read passed the timeout on a loaded runner).
            string path = $"/spread/{n}";
            await RedisTestKit.WaitUntilAsync(async () => (await b.GetAsync(path)).Status == "HIT");
        }

        int failures = 0;
        try
        {
            for (int i = 0; i < 150; i++)
            {
                if (i == 40)
                {
                    cluster.KillNode(victim);
                }
                else if (i == 60)
                {
                    // A tag whose version key is on a node that answers: evicted everywhere, b included (by message or sync).
                    await a.Invalidator.EvictByTagAsync(liveTag);
                    await RedisTestKit.WaitUntilAsync(async () => await ServesNoneOfAsync(b, old));
                    Assert.True(await ServesNoneOfAsync(a, old));
                    await RecordAsync(a, old);

                    // A tag whose version key is on the dead node: Redis cannot take it, and the call says so; this
                    // instance dropped its entries first all the same.
                    var error = await Assert.ThrowsAsync<VelithonCacheEvictionException>(() => a.Invalidator.EvictByTagAsync("{b}spread"));
                    Assert.Equal("{b}spread", error.Tag);
                    Assert.True(await ServesNoneOfAsync(a, old));

                    // The nodes that answer still hold and serve entries: b reads one of a's new ones from Redis.
                    for (int n = 0; n < 30; n++)
                    {
                        await a.GetAsync($"/r/{500 + n}/x");
                    }

                    await RedisTestKit.WaitUntilAsync(async () =>
                    {
                        for (int n = 0; n < 30; n++)
                        {
                            b.Cache.Memory.Clear();
                            if ((await b.GetAsync($"/r/{500 + n}/x")).Status == "HIT")
                            {
                                return true;
                            }
                        }

                        return false;
                    });
                }
                else if (i == 100)
                {
                    cluster.StartNode(victim);
                }

                TestApp app = i / 20 % 2 == 0 ? a : b; // both read what the other stored
                var response = await app.GetAsync(i % 3 == 0 ? $"/spread/{i % 10}" : $"/r/{i % 20}/x");
                if (response.Response.StatusCode != HttpStatusCode.OK)
                {
                    failures++;
                }
            }
        }
        finally
        {
            cluster.StartNode(victim);
        }

        Assert.Equal(0, failures);

        // Commands for the dead node's keys failed at once (a MOVED from another node, not followed) instead of each
        // waiting for the timeout, so the breaker had no run of timeouts to open on. Only the eviction, which follows
        // redirects, may wait for the timeout; the bound leaves room for a stray one on a stalled machine.
        Assert.Contains(errors.GetMeasurementSnapshot(), m => Equals(m.Tags["error.type"], "moved"));
        Assert.True(timeouts.Count < RedisCircuitBreaker.FailureThreshold, $"{timeouts.Count} Redis operations timed out");

        // It comes back empty (no persistence): the sync recreates the lost version above every earlier one.
        await RedisTestKit.WaitUntilAsync(async () => await _kit.Db.StringGetAsync(_kit.Prefix + "tv:{b}spread") is { IsNull: false } v && (long)v > versionBefore, TimeSpan.FromSeconds(15));

        // The eviction Redis refused goes through (retried, as the exception says) and new entries are
        // stored on every node again, the restarted one included, and read from there by the other instance.
        await RedisTestKit.WaitUntilAsync(async () => await Record.ExceptionAsync(() => a.Invalidator.EvictByTagAsync("{b}spread")) is null, TimeSpan.FromSeconds(15));
        for (int n = 0; n < 60; n++)
        {
            await a.GetAsync($"/r/{1000 + n}/x");
        }

        IServer restarted = _kit.Connection.GetServer("127.0.0.1", cluster.Ports[victim]);
        await RedisTestKit.WaitUntilAsync(() => Task.FromResult(restarted.Keys(pattern: _kit.Prefix + "e:*").Any()), TimeSpan.FromSeconds(15));
        for (int n = 0; n < 60; n++)
        {
            string url = $"/r/{1000 + n}/x";
            await RedisTestKit.WaitUntilAsync(async () =>
            {
                b.Cache.Memory.Clear();
                return (await b.GetAsync(url)).Status == "HIT";
            });
        }
    }

    [RedisFact]
    public async Task A_lost_eviction_message_reaches_the_memory_copies_at_the_next_sync_while_a_node_is_down()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp a = await _kit.StartAsync();
        await using TestApp b = await _kit.StartAsync(o => o.TagSyncInterval = TimeSpan.FromSeconds(30), time);
        SkipRuns(b, "spread", 1000);
        int victim = NodeOf("tv:{c}spread");
        string liveTag = TestApp.SpreadTags.First(tag => NodeOf("tv:" + tag) != victim);
        var old = new HashSet<string>(StringComparer.Ordinal);
        for (int n = 0; n < 10; n++)
        {
            old.Add((await a.GetAsync($"/spread/{n}")).Body);
        }

        await _kit.WaitForKeysAsync(10);
        for (int n = 0; n < 10; n++)
        {
            Assert.Equal("HIT", (await b.GetAsync($"/spread/{n}")).Status);
        }

        cluster.KillNode(victim);
        try
        {
            // An eviction whose message never arrives, on a node that answers; b's sync also reads the dead node's tag.
            await _kit.Db.StringIncrementAsync(_kit.Prefix + "tv:" + liveTag);
            Assert.Contains((await b.GetAsync("/spread/0")).Body, old); // b has not synced yet (its clock stands still)

            time.Advance(TimeSpan.FromSeconds(30));
            await RedisTestKit.WaitUntilAsync(async () => await ServesNoneOfAsync(b, old));
        }
        finally
        {
            cluster.StartNode(victim);
        }
    }

    [RedisFact]
    public async Task Moved_slots_are_followed_by_instances_that_knew_the_old_owner()
    {
        // What is tested is that MOVED is followed, not how fast: a redirect plus the script's NOSCRIPT round trip on
        // the new owner can pass the 250 ms default on a loaded 2-core runner, and a timed-out eviction throws.
        await using TestApp a = await _kit.StartAsync();
        await using TestApp b = await _kit.StartAsync();
        SkipRuns(b, "tagged", 100);
        await a.Invalidator.EvictByTagAsync("products");
        Assert.Equal("MISS", (await a.GetAsync("/tagged/1")).Status);
        RedisKey entry = await _kit.SingleEntryKeyAsync();
        RedisKey version = _kit.Prefix + "tv:products";
        int entrySlot = _kit.Connection.HashSlot(entry);
        int versionSlot = _kit.Connection.HashSlot(version);
        (int Slot, int Owner)[] moved = [(entrySlot, cluster.OwnerOf(entrySlot)), (versionSlot, cluster.OwnerOf(versionSlot))];
        try
        {
            // Both slots move to another node behind the apps' backs (the version's slot may be the entry's).
            foreach ((int slot, int owner) in moved.Distinct())
            {
                cluster.MoveSlot(slot, (owner + 1) % RedisClusterFixture.NodeCount);
            }

            Assert.All(moved, m => Assert.NotEqual(m.Owner, cluster.OwnerOf(m.Slot)));

            // b still maps the slots to their old owners: a read takes the MOVED (a miss at worst, never an error
            // page), learns the new owner, and the entry is served from there.
            string served = string.Empty;
            await RedisTestKit.WaitUntilAsync(async () =>
            {
                b.Cache.Memory.Clear();
                var response = await b.GetAsync("/tagged/1");
                Assert.Equal(HttpStatusCode.OK, response.Response.StatusCode);
                served = response.Body;
                return response.Status == "HIT";
            });
            Assert.Equal("HIT", (await b.GetAsync("/tagged/1")).Status); // from b's memory now

            // An eviction follows the redirect to the version key's new node, and everyone sees it.
            long before = (long)await _kit.Db.StringGetAsync(version);
            await a.Invalidator.EvictByTagAsync("products");
            Assert.Equal(before + 1, (long)await _kit.Db.StringGetAsync(version));
            await RedisTestKit.WaitUntilAsync(async () => (await b.GetAsync("/tagged/1")).Body != served);
        }
        finally
        {
            foreach ((int slot, int owner) in moved.Distinct())
            {
                cluster.MoveSlot(slot, owner);
            }
        }
    }

    private static void SkipRuns(TestApp app, string name, int runs)
    {
        for (int i = 0; i < runs; i++)
        {
            app.Runs.Run(name);
        }
    }

    private static async Task<bool> ServesNoneOfAsync(TestApp app, HashSet<string> bodies)
    {
        for (int n = 0; n < 10; n++)
        {
            if (bodies.Contains((await app.GetAsync($"/spread/{n}")).Body))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task RecordAsync(TestApp app, HashSet<string> bodies)
    {
        for (int n = 0; n < 10; n++)
        {
            bodies.Add((await app.GetAsync($"/spread/{n}")).Body);
        }
    }

    /// <summary>The index of the node that owns this kit's key <paramref name="suffix"/> (after the prefix).</summary>
    private int NodeOf(string suffix) => cluster.OwnerOf(_kit.Connection.HashSlot(_kit.Prefix + suffix));
}
