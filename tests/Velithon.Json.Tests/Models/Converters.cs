using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Models;

// Custom [JsonConverter]s: on members, on member types (value objects, an enum), through a factory, with HandleNull, on
// collection elements, and a member's converter winning over its type's. STJ reflection (Web) is the oracle.

/// <summary>A value object written as one string, <c>"12.50 EUR"</c>, by the converter on its type.</summary>
[JsonConverter(typeof(MoneyConverter))]
public readonly record struct Money(decimal Amount, string Currency);

public sealed class MoneyConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string text = reader.GetString() ?? throw new JsonException("Money cannot be null.");
        int space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !decimal.TryParse(text.AsSpan(0, space), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal amount))
        {
            throw new JsonException($"'{text}' is not an amount and a currency.");
        }

        return new Money(amount, text[(space + 1)..]);
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Amount.ToString("0.00", CultureInfo.InvariantCulture) + " " + value.Currency);
}

/// <summary>The same value object as an object, for a member whose own converter wins over the type's.</summary>
public sealed class MoneyAsObjectConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException();
        }

        decimal amount = 0;
        string currency = "";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (name == "amount")
            {
                amount = reader.GetDecimal();
            }
            else
            {
                currency = reader.GetString() ?? "";
            }
        }

        return new Money(amount, currency);
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("amount", value.Amount);
        writer.WriteString("currency", value.Currency);
        writer.WriteEndObject();
    }
}

/// <summary>A strongly-typed id written as its number by a member converter.</summary>
public readonly record struct OrderId(long Value);

public sealed class OrderIdConverter : JsonConverter<OrderId>
{
    public override OrderId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt64());

    public override void Write(Utf8JsonWriter writer, OrderId value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
}

/// <summary>An enum whose type names a JsonStringEnumConverter&lt;T&gt; subclass with a naming policy.</summary>
[JsonConverter(typeof(KebabLevelConverter))]
public enum ServiceLevel
{
    Basic,
    HighAvailability,
    GoldPlus,
}

public sealed class KebabLevelConverter() : JsonStringEnumConverter<ServiceLevel>(JsonNamingPolicy.KebabCaseLower);

/// <summary>A reference type converted through a factory named on the member.</summary>
public sealed record Tag(string Name);

public sealed class TagConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(Tag);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) => new TagConverter();

    private sealed class TagConverter : JsonConverter<Tag>
    {
        public override Tag Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetString()!.TrimStart('#'));

        public override void Write(Utf8JsonWriter writer, Tag value, JsonSerializerOptions options) => writer.WriteStringValue("#" + value.Name);
    }
}

/// <summary>A reference type whose converter handles null: null is written as <c>"-"</c> and read back from a JSON null.</summary>
public sealed record Note(string Text);

public sealed class NoteConverter : JsonConverter<Note?>
{
    public override bool HandleNull => true;

    public override Note? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? new Note("(none)") : reader.GetString() is "-" ? null : new Note(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, Note? value, JsonSerializerOptions options) => writer.WriteStringValue(value?.Text ?? "-");
}

[VelithonJson]
public partial class Invoice
{
    [JsonConverter(typeof(OrderIdConverter))]
    public OrderId Id { get; set; }

    [JsonConverter(typeof(OrderIdConverter))]
    public OrderId? ParentId { get; set; }

    public Money Total { get; set; }

    public Money? Discount { get; set; }

    /// <summary>The member's converter wins over Money's own.</summary>
    [JsonConverter(typeof(MoneyAsObjectConverter))]
    public Money Gross { get; set; }

    public List<Money>? Lines { get; set; }

    public Dictionary<string, Money>? ByCurrency { get; set; }

    public ServiceLevel Level { get; set; }

    public ServiceLevel? Previous { get; set; }

    public ServiceLevel[]? History { get; set; }

    [JsonConverter(typeof(TagConverterFactory))]
    public Tag? Tag { get; set; }

    [JsonConverter(typeof(NoteConverter))]
    public Note? Note { get; set; }

    public string? Comment { get; set; }
}

/// <summary>An invoice inside another type: nested objects and lists of them go through the generated code.</summary>
[VelithonJson]
public partial class InvoiceBatch
{
    public Invoice? First { get; set; }

    public List<Invoice>? Rest { get; set; }
}

/// <summary>A converter that misbehaves as its input asks: throws, or reads too much or too little.</summary>
public sealed record Probe(int Mode);

public sealed class ProbeConverter : JsonConverter<Probe>
{
    public override Probe Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Read(); // too little: leaves the array open
            return new Probe(-1);
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            reader.Skip();
            reader.Read(); // too much: past the object's end
            return new Probe(-2);
        }

        int mode = reader.GetInt32();
        switch (mode)
        {
            case 1: throw new JsonException("Probe 1 is not allowed.");
            case 2: throw new JsonException();
            case 3: reader.Read(); break; // too much after a number
            case 4: throw new InvalidOperationException("Probe 4 failed.");
        }

        return new Probe(mode);
    }

    public override void Write(Utf8JsonWriter writer, Probe value, JsonSerializerOptions options)
    {
        switch (value.Mode)
        {
            case 1: throw new JsonException("Probe 1 cannot be written.");
            case 2: throw new JsonException();
            case 3: writer.WriteStartArray(); break; // wrote too much
            case 4: throw new InvalidOperationException("Probe 4 failed.");
            case 5: break; // writes nothing: STJ's writer does not validate, so neither bytes nor error
            default: writer.WriteNumberValue(value.Mode); break;
        }
    }
}

[VelithonJson]
public partial class Probed
{
    public int Before { get; set; }

    [JsonConverter(typeof(ProbeConverter))]
    public Probe? Value { get; set; }

    public int After { get; set; }
}

[VelithonJson]
public partial class ProbedOuter
{
    public Probed? Inner { get; set; }
}

/// <summary>Converter members whose converters allocate nothing: writing them allocates nothing either.</summary>
[VelithonJson]
public partial class Shipment
{
    [JsonConverter(typeof(OrderIdConverter))]
    public OrderId Order { get; set; }

    public ServiceLevel Level { get; set; }

    public int Count { get; set; }
}

/// <summary>A converter member whose converter allocates (strings): writing costs that and nothing more.</summary>
[VelithonJson]
public partial class Priced
{
    public Money Price { get; set; }
}

/// <summary>UseStringEnumConverter: the options' JsonStringEnumConverter wins over the enum type's own converter (STJ's precedence).</summary>
[VelithonJson(UseStringEnumConverter = true)]
public partial class LevelsAsNames
{
    public ServiceLevel Level { get; set; }

    public List<ServiceLevel>? History { get; set; }

    public Money Price { get; set; }
}

/// <summary>Converter members bound to constructor parameters: STJ names the declaring type in their conversion errors.</summary>
[VelithonJson]
public partial record ProbedRecord([property: JsonConverter(typeof(ProbeConverter))] Probe? Value, Money Price, Money? Maybe);
