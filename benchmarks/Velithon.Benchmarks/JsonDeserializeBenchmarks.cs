using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;

namespace Velithon.Benchmarks;

/// <summary>
/// Deserializing from UTF-8 bytes. Baseline: STJ source generation; also STJ reflection; "Limit" copies the input bytes once.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public abstract class JsonDeserializeBenchmarks<T>
    where T : class, IVelithonJson<T>
{
    private byte[] _json = [];
    private byte[] _copy = [];

    [GlobalSetup]
    public void Setup()
    {
        Reflection = ReflectionOptions();
        _json = JsonSerializer.SerializeToUtf8Bytes(CreateValue(), Reflection);
        _copy = new byte[_json.Length];
        byte[] again = JsonSerializer.SerializeToUtf8Bytes(VelithonJson.Deserialize<T>(_json), Reflection);
        if (!again.AsSpan().SequenceEqual(_json))
        {
            throw new InvalidOperationException("Velithon read a different value than was written.");
        }
    }

    /// <summary>Gets STJ reflection's options: the ones the type was compiled for.</summary>
    protected JsonSerializerOptions Reflection { get; private set; } = null!;

    [Benchmark(Baseline = true)]
    public T? StjSourceGen() => JsonSerializer.Deserialize(_json, TypeInfo);

    [Benchmark]
    public T? StjReflection() => JsonSerializer.Deserialize<T>(_json, Reflection);

    [Benchmark]
    public T? Velithon() => VelithonJson.Deserialize<T>(_json);

    [Benchmark]
    public int Limit()
    {
        _json.AsSpan().CopyTo(_copy);
        return _copy.Length;
    }

    protected abstract JsonTypeInfo<T> TypeInfo { get; }

    protected abstract T CreateValue();

    /// <summary>STJ's options equal to the settings the type was compiled with (Web defaults unless overridden).</summary>
    protected virtual JsonSerializerOptions ReflectionOptions() => new(JsonSerializerDefaults.Web);
}

/// <summary>Deserialize one 10-property POCO.</summary>
[MemoryDiagnoser]
public class JsonDeserializePocoBenchmarks : JsonDeserializeBenchmarks<JsonPoco>
{
    protected override JsonTypeInfo<JsonPoco> TypeInfo => JsonBenchmarkContext.Default.JsonPoco;

    protected override JsonPoco CreateValue() => JsonPoco.Create(7);
}

/// <summary>Deserialize a list of 100 POCOs.</summary>
[MemoryDiagnoser]
public class JsonDeserializeListBenchmarks : JsonDeserializeBenchmarks<JsonPocoList>
{
    protected override JsonTypeInfo<JsonPocoList> TypeInfo => JsonBenchmarkContext.Default.JsonPocoList;

    protected override JsonPocoList CreateValue() => JsonPocoList.Create();
}
