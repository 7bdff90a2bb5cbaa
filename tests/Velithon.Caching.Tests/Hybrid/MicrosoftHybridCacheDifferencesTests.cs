using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Velithon.Caching.Tests.Hybrid;

/// <summary>
/// Where Microsoft's HybridCache (the pinned version) and Velithon's differ on purpose, pinned so docs/caching.md stays
/// true: Microsoft's has no eviction bus, so an instance that holds an L1 copy keeps serving it after another instance
/// evicted its tag (Velithon's with <c>UseRedis</c> drops it: see VelithonHybridCacheTests).
/// </summary>
[Collection(RedisGroup.Name)]
public sealed class MicrosoftHybridCacheDifferencesTests(RedisFixture redis) : IDisposable
{
    private readonly string _prefix = "mhd-" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [RedisFact]
    public async Task Microsofts_keeps_another_instances_L1_copy_after_RemoveByTagAsync()
    {
        HybridCache a = Instance();
        HybridCache b = Instance();
        await a.SetAsync("tagged", "v1", tags: ["orders"]);
        Assert.Equal("v1", await b.GetOrCreateAsync("tagged", static _ => ValueTask.FromResult("unexpected"), tags: ["orders"]));

        await a.RemoveByTagAsync("orders");

        Assert.Equal("v1", await b.GetOrCreateAsync("tagged", static _ => ValueTask.FromResult("v2"), tags: ["orders"]));
    }

    private HybridCache Instance()
    {
        var services = new ServiceCollection();
        services.AddStackExchangeRedisCache(o =>
        {
            o.Configuration = redis.ConnectionString;
            o.InstanceName = _prefix;
        });
        services.AddHybridCache();
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<HybridCache>();
    }
}
