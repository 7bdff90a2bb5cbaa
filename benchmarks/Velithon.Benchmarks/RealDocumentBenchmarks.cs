using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Velithon.Benchmarks.Documents;

namespace Velithon.Benchmarks;

/// <summary>
/// One of the classic documents (benchmarks/Documents) read from its published bytes and written into a reused
/// buffer, the generated code against System.Text.Json source generation with the same settings (the baseline of each
/// category), beside two limits: the tokenizer alone over the published bytes (<see cref="Utf8JsonReader"/>, what any
/// reader built on it does at least) and copying the written bytes (what any writer does at least).
/// </summary>
/// <typeparam name="T">The document's root type.</typeparam>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public abstract class RealDocumentBenchmarks<T>
    where T : class, IVelithonJson<T>
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 22);
    private Utf8JsonWriter _stjWriter = null!;
    private byte[] _document = [];
    private byte[] _written = [];
    private T _value = null!;

    /// <summary>The document's file name without extension.</summary>
    protected abstract string Name { get; }

    /// <summary>The STJ source-generated metadata with the model's settings.</summary>
    protected abstract JsonTypeInfo<T> StjInfo { get; }

    [GlobalSetup]
    public void Setup()
    {
        _document = RealDocuments.Load(Name);
        _value = JsonSerializer.Deserialize(_document, StjInfo)!;
        _written = JsonSerializer.SerializeToUtf8Bytes(_value, StjInfo);
        _stjWriter = new Utf8JsonWriter(_buffer);
        if (!VelithonJson.SerializeToUtf8Bytes(_value).AsSpan().SequenceEqual(_written))
        {
            throw new InvalidOperationException($"{Name}: Velithon output differs from STJ.");
        }

        var again = JsonSerializer.SerializeToUtf8Bytes(VelithonJson.Deserialize<T>(_document)!, StjInfo);
        if (!again.AsSpan().SequenceEqual(_written))
        {
            throw new InvalidOperationException($"{Name}: Velithon read a different value than STJ.");
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
        JsonSerializer.Serialize(_stjWriter, _value, StjInfo);
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

    [Benchmark]
    [BenchmarkCategory("Serialize")]
    public int SerializeLimitCopyBytes()
    {
        _buffer.ResetWrittenCount();
        _buffer.Write(_written);
        return _buffer.WrittenCount;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Deserialize")]
    public T? DeserializeStjSourceGen() => JsonSerializer.Deserialize(_document, StjInfo);

    [Benchmark]
    [BenchmarkCategory("Deserialize")]
    public T? DeserializeVelithon() => VelithonJson.Deserialize<T>(_document);

    [Benchmark]
    [BenchmarkCategory("Deserialize")]
    public int DeserializeLimitTokenizer()
    {
        var reader = new Utf8JsonReader(_document);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }
}

/// <summary>twitter.json: snake_case, nested users and entities, nulls, CJK text.</summary>
public class TwitterDocumentBenchmarks : RealDocumentBenchmarks<TwitterSearch>
{
    protected override string Name => "twitter";

    protected override JsonTypeInfo<TwitterSearch> StjInfo => TwitterJsonContext.Default.TwitterSearch;
}

/// <summary>canada.json: 111,126 coordinate pairs.</summary>
public class CanadaDocumentBenchmarks : RealDocumentBenchmarks<CanadaGeoJson>
{
    protected override string Name => "canada";

    protected override JsonTypeInfo<CanadaGeoJson> StjInfo => WebDocumentsJsonContext.Default.CanadaGeoJson;
}

/// <summary>citm_catalog.json: dictionaries keyed by ids.</summary>
public class CitmCatalogDocumentBenchmarks : RealDocumentBenchmarks<CitmCatalog>
{
    protected override string Name => "citm_catalog";

    protected override JsonTypeInfo<CitmCatalog> StjInfo => WebDocumentsJsonContext.Default.CitmCatalog;
}
