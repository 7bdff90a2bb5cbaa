using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;

namespace Velithon.Benchmarks;

/// <summary>The 10-property POCO of the JSON benchmarks.</summary>
[VelithonJson]
public partial class JsonPoco
{
    public int Id { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public double Score { get; set; }
    public bool Active { get; set; }
    public DateTime Created { get; set; }
    public long Views { get; set; }
    public decimal Price { get; set; }
    public Guid Key { get; set; }
    public string? Country { get; set; }

    /// <summary>A deterministic instance; <paramref name="i"/> varies every member.</summary>
    public static JsonPoco Create(int i) => new()
    {
        Id = 1000 + i,
        Name = "User Name " + i,
        Email = $"user{i}@example.com",
        Score = 12.5 + (i * 0.731),
        Active = i % 3 != 0,
        Created = new DateTime(2024, 1, 1, 8, 30, 0, DateTimeKind.Utc).AddMinutes(i * 97),
        Views = 1_000_000L * i,
        Price = 19.99m + i,
        Key = new Guid(i, (short)i, (short)(i >> 16), 1, 2, 3, 4, 5, 6, 7, 8),
        Country = (i % 4) switch { 0 => "FR", 1 => "DE", 2 => "US", _ => "JP" },
    };
}

/// <summary>A list of POCOs (the generated entry points take [VelithonJson] types, so the list is a member).</summary>
[VelithonJson]
public partial class JsonPocoList
{
    public List<JsonPoco>? Items { get; set; }

    /// <summary>100 distinct POCOs.</summary>
    public static JsonPocoList Create() => new() { Items = Enumerable.Range(0, 100).Select(JsonPoco.Create).ToList() };
}

/// <summary>STJ source generation with the Web defaults, the baseline.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JsonPoco))]
[JsonSerializable(typeof(JsonPocoList))]
[JsonSerializable(typeof(List<JsonPoco>))]
public partial class JsonBenchmarkContext : JsonSerializerContext;

/// <summary>
/// Serializing into a reused buffer. Baseline: STJ source generation (fast path) through a reused
/// <see cref="Utf8JsonWriter"/>; also STJ reflection; "Limit" copies the same number of output bytes.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public abstract class JsonSerializeBenchmarks<T>
    where T : class, IVelithonJson<T>
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private Utf8JsonWriter _stjWriter = null!;
    private T _value = null!;
    private byte[] _expected = [];

    [GlobalSetup]
    public void Setup()
    {
        _value = CreateValue();
        Reflection = ReflectionOptions();
        _stjWriter = new Utf8JsonWriter(_buffer);
        _expected = JsonSerializer.SerializeToUtf8Bytes(_value, Reflection);
        byte[] velithon = VelithonJson.SerializeToUtf8Bytes(_value);
        if (!velithon.AsSpan().SequenceEqual(_expected))
        {
            throw new InvalidOperationException("Velithon output differs from STJ: " + System.Text.Encoding.UTF8.GetString(velithon));
        }
    }

    /// <summary>Gets STJ reflection's options: the ones the type was compiled for.</summary>
    protected JsonSerializerOptions Reflection { get; private set; } = null!;

    [GlobalCleanup]
    public void Cleanup() => _stjWriter.Dispose();

    [Benchmark(Baseline = true)]
    public int StjSourceGen()
    {
        _buffer.ResetWrittenCount();
        _stjWriter.Reset(_buffer);
        JsonSerializer.Serialize(_stjWriter, _value, TypeInfo);
        _stjWriter.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int StjReflection()
    {
        _buffer.ResetWrittenCount();
        _stjWriter.Reset(_buffer);
        JsonSerializer.Serialize(_stjWriter, _value, Reflection);
        _stjWriter.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int Velithon()
    {
        _buffer.ResetWrittenCount();
        VelithonJson.Serialize(_value, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int Limit()
    {
        _buffer.ResetWrittenCount();
        _expected.AsSpan().CopyTo(_buffer.GetSpan(_expected.Length));
        _buffer.Advance(_expected.Length);
        return _buffer.WrittenCount;
    }

    protected abstract System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> TypeInfo { get; }

    protected abstract T CreateValue();

    /// <summary>STJ's options equal to the settings the type was compiled with (Web defaults unless overridden).</summary>
    protected virtual JsonSerializerOptions ReflectionOptions() => new(JsonSerializerDefaults.Web);
}

/// <summary>Serialize one 10-property POCO.</summary>
[MemoryDiagnoser]
public class JsonSerializePocoBenchmarks : JsonSerializeBenchmarks<JsonPoco>
{
    protected override System.Text.Json.Serialization.Metadata.JsonTypeInfo<JsonPoco> TypeInfo => JsonBenchmarkContext.Default.JsonPoco;

    protected override JsonPoco CreateValue() => JsonPoco.Create(7);
}

/// <summary>Serialize a list of 100 POCOs.</summary>
[MemoryDiagnoser]
public class JsonSerializeListBenchmarks : JsonSerializeBenchmarks<JsonPocoList>
{
    protected override System.Text.Json.Serialization.Metadata.JsonTypeInfo<JsonPocoList> TypeInfo => JsonBenchmarkContext.Default.JsonPocoList;

    protected override JsonPocoList CreateValue() => JsonPocoList.Create();
}
