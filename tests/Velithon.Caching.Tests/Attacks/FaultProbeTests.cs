using StackExchange.Redis;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// Faults injected by an operator or an attacker: a Redis that loses or rolls back what it held, clients that leave,
/// endpoints that fail half-way. The rule: a fault loses at most what was stored, and never serves a response it should not.
/// </summary>
[Collection(RedisGroup.Name)]
public sealed class FaultProbeTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly RedisTestKit _kit = new(redis, "fault");

    public Task InitializeAsync() => _kit.InitializeAsync();

    public Task DisposeAsync() => _kit.DisposeAsync();

    [RedisFact]
    public async Task A_tag_version_key_lost_after_an_eviction_never_brings_back_the_evicted_entry()
    {
        // An allkeys-* maxmemory policy (or an operator's DEL) drops the version key; the entry written before the
        // eviction, never read since, is still in Redis. The instance that evicted knows the version was above 0.
        await using TestApp a = await _kit.StartAsync(o => o.TagSyncInterval = TimeSpan.FromHours(1));
        Assert.Equal("tagged 1 run 1", (await a.GetAsync("/tagged/1")).Body);
        await _kit.WaitForKeysAsync(1);

        await a.Invalidator.EvictByTagAsync("products");
        Assert.True(await _kit.Db.KeyDeleteAsync(_kit.Prefix + "tv:products"));

        var after = await RedisTestKit.Within(a.GetAsync("/tagged/1"));
        Assert.NotEqual("tagged 1 run 1", after.Body);
    }

    [RedisFact]
    public async Task A_tag_version_rolled_back_by_a_restore_never_brings_back_the_evicted_entry()
    {
        // Redis restarted from a snapshot taken between two evictions: the version key holds the first one's number, and
        // the entry stored under it is back. No instance may serve it, not even one started after the restore.
        await using TestApp a = await _kit.StartAsync(o => o.TagSyncInterval = TimeSpan.FromHours(1));
        RedisKey version = _kit.Prefix + "tv:products";
        await a.Invalidator.EvictByTagAsync("products");
        RedisValue first = await _kit.Db.StringGetAsync(version);
        Assert.Equal("tagged 1 run 1", (await a.GetAsync("/tagged/1")).Body);
        RedisKey entry = await _kit.SingleEntryKeyAsync();
        byte[] snapshot = (byte[])(await _kit.Db.StringGetAsync(entry))!;

        await a.Invalidator.EvictByTagAsync("products");
        long second = (long)await _kit.Db.StringGetAsync(version);
        await _kit.Db.StringSetAsync(version, first);
        await _kit.Db.StringSetAsync(entry, snapshot, TimeSpan.FromMinutes(1));

        Assert.NotEqual("tagged 1 run 1", (await RedisTestKit.Within(a.GetAsync("/tagged/1"))).Body);

        // An eviction on the rolled-back key goes above the version the evicting instance saw, not to first + 1: every
        // instance that saw the second eviction must hear this one as news.
        await a.Invalidator.EvictByTagAsync("products");
        Assert.True((long)await _kit.Db.StringGetAsync(version) > second);

        // The instance that knows the later version puts Redis above it on its next sync; one started afterwards then
        // cannot take the rolled-back entry for current either.
        await _kit.Db.StringSetAsync(version, first);
        await _kit.Db.StringSetAsync(entry, snapshot, TimeSpan.FromMinutes(1));
        await a.Cache.Redis!.SyncAsync();
        await using TestApp c = await _kit.StartAsync(o => o.TagSyncInterval = TimeSpan.FromHours(1));
        for (int i = 0; i < 50; i++)
        {
            c.Runs.Run("tagged");
        }

        Assert.NotEqual("tagged 1 run 1", (await RedisTestKit.Within(c.GetAsync("/tagged/1"))).Body);
    }
}
