using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Velithon.Benchmarks;

/// <summary>A generic page: its items are written and read through <c>JsonValueHandler&lt;T&gt;</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
[VelithonJson]
public partial class JsonPage<T>
{
    public int Number { get; set; }
    public int Total { get; set; }
    public List<T> Items { get; set; } = [];
    public string? NextCursor { get; set; }
}

/// <summary>STJ source generation with the Web defaults for the generic page, the baseline.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JsonPage<JsonPoco>))]
public partial class JsonGenericBenchmarkContext : JsonSerializerContext;

/// <summary>
/// <c>JsonPage&lt;JsonPoco&gt;</c> of 100 items: serialize into a reused buffer and deserialize from bytes, each against
/// STJ source generation (the baseline of its category) in the same run.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JsonGenericBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private Utf8JsonWriter _stjWriter = null!;
    private JsonPage<JsonPoco> _value = null!;
    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        _value = new JsonPage<JsonPoco> { Number = 3, Total = 1000, Items = Enumerable.Range(0, 100).Select(JsonPoco.Create).ToList(), NextCursor = "c-4" };
        _stjWriter = new Utf8JsonWriter(_buffer);
        _json = JsonSerializer.SerializeToUtf8Bytes(_value, JsonGenericBenchmarkContext.Default.JsonPageJsonPoco);
        if (!VelithonJson.SerializeToUtf8Bytes(_value).AsSpan().SequenceEqual(_json))
        {
            throw new InvalidOperationException("Velithon output differs from STJ.");
        }

        byte[] again = JsonSerializer.SerializeToUtf8Bytes(VelithonJson.Deserialize<JsonPage<JsonPoco>>(_json), JsonGenericBenchmarkContext.Default.JsonPageJsonPoco);
        if (!again.AsSpan().SequenceEqual(_json))
        {
            throw new InvalidOperationException("Velithon read a different value than was written.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _stjWriter.Dispose();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Serialize")]
    public int SerializeStjSourceGen()
    {
        _buffer.ResetWrittenCount();
        _stjWriter.Reset(_buffer);
        JsonSerializer.Serialize(_stjWriter, _value, JsonGenericBenchmarkContext.Default.JsonPageJsonPoco);
        _stjWriter.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark]
    [BenchmarkCategory("Serialize")]
    public int SerializeVelithon()
    {
        _buffer.ResetWrittenCount();
        VelithonJson.Serialize(_value, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Deserialize")]
    public JsonPage<JsonPoco>? DeserializeStjSourceGen() => JsonSerializer.Deserialize(_json, JsonGenericBenchmarkContext.Default.JsonPageJsonPoco);

    [Benchmark]
    [BenchmarkCategory("Deserialize")]
    public JsonPage<JsonPoco>? DeserializeVelithon() => VelithonJson.Deserialize<JsonPage<JsonPoco>>(_json);
}
