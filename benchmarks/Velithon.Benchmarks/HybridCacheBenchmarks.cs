using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Velithon.Benchmarks.Payloads;
using ZiggyCreatures.Caching.Fusion;

namespace Velithon.Benchmarks;

/// <summary>
/// <c>GetOrCreateAsync</c> L1 hits, one thread, 1,024 keys, no L2: Velithon's <see cref="HybridCache"/> against
/// Microsoft's (the anchor) and FusionCache's <c>GetOrSetAsync</c>. Two groups: a <see cref="string"/> (every cache
/// hands out the stored instance) and a mutable <c>[VelithonJson]</c> object, which both HybridCaches copy on every hit
/// (deserialized from the stored bytes; FusionCache returns the stored instance, so it has no row there). Times are per
/// lookup.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class HybridCacheBenchmarks
{
    private const int KeyCount = 1024;

    // Never called (every lookup hits); cached delegates, so no row allocates one per call.
    private static readonly Func<CancellationToken, ValueTask<string>> TextFactory = static _ => ValueTask.FromResult("miss");
    private static readonly Func<CancellationToken, ValueTask<CatalogueProduct>> ProductFactory = static _ => ValueTask.FromResult(new CatalogueProduct());
    private static readonly Func<FusionCacheFactoryExecutionContext<string>, CancellationToken, Task<string>> FusionFactory = static (_, _) => Task.FromResult("miss");

    private string[] _keys = [];
    private string[] _productKeys = [];
    private ServiceProvider _velithonServices = null!;
    private ServiceProvider _microsoftServices = null!;
    private HybridCache _velithon = null!;
    private HybridCache _microsoft = null!;
    private FusionCache _fusion = null!;

    [GlobalSetup]
    public void Setup()
    {
        _keys = Enumerable.Range(0, KeyCount).Select(i => $"key-{i:D6}").ToArray();
        _productKeys = _keys.Select(k => "p" + k).ToArray();
        _velithonServices = new ServiceCollection().AddVelithonHybridCache().Services.BuildServiceProvider();
        _microsoftServices = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        _velithon = _velithonServices.GetRequiredService<HybridCache>();
        _microsoft = _microsoftServices.GetRequiredService<HybridCache>();
        _fusion = new FusionCache(new FusionCacheOptions());
        CatalogueProduct[] products = CatalogueProduct.Build(KeyCount);
        for (int i = 0; i < KeyCount; i++)
        {
            string text = "value-" + _keys[i];
            CatalogueProduct product = products[i];
            foreach (HybridCache cache in new[] { _velithon, _microsoft })
            {
                cache.SetAsync(_keys[i], text).AsTask().GetAwaiter().GetResult();
                cache.SetAsync(_productKeys[i], product).AsTask().GetAwaiter().GetResult();
            }

            _fusion.Set(_keys[i], text);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _velithonServices.Dispose();
        _microsoftServices.Dispose();
        _fusion.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = KeyCount)]
    [BenchmarkCategory("string")]
    public int Microsoft_string() => Hits(_microsoft, _keys);

    [Benchmark(OperationsPerInvoke = KeyCount)]
    [BenchmarkCategory("string")]
    public int Velithon_string() => Hits(_velithon, _keys);

    [Benchmark(OperationsPerInvoke = KeyCount)]
    [BenchmarkCategory("string")]
    public int FusionCache_string() => FusionHits(_fusion, _keys);

    [Benchmark(Baseline = true, OperationsPerInvoke = KeyCount)]
    [BenchmarkCategory("object (copied)")]
    public int Microsoft_object() => ObjectHits(_microsoft, _productKeys);

    [Benchmark(OperationsPerInvoke = KeyCount)]
    [BenchmarkCategory("object (copied)")]
    public int Velithon_object() => ObjectHits(_velithon, _productKeys);

    /// <summary>String hits through <c>GetOrCreateAsync</c> (the factory never runs); the total length, so none is optimized away.</summary>
    internal static int Hits(HybridCache cache, string[] keys)
    {
        int length = 0;
        foreach (string key in keys)
        {
            ValueTask<string> hit = cache.GetOrCreateAsync(key, TextFactory);
            length += (hit.IsCompletedSuccessfully ? hit.Result : hit.AsTask().GetAwaiter().GetResult()).Length;
        }

        return length;
    }

    /// <summary>String hits through FusionCache's <c>GetOrSetAsync</c>, as <see cref="Hits"/>.</summary>
    internal static int FusionHits(FusionCache cache, string[] keys)
    {
        int length = 0;
        foreach (string key in keys)
        {
            ValueTask<string> hit = cache.GetOrSetAsync<string>(key, FusionFactory, default(MaybeValue<string>));
            length += (hit.IsCompletedSuccessfully ? hit.Result : hit.AsTask().GetAwaiter().GetResult()).Length;
        }

        return length;
    }

    private static int ObjectHits(HybridCache cache, string[] keys)
    {
        int sum = 0;
        foreach (string key in keys)
        {
            ValueTask<CatalogueProduct> hit = cache.GetOrCreateAsync(key, ProductFactory);
            sum += (hit.IsCompletedSuccessfully ? hit.Result : hit.AsTask().GetAwaiter().GetResult()).Id;
        }

        return sum;
    }
}
