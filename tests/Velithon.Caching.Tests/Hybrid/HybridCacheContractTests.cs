using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Velithon.AspNetCore.HybridCaching;

namespace Velithon.Caching.Tests.Hybrid;

/// <summary>
/// The behaviour code written against <see cref="HybridCache"/> relies on, run against Microsoft's implementation and
/// Velithon's with the same real redis-server as L2, so the two agree. Each test has its own key prefix in Redis; two
/// "instances" are two service providers sharing it.
/// </summary>
public abstract class HybridCacheContractTests(RedisFixture redis) : IDisposable
{
    private readonly string _prefix = "hc-" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly List<ServiceProvider> _providers = [];

    protected abstract IHybridCacheBuilder AddCache(IServiceCollection services, long maximumPayloadBytes);

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [RedisFact]
    public async Task GetOrCreateAsync_runs_the_factory_once_for_50_concurrent_callers()
    {
        HybridCache cache = Instance();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int runs = 0;
        var callers = new Task<string>[50];
        for (int i = 0; i < callers.Length; i++)
        {
            callers[i] = cache.GetOrCreateAsync("k", async ct =>
            {
                Interlocked.Increment(ref runs);
                await gate.Task;
                return "value";
            }).AsTask();
        }

        gate.SetResult();
        string[] values = await Task.WhenAll(callers);
        Assert.Equal(1, runs);
        Assert.All(values, v => Assert.Equal("value", v));
        Assert.Equal("value", await cache.GetOrCreateAsync("k", Fail<string>));
    }

    [RedisFact]
    public async Task SetAsync_then_GetOrCreateAsync_reads_without_the_factory_on_this_and_another_instance()
    {
        HybridCache a = Instance();
        HybridCache b = Instance();
        await a.SetAsync("k", "set");
        Assert.Equal("set", await a.GetOrCreateAsync("k", Fail<string>));
        Assert.Equal("set", await b.GetOrCreateAsync("k", Fail<string>));
    }

    [RedisFact]
    public async Task RemoveAsync_removes_one_key_or_many_from_both_levels()
    {
        HybridCache a = Instance();
        await a.SetAsync("k1", "1");
        await a.SetAsync("k2", "2");
        await a.SetAsync("k3", "3");
        await a.RemoveAsync("k1");
        await a.RemoveAsync(["k2", "k3"]);

        HybridCache b = Instance();
        foreach (HybridCache cache in new[] { a, b })
        {
            foreach (string key in new[] { "k1", "k2", "k3" })
            {
                Assert.Equal("new", await cache.GetOrCreateAsync(key, _ => ValueTask.FromResult("new"), Flags(HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite)));
            }
        }
    }

    [RedisFact]
    public async Task RemoveByTagAsync_on_one_instance_evicts_the_tagged_entries_for_every_instance_reading_the_L2()
    {
        HybridCache a = Instance();
        HybridCache b = Instance();
        // SetAsync, not GetOrCreateAsync, for what another instance must find: Microsoft's may write the L2 after
        // GetOrCreateAsync has returned.
        await a.SetAsync("tagged", "v1", tags: ["orders"]);
        await a.SetAsync("other", "o1", tags: ["customers"]);

        await a.RemoveByTagAsync("orders");

        Assert.Equal("v2", await a.GetOrCreateAsync("tagged", _ => ValueTask.FromResult("v2"), tags: ["orders"]));
        HybridCache c = Instance();
        Assert.Equal("v2", await c.GetOrCreateAsync("tagged", _ => ValueTask.FromResult("v2"), tags: ["orders"])); // Never v1.
        Assert.Equal("o1", await b.GetOrCreateAsync("other", Fail<string>, tags: ["customers"]));
    }

    [RedisFact]
    public async Task RemoveByTagAsync_star_evicts_every_entry_tagged_or_not()
    {
        // On the instance that evicts. Another instance reading the L2 afterwards: Velithon's only (see
        // VelithonHybridCacheTests); Microsoft's served the evicted entry there in one run.
        HybridCache a = Instance();
        await a.SetAsync("plain", "p1");
        await a.SetAsync("tagged", "t1", tags: ["x"]);

        await a.RemoveByTagAsync("*");

        Assert.Equal("p2", await a.GetOrCreateAsync("plain", _ => ValueTask.FromResult("p2")));
        Assert.Equal("t2", await a.GetOrCreateAsync("tagged", _ => ValueTask.FromResult("t2"), tags: ["x"]));
    }

    [RedisFact]
    public async Task Entry_flags_choose_the_levels_read_and_written()
    {
        HybridCache a = Instance();
        HybridCache b = Instance();

        // Written to neither level: the factory runs every time.
        int runs = 0;
        HybridCacheEntryOptions nowhere = Flags(HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite);
        await a.GetOrCreateAsync("none", _ => ValueTask.FromResult(++runs), nowhere);
        await a.GetOrCreateAsync("none", _ => ValueTask.FromResult(++runs), nowhere);
        Assert.Equal(2, runs);

        // Local only: this instance hits, another does not see it.
        await a.GetOrCreateAsync("local", _ => ValueTask.FromResult("l1"), Flags(HybridCacheEntryFlags.DisableDistributedCacheWrite));
        Assert.Equal("l1", await a.GetOrCreateAsync("local", Fail<string>));
        Assert.Equal("l2", await b.GetOrCreateAsync("local", _ => ValueTask.FromResult("l2"), Flags(HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite)));

        // Distributed only: read back from the L2 even when the L1 is not read.
        await a.SetAsync("remote", "r1", Flags(HybridCacheEntryFlags.DisableLocalCacheWrite));
        Assert.Equal("r1", await a.GetOrCreateAsync("remote", Fail<string>, Flags(HybridCacheEntryFlags.DisableLocalCacheRead)));

        // Not reading the L2: another instance runs its factory.
        Assert.Equal("r2", await b.GetOrCreateAsync("remote", _ => ValueTask.FromResult("r2"), Flags(HybridCacheEntryFlags.DisableDistributedCacheRead | HybridCacheEntryFlags.DisableDistributedCacheWrite)));

        // No underlying data: a miss returns the default without calling the factory.
        Assert.Null(await a.GetOrCreateAsync("absent", Fail<string>, Flags(HybridCacheEntryFlags.DisableUnderlyingData)));
        Assert.Equal("r1", await b.GetOrCreateAsync("remote", Fail<string>, Flags(HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheRead)));
    }

    [RedisFact]
    public async Task A_registered_serializer_wins_and_a_registered_factory_is_used()
    {
        var serializer = new PipeItemSerializer();
        HybridCache a = Instance(builder => builder.AddSerializer(serializer));
        await a.SetAsync("item", new PipeItem { Id = 7, Name = "seven" });
        Assert.Equal(1, serializer.Serialized);
        PipeItem read = await Instance(builder => builder.AddSerializer(serializer)).GetOrCreateAsync("item", Fail<PipeItem>);
        Assert.Equal((7, "seven"), (read.Id, read.Name));
        Assert.Equal("7|seven", System.Text.Encoding.UTF8.GetString(await RawValueAsync("item")));

        var factory = new PipeItemSerializerFactory();
        HybridCache b = Instance(builder => builder.AddSerializerFactory(factory));
        await b.SetAsync("item2", new PipeItem { Id = 8, Name = "eight" });
        Assert.Equal(1, factory.Serializer.Serialized);
    }

    [RedisFact]
    public async Task Mutable_values_are_copied_on_each_hit_and_immutable_ones_shared()
    {
        HybridCache cache = Instance();
        MutableOrder first = await cache.GetOrCreateAsync("order", _ => ValueTask.FromResult(new MutableOrder { Id = 1, Name = "a" }));
        first.Name = "changed by a caller";
        MutableOrder second = await cache.GetOrCreateAsync("order", Fail<MutableOrder>);
        Assert.NotSame(first, second);
        Assert.Equal("a", second.Name);

        SharedPrice price = await cache.GetOrCreateAsync("price", _ => ValueTask.FromResult(new SharedPrice(1, 9.5m)));
        Assert.Same(price, await cache.GetOrCreateAsync("price", Fail<SharedPrice>));
    }

    [RedisFact]
    public async Task A_corrupt_or_foreign_L2_value_is_a_miss_not_an_exception()
    {
        IDistributedCache redisCache = Provider().GetRequiredService<IDistributedCache>();
        await redisCache.SetAsync("corrupt", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40]);
        Assert.Equal("fresh", await Instance().GetOrCreateAsync("corrupt", _ => ValueTask.FromResult("fresh")));
    }

    [RedisFact]
    public async Task A_key_longer_than_MaximumKeyLength_bypasses_the_cache()
    {
        HybridCache cache = Instance();
        string key = new('k', 1025);
        int runs = 0;
        await cache.GetOrCreateAsync(key, _ => ValueTask.FromResult(++runs));
        await cache.GetOrCreateAsync(key, _ => ValueTask.FromResult(++runs));
        Assert.Equal(2, runs);

        string control = "line\nbreak";
        await cache.GetOrCreateAsync(control, _ => ValueTask.FromResult(++runs));
        await cache.GetOrCreateAsync(control, _ => ValueTask.FromResult(++runs));
        Assert.Equal(4, runs);
    }

    [RedisFact]
    public async Task A_value_larger_than_MaximumPayloadBytes_is_returned_and_kept_in_the_L1_but_not_written_to_the_L2()
    {
        HybridCache cache = Instance(maximumPayloadBytes: 100);
        string large = new('x', 500);
        Assert.Equal(large, await cache.GetOrCreateAsync("large", _ => ValueTask.FromResult(large)));
        Assert.Null(await Provider().GetRequiredService<IDistributedCache>().GetAsync("large"));
        Assert.Equal(large, await cache.GetOrCreateAsync("large", Fail<string>)); // Kept in the L1.
        Assert.Equal("again", await Instance(maximumPayloadBytes: 100).GetOrCreateAsync("large", _ => ValueTask.FromResult("again")));
    }

    protected static HybridCacheEntryOptions Flags(HybridCacheEntryFlags flags) => new() { Flags = flags };

    protected static ValueTask<T> Fail<T>(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The factory ran although the value is cached.");

    protected HybridCache Instance(Action<IHybridCacheBuilder>? configure = null, long maximumPayloadBytes = 1 << 20) =>
        Provider(configure, maximumPayloadBytes).GetRequiredService<HybridCache>();

    private ServiceProvider Provider(Action<IHybridCacheBuilder>? configure = null, long maximumPayloadBytes = 1 << 20)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStackExchangeRedisCache(o =>
        {
            o.Configuration = redis.ConnectionString;
            o.InstanceName = _prefix;
        });
        IHybridCacheBuilder builder = AddCache(services, maximumPayloadBytes);
        configure?.Invoke(builder);
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    // The bytes of the user's value inside whatever envelope the implementation wrote: found by its known text.
    private async Task<byte[]> RawValueAsync(string key)
    {
        byte[] stored = (await Provider().GetRequiredService<IDistributedCache>().GetAsync(key))!;
        int at = stored.AsSpan().IndexOf("7|seven"u8);
        Assert.True(at >= 0, "the registered serializer's bytes are not in the L2 value");
        return stored.AsSpan(at, 7).ToArray();
    }
}

[Collection(RedisGroup.Name)]
public sealed class MicrosoftHybridCacheContractTests(RedisFixture redis) : HybridCacheContractTests(redis)
{
    protected override IHybridCacheBuilder AddCache(IServiceCollection services, long maximumPayloadBytes) =>
        services.AddHybridCache(o => o.MaximumPayloadBytes = maximumPayloadBytes);
}

[Collection(RedisGroup.Name)]
public sealed class VelithonHybridCacheContractTests(RedisFixture redis) : HybridCacheContractTests(redis)
{
    protected override IHybridCacheBuilder AddCache(IServiceCollection services, long maximumPayloadBytes) =>
        services.AddVelithonHybridCache(o => o.MaximumPayloadBytes = maximumPayloadBytes);
}
