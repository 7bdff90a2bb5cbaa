using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.UserShapes;

// DTO shapes an API author writes, combining features the other models test one at a time: each is compared with
// STJ reflection under the same options by UserShapeOracleTests.

/// <summary>An enum written as strings by its own converter, with renamed members.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Stage>))]
public enum Stage
{
    [JsonStringEnumMemberName("in-progress")]
    InProgress,
    Done,
    [JsonStringEnumMemberName("on hold \"<x>\"")]
    OnHold,
    Cancelled = 7,
}

/// <summary>A [Flags] enum with a renamed flag, written as a number unless a member asks for strings.</summary>
[Flags]
public enum Grants
{
    None = 0,
    [JsonStringEnumMemberName("read")]
    Read = 1,
    Write = 2,
    Delete = 4,
    All = Read | Write | Delete,
}

/// <summary>A plain numeric enum.</summary>
public enum Currency
{
    Eur,
    Usd,
    Gbp = 10,
}

/// <summary>1. A positional record with default parameter values of several kinds.</summary>
[VelithonJson]
public partial record OrderLine(string Sku, int Quantity = 1, decimal UnitPrice = 9.99m, string? Note = "n/a \"quoted\"", Currency Currency = Currency.Gbp, double Discount = -0.5, char Mark = 'x', long? Batch = null);

/// <summary>The base of an ordered hierarchy (not [VelithonJson] itself).</summary>
public abstract class AuditedBase
{
    [JsonPropertyOrder(-1)]
    public int Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyOrder(3)]
    public string? CreatedBy { get; set; }
}

/// <summary>2. [JsonPropertyOrder] on derived and base members together.</summary>
[VelithonJson]
public partial class OrderedItem : AuditedBase
{
    [JsonPropertyOrder(2)]
    public string? Name { get; set; }

    [JsonPropertyOrder(-5)]
    public string? Tag { get; set; }

    public decimal Price { get; set; }

    [JsonPropertyOrder(-1)]
    public bool Active { get; set; }
}

/// <summary>3. [JsonInclude] on a private setter, a private field, an internal property and a private property.</summary>
[VelithonJson]
public partial class Included
{
    [JsonInclude]
    private string? _secret;

    [JsonInclude]
    public int Count { get; private set; }

    [JsonInclude]
    internal long Internal { get; set; }

    [JsonInclude]
    private List<int>? Hidden { get; set; }

    public string? Visible { get; set; }

    public static Included Create(int count, long @internal, string? secret, List<int>? hidden, string? visible) =>
        new() { Count = count, Internal = @internal, _secret = secret, Hidden = hidden, Visible = visible };
}

/// <summary>4. A constructor parameter with a default, a `required` member and a [JsonRequired] member together.</summary>
[VelithonJson]
public partial class Signup
{
    [JsonConstructor]
    public Signup(string email, int age = 18)
    {
        Email = email;
        Age = age;
    }

    public string Email { get; }

    public int Age { get; }

    public required string Name { get; init; }

    [JsonRequired]
    public int? Referrer { get; set; }

    public bool Newsletter { get; set; } = true;
}

/// <summary>The base of a hierarchy with hidden and overridden members.</summary>
public class Animal
{
    public string? Name { get; set; }

    public virtual int Legs { get; set; }

    public virtual string? Sound { get; set; }

    [JsonIgnore]
    public virtual string? Secret { get; set; }

    public int Age { get; set; }
}

/// <summary>5. `new`-hidden (same JSON name: STJ drops the base's) and overridden properties (the base's [JsonIgnore] does not carry over).</summary>
[VelithonJson]
public partial class Dog : Animal
{
    public new int Name { get; set; }

    public override int Legs { get; set; } = 4;

    public override string? Sound { get; set; }

    public override string? Secret { get; set; }

    public new long Age { get; set; }
}

/// <summary>6. Get-only collection members: written and not read (Replace), and read into with Populate.</summary>
[VelithonJson]
public partial class Basket
{
    public List<string> Items { get; } = ["seed"];

    public Dictionary<string, int> Counts { get; } = new() { ["a"] = 1 };

    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public List<int> Populated { get; } = [7];

    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public Dictionary<string, string?> PopulatedMap { get; } = new() { ["k"] = "v" };

    public int[] Fixed { get; } = [1, 2];

    public string? Owner { get; set; }
}

/// <summary>7. String enums by their own converter, flags as numbers and (by a member converter) as strings.</summary>
[VelithonJson]
public partial class Ticket
{
    public Stage Stage { get; set; }

    public Stage? Next { get; set; }

    public Grants Grants { get; set; }

    [JsonConverter(typeof(JsonStringEnumConverter))]
    public Grants NamedGrants { get; set; }

    [JsonConverter(typeof(JsonStringEnumConverter<Grants>))]
    public Grants? MaybeGrants { get; set; }

    public List<Stage>? History { get; set; }

    public Dictionary<string, Grants>? ByUser { get; set; }
}

/// <summary>8. The less common scalar types as constructor parameters of a record.</summary>
[VelithonJson]
public partial record Slot(DateOnly Day, TimeOnly Start, TimeSpan Length, char Code, Uri? Link, Version? Api, byte[]? Blob, sbyte Delta, ushort Port, Half Ratio, DateOnly? Until);

/// <summary>9. Decimal extremes, as members, nullable and in a list.</summary>
[VelithonJson]
public partial record Money(decimal Amount, decimal? Tax, List<decimal>? Parts);

/// <summary>10. Named floating-point literals on members of a Web type.</summary>
[VelithonJson]
public partial class Measurement
{
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double Value { get; set; }

    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public float? Maybe { get; set; }

    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.WriteAsString)]
    public List<double>? Samples { get; set; }

    public double Plain { get; set; }
}

/// <summary>11. [JsonNumberHandling(WriteAsString)] on members, elements and dictionary values.</summary>
[VelithonJson]
public partial class Quoted
{
    [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
    public int Count { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public decimal Price { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
    public long? Big { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
    public List<ulong>? Ids { get; set; }

    [JsonNumberHandling(JsonNumberHandling.Strict)]
    public int Strict { get; set; }

    public short Plain { get; set; }
}

/// <summary>12. [JsonNumberHandling] on the type.</summary>
[VelithonJson]
[JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public partial class QuotedType
{
    public int Count { get; set; }

    public double Ratio { get; set; }

    public byte? Small { get; set; }

    [JsonNumberHandling(JsonNumberHandling.Strict)]
    public int Strict { get; set; }

    public Dictionary<string, float>? Scores { get; set; }
}

/// <summary>13. Dictionaries keyed by enums, Guids, dates and numbers, holding nullable values.</summary>
[VelithonJson]
public partial class Keyed
{
    public Dictionary<Currency, int?>? ByCurrency { get; set; }

    public Dictionary<Stage, string?>? ByStage { get; set; }

    public Dictionary<Grants, bool?>? ByGrant { get; set; }

    public Dictionary<Guid, decimal?>? ByGuid { get; set; }

    public Dictionary<DateTime, double?>? ByTime { get; set; }

    public IReadOnlyDictionary<DateOnly, Money?>? ByDay { get; set; }

    public SortedDictionary<long, TimeSpan?>? ByNumber { get; set; }
}

/// <summary>A generic result wrapper.</summary>
[VelithonJson]
public partial class Envelope<T>
{
    public bool Ok { get; set; }

    public T? Data { get; set; }

    public string? Error { get; set; }

    public Dictionary<string, string>? Meta { get; set; }
}

/// <summary>A generic page.</summary>
[VelithonJson]
public partial record Paged<T>(IReadOnlyList<T> Items, int Total, string? Next);

/// <summary>An order inside the wrappers.</summary>
[VelithonJson]
public partial record Purchase(Guid Id, decimal Total, Stage Stage, List<OrderLine>? Lines);

/// <summary>14. A root closing two generic wrappers: Envelope&lt;Paged&lt;Purchase&gt;&gt;.</summary>
[VelithonJson]
public partial class PurchaseFeed
{
    public Envelope<Paged<Purchase>>? Response { get; set; }

    public Envelope<Paged<Envelope<int?>>>? Deep { get; set; }
}

/// <summary>15. A struct read through its [JsonConstructor], with an init-only member beside it.</summary>
[VelithonJson]
public readonly partial struct Coord
{
    [JsonConstructor]
    public Coord(double lat, double lon)
    {
        Lat = lat;
        Lon = lon;
    }

    public double Lat { get; }

    public double Lon { get; }

    public string? Label { get; init; }
}

/// <summary>Holds structs with constructors as members, nullable and in a list.</summary>
[VelithonJson]
public partial class Route
{
    public Coord From { get; set; }

    public Coord? To { get; set; }

    public List<Coord>? Stops { get; set; }
}

/// <summary>16. Names that differ only in case, in a case-sensitive type (STJ refuses them case-insensitively).</summary>
[VelithonJson(PropertyNameCaseInsensitive = false)]
public partial class CaseTwins
{
    public int Value { get; set; }

    [JsonPropertyName("VALUE")]
    public int Shout { get; set; }

    [JsonPropertyName("vAlUe")]
    public string? Mixed { get; set; }
}

/// <summary>17. Names that need escaping, an empty name, a '$' name and a very long name.</summary>
[VelithonJson]
public partial class OddNames
{
    [JsonPropertyName("a\"b<c>&d'e\\f/g")]
    public int Quoted { get; set; }

    [JsonPropertyName("caf\u00E9 \u2028 \U0001F600")]
    public string? Unicode { get; set; }

    [JsonPropertyName("")]
    public int Empty { get; set; }

    [JsonPropertyName("$version")]
    public int Dollar { get; set; }

    [JsonPropertyName("tab\there\u0001")]
    public bool Control { get; set; }

    public int AVeryLongPropertyNameThatAnApiAuthorMightWriteWhenMirroringSomeLegacySchemaWithoutAbbreviationsAtAllAndThenSomeMoreWordsToPassTheHundredAndTwentyEightCharacterMark { get; set; }
}

/// <summary>18. `object` members and collections of them.</summary>
[VelithonJson]
public partial record Bag(object? Payload, List<object?>? Items, Dictionary<string, object?>? Extra);

/// <summary>19. Interface-typed collections as record parameters and members.</summary>
[VelithonJson]
public partial record Feed(IEnumerable<string> Items, IReadOnlyDictionary<string, int>? Counts)
{
    public IReadOnlyCollection<Guid>? Seen { get; init; }

    public IDictionary<int, IReadOnlyList<string?>>? Groups { get; set; }

    public ISet<Currency>? Currencies { get; set; }
}

/// <summary>20. Every ignore condition, on value and reference members.</summary>
[VelithonJson]
public partial class Ignores
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Always)]
    public int AlwaysValue { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Always)]
    public string? AlwaysRef { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int NeverValue { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? NeverRef { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int DefaultValue { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public DateTime DefaultDate { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? DefaultRef { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int? DefaultNullable { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Coord DefaultStruct { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NullRef { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? NullNullable { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<int>? NullList { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)]
    public int WritingValue { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)]
    public string? WritingRef { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]
    public int ReadingValue { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]
    public string? ReadingRef { get; set; }
}

/// <summary>21. Init-only members with defaults beside positional parameters.</summary>
[VelithonJson]
public partial record Settings(string Name, int Level = 2)
{
    public string Region { get; init; } = "eu-west";

    public int Retries { get; init; } = 3;

    public List<int> Ports { get; init; } = [80, 443];

    public Currency Currency { get; init; } = Currency.Usd;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public Dictionary<string, string>? Labels { get; init; }
}

/// <summary>22. The General defaults: names as declared, read case-sensitively, numbers strict.</summary>
[VelithonJson(JsonSerializerDefaults.General)]
public partial class GeneralInvoice
{
    public int InvoiceId { get; set; }

    public string? customerName { get; set; }

    public decimal Total { get; set; }

    public List<GeneralLine>? Lines { get; set; }

    public Dictionary<string, int>? Totals { get; set; }
}

/// <summary>A line of <see cref="GeneralInvoice"/>, with the same settings.</summary>
[VelithonJson(JsonSerializerDefaults.General)]
public partial record GeneralLine(string Sku, int Qty, [property: JsonPropertyName("unit_price")] decimal UnitPrice);

/// <summary>23. A positional record whose properties carry attributes: a renamed parameter, an ignored one, an ordered one, a required one.</summary>
[VelithonJson]
public partial record Tagged(
    [property: JsonPropertyName("tag_id")] int Id,
    [property: JsonIgnore] string? Internal,
    [property: JsonPropertyOrder(-1)] string Title,
    [property: JsonRequired] int? Version,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] long Serial);

/// <summary>Names that differ only in case, renamed members and a negative value, written as strings.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Casing>))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1708", Justification = "names that differ only in case are the shape under test")]
public enum Casing : sbyte
{
    A,
    a,
    B = 5,
    [JsonStringEnumMemberName("b")]
    Bee = 6,
    [JsonStringEnumMemberName("A")]
    Other = 7,
    Negative = -3,
}

/// <summary>A ulong-backed enum written as strings by the member's converter.</summary>
[Flags]
public enum Wide : ulong
{
    None = 0,
    Low = 1,
    [JsonStringEnumMemberName("high bit")]
    High = 1UL << 63,
    Max = ulong.MaxValue,
}

/// <summary>24. Enums whose names collide by case or by renaming, signed and ulong-backed.</summary>
[VelithonJson]
public partial class EnumCases
{
    public Casing Casing { get; set; }

    public Casing? Maybe { get; set; }

    [JsonConverter(typeof(JsonStringEnumConverter<Wide>))]
    public Wide Wide { get; set; }

    public Wide WideNumber { get; set; }

    public Dictionary<Casing, int>? ByCasing { get; set; }

    public Dictionary<Wide, string?>? ByWide { get; set; }
}

/// <summary>25. Default parameter values that are awkward to emit as C# literals.</summary>
[VelithonJson]
public partial record OddDefaults(
    int Id,
    double Ratio = double.NaN,
    float Scale = float.PositiveInfinity,
    double Low = double.NegativeInfinity,
    long Min = long.MinValue,
    ulong Max = ulong.MaxValue,
    decimal Price = -1.50m,
    char Quote = '\'',
    string Text = "tab\t\"quote\" \\ \u00e9 \U0001F600",
    Currency Currency = (Currency)99,
    Grants Grants = Grants.Read | Grants.Delete,
    DateTime When = default,
    Guid Key = default,
    Coord? Where = null,
    int? Count = 7,
    sbyte Small = -128,
    Half Tiny = default,
    byte[]? Blob = null);

/// <summary>26. Computed (expression-bodied) members, written and never read, beside settable ones.</summary>
[VelithonJson]
public partial class Computed
{
    public string? First { get; set; }

    public string? Last { get; set; }

    public string FullName => $"{First} {Last}";

    public List<decimal> Amounts { get; set; } = [];

    public decimal Total => Amounts.Sum();

    public int Count => Amounts.Count;

    public bool IsEmpty => Amounts.Count == 0;
}

/// <summary>27. A class constructor binding some members (one init-only with a default), others set after it.</summary>
[VelithonJson]
public partial class Customer
{
    public Customer(string name, string region = "eu")
    {
        Name = name;
        Region = region;
    }

    public string Name { get; }

    public string Region { get; init; } = "us";

    public int Tier { get; init; } = 1;

    public List<string> Emails { get; set; } = ["none@example.com"];

    public Dictionary<string, string>? Attributes { get; set; }
}

/// <summary>28. A record struct with a [JsonConstructor] that is not the primary one.</summary>
[VelithonJson]
public partial record struct Range(int Start, int End)
{
    [JsonConstructor]
    public Range(int start, int end, string? label)
        : this(start, end)
    {
        Label = label;
    }

    public string? Label { get; init; }

    public readonly int Length => End - Start;
}

/// <summary>29. Nested collections of nullable values and dictionaries inside lists.</summary>
[VelithonJson]
public partial class Matrix
{
    public List<List<int?>?>? Rows { get; set; }

    public Dictionary<string, List<Dictionary<string, double?>?>>? Sheets { get; set; }

    public int[][]? Jagged { get; set; }

    public Dictionary<DateTimeOffset, Dictionary<Guid, string?>?>? Timeline { get; set; }
}

/// <summary>Members named after C# keywords (<c>@class</c>): generated code must escape them; JSON names are the plain words.</summary>
[VelithonJson]
public partial class Keywords
{
    public int @class { get; set; }

    public string? @event { get; init; }

    public KeywordKind @default { get; set; }

    public List<int>? @params { get; set; }

    public KeywordRecord? @record { get; set; }
}

/// <summary>A positional record whose parameters are C# keywords.</summary>
[VelithonJson]
public partial record KeywordRecord(int @event, string? @string);

/// <summary>An enum with members named after C# keywords, written as strings.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KeywordKind>))]
public enum KeywordKind
{
    @none,
    @public,
    @static,
}
