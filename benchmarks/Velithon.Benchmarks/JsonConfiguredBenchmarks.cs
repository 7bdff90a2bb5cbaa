using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;

namespace Velithon.Benchmarks;

/// <summary>How an order moves (written as names by the configured profile).</summary>
public enum OrderState
{
    Pending,
    Paid,
    Shipped,
    Delivered,
    Cancelled,
}

/// <summary>
/// The configured profile of issue 17: snake_case names, nulls left out, enums as names: the most common STJ settings
/// after the Web defaults. About a third of the nullable members are null, so <c>WhenWritingNull</c> has work to do.
/// </summary>
[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
public partial class ConfiguredOrder
{
    public int OrderId { get; set; }
    public string? CustomerName { get; set; }
    public string? CustomerEmail { get; set; }
    public OrderState State { get; set; }
    public decimal TotalAmount { get; set; }
    public double? Discount { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ShippedAt { get; set; }
    public string? Notes { get; set; }
    public bool IsGift { get; set; }

    /// <summary>A deterministic instance; <paramref name="i"/> varies every member and which are null.</summary>
    public static ConfiguredOrder Create(int i) => new()
    {
        OrderId = 50_000 + i,
        CustomerName = "Customer " + i,
        CustomerEmail = i % 5 == 0 ? null : $"customer{i}@example.com",
        State = (OrderState)(i % 5),
        TotalAmount = 49.90m + i,
        Discount = i % 3 == 0 ? null : 0.05 * (i % 4),
        CreatedAt = new DateTime(2025, 3, 1, 9, 15, 0, DateTimeKind.Utc).AddMinutes(i * 131),
        ShippedAt = i % 2 == 0 ? null : new DateTime(2025, 3, 4, 14, 0, 0, DateTimeKind.Utc).AddHours(i),
        Notes = i % 4 == 0 ? "Leave at the door" : null,
        IsGift = i % 7 == 0,
    };
}

/// <summary>A list of configured orders.</summary>
[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
public partial class ConfiguredOrderList
{
    public List<ConfiguredOrder>? Orders { get; set; }

    /// <summary>100 distinct orders.</summary>
    public static ConfiguredOrderList Create() => new() { Orders = Enumerable.Range(0, 100).Select(ConfiguredOrder.Create).ToList() };

    /// <summary>100 distinct orders with no null member (every member written: the same document shape as the Web-default list).</summary>
    public static ConfiguredOrderList CreateFull() => new()
    {
        Orders = Enumerable.Range(0, 100).Select(i =>
        {
            ConfiguredOrder order = ConfiguredOrder.Create(i);
            order.CustomerEmail ??= "none@example.com";
            order.Discount ??= 0;
            order.ShippedAt ??= order.CreatedAt;
            order.Notes ??= "-";
            return order;
        }).ToList(),
    };
}

/// <summary>STJ source generation with the same settings, the baseline of the configured profile.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConfiguredOrder))]
[JsonSerializable(typeof(ConfiguredOrderList))]
public partial class ConfiguredJsonContext : JsonSerializerContext;

/// <summary>The STJ options the configured types were compiled for.</summary>
internal static class ConfiguredOptions
{
    public static JsonSerializerOptions Create() => new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };
}

/// <summary>Serialize one configured order (snake_case, WhenWritingNull, string enums).</summary>
[MemoryDiagnoser]
public class JsonSerializeConfiguredBenchmarks : JsonSerializeBenchmarks<ConfiguredOrder>
{
    protected override JsonTypeInfo<ConfiguredOrder> TypeInfo => ConfiguredJsonContext.Default.ConfiguredOrder;

    protected override ConfiguredOrder CreateValue() => ConfiguredOrder.Create(7);

    protected override JsonSerializerOptions ReflectionOptions() => ConfiguredOptions.Create();
}

/// <summary>Serialize 100 configured orders.</summary>
[MemoryDiagnoser]
public class JsonSerializeConfiguredListBenchmarks : JsonSerializeBenchmarks<ConfiguredOrderList>
{
    protected override JsonTypeInfo<ConfiguredOrderList> TypeInfo => ConfiguredJsonContext.Default.ConfiguredOrderList;

    protected override ConfiguredOrderList CreateValue() => ConfiguredOrderList.Create();

    protected override JsonSerializerOptions ReflectionOptions() => ConfiguredOptions.Create();
}

/// <summary>Deserialize one configured order.</summary>
[MemoryDiagnoser]
public class JsonDeserializeConfiguredBenchmarks : JsonDeserializeBenchmarks<ConfiguredOrder>
{
    protected override JsonTypeInfo<ConfiguredOrder> TypeInfo => ConfiguredJsonContext.Default.ConfiguredOrder;

    protected override ConfiguredOrder CreateValue() => ConfiguredOrder.Create(7);

    protected override JsonSerializerOptions ReflectionOptions() => ConfiguredOptions.Create();
}

/// <summary>Deserialize 100 configured orders.</summary>
[MemoryDiagnoser]
public class JsonDeserializeConfiguredListBenchmarks : JsonDeserializeBenchmarks<ConfiguredOrderList>
{
    protected override JsonTypeInfo<ConfiguredOrderList> TypeInfo => ConfiguredJsonContext.Default.ConfiguredOrderList;

    protected override ConfiguredOrderList CreateValue() => ConfiguredOrderList.Create();

    protected override JsonSerializerOptions ReflectionOptions() => ConfiguredOptions.Create();
}

/// <summary>
/// Deserialize 100 configured orders with every member present: against <see cref="JsonDeserializeConfiguredListBenchmarks"/>,
/// what members left out by <c>WhenWritingNull</c> cost the reader.
/// </summary>
[MemoryDiagnoser]
public class JsonDeserializeConfiguredFullListBenchmarks : JsonDeserializeBenchmarks<ConfiguredOrderList>
{
    protected override JsonTypeInfo<ConfiguredOrderList> TypeInfo => ConfiguredJsonContext.Default.ConfiguredOrderList;

    protected override ConfiguredOrderList CreateValue() => ConfiguredOrderList.CreateFull();

    protected override JsonSerializerOptions ReflectionOptions() => ConfiguredOptions.Create();
}
