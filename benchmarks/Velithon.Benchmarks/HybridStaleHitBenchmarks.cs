using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Velithon.AspNetCore.HybridCaching;
using ZiggyCreatures.Caching.Fusion;

namespace Velithon.Benchmarks;

/// <summary>
/// Issue 19's "a stale-serving hit costs no more than a fresh hit": <c>GetOrCreateAsync</c> L1 hits over 1,024 fresh
/// keys (the anchor) and over 1,024 keys whose entries expired and whose factory then threw, so fail-safe serves the
/// kept value for its throttle window; FusionCache's fail-safe beside it, set up the same way. Times are per lookup.
/// </summary>
[MemoryDiagnoser]
public class HybridStaleHitBenchmarks
{
    private const int KeyCount = 1024;
    private static readonly TimeSpan ShortLife = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static readonly Func<CancellationToken, ValueTask<string>> FailingFactory = static _ => throw new InvalidOperationException("the database is down");
    private static readonly Func<FusionCacheFactoryExecutionContext<string>, CancellationToken, Task<string>> FusionFailingFactory = static (_, _) => throw new InvalidOperationException("the database is down");

    private string[] _freshKeys = [];
    private string[] _staleKeys = [];
    private ServiceProvider _services = null!;
    private HybridCache _velithon = null!;
    private FusionCache _fusion = null!;

    [GlobalSetup]
    public void Setup()
    {
        _freshKeys = Enumerable.Range(0, KeyCount).Select(i => $"fkey-{i:D6}").ToArray();
        _staleKeys = _freshKeys.Select(k => "s" + k).ToArray();
        _services = new ServiceCollection()
            .AddVelithonHybridCache(o =>
            {
                o.FailSafeMaxDuration = Hour;
                o.FailSafeThrottleDuration = Hour;
            })
            .Services.BuildServiceProvider();
        _velithon = _services.GetRequiredService<HybridCache>();
        _fusion = new FusionCache(new FusionCacheOptions
        {
            DefaultEntryOptions = new FusionCacheEntryOptions
            {
                IsFailSafeEnabled = true,
                FailSafeMaxDuration = Hour,
                FailSafeThrottleDuration = Hour,
            },
        });

        var shortEntry = new HybridCacheEntryOptions { Expiration = ShortLife, LocalCacheExpiration = ShortLife };
        for (int i = 0; i < KeyCount; i++)
        {
            _velithon.SetAsync(_freshKeys[i], "value-" + _freshKeys[i]).AsTask().GetAwaiter().GetResult();
            _velithon.SetAsync(_staleKeys[i], "value-" + _staleKeys[i], shortEntry).AsTask().GetAwaiter().GetResult();
            _fusion.Set(_freshKeys[i], "value-" + _freshKeys[i], options => options.SetDuration(Hour));
            _fusion.Set(_staleKeys[i], "value-" + _staleKeys[i], options => options.SetDuration(ShortLife));
        }

        Thread.Sleep(ShortLife * 4);

        // The factory fails once for each expired key: both caches return the kept value and serve it for the throttle.
        foreach (string key in _staleKeys)
        {
            string velithon = _velithon.GetOrCreateAsync(key, FailingFactory).AsTask().GetAwaiter().GetResult();
            string fusion = _fusion.GetOrSetAsync<string>(key, FusionFailingFactory).AsTask().GetAwaiter().GetResult();
            if (velithon != "value-" + key || fusion != "value-" + key)
            {
                throw new InvalidOperationException($"Fail-safe did not return the kept value of '{key}'.");
            }
        }

        // The rows measure hits: the kept value, served without calling the factory.
        if (HybridCacheBenchmarks.Hits(_velithon, _staleKeys) != HybridCacheBenchmarks.Hits(_velithon, _freshKeys) + KeyCount
            || HybridCacheBenchmarks.FusionHits(_fusion, _staleKeys) != HybridCacheBenchmarks.FusionHits(_fusion, _freshKeys) + KeyCount)
        {
            throw new InvalidOperationException("A stale key was not served from the cache.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _fusion.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = KeyCount)]
    public int Velithon_fresh() => HybridCacheBenchmarks.Hits(_velithon, _freshKeys);

    [Benchmark(OperationsPerInvoke = KeyCount)]
    public int Velithon_failSafeStale() => HybridCacheBenchmarks.Hits(_velithon, _staleKeys);

    [Benchmark(OperationsPerInvoke = KeyCount)]
    public int FusionCache_fresh() => HybridCacheBenchmarks.FusionHits(_fusion, _freshKeys);

    [Benchmark(OperationsPerInvoke = KeyCount)]
    public int FusionCache_failSafeStale() => HybridCacheBenchmarks.FusionHits(_fusion, _staleKeys);
}
