using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CommunityToolkit.HighPerformance.Buffers;
using Velithon.Memory;

namespace Velithon.Benchmarks;

/// <summary>
/// Interner hits for 64 JSON-property-like keys (5 to 24 chars, a few non-ASCII), from UTF-16 chars and from
/// UTF-8 bytes. Anchor: CommunityToolkit's <see cref="StringPool"/> (whose UTF-8 overload decodes first); a
/// <see cref="ConcurrentDictionary{TKey, TValue}"/> alternate lookup is shown for reference (strong entries,
/// unbounded, no stats).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StringInternerBenchmarks
{
    private const int KeyCount = 64;

    private char[][] _chars = [];
    private byte[][] _utf8 = [];
    private StringInterner _interner = null!;
    private StringPool _pool = null!;
    private ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private string[] _keepAlive = [];

    [GlobalSetup]
    public void Setup()
    {
        string[] stems = ["id", "name", "createdAt", "updatedAt", "userName", "émailAddress", "totalCount", "isActive"];
        _keepAlive = Enumerable.Range(0, KeyCount).Select(i => $"{stems[i % stems.Length]}{i / stems.Length}_x{i}").ToArray();
        _chars = _keepAlive.Select(k => k.ToCharArray()).ToArray();
        _utf8 = _keepAlive.Select(Encoding.UTF8.GetBytes).ToArray();

        _interner = new StringInterner();
        _pool = new StringPool();
        var dictionary = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        foreach (string key in _keepAlive)
        {
            _interner.Intern(key);
            _pool.Add(key);
            dictionary[key] = key;
        }

        _lookup = dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = KeyCount)]
    [BenchmarkCategory("Chars")]
    public int StringPool_Chars()
    {
        int total = 0;
        foreach (char[] key in _chars)
        {
            total += _pool.GetOrAdd(key).Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = KeyCount)]
    [BenchmarkCategory("Chars")]
    public int Interner_Chars()
    {
        int total = 0;
        foreach (char[] key in _chars)
        {
            total += _interner.Intern(key.AsSpan()).Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = KeyCount)]
    [BenchmarkCategory("Chars")]
    public int ConcurrentDictionary_Chars()
    {
        int total = 0;
        foreach (char[] key in _chars)
        {
            _lookup.TryGetValue(key, out string? value);
            total += value!.Length;
        }

        return total;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = KeyCount)]
    [BenchmarkCategory("Utf8")]
    public int StringPool_Utf8()
    {
        int total = 0;
        foreach (byte[] key in _utf8)
        {
            total += _pool.GetOrAdd(key, Encoding.UTF8).Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = KeyCount)]
    [BenchmarkCategory("Utf8")]
    public int Interner_Utf8()
    {
        int total = 0;
        foreach (byte[] key in _utf8)
        {
            total += _interner.InternUtf8(key).Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = KeyCount)]
    [BenchmarkCategory("Utf8")]
    public int ConcurrentDictionary_Utf8()
    {
        int total = 0;
        Span<char> buffer = stackalloc char[64];
        foreach (byte[] key in _utf8)
        {
            Utf8.ToUtf16(key, buffer, out _, out int written);
            _lookup.TryGetValue(buffer[..written], out string? value);
            total += value!.Length;
        }

        return total;
    }
}
