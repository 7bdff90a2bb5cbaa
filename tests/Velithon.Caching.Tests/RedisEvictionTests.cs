using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using StackExchange.Redis;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// <see cref="IVelithonCacheInvalidator.EvictAsync"/> and <see cref="IVelithonCacheInvalidator.EvictAllAsync"/> across
/// instances sharing a real redis-server: memory copies elsewhere are dropped, and no instance serves from Redis an
/// entry stored before the call.
/// </summary>
[Collection(RedisGroup.Name)]
public sealed class RedisEvictionTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly RedisTestKit _kit = new(redis, "evict");

    public Task InitializeAsync() => _kit.InitializeAsync();

    public Task DisposeAsync() => _kit.DisposeAsync();

    [RedisFact]
    public async Task EvictAsync_reaches_redis_and_the_other_instance_and_leaves_other_paths()
    {
        Assert.NotEqual(PathTags.Bucket("", "/tagged/1"), PathTags.Bucket("", "/other-tag"));
        await using TestApp a = await _kit.StartAsync();
        await using TestApp b = await _kit.StartAsync();
        SkipRuns(b, "tagged", 100);
        await a.GetAsync("/tagged/1");
        await a.GetAsync("/tagged/1?page=2");
        await a.GetAsync("/other-tag");
        await _kit.WaitForKeysAsync(3);
        Assert.Equal("HIT", (await b.GetAsync("/tagged/1")).Status); // from Redis, then from b's memory
        Assert.Equal("HIT", (await b.GetAsync("/tagged/1?page=2")).Status);

        await a.Invalidator.EvictAsync("/tagged/1");

        Assert.Equal("MISS", (await a.GetAsync("/tagged/1?page=2")).Status);
        await RedisTestKit.WaitUntilAsync(async () => (await b.GetAsync("/tagged/1")).Body != "tagged 1 run 1");
        Assert.Equal("HIT", (await b.GetAsync("/other-tag")).Status);

        // A third instance finds no entry of the path stored before the eviction in Redis.
        await using TestApp c = await _kit.StartAsync();
        SkipRuns(c, "tagged", 200);
        Assert.NotEqual("tagged 1 run 1", (await c.GetAsync("/tagged/1")).Body);
        Assert.NotEqual("tagged 1 run 2", (await c.GetAsync("/tagged/1?page=2")).Body);
        Assert.Equal("HIT", (await c.GetAsync("/other-tag")).Status);
    }

    [RedisFact]
    public async Task EvictAllAsync_reaches_redis_and_the_other_instance()
    {
        await using TestApp a = await _kit.StartAsync();
        await using TestApp b = await _kit.StartAsync();
        SkipRuns(b, "items", 100);
        SkipRuns(b, "orders", 100);
        await a.GetAsync("/items");
        await a.GetAsync("/other-tag");
        await _kit.WaitForKeysAsync(2);
        Assert.Equal("items run 1", (await b.GetAsync("/items")).Body);
        Assert.Equal("orders run 1", (await b.GetAsync("/other-tag")).Body);

        await a.Invalidator.EvictAllAsync();

        Assert.Equal("MISS", (await a.GetAsync("/items")).Status);
        await RedisTestKit.WaitUntilAsync(async () => (await b.GetAsync("/other-tag")).Body != "orders run 1");
        await RedisTestKit.WaitUntilAsync(async () => (await b.GetAsync("/items")).Body != "items run 1");
        Assert.Equal(PathTags.Count, _kit.Keys("tv:*").Length); // every bucket's version, incremented once

        await using TestApp c = await _kit.StartAsync();
        SkipRuns(c, "orders", 200);
        Assert.NotEqual("orders run 1", (await c.GetAsync("/other-tag")).Body);
    }

    [RedisFact]
    public async Task An_entry_of_the_previous_release_without_its_path_tag_is_a_plain_miss()
    {
        await using TestApp a = await _kit.StartAsync();
        await using TestApp b = await _kit.StartAsync();
        using var rejected = new MetricCollector<long>(b.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), VelithonCachingMetrics.MeterName, "velithon.cache.redis.rejected");
        SkipRuns(b, "tagged", 100);
        await a.GetAsync("/tagged/7");
        await _kit.WaitForKeysAsync(1);
        RedisKey key = _kit.Keys("e:*").Single();
        CachedResponse written = CachedResponseSerializer.Deserialize((byte[])(await _kit.Db.StringGetAsync(key))!, 1 << 20, out string writtenKey, out long[] versions, out _)!;
        Assert.Equal(["products", PathTags.For("", "/tagged/7")], written.Tags);

        // As the previous release wrote it: the endpoint's tags only.
        var withoutPathTag = new CachedResponse
        {
            StatusCode = written.StatusCode, Headers = written.Headers, Body = written.Body, ETag = written.ETag, Encoding = written.Encoding,
            ExpiresAtUnixMs = written.ExpiresAtUnixMs, StaleUntilUnixMs = written.StaleUntilUnixMs, Tags = ["products"],
        };
        await _kit.Db.StringSetAsync(key, CachedResponseSerializer.Serialize(writtenKey, withoutPathTag, versions.AsSpan(0, 1)), TimeSpan.FromMinutes(1));

        var response = await b.GetAsync("/tagged/7");
        Assert.Equal(("MISS", "tagged 7 run 101"), (response.Status, response.Body));
        Assert.Empty(rejected.GetMeasurementSnapshot());
    }

    private static void SkipRuns(TestApp app, string name, int runs)
    {
        for (int i = 0; i < runs; i++)
        {
            app.Runs.Run(name);
        }
    }
}
