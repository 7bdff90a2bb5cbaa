using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Velithon;
using Velithon.Json;

namespace Velithon.Benchmarks;

/// <summary>
/// Primitive writes into a reused <see cref="ArrayBufferWriter{T}"/>: the generated code's writer against
/// <see cref="Utf8JsonWriter"/> (the anchor, reset and reused, default encoder, validation off) writing the same values.
/// Each operation writes an array of 16 values of one kind.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JsonWriterBenchmarks
{
    private const int Count = 16;

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly string _ascii = "customer-name-with-plain-ascii-text";
    private readonly string _escaped = "Grüße <b>\"quoted\"</b> 😀";
    private readonly DateTime _date = new(2024, 5, 6, 7, 8, 9, 120, DateTimeKind.Utc);
    private readonly DateTimeOffset _offset = new(2024, 5, 6, 7, 8, 9, 120, TimeSpan.FromHours(2));
    private readonly decimal[] _decimals = new decimal[Count];
    private Utf8JsonWriter _stj = null!;

    [GlobalSetup]
    public void Setup()
    {
        _stj = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });

        // Prices and amounts: scales 0 to 4, a few signs.
        for (int i = 0; i < Count; i++)
        {
            _decimals[i] = new decimal((i * 7919) + 99, 0, 0, i % 5 == 0, (byte)(i % 5));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _stj.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("int")]
    public void Stj_Int32()
    {
        Reset();
        _stj.WriteStartArray();
        for (int i = 0; i < Count; i++)
        {
            _stj.WriteNumberValue(i * 7919);
        }

        _stj.WriteEndArray();
        _stj.Flush();
    }

    [Benchmark, BenchmarkCategory("int")]
    public void Velithon_Int32()
    {
        _buffer.ResetWrittenCount();
        var writer = new VelithonJsonWriter(_buffer, VelithonJsonOptions.Default);
        writer.WriteStartArray();
        for (int i = 0; i < Count; i++)
        {
            if (i != 0)
            {
                writer.WriteRaw(","u8);
            }

            writer.WriteNumber(i * 7919);
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("float")]
    public void Stj_Single()
    {
        Reset();
        _stj.WriteStartArray();
        for (int i = 0; i < Count; i++)
        {
            _stj.WriteNumberValue(i * 0.1f);
        }

        _stj.WriteEndArray();
        _stj.Flush();
    }

    [Benchmark, BenchmarkCategory("float")]
    public void Velithon_Single()
    {
        _buffer.ResetWrittenCount();
        var writer = new VelithonJsonWriter(_buffer, VelithonJsonOptions.Default);
        writer.WriteStartArray();
        for (int i = 0; i < Count; i++)
        {
            if (i != 0)
            {
                writer.WriteRaw(","u8);
            }

            writer.WriteNumber(i * 0.1f);
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("double")]
    public void Stj_Double()
    {
        Reset();
        _stj.WriteStartArray();
        for (int i = 0; i < Count; i++)
        {
            _stj.WriteNumberValue(i * 0.1);
        }

        _stj.WriteEndArray();
        _stj.Flush();
    }

    [Benchmark, BenchmarkCategory("double")]
    public void Velithon_Double()
    {
        _buffer.ResetWrittenCount();
        var writer = new VelithonJsonWriter(_buffer, VelithonJsonOptions.Default);
        writer.WriteStartArray();
        for (int i = 0; i < Count; i++)
        {
            if (i != 0)
            {
                writer.WriteRaw(","u8);
            }

            writer.WriteNumber(i * 0.1);
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("ascii string")]
    public void Stj_AsciiString() => StjStrings(_ascii);

    [Benchmark, BenchmarkCategory("ascii string")]
    public void Velithon_AsciiString() => VelithonStrings(_ascii);

    [Benchmark(Baseline = true), BenchmarkCategory("escaped string")]
    public void Stj_EscapedString() => StjStrings(_escaped);

    [Benchmark, BenchmarkCategory("escaped string")]
    public void Velithon_EscapedString() => VelithonStrings(_escaped);

    [Benchmark(Baseline = true), BenchmarkCategory("DateTime")]
    public void Stj_DateTime()
    {
        Reset();
        _stj.WriteStartArray();
        for (int i = 0; i < Count; i++)
        {
            _stj.WriteStringValue(_date);
        }

        _stj.WriteEndArray();
        _stj.Flush();
    }

    [Benchmark, BenchmarkCategory("DateTime")]
    public void Velithon_DateTime()
    {
        _buffer.ResetWrittenCount();
        var writer = new VelithonJsonWriter(_buffer, VelithonJsonOptions.Default);
        writer.WriteStartArray();
        for (int i = 0; i < Count; i++)
        {
            if (i != 0)
            {
                writer.WriteRaw(","u8);
            }

            writer.WriteString(_date);
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("DateTimeOffset")]
    public void Stj_DateTimeOffset()
    {
        Reset();
        _stj.WriteStartArray();
        for (int i = 0; i < Count; i++)
        {
            _stj.WriteStringValue(_offset);
        }

        _stj.WriteEndArray();
        _stj.Flush();
    }

    [Benchmark, BenchmarkCategory("DateTimeOffset")]
    public void Velithon_DateTimeOffset()
    {
        _buffer.ResetWrittenCount();
        var writer = new VelithonJsonWriter(_buffer, VelithonJsonOptions.Default);
        writer.WriteStartArray();
        for (int i = 0; i < Count; i++)
        {
            if (i != 0)
            {
                writer.WriteRaw(","u8);
            }

            writer.WriteString(_offset);
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("decimal")]
    public void Stj_Decimal()
    {
        Reset();
        _stj.WriteStartArray();
        foreach (decimal value in _decimals)
        {
            _stj.WriteNumberValue(value);
        }

        _stj.WriteEndArray();
        _stj.Flush();
    }

    [Benchmark, BenchmarkCategory("decimal")]
    public void Velithon_Decimal()
    {
        _buffer.ResetWrittenCount();
        var writer = new VelithonJsonWriter(_buffer, VelithonJsonOptions.Default);
        writer.WriteStartArray();
        for (int i = 0; i < _decimals.Length; i++)
        {
            if (i != 0)
            {
                writer.WriteRaw(","u8);
            }

            writer.WriteNumber(_decimals[i]);
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    private void Reset()
    {
        _buffer.ResetWrittenCount();
        _stj.Reset(_buffer);
    }

    private void StjStrings(string value)
    {
        Reset();
        _stj.WriteStartArray();
        for (int i = 0; i < Count; i++)
        {
            _stj.WriteStringValue(value);
        }

        _stj.WriteEndArray();
        _stj.Flush();
    }

    private void VelithonStrings(string value)
    {
        _buffer.ResetWrittenCount();
        var writer = new VelithonJsonWriter(_buffer, VelithonJsonOptions.Default);
        writer.WriteStartArray();
        for (int i = 0; i < Count; i++)
        {
            if (i != 0)
            {
                writer.WriteRaw(","u8);
            }

            writer.WriteString(value);
        }

        writer.WriteEndArray();
        writer.Flush();
    }
}
