using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Models;

// The catalogue: one [VelithonJson] type per supported member type and shape. Every type is also registered in
// CatalogueStjContext (STJ source generation) and is serialized by STJ reflection with JsonSerializerDefaults.Web,
// which is the oracle the generated code must match byte for byte.

/// <summary>Every scalar member type, non-nullable where the type allows it.</summary>
[VelithonJson]
public partial class Scalars
{
    public bool Bool { get; set; }
    public byte Byte { get; set; }
    public sbyte SByte { get; set; }
    public short Int16 { get; set; }
    public ushort UInt16 { get; set; }
    public int Int32 { get; set; }
    public uint UInt32 { get; set; }
    public long Int64 { get; set; }
    public ulong UInt64 { get; set; }
    public float Single { get; set; }
    public double Double { get; set; }
    public decimal Decimal { get; set; }
    public char Char { get; set; }
    public string? String { get; set; }
    public Guid Guid { get; set; }
    public DateTime DateTime { get; set; }
    public DateTimeOffset DateTimeOffset { get; set; }
    public DateOnly DateOnly { get; set; }
    public TimeOnly TimeOnly { get; set; }
    public TimeSpan TimeSpan { get; set; }
    public Uri? Uri { get; set; }
    public byte[]? Bytes { get; set; }
}

/// <summary>Nullable&lt;T&gt; of every value type.</summary>
[VelithonJson]
public partial class Nullables
{
    public bool? Bool { get; set; }
    public byte? Byte { get; set; }
    public sbyte? SByte { get; set; }
    public short? Int16 { get; set; }
    public ushort? UInt16 { get; set; }
    public int? Int32 { get; set; }
    public uint? UInt32 { get; set; }
    public long? Int64 { get; set; }
    public ulong? UInt64 { get; set; }
    public float? Single { get; set; }
    public double? Double { get; set; }
    public decimal? Decimal { get; set; }
    public char? Char { get; set; }
    public Guid? Guid { get; set; }
    public DateTime? DateTime { get; set; }
    public DateTimeOffset? DateTimeOffset { get; set; }
    public DateOnly? DateOnly { get; set; }
    public TimeOnly? TimeOnly { get; set; }
    public TimeSpan? TimeSpan { get; set; }
    public Color? Color { get; set; }
    public Suit? Suit { get; set; }
}

/// <summary>Written as numbers (no converter).</summary>
public enum Color
{
    Red,
    Green,
    Blue = 7,
    Negative = -3,
}

/// <summary>A long-backed enum with extreme values, written as numbers.</summary>
public enum Wide : long
{
    Min = long.MinValue,
    Zero = 0,
    Max = long.MaxValue,
}

/// <summary>Written as names through the generic converter on the type.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Suit>))]
public enum Suit : byte
{
    Clubs = 1,
    Diamonds,
    Hearts,
    Spades,
}

/// <summary>[Flags], written as names: combinations as "A, B", undefined bits as numbers.</summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<Permissions>))]
public enum Permissions
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
    ReadWrite = Read | Write,
    Admin = 64,
}

/// <summary>Enums numeric, by name on the type, and by name through a converter on the member.</summary>
[VelithonJson]
public partial class Enums
{
    public Color Color { get; set; }
    public Wide Wide { get; set; }
    public Suit Suit { get; set; }
    public Permissions Permissions { get; set; }

    [JsonConverter(typeof(JsonStringEnumConverter<Color>))]
    public Color NamedColor { get; set; }

    public Suit? MaybeSuit { get; set; }
    public List<Suit>? Suits { get; set; }
    public Color[]? Colors { get; set; }
}

/// <summary>A nested record class.</summary>
[VelithonJson]
public partial record Address(string? Street, string? City, int Zip);

/// <summary>Every collection shape.</summary>
[VelithonJson]
public partial class Collections
{
    public int[]? Array { get; set; }
    public List<string?>? List { get; set; }
    public IReadOnlyList<double>? ReadOnlyList { get; set; }
    public IList<long>? IList { get; set; }
    public ICollection<Guid>? ICollection { get; set; }
    public IEnumerable<int>? Enumerable { get; set; }
    public ImmutableArray<string?> Immutable { get; set; } = ImmutableArray<string?>.Empty;
    public List<int?>? NullableElements { get; set; }
    public List<List<int>>? Jagged { get; set; }
    public Address?[]? Addresses { get; set; }
    public Dictionary<string, int>? Dictionary { get; set; }
    public IReadOnlyDictionary<string, string?>? ReadOnlyDictionary { get; set; }
    public IDictionary<string, Address?>? IDictionary { get; set; }
    public Dictionary<string, List<DateTime>>? DictionaryOfLists { get; set; }
}

/// <summary>Nesting of other [VelithonJson] types (class, record, struct, record struct).</summary>
[VelithonJson]
public partial class Person
{
    public int Id { get; set; }
    public string? Name { get; set; }
    public Address? Home { get; set; }
    public List<Address>? Homes { get; set; }
    public Point Position { get; set; }
    public Point? MaybePosition { get; set; }
    public PointRecord Corner { get; set; }
    public Dictionary<string, Person>? Friends { get; set; }
}

/// <summary>A mutable struct with a [JsonInclude] field (public fields without it are not serialized).</summary>
[VelithonJson]
public partial struct Point
{
    public int X { get; set; }
    public int Y { get; set; }

    [JsonInclude]
    public double Weight;

    public int NotSerialized;
}

/// <summary>A record struct with a primary constructor.</summary>
[VelithonJson]
public partial record struct PointRecord(int X, int Y);

/// <summary>A readonly record struct.</summary>
[VelithonJson]
public readonly partial record struct ReadOnlyPoint(double X, double Y, string? Label);

/// <summary>A recursive type: a tree.</summary>
[VelithonJson]
public partial class TreeNode
{
    public int Value { get; set; }
    public List<TreeNode>? Children { get; set; }
}

/// <summary>A recursive type: a linked list (each node is one level of depth).</summary>
[VelithonJson]
public partial class LinkedNode
{
    public string? Value { get; set; }
    public LinkedNode? Next { get; set; }
}

/// <summary>A positional record with an extra init-only member.</summary>
[VelithonJson]
public partial record PersonRecord(string Name, int Age, Address? Home, IReadOnlyList<string>? Tags)
{
    public string? Nickname { get; init; }
}

/// <summary>init-only, C# required and [JsonRequired] members; an initializer default kept when absent.</summary>
[VelithonJson]
public partial class Account
{
    public required string Id { get; init; }

    public required decimal Balance { get; set; }

    [JsonRequired]
    public string? Owner { get; set; }

    public string Currency { get; init; } = "EUR";

    public int Version { get; init; } = 1;
}

/// <summary>[JsonPropertyName], [JsonIgnore] in all conditions, [JsonPropertyOrder], [JsonInclude] on non-public members.</summary>
[VelithonJson]
public partial class Annotated
{
    [JsonPropertyName("custom_name")]
    public int Renamed { get; set; }

    [JsonPropertyName("a<b>&'\"+`naïve")]
    public string? NeedsEscaping { get; set; }

    [JsonIgnore]
    public string? Ignored { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Always)]
    public int AlwaysIgnored { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? NeverIgnored { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SkipWhenNull { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SkipWhenNullValue { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int SkipWhenDefault { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? SkipWhenDefaultReference { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Guid SkipWhenDefaultGuid { get; set; }

    [JsonPropertyOrder(10)]
    public int Last { get; set; }

    [JsonPropertyOrder(-5)]
    public int First { get; set; }

    [JsonInclude]
    internal string? InternalIncluded { get; set; }

    [JsonInclude]
    public int IncludedField;

    public int GetOnly => Renamed + 1;
}

/// <summary>[JsonConstructor] picks one of several constructors; an absent parameter takes its default value.</summary>
[VelithonJson]
public partial class WithConstructor
{
    public WithConstructor()
    {
    }

    [JsonConstructor]
    public WithConstructor(int id, string? name, int optional = 42)
    {
        Id = id;
        Name = name;
        Optional = optional;
    }

    public int Id { get; }

    public string? Name { get; }

    public int Optional { get; }

    public string? Settable { get; set; }
}

/// <summary>A member read through the interner.</summary>
[VelithonJson]
public partial class Tagged
{
    [Interned]
    public string? Role { get; set; }

    public int N { get; set; }
}

/// <summary>Same shape as <see cref="Tagged"/> without [Interned] (allocation control).</summary>
[VelithonJson]
public partial class Untagged
{
    public string? Role { get; set; }

    public int N { get; set; }
}

/// <summary>A list of interned members.</summary>
[VelithonJson]
public partial class TaggedList
{
    public List<Tagged>? Items { get; set; }
}

/// <summary>A list of non-interned members (allocation control).</summary>
[VelithonJson]
public partial class UntaggedList
{
    public List<Untagged>? Items { get; set; }
}

/// <summary>Concrete collection shapes only: what serializes with no allocation at all.</summary>
[VelithonJson]
public partial class AllocationFree
{
    public int Id { get; set; }
    public string? Name { get; set; }
    public double Score { get; set; }
    public decimal Price { get; set; }
    public DateTime Created { get; set; }
    public DateTimeOffset Updated { get; set; }
    public Guid Key { get; set; }
    public TimeSpan Elapsed { get; set; }
    public Color Color { get; set; }
    public Suit Suit { get; set; }
    public byte[]? Payload { get; set; }
    public int[]? Numbers { get; set; }
    public List<Address>? Addresses { get; set; }
    public Dictionary<string, int>? Counts { get; set; }
    public Point Position { get; set; }
}

/// <summary>[JsonInclude] on private members (read and written by the generated code from inside the type).</summary>
[VelithonJson]
public partial class PrivateMembers
{
    [JsonInclude]
    private string? _hidden;

    public int Visible { get; set; }

    [JsonInclude]
    private int Secret { get; set; }

    public string? PeekHidden() => _hidden;

    public static PrivateMembers Create(int visible, int secret, string? hidden) =>
        new() { Visible = visible, Secret = secret, _hidden = hidden };
}

/// <summary>A compile-time table of the roles a <see cref="TableTagged"/> document repeats.</summary>
[InternedStrings]
public static partial class KnownRoles
{
    public const string Admin = "admin";
    public const string Editor = "editor";
    public const string Viewer = "viewer";
    public const string Zurich = "Zürich";
}

/// <summary>A member read through a compile-time table first, then the interner.</summary>
[VelithonJson]
public partial class TableTagged
{
    [Interned(typeof(KnownRoles))]
    public string? Role { get; set; }

    public int N { get; set; }
}

/// <summary>
/// Only member types the generated fast path (<c>TryReadJsonFast</c>) reads itself, so that the oracle, variation and
/// mutation properties run through it: documents STJ writes take the fast path; variations and damage fall back.
/// </summary>
[VelithonJson]
public partial class FastPoco
{
    public int Id { get; set; }
    public long Views { get; set; }
    public double Score { get; set; }
    public decimal Price { get; set; }
    public bool Active { get; set; }
    public string? Name { get; set; }
    public Guid Key { get; set; }
    public DateTime Created { get; set; }
    public int? MaybeId { get; set; }
    public DateTime? MaybeCreated { get; set; }

    [Interned]
    public string? Country { get; set; }

    public Address? Home { get; set; }
    public List<Address?>? Homes { get; set; }
    public PointRecord Corner { get; set; }
    public int[]? Numbers { get; set; }
    public IReadOnlyList<string?>? Tags { get; set; }
    public List<FastPoco>? Children { get; set; }
}

/// <summary>The other scalar types the fast path reads itself (small and unsigned integers, float, DateTimeOffset, enums).</summary>
[VelithonJson]
public partial class FastScalars
{
    public byte Byte { get; set; }
    public sbyte SByte { get; set; }
    public short Int16 { get; set; }
    public ushort UInt16 { get; set; }
    public uint UInt32 { get; set; }
    public ulong UInt64 { get; set; }
    public float Single { get; set; }
    public DateTimeOffset When { get; set; }
    public float? MaybeSingle { get; set; }
    public List<DateTimeOffset>? History { get; set; }
    public Color Color { get; set; }
    public Wide Wide { get; set; }
    public Color? MaybeColor { get; set; }
    public List<Color>? Colors { get; set; }
    public Suit Suit { get; set; }
    public Suit? MaybeSuit { get; set; }

    [JsonConverter(typeof(JsonStringEnumConverter<Color>))]
    public Color NamedColor { get; set; }

    public List<Permissions>? Grants { get; set; }
}
