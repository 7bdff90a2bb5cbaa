using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Velithon.Benchmarks.Payloads;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Velithon.Benchmarks;

/// <summary>
/// <c>GetOrCreateAsync</c> of a value another instance stored: an L1 miss, then an L2 hit in Redis on loopback (one
/// thread, 256 keys, each read once per iteration by an instance created for the iteration, so its L1 is empty). The
/// L2 is the same <c>IDistributedCache</c> (<c>Microsoft.Extensions.Caching.StackExchangeRedis</c>) for Velithon's
/// <see cref="HybridCache"/>, Microsoft's (the anchor) and FusionCache; the value is the catalogue's product, a mutable
/// <c>[VelithonJson]</c> class (Velithon reads it with the generated code, the others with System.Text.Json).
/// Needs a Redis server: <c>VELITHON_BENCH_REDIS=127.0.0.1:6390</c> (see docs/benchmarks.md for the command).
/// </summary>
[MemoryDiagnoser]
public class HybridCacheL2Benchmarks
{
    private const int KeyCount = 256;

    private static readonly Func<CancellationToken, ValueTask<CatalogueProduct>> Factory = static _ => throw new InvalidOperationException("an L2 hit was expected");
    private static readonly Func<FusionCacheFactoryExecutionContext<CatalogueProduct>, CancellationToken, Task<CatalogueProduct>> FusionFactory =
        static (_, _) => throw new InvalidOperationException("an L2 hit was expected");

    private readonly List<IDisposable> _owned = [];
    private RedisCache _l2 = null!;
    private string[] _keys = [];
    private HybridCache _microsoft = null!;
    private HybridCache _velithon = null!;
    private FusionCache _fusion = null!;

    [GlobalSetup]
    public void Setup()
    {
        string redis = Environment.GetEnvironmentVariable("VELITHON_BENCH_REDIS")
            ?? throw new InvalidOperationException("Set VELITHON_BENCH_REDIS to a Redis server (host:port) this benchmark may fill.");
        _l2 = new RedisCache(new RedisCacheOptions { Configuration = redis, InstanceName = "bench-l2:" });
        _keys = Enumerable.Range(0, KeyCount).Select(i => $"key-{i:D6}").ToArray();
        CatalogueProduct[] products = CatalogueProduct.Build(KeyCount);
        HybridCache microsoft = Microsoft();
        HybridCache velithon = Velithon();
        FusionCache fusion = Fusion();
        for (int i = 0; i < KeyCount; i++)
        {
            microsoft.SetAsync("ms:" + _keys[i], products[i]).AsTask().GetAwaiter().GetResult();
            velithon.SetAsync("vl:" + _keys[i], products[i]).AsTask().GetAwaiter().GetResult();
            fusion.Set("fu:" + _keys[i], products[i]);
        }
    }

    [IterationSetup]
    public void FreshInstances()
    {
        _microsoft = Microsoft();
        _velithon = Velithon();
        _fusion = Fusion();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }

        _l2.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = KeyCount)]
    public Task<int> Microsoft_L2_hit() => ReadAllAsync("ms:", key => _microsoft.GetOrCreateAsync(key, Factory));

    [Benchmark(OperationsPerInvoke = KeyCount)]
    public Task<int> Velithon_L2_hit() => ReadAllAsync("vl:", key => _velithon.GetOrCreateAsync(key, Factory));

    [Benchmark(OperationsPerInvoke = KeyCount)]
    public Task<int> FusionCache_L2_hit() => ReadAllAsync("fu:", key => _fusion.GetOrSetAsync(key, FusionFactory, default(MaybeValue<CatalogueProduct>)));

    // One read per key, in order (a delegate call is nothing beside a Redis round trip).
    private async Task<int> ReadAllAsync(string prefix, Func<string, ValueTask<CatalogueProduct>> read)
    {
        int sum = 0;
        foreach (string key in _keys)
        {
            sum += (await read(prefix + key)).Id;
        }

        return sum;
    }

    private HybridCache Microsoft()
    {
        ServiceProvider services = new ServiceCollection().AddSingleton<IDistributedCache>(_l2).AddHybridCache().Services.BuildServiceProvider();
        _owned.Add(services);
        return services.GetRequiredService<HybridCache>();
    }

    private HybridCache Velithon()
    {
        ServiceProvider services = new ServiceCollection().AddSingleton<IDistributedCache>(_l2).AddVelithonHybridCache().Services.BuildServiceProvider();
        _owned.Add(services);
        return services.GetRequiredService<HybridCache>();
    }

    private FusionCache Fusion()
    {
        var fusion = new FusionCache(new FusionCacheOptions());
        fusion.SetupDistributedCache(_l2, new FusionCacheSystemTextJsonSerializer());
        _owned.Add(fusion);
        return fusion;
    }
}
