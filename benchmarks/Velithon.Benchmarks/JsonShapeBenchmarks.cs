using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;

namespace Velithon.Benchmarks;

// Three more POCO shapes beside JsonPoco (issue 21): short strings, small numbers, decimals and dates; nested lists;
// enums and nullable members. Each is written and read against STJ source generation with the same Web defaults.

/// <summary>Short strings, small integers, one- and two-decimal prices and a UTC date: an order line.</summary>
[VelithonJson]
public partial class JsonOrderLine
{
    public string? Sku { get; set; }
    public string? Name { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Total { get; set; }
    public short Warehouse { get; set; }
    public DateTime Shipped { get; set; }
    public string? Country { get; set; }

    /// <summary>A deterministic instance; <paramref name="i"/> varies every member.</summary>
    public static JsonOrderLine Create(int i) => new()
    {
        Sku = "SK-" + (100 + i),
        Name = (i % 3) switch { 0 => "Green tea", 1 => "Mug", _ => "Kettle" },
        Quantity = 1 + (i % 7),
        UnitPrice = 4.5m + (i % 5),
        Total = (4.5m + (i % 5)) * (1 + (i % 7)),
        Warehouse = (short)(i % 12),
        Shipped = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc).AddHours(i * 5),
        Country = (i % 4) switch { 0 => "FR", 1 => "DE", 2 => "US", _ => "JP" },
    };
}

/// <summary>Nested objects and lists: an invoice with a customer, lines, tags and monthly totals.</summary>
[VelithonJson]
public partial class JsonInvoice
{
    public long Number { get; set; }
    public JsonCustomer? Customer { get; set; }
    public List<JsonOrderLine>? Lines { get; set; }
    public List<string>? Tags { get; set; }
    public int[]? MonthlyTotals { get; set; }

    /// <summary>An invoice of eight lines.</summary>
    public static JsonInvoice Create(int i) => new()
    {
        Number = 2_026_000_000L + i,
        Customer = new JsonCustomer { Id = 40 + i, Name = "Customer " + i, Email = $"c{i}@example.com", Vip = i % 2 == 0 },
        Lines = Enumerable.Range(i, 8).Select(JsonOrderLine.Create).ToList(),
        Tags = ["paid", "eu", "priority-" + (i % 3)],
        MonthlyTotals = Enumerable.Range(0, 12).Select(m => (m * 37) + i).ToArray(),
    };
}

/// <summary>The customer of a <see cref="JsonInvoice"/>.</summary>
[VelithonJson]
public partial class JsonCustomer
{
    public int Id { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public bool Vip { get; set; }
}

/// <summary>A ticket's state.</summary>
public enum TicketStatus
{
    Open,
    InProgress,
    Blocked,
    Done,
}

/// <summary>Enums and nullable members, some set and some null: a support ticket.</summary>
[VelithonJson]
public partial class JsonTicket
{
    public int Id { get; set; }
    public TicketStatus Status { get; set; }
    public TicketStatus? PreviousStatus { get; set; }
    public string? Title { get; set; }
    public string? AssignedTo { get; set; }
    public int? Estimate { get; set; }
    public double? Confidence { get; set; }
    public DateTime? Due { get; set; }
    public bool? Escalated { get; set; }
    public Guid? ParentId { get; set; }

    /// <summary>A deterministic instance: about half the nullable members are null.</summary>
    public static JsonTicket Create(int i) => new()
    {
        Id = 5_000 + i,
        Status = (TicketStatus)(i % 4),
        PreviousStatus = i % 2 == 0 ? null : (TicketStatus)((i + 1) % 4),
        Title = "Printer on floor " + (i % 9) + " is offline",
        AssignedTo = i % 3 == 0 ? null : "agent" + (i % 17),
        Estimate = i % 2 == 0 ? 3 + (i % 5) : null,
        Confidence = i % 4 == 0 ? null : 0.25 * (i % 4),
        Due = i % 3 == 1 ? null : new DateTime(2026, 12, 24, 17, 0, 0, DateTimeKind.Utc).AddDays(i % 10),
        Escalated = i % 5 == 0 ? true : null,
        ParentId = i % 6 == 0 ? new Guid(i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) : null,
    };
}

/// <summary>STJ source generation with the Web defaults for the shapes above.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JsonOrderLine))]
[JsonSerializable(typeof(JsonInvoice))]
[JsonSerializable(typeof(JsonTicket))]
public partial class JsonShapeContext : JsonSerializerContext;

/// <summary>Serialize an order line (short strings, small numbers, decimals, a date).</summary>
[MemoryDiagnoser]
public class JsonSerializeOrderLineBenchmarks : JsonSerializeBenchmarks<JsonOrderLine>
{
    protected override JsonTypeInfo<JsonOrderLine> TypeInfo => JsonShapeContext.Default.JsonOrderLine;

    protected override JsonOrderLine CreateValue() => JsonOrderLine.Create(7);
}

/// <summary>Serialize an invoice (nested objects and lists).</summary>
[MemoryDiagnoser]
public class JsonSerializeInvoiceBenchmarks : JsonSerializeBenchmarks<JsonInvoice>
{
    protected override JsonTypeInfo<JsonInvoice> TypeInfo => JsonShapeContext.Default.JsonInvoice;

    protected override JsonInvoice CreateValue() => JsonInvoice.Create(7);
}

/// <summary>Serialize a ticket (enums and nullable members).</summary>
[MemoryDiagnoser]
public class JsonSerializeTicketBenchmarks : JsonSerializeBenchmarks<JsonTicket>
{
    protected override JsonTypeInfo<JsonTicket> TypeInfo => JsonShapeContext.Default.JsonTicket;

    protected override JsonTicket CreateValue() => JsonTicket.Create(7);
}

/// <summary>Deserialize an order line.</summary>
[MemoryDiagnoser]
public class JsonDeserializeOrderLineBenchmarks : JsonDeserializeBenchmarks<JsonOrderLine>
{
    protected override JsonTypeInfo<JsonOrderLine> TypeInfo => JsonShapeContext.Default.JsonOrderLine;

    protected override JsonOrderLine CreateValue() => JsonOrderLine.Create(7);
}

/// <summary>Deserialize an invoice.</summary>
[MemoryDiagnoser]
public class JsonDeserializeInvoiceBenchmarks : JsonDeserializeBenchmarks<JsonInvoice>
{
    protected override JsonTypeInfo<JsonInvoice> TypeInfo => JsonShapeContext.Default.JsonInvoice;

    protected override JsonInvoice CreateValue() => JsonInvoice.Create(7);
}

/// <summary>Deserialize a ticket.</summary>
[MemoryDiagnoser]
public class JsonDeserializeTicketBenchmarks : JsonDeserializeBenchmarks<JsonTicket>
{
    protected override JsonTypeInfo<JsonTicket> TypeInfo => JsonShapeContext.Default.JsonTicket;

    protected override JsonTicket CreateValue() => JsonTicket.Create(7);
}
