using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Velithon.Benchmarks;

/// <summary>A polymorphic event: string discriminators, three derived types.</summary>
[VelithonJson]
[JsonDerivedType(typeof(BenchOrderPlaced), "placed")]
[JsonDerivedType(typeof(BenchOrderShipped), "shipped")]
[JsonDerivedType(typeof(BenchOrderCancelled), "cancelled")]
public abstract partial class BenchOrderEvent
{
    public long OrderId { get; set; }
    public DateTimeOffset At { get; set; }
}

[VelithonJson]
public partial class BenchOrderPlaced : BenchOrderEvent
{
    public string Customer { get; set; } = "";
    public decimal Total { get; set; }
    public int Lines { get; set; }
}

[VelithonJson]
public partial class BenchOrderShipped : BenchOrderEvent
{
    public string Carrier { get; set; } = "";
    public string? TrackingCode { get; set; }
}

[VelithonJson]
public partial class BenchOrderCancelled : BenchOrderEvent
{
    public string Reason { get; set; } = "";
    public bool Refunded { get; set; }
}

/// <summary>The list of events, as a request or response body would hold it.</summary>
[VelithonJson]
public partial class BenchOrderFeed
{
    public List<BenchOrderEvent> Events { get; set; } = [];
}

/// <summary>STJ source generation with the Web defaults and the same attributes, the baseline.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BenchOrderFeed))]
public partial class JsonPolymorphicBenchmarkContext : JsonSerializerContext;

/// <summary>
/// A list of 100 mixed derived types: serialize into a reused buffer and deserialize from bytes, each against STJ source
/// generation (the baseline of its category) in the same run.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JsonPolymorphicBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private Utf8JsonWriter _stjWriter = null!;
    private BenchOrderFeed _value = null!;
    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        _value = new BenchOrderFeed
        {
            Events = Enumerable.Range(0, 100).Select(i => (i % 3) switch
            {
                0 => (BenchOrderEvent)new BenchOrderPlaced { OrderId = 1000 + i, At = at.AddMinutes(i), Customer = "customer-" + i, Total = 19.99m + i, Lines = i % 7 },
                1 => new BenchOrderShipped { OrderId = 1000 + i, At = at.AddMinutes(i), Carrier = "DHL", TrackingCode = i % 2 == 0 ? "TRK" + i : null },
                _ => new BenchOrderCancelled { OrderId = 1000 + i, At = at.AddMinutes(i), Reason = "changed mind", Refunded = i % 2 == 0 },
            }).ToList(),
        };
        _stjWriter = new Utf8JsonWriter(_buffer);
        _json = JsonSerializer.SerializeToUtf8Bytes(_value, JsonPolymorphicBenchmarkContext.Default.BenchOrderFeed);
        if (!VelithonJson.SerializeToUtf8Bytes(_value).AsSpan().SequenceEqual(_json))
        {
            throw new InvalidOperationException("Velithon output differs from STJ.");
        }

        byte[] again = JsonSerializer.SerializeToUtf8Bytes(VelithonJson.Deserialize<BenchOrderFeed>(_json), JsonPolymorphicBenchmarkContext.Default.BenchOrderFeed);
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
        JsonSerializer.Serialize(_stjWriter, _value, JsonPolymorphicBenchmarkContext.Default.BenchOrderFeed);
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
    public BenchOrderFeed? DeserializeStjSourceGen() => JsonSerializer.Deserialize(_json, JsonPolymorphicBenchmarkContext.Default.BenchOrderFeed);

    [Benchmark]
    [BenchmarkCategory("Deserialize")]
    public BenchOrderFeed? DeserializeVelithon() => VelithonJson.Deserialize<BenchOrderFeed>(_json);
}
