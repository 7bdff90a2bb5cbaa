using System.Text.Json.Serialization;
using Velithon;

namespace Velithon.Json.Tests.Models;

// Types without [VelithonJson] (as a DTO of another assembly would be), reached from [VelithonJson] types: generated
// outside the type from their public members, as System.Text.Json sees them without a context (VLG122, info).

public enum PlainKind
{
    Small,
    Large,
}

/// <summary>A plain class: settable properties, a nullable number, an enum, a get-only property (written, not read).</summary>
public sealed class PlainAddress
{
    public string? Street { get; set; }

    public int Number { get; set; }

    public double? Latitude { get; set; }

    public PlainKind Kind { get; set; }

    public string Computed => "c" + Number;
}

/// <summary>A plain record with a primary constructor: read through its single public constructor.</summary>
public sealed record PlainPoint(int X, int Y, string? Label);

/// <summary>A plain struct.</summary>
public struct PlainSize
{
    public int Width { get; set; }

    public int Height { get; set; }
}

/// <summary>A plain class with System.Text.Json attributes, C# required and init-only members and an inaccessible setter.</summary>
public sealed class PlainAttributed
{
    [JsonPropertyName("n")]
    public string? Name { get; set; }

    [JsonIgnore]
    public int Hidden { get; set; }

    [JsonPropertyOrder(-1)]
    public int First { get; set; }

    [JsonRequired]
    public int Needed { get; set; }

    public required string Code { get; init; }

    public long Stamp { get; init; }

    [JsonInclude]
    public int Counter { get; private set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Optional { get; set; }

    // Not public: System.Text.Json never sees it.
    internal int Internal { get; set; }

    public void SetCounter(int value) => Counter = value;
}

/// <summary>A plain node that reaches itself (a list and a tree).</summary>
public sealed class PlainNode
{
    public int Value { get; set; }

    public PlainNode? Next { get; set; }

    public List<PlainNode>? Children { get; set; }
}

/// <summary>A plain graph: plain types reached from a plain type, in collections and dictionaries.</summary>
public sealed class PlainOrder
{
    public PlainAddress? Ship { get; set; }

    public List<PlainPoint>? Points { get; set; }

    public Dictionary<string, PlainSize>? Sizes { get; set; }

    public PlainNode? Tree { get; set; }
}

/// <summary>The [VelithonJson] type that reaches the plain ones: members, nullable struct, list, array and dictionary.</summary>
[VelithonJson]
public sealed partial class PlainHolder
{
    public PlainAddress? Address { get; set; }

    public PlainPoint? Point { get; set; }

    public PlainSize Size { get; set; }

    public PlainSize? MaybeSize { get; set; }

    public PlainAttributed? Attributed { get; set; }

    public PlainOrder? Order { get; set; }

    public List<PlainAddress?>? Addresses { get; set; }

    public PlainPoint[]? PointArray { get; set; }

    public Dictionary<string, PlainPoint>? PointsByName { get; set; }
}

/// <summary>A record whose constructor takes a plain type.</summary>
[VelithonJson]
public sealed partial record PlainInRecord(int Id, PlainPoint? Where, List<PlainSize>? Sizes);

/// <summary>
/// Structs read as the value of a <see cref="Nullable{T}"/>: a constructor argument, list elements, dictionary values and
/// a settable member of a [VelithonJson] struct (System.Text.Json names the nullable in some of their errors).
/// </summary>
[VelithonJson]
public sealed partial record PlainNullableStructs(PlainSize? First, List<PlainSize?>? Many, Dictionary<string, PlainSize?>? ByName)
{
    public Point? Position { get; set; }
}

/// <summary>A plain struct System.Text.Json reads through its [JsonConstructor].</summary>
public readonly struct PlainCorner
{
    [JsonConstructor]
    public PlainCorner(int x, int y)
    {
        X = x;
        Y = y;
    }

    public int X { get; }

    public int Y { get; }
}

/// <summary>
/// Structs read through a constructor as the value of a <see cref="Nullable{T}"/> (System.Text.Json names the struct in
/// all their name errors), directly and as a generic type's argument beside a struct read through its setters.
/// </summary>
[VelithonJson]
public sealed partial record ConstructedNullableStructs(PlainCorner? First, List<PlainCorner?>? Many, Dictionary<string, PlainCorner?>? ByName)
{
    public Velithon.Json.Tests.UserShapes.Coord? Position { get; set; }

    public Velithon.Json.Tests.UserShapes.Envelope<Velithon.Json.Tests.UserShapes.Coord?>? Constructed { get; set; }

    public Velithon.Json.Tests.UserShapes.Envelope<Point?>? Settable { get; set; }
}

/// <summary>A plain struct of public fields: serialized only under IncludeFields, as System.Text.Json does.</summary>
public struct PlainFields
{
    public int Width;

    public int Height;

    public readonly int Area => Width * Height;
}

/// <summary>A plain class compiled with the snake_case settings of the type that reaches it.</summary>
public sealed class PlainSnakeItem
{
    public int ItemCount { get; set; }

    public string? DisplayName { get; set; }

    public PlainFields Dimensions { get; set; }
}

/// <summary>Settings other than the Web defaults: the plain types reached are compiled with them.</summary>
[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, IncludeFields = true)]
public sealed partial class PlainSnakeHolder
{
    public PlainSnakeItem? MainItem { get; set; }

    public List<PlainSnakeItem>? OtherItems { get; set; }

    public PlainFields Size;
}

/// <summary>An indented reaching type: the plain handlers indent as the writer's depth says.</summary>
[VelithonJson(WriteIndented = true)]
public sealed partial class PlainIndentedHolder
{
    public PlainAddress? Address { get; set; }

    public List<PlainPoint>? Points { get; set; }

    public PlainOrder? Order { get; set; }
}
