using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Velithon.Memory;

namespace Velithon.Benchmarks;

/// <summary>
/// The pieces of a <c>VelithonHybridCache</c> L1 hit measured one by one (with both HybridCaches' hits beside them) over the 1,024 keys of
/// <see cref="HybridCacheBenchmarks"/>: clock reads, the key check, and the L1 lookup with and without a lifetime.
/// Times are per key.
/// </summary>
[MemoryDiagnoser]
public class HybridHitPartsBenchmarks
{
    private const int KeyCount = 1024;

    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)));

    private string[] _keys = [];
    private readonly ConcurrentDictionary<string, object> _map = new(StringComparer.Ordinal);
    private MemoryBoundedCache<string, string> _withLifetime = null!;
    private MemoryBoundedCache<string, string> _withoutLifetime = null!;

    private static readonly Func<CancellationToken, ValueTask<string>> TextFactory = static _ => ValueTask.FromResult("miss");
    private ServiceProvider _velithonServices = null!;
    private ServiceProvider _microsoftServices = null!;
    private HybridCache _velithon = null!;
    private HybridCache _microsoft = null!;

    [GlobalSetup]
    public void Setup()
    {
        _velithonServices = new ServiceCollection().AddVelithonHybridCache().Services.BuildServiceProvider();
        _microsoftServices = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        _velithon = _velithonServices.GetRequiredService<HybridCache>();
        _microsoft = _microsoftServices.GetRequiredService<HybridCache>();
        _keys = Enumerable.Range(0, KeyCount).Select(i => $"key-{i:D6}").ToArray();
        _withLifetime = new MemoryBoundedCache<string, string>(new MemoryBoundedCacheOptions<string, string> { MaxEntries = 10_000, KeyComparer = StringComparer.Ordinal });
        _withoutLifetime = new MemoryBoundedCache<string, string>(new MemoryBoundedCacheOptions<string, string> { MaxEntries = 10_000, KeyComparer = StringComparer.Ordinal });
        foreach (string key in _keys)
        {
            _map[key] = key;
            _withLifetime.Set(key, key, TimeSpan.FromMinutes(5));
            _withoutLifetime.Set(key, key);
            _velithon.SetAsync(key, "value-" + key).AsTask().GetAwaiter().GetResult();
            _microsoft.SetAsync(key, "value-" + key).AsTask().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _velithonServices.Dispose();
        _microsoftServices.Dispose();
    }

    [Benchmark(OperationsPerInvoke = KeyCount)]
    public int Microsoft_hit() => Hits(_microsoft);

    [Benchmark(OperationsPerInvoke = KeyCount)]
    public int Velithon_hit() => Hits(_velithon);

    [Benchmark(OperationsPerInvoke = KeyCount)]
    public long Clock_DateTime_UtcNow()
    {
        long sum = 0;
        for (int i = 0; i < KeyCount; i++)
        {
            sum += DateTime.UtcNow.Ticks;
        }

        return sum;
    }

    private int Hits(HybridCache cache)
    {
        int length = 0;
        foreach (string key in _keys)
        {
            ValueTask<string> hit = cache.GetOrCreateAsync(key, TextFactory);
            length += (hit.IsCompletedSuccessfully ? hit.Result : hit.AsTask().GetAwaiter().GetResult()).Length;
        }

        return length;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = KeyCount)]
    public long ConcurrentDictionary_lookup()
    {
        long sum = 0;
        foreach (string key in _keys)
        {
            sum += _map.TryGetValue(key, out object? v) ? ((string)v).Length : 0;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = KeyCount)]
    public long L1_lookup_with_lifetime()
    {
        long sum = 0;
        foreach (string key in _keys)
        {
            sum += _withLifetime.TryGet(key, out string? v) ? v.Length : 0;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = KeyCount)]
    public long L1_lookup_without_lifetime()
    {
        long sum = 0;
        foreach (string key in _keys)
        {
            sum += _withoutLifetime.TryGet(key, out string? v) ? v.Length : 0;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = KeyCount)]
    public long Key_check()
    {
        long sum = 0;
        foreach (string key in _keys)
        {
            sum += key.AsSpan().ContainsAny(ControlCharacters) ? 1 : 0;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = KeyCount)]
    public long Clock_Stopwatch()
    {
        long sum = 0;
        for (int i = 0; i < KeyCount; i++)
        {
            sum += Stopwatch.GetTimestamp();
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = KeyCount)]
    public long Clock_TimeProvider_GetUtcNow()
    {
        long sum = 0;
        TimeProvider time = TimeProvider.System;
        for (int i = 0; i < KeyCount; i++)
        {
            sum += time.GetUtcNow().UtcTicks;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = KeyCount)]
    public long Clock_TickCount64()
    {
        long sum = 0;
        for (int i = 0; i < KeyCount; i++)
        {
            sum += Environment.TickCount64;
        }

        return sum;
    }
}
