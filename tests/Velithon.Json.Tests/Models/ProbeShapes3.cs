using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.ProbeShapes3;

// Less trodden member types, number handling, enums, collections and member shapes, probed against STJ reflection
// with the same options by ProbeDivergence3Tests.

/// <summary>Temporal and other scalar types, with their nullables.</summary>
[VelithonJson]
public partial class Temporal
{
    public DateTimeOffset At { get; set; }

    public DateTimeOffset? MaybeAt { get; set; }

    public DateTime When { get; set; }

    public TimeSpan Span { get; set; }

    public TimeSpan? MaybeSpan { get; set; }

    public DateOnly Day { get; set; }

    public DateOnly? MaybeDay { get; set; }

    public TimeOnly Time { get; set; }

    public TimeOnly? MaybeTime { get; set; }

    public Guid Id { get; set; }

    public Guid? MaybeId { get; set; }

    public Uri? Link { get; set; }

    public Version? Ver { get; set; }

    public char Letter { get; set; }

    public char? MaybeLetter { get; set; }
}

/// <summary>Binary and wide numbers.</summary>
[VelithonJson]
public partial class Binary
{
    public byte[]? Blob { get; set; }

    public ReadOnlyMemory<byte> Ro { get; set; }

    public Memory<byte> Rw { get; set; }

    public List<byte[]>? Blobs { get; set; }

    public decimal Dec { get; set; }

    public decimal? MaybeDec { get; set; }

    public double Dbl { get; set; }

    public float Flt { get; set; }

    public Half Hlf { get; set; }

    public Int128 I128 { get; set; }

    public UInt128 U128 { get; set; }

    public ulong U64 { get; set; }

    public long I64 { get; set; }
}

public enum Tone
{
    Low,
    Mid,
    High,
}

[Flags]
public enum Perm : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    [JsonStringEnumMemberName("exec")]
    Exec = 4,
    All = Read | Write | Exec,
}

public enum Wide : long
{
    Min = long.MinValue,
    Zero = 0,
    Max = long.MaxValue,
}

#pragma warning disable CA1069 // duplicate values on purpose
public enum Dup
{
    First = 1,
    Primary = 1,
    Second = 2,
}
#pragma warning restore CA1069

/// <summary>Type-level number handling, with nullables, collections, dictionaries, wide numbers and enums beside.</summary>
[VelithonJson]
[JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public partial class Quoted
{
    public int Int { get; set; }

    public int? MaybeInt { get; set; }

    public double Dbl { get; set; }

    public float? MaybeFlt { get; set; }

    public decimal Dec { get; set; }

    public Half Hlf { get; set; }

    public Int128 I128 { get; set; }

    public byte Small { get; set; }

    public List<long?>? Longs { get; set; }

    public Dictionary<int, double>? ByInt { get; set; }

    public Tone Tone { get; set; }

    public double[][]? Jagged { get; set; }
}

/// <summary>Member-level number handling.</summary>
[VelithonJson(JsonSerializerDefaults.General)]
public partial class MemberQuoted
{
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public float Flt { get; set; }

    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public decimal Dec { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
    public Half? Hlf { get; set; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public UInt128 U128 { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
    public ImmutableArray<short> Shorts { get; set; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public HashSet<ulong>? Set { get; set; }

    [JsonNumberHandling(JsonNumberHandling.Strict)]
    public int Strict { get; set; }
}

/// <summary>Type-level strict handling wins over Web's AllowReadingFromString.</summary>
[VelithonJson]
[JsonNumberHandling(JsonNumberHandling.Strict)]
public partial class StrictNumbers
{
    public int Int { get; set; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int Loose { get; set; }

    public List<int>? Ints { get; set; }
}

/// <summary>Enums with member converters.</summary>
[VelithonJson]
public partial class Enums
{
    [JsonConverter(typeof(JsonStringEnumConverter<Tone>))]
    public Tone Tone { get; set; }

    [JsonConverter(typeof(JsonStringEnumConverter<Perm>))]
    public Perm Perm { get; set; }

    [JsonConverter(typeof(JsonStringEnumConverter<Perm>))]
    public Perm? MaybePerm { get; set; }

    [JsonConverter(typeof(JsonStringEnumConverter<Wide>))]
    public Wide Wide { get; set; }

    [JsonConverter(typeof(JsonStringEnumConverter<Dup>))]
    public Dup Dup { get; set; }

    public Perm NumPerm { get; set; }

    public Wide NumWide { get; set; }

    public Dictionary<Perm, int>? ByPerm { get; set; }

    public Dictionary<Wide, int>? ByWide { get; set; }
}

/// <summary>Every enum as a string through the type's option.</summary>
[VelithonJson(UseStringEnumConverter = true)]
public partial class StringEnums
{
    public Tone Tone { get; set; }

    public Perm Perm { get; set; }

    public Wide Wide { get; set; }

    public Dup Dup { get; set; }

    public List<Perm>? Perms { get; set; }

    public Dictionary<string, Dup?>? Aliases { get; set; }
}

/// <summary>Collections less trodden.</summary>
[VelithonJson]
public partial class Bags
{
    public ImmutableArray<int> Arr { get; set; }

    public ImmutableArray<int>? MaybeArr { get; set; }

    public ImmutableList<string>? List { get; set; }

    public ImmutableDictionary<string, int>? Dict { get; set; }

    public ImmutableSortedDictionary<int, string>? Sorted { get; set; }

    public IReadOnlyList<int>? RoList { get; set; }

    public IReadOnlyDictionary<string, int?>? RoDict { get; set; }

    public ISet<string>? Set { get; set; }

    public Queue<int>? Queue { get; set; }

    public Stack<int>? Stack { get; set; }

    public ImmutableStack<int>? IStack { get; set; }

    public LinkedList<int>? Linked { get; set; }

    public int[][]? Jagged { get; set; }

    public List<int[]?>? Lists { get; set; }

    public Dictionary<int, string>? ByInt { get; set; }

    public Dictionary<ulong, string>? ByULong { get; set; }

    public Dictionary<short, string>? ByShort { get; set; }

    public Dictionary<string, Dictionary<string, int>?>? Nested { get; set; }

    public IEnumerable<int>? Seq { get; set; }
}

/// <summary>Dictionary key policy: keys that collide after the policy.</summary>
[VelithonJson(DictionaryKeyPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public partial class Keyed
{
    public Dictionary<string, int>? Map { get; set; }

    public Dictionary<Tone, int>? ByTone { get; set; }

    public Dictionary<int, int>? ByInt { get; set; }
}

/// <summary>Names that need escaping and an empty name.</summary>
[VelithonJson]
public partial class OddNames
{
    [JsonPropertyName("a\"b")]
    public int Quote { get; set; }

    [JsonPropertyName("<tag>")]
    public int Tag { get; set; }

    [JsonPropertyName("naïve")]
    public int Naive { get; set; }

    [JsonPropertyName("")]
    public int Empty { get; set; }

    [JsonPropertyName("back\\slash")]
    public int Back { get; set; }

    [JsonPropertyName("tab\t")]
    public int Tab { get; set; }

    [JsonPropertyName("😀")]
    public int Emoji { get; set; }
}

public partial class OrderedBase
{
    [JsonPropertyOrder(2)]
    public int B1 { get; set; }

    public int B0 { get; set; }

    [JsonPropertyOrder(-1)]
    public int BNeg { get; set; }

    public virtual int V { get; set; }

    public int Hidden { get; set; }
}

/// <summary>[JsonPropertyOrder] across a hierarchy, an override and a hidden member.</summary>
[VelithonJson]
public partial class OrderedDerived : OrderedBase
{
    [JsonPropertyOrder(1)]
    public int D1 { get; set; }

    public int D0 { get; set; }

    [JsonPropertyOrder(-1)]
    public int DNeg { get; set; }

    public override int V { get; set; }

    public new string? Hidden { get; set; }
}

/// <summary>Read-only members and fields with IgnoreReadOnly*.</summary>
[VelithonJson(IgnoreReadOnlyProperties = true, IgnoreReadOnlyFields = true, IncludeFields = true)]
public partial class ReadOnlies
{
    public readonly int Field = 3;

    public int Plain;

    public int Get { get; } = 4;

    public int Init { get; init; }

    public List<int> Items { get; } = [1];

    [JsonInclude]
    public int PrivateSet { get; private set; }

    [JsonInclude]
    internal int Internal { get; set; }

    [JsonInclude]
    private int _secret = 7;

    public int Secret => _secret;
}

/// <summary>WhenWritingDefault on structs and nullables.</summary>
[VelithonJson(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
public partial class Defaulted
{
    public int? MaybeZero { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid Id { get; set; }

    public decimal Dec { get; set; }

    public double Dbl { get; set; }

    public TimeSpan Span { get; set; }

    public char Letter { get; set; }

    public ImmutableArray<int> Arr { get; set; }

    public Tone Tone { get; set; }

    public Half Hlf { get; set; }

    public string? Text { get; set; }
}

/// <summary>Nullable annotations and required parameters.</summary>
[VelithonJson(RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
public partial record Strictly(string Name, int Count, string? Note = null, int Opt = 5)
{
    public required string Tag { get; init; }

    public List<string> Items { get; set; } = [];

    public int? Maybe { get; set; }
}

/// <summary>Half values in every position a non-finite one can fail to write from.</summary>
[VelithonJson]
public partial class Halves
{
    public Half? Maybe { get; set; }

    public List<Half>? List { get; set; }

    public Dictionary<string, Half?>? Map { get; set; }

    public Binary? Inner { get; set; }

    public List<Binary>? Inners { get; set; }
}

/// <summary>A polymorphic base whose derived type is read through a constructor, with nullable annotations respected.</summary>
[VelithonJson(RespectNullableAnnotations = true)]
[JsonDerivedType(typeof(NDerived), "d")]
public partial class NBase
{
    public string? Id { get; set; }
}

[VelithonJson(RespectNullableAnnotations = true)]
public partial class NDerived : NBase
{
    [JsonConstructor]
    public NDerived(int count) => Count = count;

    public int Count { get; }

    public string Name { get; set; } = "";
}

[VelithonJson(RespectNullableAnnotations = true)]
public partial class NHolder
{
    public NBase? Item { get; set; }

    public NDerived? Direct { get; set; }
}
