using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// Attacks on the Redis L2: corrupted and planted entries, evictions during a Redis stall or without their pub/sub
/// message, and a stalled Redis on the request path. The rule under test: the cache never serves a response to a
/// request it was not made for, and never one stored before a tag eviction that has returned.
/// </summary>
/// <remarks>Run against one node and against a three-node Redis Cluster.</remarks>
public abstract class RedisSafetyTests(IRedisTarget redis) : IAsyncLifetime
{
    private readonly RedisTestKit _kit = new(redis, "safety-" + redis.Name);

    private IDatabase Db => _kit.Db;

    public Task InitializeAsync() => _kit.InitializeAsync();

    public Task DisposeAsync() => _kit.DisposeAsync();

    [RedisFact]
    public async Task A_flipped_bit_is_never_served()
    {
        // Every read must reach Redis for the count below; a loaded runner can pass the 250 ms default (a timeout is a
        // plain miss, safe but not counted as a rejection).
        await using TestApp a = await _kit.StartAsync();
        await using TestApp b = await _kit.StartAsync();
        using var rejected = Rejected(b);
        await a.GetAsync("/fixed");
        RedisKey key = await _kit.SingleEntryKeyAsync();
        byte[] original = (byte[])(await Db.StringGetAsync(key))!;

        // Every byte with one bit flipped (the bit moves with the position), and every bit of 16 spread positions.
        var variants = new List<(int Byte, int Bit)>();
        for (int i = 0; i < original.Length; i++)
        {
            variants.Add((i, i % 8));
        }

        for (int i = 0; i < original.Length; i += Math.Max(1, original.Length / 16))
        {
            variants.AddRange(Enumerable.Range(0, 8).Where(bit => bit != i % 8).Select(bit => (i, bit)));
        }

        Assert.True(variants.Count > 300, $"{variants.Count} variants");
        for (int n = 0; n < variants.Count; n++)
        {
            (int position, int bit) = variants[n];
            byte[] corrupt = [.. original];
            corrupt[position] ^= (byte)(1 << bit);
            await Db.StringSetAsync(key, corrupt, TimeSpan.FromMinutes(1));
            b.Cache.Memory.Clear();

            if (n % 2 == 0)
            {
                // GET: a fresh render (b runs the endpoint) or the original, never anything else.
                var response = await RedisTestKit.Within(b.GetAsync("/fixed"));
                Assert.Equal(HttpStatusCode.OK, response.Response.StatusCode);
                Assert.Equal(("MISS", TestApp.FixedBody), (response.Status, response.Body));

                // b deletes the corrupt entry, then stores its own render (same connection, in that order).
                await RedisTestKit.WaitUntilAsync(async () => await Db.StringGetAsync(key) is { IsNull: false } v && !((byte[])v!).AsSpan().SequenceEqual(corrupt));
            }
            else
            {
                // HEAD stores nothing: the corrupt entry is gone, deleted by the reader.
                var response = await RedisTestKit.Within(b.GetAsync("/fixed", method: HttpMethod.Head));
                Assert.Equal(("MISS", HttpStatusCode.OK), (response.Status, response.Response.StatusCode));
                await RedisTestKit.WaitUntilAsync(async () => !await Db.KeyExistsAsync(key));
            }
        }

        var measurements = rejected.GetMeasurementSnapshot();
        Assert.Equal(variants.Count, measurements.Sum(m => m.Value));
        // "format" when the flip hits the format byte (checked first), "checksum" anywhere else.
        Assert.All(measurements, m => Assert.Contains(m.Tags["velithon.reason"], new object[] { CachedResponseSerializer.ChecksumReason, CachedResponseSerializer.FormatReason }));
        Assert.Equal(variants.Count(v => v.Byte == 0), measurements.Count(m => Equals(m.Tags["velithon.reason"], CachedResponseSerializer.FormatReason)));
    }

    [RedisFact]
    public async Task Planted_entries_with_a_valid_checksum_are_not_served_as_planted()
    {
        // Every read must reach Redis for the count below; a loaded runner can pass the 250 ms default (a timeout is a
        // plain miss, safe but not counted as a rejection).
        await using TestApp a = await _kit.StartAsync();
        await using TestApp b = await _kit.StartAsync();
        using var rejected = Rejected(b);
        await a.GetAsync("/fixed");
        RedisKey key = await _kit.SingleEntryKeyAsync();
        CachedResponse real = CachedResponseSerializer.Deserialize((byte[])(await Db.StringGetAsync(key))!, 1 << 20, out string realKey, out long[] versions, out _)!;
        Assert.Equal(["fixed", "static", PathTags.For("", "/fixed")], real.Tags); // the endpoint's, then its path's (EvictAsync)

        long farFuture = DateTimeOffset.UtcNow.AddYears(10).ToUnixTimeMilliseconds();
        var rejectedCases = new (string Name, string Reason, string Key, CachedResponse Entry)[]
        {
            ("Set-Cookie", "set-cookie", realKey, Plant(real, headers: [.. real.Headers, new("Set-Cookie", ["session=victim"])])),
            ("Set-Cookie (lower case)", "set-cookie", realKey, Plant(real, headers: [.. real.Headers, new("set-cookie", ["session=victim"])])),
            ("Encoding not the cache's own", "encoding", realKey, Plant(real, encoding: "x-evil")),
            ("Content-Encoding not registered", "encoding", realKey, Plant(real, headers: [.. real.Headers, new("Content-Encoding", ["x-evil"])])),
            ("Content-Encoding contradicts Encoding", "encoding", realKey, Plant(real, encoding: "br", headers: [.. real.Headers, new("Content-Encoding", ["gzip"])])),
            ("status 0", "status", realKey, Plant(real, status: 0)),
            ("status 99", "status", realKey, Plant(real, status: 99)),
            ("status 600", "status", realKey, Plant(real, status: 600)),
            ("status not in the policy", "status", realKey, Plant(real, status: 201)),
            ("wrong tags", "tags", realKey, Plant(real, tags: ["fixed"])),
            ("another path's tag", "tags", realKey, Plant(real, tags: ["fixed", "static", PathTags.For("", "/other")])),
            ("another request's key", "key", realKey.Replace("/fixed", "/other", StringComparison.Ordinal), Plant(real)),
            ("header value with CR LF", "header", realKey, Plant(real, headers: [.. real.Headers, new("X-Note", ["a\r\nSet-Cookie: session=victim"])])),
            ("header name not a token", "header", realKey, Plant(real, headers: [.. real.Headers, new("X Note:", ["a"])])),
            ("ETag with LF", "etag", realKey, Plant(real, etag: "\"a\"\nSet-Cookie: x=y")),
        };

        foreach ((string name, string reason, string entryKey, CachedResponse entry) in rejectedCases)
        {
            long before = rejected.GetMeasurementSnapshot().Sum(m => m.Value);
            await Db.StringSetAsync(key, CachedResponseSerializer.Serialize(entryKey, entry, versions), TimeSpan.FromMinutes(1));
            b.Cache.Memory.Clear();
            var response = await RedisTestKit.Within(b.GetAsync("/fixed"));
            Assert.True(response.Status == "MISS" && response.Body == TestApp.FixedBody, $"{name}: served {response.Status} {response.Body}");
            Assert.False(response.Response.Headers.Contains("Set-Cookie"), name);
            Assert.Equal(before + 1, rejected.GetMeasurementSnapshot().Sum(m => m.Value));
            Assert.Equal(reason, rejected.GetMeasurementSnapshot()[^1].Tags["velithon.reason"]);

            // b deleted it and stored its own render: wait for that before planting the next.
            await RedisTestKit.WaitUntilAsync(async () => await Db.StringGetAsync(key) is { IsNull: false } v && CachedResponseSerializer.Deserialize((byte[])v!, 1 << 20, out _, out _, out _)?.Body.AsSpan().SequenceEqual(real.Body) == true);
        }

        // Framing and hop-by-hop headers are dropped: the server frames the response itself, nothing hangs or resets.
        byte[] plantedBody = "planted"u8.ToArray();
        CachedResponse framed = Plant(real, body: plantedBody, headers:
        [
            .. real.Headers, new("Transfer-Encoding", ["chunked"]), new("Content-Length", ["100000"]), new("Connection", ["close"]),
            new("Upgrade", ["websocket"]), new("Trailer", ["X-Checksum"]), new("Keep-Alive", ["timeout=1"]),
        ]);
        await Db.StringSetAsync(key, CachedResponseSerializer.Serialize(realKey, framed, versions), TimeSpan.FromMinutes(1));
        b.Cache.Memory.Clear();
        var dropped = await RedisTestKit.Within(b.GetAsync("/fixed"));
        Assert.Equal(("HIT", "planted"), (dropped.Status, dropped.Body));
        Assert.Equal(plantedBody.Length, dropped.Response.Content.Headers.ContentLength);
        Assert.NotEqual(true, dropped.Response.Headers.TransferEncodingChunked);
        Assert.False(dropped.Response.Headers.Contains("Upgrade") || dropped.Response.Headers.Contains("Trailer") || dropped.Response.Headers.Contains("Keep-Alive"));

        // A far-future expiry is served but capped: the copy in b's memory expires with the policy's duration (60 s).
        await Db.StringSetAsync(key, CachedResponseSerializer.Serialize(realKey, Plant(real, expires: farFuture), versions), TimeSpan.FromMinutes(1));
        b.Cache.Memory.Clear();
        var capped = await RedisTestKit.Within(b.GetAsync("/fixed"));
        Assert.Equal("HIT", capped.Status);
        Assert.True(b.Cache.TryGetMemory(realKey, out CachedResponse? copy));
        Assert.InRange(copy.ExpiresAtUnixMs, 0, b.Cache.Now.AddSeconds(60).ToUnixTimeMilliseconds());

        // An entry produced under other tag versions is stale: not served, not "rejected", deleted.
        long rejectedBefore = rejected.GetMeasurementSnapshot().Sum(m => m.Value);
        await Db.StringSetAsync(key, CachedResponseSerializer.Serialize(realKey, Plant(real, body: plantedBody), [12345, 0]), TimeSpan.FromMinutes(1));
        b.Cache.Memory.Clear();
        var stale = await RedisTestKit.Within(b.GetAsync("/fixed", method: HttpMethod.Head));
        Assert.Equal("MISS", stale.Status);
        await RedisTestKit.WaitUntilAsync(async () => !await Db.KeyExistsAsync(key));
        Assert.Equal(rejectedBefore, rejected.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [RedisFact]
    public async Task An_eviction_during_a_Redis_stall_throws_or_holds_everywhere()
    {
        await using TestApp a = await _kit.StartAsync(o => o.TagSyncInterval = TimeSpan.FromMilliseconds(200));
        await using TestApp b = await _kit.StartAsync(o => o.TagSyncInterval = TimeSpan.FromMilliseconds(200));
        SkipRuns(b, 100);
        await a.GetAsync("/tagged/1");
        await _kit.WaitForKeysAsync(1);
        Assert.Equal(("HIT", "tagged 1 run 1"), Pair(await b.GetAsync("/tagged/1")));
        Assert.Equal(("HIT", "tagged 1 run 1"), Pair(await b.GetAsync("/tagged/1"))); // from b's memory

        _ = _kit.StallRedisAsync(1);
        bool threw = false;
        try
        {
            await a.Invalidator.EvictByTagAsync("products");
        }
        catch (VelithonCacheEvictionException ex)
        {
            threw = true;
            Assert.Equal("products", ex.Tag);
            Assert.NotNull(ex.InnerException);
        }

        // Either way this instance dropped its copy at once.
        Assert.NotEqual("tagged 1 run 1", (await RedisTestKit.Within(a.GetAsync("/tagged/1"))).Body);

        if (threw)
        {
            // As the exception says: retry until Redis confirms.
            await RedisTestKit.WaitUntilAsync(async () =>
            {
                try
                {
                    await a.Invalidator.EvictByTagAsync("products");
                    return true;
                }
                catch (VelithonCacheEvictionException)
                {
                    return false;
                }
            });
        }

        // Returned: a new instance gets nothing stale from Redis, and b drops its copy (message or sync).
        await using TestApp c = await _kit.StartAsync();
        SkipRuns(c, 200);
        Assert.NotEqual("tagged 1 run 1", (await RedisTestKit.Within(c.GetAsync("/tagged/1"))).Body);
        await RedisTestKit.WaitUntilAsync(async () => (await b.GetAsync("/tagged/1")).Body != "tagged 1 run 1");
        Assert.NotEqual("tagged 1 run 1", (await RedisTestKit.Within(a.GetAsync("/tagged/1"))).Body);
    }

    [RedisFact]
    public async Task A_lost_eviction_message_drops_the_memory_copy_at_the_next_sync()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp a = await _kit.StartAsync();
        await using TestApp b = await _kit.StartAsync(o => o.TagSyncInterval = TimeSpan.FromSeconds(30), time);
        SkipRuns(b, 100);
        await a.GetAsync("/tagged/1");
        await _kit.WaitForKeysAsync(1);
        await b.GetAsync("/tagged/1");
        var fromMemory = await b.GetAsync("/tagged/1");
        Assert.Equal(("HIT", "tagged 1 run 1"), Pair(fromMemory));
        Assert.Contains(fromMemory.Response.Headers.GetValues("Server-Timing"), v => v.Contains("HIT L1", StringComparison.Ordinal));

        // An eviction whose message never arrives: the version moves in Redis, nothing is published.
        await Db.StringIncrementAsync(_kit.Prefix + "tv:products");
        Assert.Equal("tagged 1 run 1", (await b.GetAsync("/tagged/1")).Body); // b has not synced yet (its clock stands still)

        time.Advance(TimeSpan.FromSeconds(30));
        await RedisTestKit.WaitUntilAsync(async () => (await b.GetAsync("/tagged/1")).Body != "tagged 1 run 1");

        // And Redis serves the stale entry to no one.
        await using TestApp c = await _kit.StartAsync();
        SkipRuns(c, 200);
        Assert.NotEqual("tagged 1 run 1", (await c.GetAsync("/tagged/1")).Body);
    }

    [RedisFact]
    public async Task A_lost_version_key_comes_back_above_every_earlier_version()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp a = await _kit.StartAsync(o => o.TagSyncInterval = TimeSpan.FromSeconds(30), time);
        await a.Invalidator.EvictByTagAsync("products");
        long before = (long)await Db.StringGetAsync(_kit.Prefix + "tv:products");
        await a.GetAsync("/tagged/1");
        Assert.Equal(("HIT", "tagged 1 run 1"), Pair(await a.GetAsync("/tagged/1")));

        // Redis restarts without persistence, or evicts the key under allkeys-*: the version is gone. Counting again from 0
        // or 1 would reuse numbers that stale entries and memory copies still carry.
        await Db.KeyDeleteAsync(_kit.Prefix + "tv:products");
        time.Advance(TimeSpan.FromSeconds(30));
        await RedisTestKit.WaitUntilAsync(async () => await Db.StringGetAsync(_kit.Prefix + "tv:products") is { IsNull: false } v && (long)v > before);

        // The recreated version is new to everyone: the memory copy is dropped like after an eviction.
        await RedisTestKit.WaitUntilAsync(async () => (await a.GetAsync("/tagged/1")).Body != "tagged 1 run 1");

        // And the next eviction goes on above it.
        long restored = (long)await Db.StringGetAsync(_kit.Prefix + "tv:products");
        await a.Invalidator.EvictByTagAsync("products");
        Assert.Equal(restored + 1, (long)await Db.StringGetAsync(_kit.Prefix + "tv:products"));
    }

    [RedisFact]
    public async Task Tagged_traffic_leaves_only_entries_and_tag_versions_in_Redis()
    {
        await using TestApp a = await _kit.StartAsync();
        for (int round = 0; round < 3; round++)
        {
            for (int n = 0; n < 40; n++)
            {
                await a.GetAsync($"/tagged/{n}");
            }

            await a.GetAsync("/other-tag");
            await a.GetAsync("/fixed");
            await a.Invalidator.EvictByTagAsync("products");
        }

        await _kit.WaitForKeysAsync(42);
        string[] keys = [.. _kit.Keys().Select(static k => (string)k!)];
        string[] versions = [.. keys.Where(k => k.StartsWith(_kit.Prefix + "tv:", StringComparison.Ordinal))];
        string[] entries = [.. keys.Where(k => k.StartsWith(_kit.Prefix + "e:", StringComparison.Ordinal))];
        Assert.Equal([_kit.Prefix + "tv:products"], versions);
        Assert.Equal(keys.Length, versions.Length + entries.Length);
        Assert.InRange(entries.Length, 2, 42); // one per live variant at most: 40 tagged, /other-tag, /fixed
    }

    private static CachedResponse Plant(
        CachedResponse real,
        int? status = null,
        string? encoding = null,
        string? etag = null,
        string[]? tags = null,
        KeyValuePair<string, string[]>[]? headers = null,
        byte[]? body = null,
        long? expires = null) => new()
    {
        StatusCode = status ?? real.StatusCode,
        Encoding = encoding ?? real.Encoding,
        ETag = etag ?? real.ETag,
        Tags = tags ?? real.Tags,
        Headers = headers ?? real.Headers,
        Body = body ?? "planted"u8.ToArray(),
        ExpiresAtUnixMs = expires ?? real.ExpiresAtUnixMs,
    };

    private static (string Status, string Body) Pair((string Status, string Body, HttpResponseMessage Response) response) => (response.Status, response.Body);

    private static void SkipRuns(TestApp app, int runs)
    {
        for (int i = 0; i < runs; i++)
        {
            app.Runs.Run("tagged");
        }
    }

    private static MetricCollector<long> Rejected(TestApp app) =>
        new(app.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), VelithonCachingMetrics.MeterName, "velithon.cache.redis.rejected");
}

[Collection(RedisGroup.Name)]
public sealed class RedisSafetyTestsOnOneNode(RedisFixture redis) : RedisSafetyTests(redis);

[Collection(RedisClusterGroup.Name)]
public sealed class RedisSafetyTestsOnCluster(RedisClusterFixture redis) : RedisSafetyTests(redis);
