using System.Collections.Frozen;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CommunityToolkit.HighPerformance.Buffers;

namespace Velithon.Benchmarks.Interning;

/// <summary>
/// Hits in an <c>[InternedStrings]</c> table of 16, 256 or 4096 strings (header names; generated JSON-property-like
/// names with shared prefixes and some non-ASCII, see generate_tables.py), from UTF-8 bytes and from chars. Each
/// invocation looks up 64 keys spread over the table. Anchors: CommunityToolkit's <see cref="StringPool"/>
/// (the UTF-8 overload decodes with <see cref="Encoding"/> first), a <see cref="FrozenDictionary{TKey, TValue}"/>
/// alternate lookup (UTF-8 decoded to a stack buffer first), and a <see cref="Dictionary{TKey, TValue}"/> with
/// <see cref="Encoding.GetString(byte[])"/> (bytes) or its alternate lookup (chars).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class InternedStringsBenchmarks
{
    private const int Probes = 64;

    private byte[][] _utf8 = [];
    private char[][] _chars = [];
    private StringPool _pool = null!;
    private FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _frozen;
    private Dictionary<string, string> _dictionary = null!;
    private Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _dictionaryChars;

    [Params(16, 256, 4096)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        IReadOnlyList<string> all = Size switch
        {
            16 => BenchTable16.All,
            256 => BenchTable256.All,
            4096 => BenchTable4096.All,
            _ => throw new InvalidOperationException("No table of size " + Size),
        };

        // Probes spread evenly over the table, as fresh arrays (a hit cannot come from the probe's own reference).
        string[] probes = Enumerable.Range(0, Probes).Select(i => all[(int)((long)i * all.Count / Probes)]).ToArray();
        _utf8 = probes.Select(Encoding.UTF8.GetBytes).ToArray();
        _chars = probes.Select(p => p.ToCharArray()).ToArray();

        _pool = new StringPool();
        _dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string value in all)
        {
            _pool.Add(value);
            _dictionary[value] = value;
        }

        _frozen = _dictionary.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _dictionaryChars = _dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    // ---- from UTF-8 ----

    [Benchmark(Baseline = true, OperationsPerInvoke = Probes)]
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

    [Benchmark(OperationsPerInvoke = Probes)]
    [BenchmarkCategory("Utf8")]
    public int Dictionary_GetString_Utf8()
    {
        int total = 0;
        foreach (byte[] key in _utf8)
        {
            total += _dictionary.TryGetValue(Encoding.UTF8.GetString(key), out string? value) ? value.Length : 0;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Probes)]
    [BenchmarkCategory("Utf8")]
    public int Frozen_Decoded_Utf8()
    {
        int total = 0;
        Span<char> buffer = stackalloc char[256];
        foreach (byte[] key in _utf8)
        {
            int length = Encoding.UTF8.GetChars(key, buffer);
            total += _frozen.TryGetValue(buffer[..length], out string? value) ? value.Length : 0;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Probes)]
    [BenchmarkCategory("Utf8")]
    public int Table_Utf8() => Size switch
    {
        16 => Utf8Table16(),
        256 => Utf8Table256(),
        _ => Utf8Table4096(),
    };

    // ---- from chars ----

    [Benchmark(Baseline = true, OperationsPerInvoke = Probes)]
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

    [Benchmark(OperationsPerInvoke = Probes)]
    [BenchmarkCategory("Chars")]
    public int Dictionary_Chars()
    {
        int total = 0;
        foreach (char[] key in _chars)
        {
            total += _dictionaryChars.TryGetValue(key, out string? value) ? value.Length : 0;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Probes)]
    [BenchmarkCategory("Chars")]
    public int Frozen_Chars()
    {
        int total = 0;
        foreach (char[] key in _chars)
        {
            total += _frozen.TryGetValue(key, out string? value) ? value.Length : 0;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Probes)]
    [BenchmarkCategory("Chars")]
    public int Table_Chars() => Size switch
    {
        16 => CharsTable16(),
        256 => CharsTable256(),
        _ => CharsTable4096(),
    };

    // One loop per table, so the generated TryGet is called directly (the size switch runs once per invocation).

    private int Utf8Table16()
    {
        int total = 0;
        foreach (byte[] key in _utf8)
        {
            total += BenchTable16.TryGet(key, out string? value) ? value.Length : 0;
        }

        return total;
    }

    private int Utf8Table256()
    {
        int total = 0;
        foreach (byte[] key in _utf8)
        {
            total += BenchTable256.TryGet(key, out string? value) ? value.Length : 0;
        }

        return total;
    }

    private int Utf8Table4096()
    {
        int total = 0;
        foreach (byte[] key in _utf8)
        {
            total += BenchTable4096.TryGet(key, out string? value) ? value.Length : 0;
        }

        return total;
    }

    private int CharsTable16()
    {
        int total = 0;
        foreach (char[] key in _chars)
        {
            total += BenchTable16.TryGet(key, out string? value) ? value.Length : 0;
        }

        return total;
    }

    private int CharsTable256()
    {
        int total = 0;
        foreach (char[] key in _chars)
        {
            total += BenchTable256.TryGet(key, out string? value) ? value.Length : 0;
        }

        return total;
    }

    private int CharsTable4096()
    {
        int total = 0;
        foreach (char[] key in _chars)
        {
            total += BenchTable4096.TryGet(key, out string? value) ? value.Length : 0;
        }

        return total;
    }
}
