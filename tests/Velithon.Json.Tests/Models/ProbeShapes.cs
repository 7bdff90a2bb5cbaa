using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.ProbeShapes;

// Real-world DTO shapes combining features, probed against STJ reflection with the same options by ProbeDivergenceTests.

public enum Color
{
    Red,
    Green,
    [JsonStringEnumMemberName("deep-blue")]
    Blue = 4,
}

/// <summary>A record struct read through its primary constructor, with an extra init member and a default.</summary>
[VelithonJson]
public partial record struct GeoPoint(double Lat, double Lng = 1.5)
{
    public string? Label { get; init; }
}

/// <summary>A struct with an explicit [JsonConstructor] with defaults and a readonly [JsonInclude] field.</summary>
[VelithonJson]
public partial struct Span2
{
    [JsonInclude]
    public readonly int From;

    [JsonConstructor]
    public Span2(int from, int to = 9)
    {
        From = from;
        To = to;
    }

    public int To { get; }

    public bool Open { get; set; }
}

/// <summary>Nullable structs read through constructors, in members, lists, arrays, dictionaries.</summary>
[VelithonJson]
public partial class Track
{
    public GeoPoint? Start { get; set; }

    public List<GeoPoint?>? Points { get; set; }

    public Span2?[]? Spans { get; set; }

    public Dictionary<string, GeoPoint?>? Named { get; set; }

    public Dictionary<int, Span2>? ByIndex { get; set; }
}

/// <summary>Non-string dictionary keys.</summary>
[VelithonJson]
public partial class Keys
{
    public Dictionary<int, string>? Ints { get; set; }

    public Dictionary<long, int>? Longs { get; set; }

    public Dictionary<Guid, int>? Guids { get; set; }

    public Dictionary<Color, int>? Colors { get; set; }

    public SortedDictionary<uint, bool>? Sorted { get; set; }

    public Dictionary<DateTime, int>? Dates { get; set; }

    public Dictionary<char, int>? Chars { get; set; }

    public Dictionary<double, int>? Doubles { get; set; }

    public Dictionary<bool, int>? Bools { get; set; }
}

/// <summary>String enums in collections via the type option.</summary>
[VelithonJson(UseStringEnumConverter = true)]
public partial class Palette
{
    public Color Main { get; set; }

    public Color? Accent { get; set; }

    public List<Color>? All { get; set; }

    public Color?[]? Maybe { get; set; }

    public Dictionary<Color, Color>? Map { get; set; }

    public Dictionary<string, Color?>? ByName { get; set; }
}

/// <summary>[JsonNumberHandling] per member on collections and nullables.</summary>
[VelithonJson(JsonSerializerDefaults.General)]
public partial class Quantities
{
    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public List<int>? Counts { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
    public int? Maybe { get; set; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public Dictionary<string, long>? Totals { get; set; }

    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double?[]? Ratios { get; set; }

    public byte Small { get; set; }

    public ushort Port { get; set; }

    public decimal Price { get; set; }

    public float Single { get; set; }

    public char Letter { get; set; }
}

/// <summary>[JsonIgnore(Condition=...)] on value types.</summary>
[VelithonJson]
public partial class Ignores
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Count { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public decimal Amount { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public GeoPoint Where { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public GeoPoint? MaybeWhere { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaybeCount { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public DateTime When { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Guid Id { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double Ratio { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Color Color { get; set; }
}

/// <summary>A positional record with [JsonRequired], required init and [JsonPropertyOrder] members.</summary>
[VelithonJson]
public partial record Order([property: JsonRequired] string Id, [property: JsonPropertyOrder(5)] int Qty, decimal? Price = null)
{
    public required string Customer { get; init; }

    [JsonRequired]
    [JsonPropertyOrder(-2)]
    public int Version { get; set; }

    [JsonPropertyOrder(1)]
    public List<GeoPoint>? Stops { get; init; }
}

/// <summary>Constructor args + RespectRequiredConstructorParameters + nullable struct params.</summary>
[VelithonJson(RespectRequiredConstructorParameters = true)]
public partial class Shipment
{
    [JsonConstructor]
    public Shipment(string code, RPoint? from, RSpan window, int retries = 3)
    {
        Code = code;
        From = from;
        Window = window;
        Retries = retries;
    }

    public string Code { get; }

    public RPoint? From { get; }

    public RSpan Window { get; }

    public int Retries { get; }
}

/// <summary>Polymorphism with struct members.</summary>
[VelithonJson]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Circle), "circle")]
[JsonDerivedType(typeof(Poly), "poly")]
public partial class Shape
{
    public GeoPoint? Center { get; set; }
}

[VelithonJson]
public partial class Circle : Shape
{
    public double Radius { get; set; }

    public Span2? Range { get; set; }
}

[VelithonJson]
public partial class Poly : Shape
{
    public List<GeoPoint>? Corners { get; set; }
}

/// <summary>A holder of shapes.</summary>
[VelithonJson]
public partial class Drawing
{
    public List<Shape>? Shapes { get; set; }

    public Shape? Main { get; set; }
}

/// <summary>Non-ASCII member names, matched case-insensitively.</summary>
[VelithonJson]
public partial class Unicode
{
    public string? Straße { get; set; }

    public int Ärger { get; set; }

    [JsonPropertyName("ΣΊΣΥΦΟΣ")]
    public int Sisyphus { get; set; }

    [JsonPropertyName("Ǆ")]
    public int Digraph { get; set; }

    public int İd { get; set; }

    [JsonPropertyName("K")]
    public int Kelvin { get; set; }
}

/// <summary>Trailing commas and comments with a constructor and extension data.</summary>
[VelithonJson(AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip)]
public partial record Lenient(int A, List<int>? B)
{
    public Dictionary<string, int>? C { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Nested generics with nullable structs.</summary>
[VelithonJson]
public partial class Nested
{
    public Dictionary<string, List<int?>>? A { get; set; }

    public List<Dictionary<string, GeoPoint?>>? B { get; set; }

    public List<List<Span2>>? C { get; set; }

    public int[][]? D { get; set; }

    public List<int?[]>? E { get; set; }
}

/// <summary>Scalars of every kind as class members, for wrong-token probes.</summary>
[VelithonJson]
public partial class Scalars
{
    public bool Flag { get; set; }

    public int Int { get; set; }

    public long? Long { get; set; }

    public string? Text { get; set; }

    public Guid Id { get; set; }

    public DateTime When { get; set; }

    public DateTimeOffset? At { get; set; }

    public TimeSpan Span { get; set; }

    public Uri? Link { get; set; }

    public byte[]? Blob { get; set; }

    public char Letter { get; set; }

    public Color Color { get; set; }

    public Color? MaybeColor { get; set; }

    public object? Any { get; set; }

    public JsonElement Element { get; set; }

    public float F { get; set; }

    public Half H { get; set; }

    public Int128 Big { get; set; }

    public UInt128 UBig { get; set; }

    public sbyte Tiny { get; set; }
}

/// <summary>A struct with required members read with an object initializer.</summary>
[VelithonJson]
public partial struct Cell
{
    public required int Row { get; init; }

    [JsonRequired]
    public int Col { get; set; }

    public string? Value { get; set; }
}

[VelithonJson]
public partial class Sheet
{
    public Cell? Focus { get; set; }

    public List<Cell>? Cells { get; set; }

    public Dictionary<string, Cell?>? Named { get; set; }
}

/// <summary>Disallowing unmapped members with a constructor record.</summary>
[VelithonJson(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
public partial record Strict(int A, string? B)
{
    public StrictPoint? P { get; set; }
}

[VelithonJson(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
public partial record struct StrictPoint(double Lat, double Lng = 1.5);

[VelithonJson(RespectRequiredConstructorParameters = true)]
public partial record struct RPoint(double Lat, double Lng = 1.5);

[VelithonJson(RespectRequiredConstructorParameters = true)]
public partial struct RSpan
{
    [JsonConstructor]
    public RSpan(int from, int to = 9)
    {
        From = from;
        To = to;
    }

    public int From { get; }

    public int To { get; }
}

/// <summary>A record struct with a [JsonConstructor] on a non-primary constructor.</summary>
[VelithonJson]
public partial record struct Version2
{
    [JsonConstructor]
    public Version2(int major, int minor)
    {
        Major = major;
        Minor = minor;
    }

    public int Major { get; }

    public int Minor { get; }

    public int Patch { get; init; }
}

[VelithonJson]
public partial class Release
{
    public Version2? Current { get; set; }

    public Version2[]? History { get; set; }

    public Dictionary<Guid, Version2?>? ById { get; set; }
}

/// <summary>A recursive shape for depth probes, with a struct and a dictionary on the way down.</summary>
[VelithonJson]
public partial class TreeNode
{
    public string? Name { get; set; }

    public List<TreeNode>? Children { get; set; }

    public Dictionary<string, TreeNode?>? ByName { get; set; }

    public GeoPoint? At { get; set; }
}

/// <summary>An abstract polymorphic base with numeric discriminators and a record-struct member.</summary>
[VelithonJson]
[JsonPolymorphic]
[JsonDerivedType(typeof(CardPayment), 1)]
[JsonDerivedType(typeof(BankPayment), 2)]
public abstract partial record Payment(decimal Amount)
{
    public GeoPoint? Where { get; init; }
}

[VelithonJson]
public partial record CardPayment(decimal Amount, string? Last4) : Payment(Amount);

[VelithonJson]
public partial record BankPayment(decimal Amount, Span2? Window) : Payment(Amount);

/// <summary>Extension data in a record with a constructor and a nullable struct.</summary>
[VelithonJson]
public partial record Envelope(string Id, GeoPoint? Origin)
{
    [JsonExtensionData]
    public Dictionary<string, object>? Rest { get; set; }
}

/// <summary>Type-level WhenWritingDefault over structs holding references and nullables.</summary>
[VelithonJson(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault, NumberHandling = JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
public partial class Defaults
{
    public DPoint Point { get; set; }

    public DPoint? MaybePoint { get; set; }

    public decimal Amount { get; set; }

    public List<int>? Numbers { get; set; }

    public Dictionary<string, double?>? Ratios { get; set; }

    public int? Count { get; set; }

    public Color Color { get; set; }

    public DateTimeOffset At { get; set; }

    public char Letter { get; set; }

    public bool Flag { get; set; }
}

[VelithonJson(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault, NumberHandling = JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
public partial record struct DPoint(double Lat, string? Label);

/// <summary>RespectNullableAnnotations with a record struct constructor, nullable structs and required members.</summary>
[VelithonJson(RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
public partial record struct Contact(string Name, string? Email, NPoint? Where, [property: JsonRequired] List<string> Tags)
{
    public required string Owner { get; init; }

    public string? Note { get; set; }
}

[VelithonJson(RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
public partial record struct NPoint(double Lat, string Label);

/// <summary>Fields: readonly [JsonInclude] fields read through the constructor, IncludeFields, IgnoreReadOnlyFields.</summary>
[VelithonJson(IncludeFields = true, IgnoreReadOnlyFields = true)]
public partial struct Fielded
{
    public int Plain;

    public readonly int Fixed;

    [JsonInclude]
    public readonly string? Included;

    public FPoint? Nested;

    [JsonConstructor]
    public Fielded(int @fixed, string? included)
    {
        Fixed = @fixed;
        Included = included;
    }
}

[VelithonJson(IncludeFields = true, IgnoreReadOnlyFields = true)]
public partial record struct FPoint(double Lat)
{
    public double Lng;
}

/// <summary>Out-of-order metadata in a polymorphic member of a type the resolver serves.</summary>
[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(OCircle), "circle")]
public partial class OShape
{
    public int Id { get; set; }
}

[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
public partial class OCircle : OShape
{
    public double Radius { get; set; }
}

[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
public partial class ODrawing
{
    public List<OShape>? Shapes { get; set; }
}
