using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Profiles;

// One model per option profile: the members are declared once, in the generic bases below (System.Text.Json and the
// generator both serialize inherited members), and each profile's [VelithonJson] types only add the attribute. Member
// names are chosen to exercise the naming policies (acronyms, digits, underscores, non-ASCII).

/// <summary>Written as numbers unless the profile asks for strings.</summary>
public enum Hue
{
    Light,
    Dark,
    Dim = 5,
}

/// <summary>[Flags]: combinations written as "A, B" as strings.</summary>
[Flags]
public enum Rights
{
    None = 0,
    Read = 1,
    Write = 2,
    ReadWrite = Read | Write,
    Admin = 8,
}

/// <summary>The members of every profile's root type.</summary>
/// <typeparam name="TChild">The profile's child type.</typeparam>
public abstract class ProfileRoot<TChild>
    where TChild : ProfileChild
{
    public int OrderID { get; set; }

    public string? CustomerName { get; set; }

    public string? XMLPayload { get; set; }

    public double SHA512Score { get; set; }

    public long IDs { get; set; }

    public decimal Amount_Due { get; set; }

    public float Ratio2D { get; set; }

    public byte TinyValue { get; set; }

    public ulong BigValue { get; set; }

    public bool IsActive { get; set; }

    public int? MaybeCount { get; set; }

    public double? MaybeScore { get; set; }

    public Guid Key { get; set; }

    public DateTime CreatedAt { get; set; }

    public TimeSpan Elapsed { get; set; }

    public Hue Hue { get; set; }

    public Hue? MaybeShade { get; set; }

    public Rights Rights { get; set; }

    public List<Hue>? Shades { get; set; }

    public TChild? Child { get; set; }

    public List<TChild?>? Children { get; set; }

    public int[]? Numbers { get; set; }

    public List<double?>? Measurements { get; set; }

    public Dictionary<string, double>? ScoresByName { get; set; }

    public Dictionary<string, TChild>? ChildrenByKey { get; set; }

    public string ÉtéNote { get; set; } = "";

    [JsonPropertyName("explicit Name")]
    public string? Renamed { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? NeverSkipped { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SkippedWhenNull { get; set; }

    [JsonIgnore]
    public string? Ignored { get; set; }

    public int ReadOnlyValue => OrderID % 7;

    // Member selection: read-only members (left out with IgnoreReadOnlyProperties, except collections and members with
    // an ignore condition of their own) and public fields (members with IncludeFields; the readonly ones left out with
    // IgnoreReadOnlyFields, except collections).
    public List<int> FixedList { get; } = [3, 4];

    public string Stamp { get; private set; } = "stamp";

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int PinnedReadOnly => OrderID % 3;

    public TChild? FirstChild => Children is { Count: > 0 } children ? children[0] : null;

    public Hue? ReadOnlyShade => MaybeShade;

    public int Counter;

    public string? Label;

    public readonly string Origin = "origin";

    public readonly List<int> Slots = [1, 2];

    public double? MaybeRatio;

    // [JsonNumberHandling] on members: it wins over the type's and the options' number handling, for the member and the
    // elements (values) of its collection.
    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public int Quoted { get; set; }

    [JsonNumberHandling(JsonNumberHandling.Strict)]
    public List<long>? StrictLongs { get; set; }

    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.WriteAsString)]
    public Dictionary<string, double?>? NamedDoubles { get; set; }

    // Collections of collections: a member's (or type's) number handling reaches the outer elements only.
    public List<int[]?>? Grid { get; set; }
}

/// <summary>The members of every profile's child type: only what the generated fast path reads itself.</summary>
public abstract class ProfileChild
{
    public string? ChildName { get; set; }

    public int HTTPCode { get; set; }

    public long Count_Total { get; set; }

    public double Ratio { get; set; }

    public decimal Price { get; set; }

    public bool IsLeaf { get; set; }

    public Guid Id { get; set; }

    public int? MaybeSize { get; set; }

    public Hue Hue { get; set; }

    public List<double>? Values { get; set; }

    public string[]? Tags { get; set; }
}

// ---- the profiles ----

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DictionaryKeyPolicy = JsonKnownNamingPolicy.KebabCaseLower)]
public partial class CamelRoot : ProfileRoot<CamelChild>;

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DictionaryKeyPolicy = JsonKnownNamingPolicy.KebabCaseLower)]
public partial class CamelChild : ProfileChild;

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public partial class SnakeLowerRoot : ProfileRoot<SnakeLowerChild>;

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public partial class SnakeLowerChild : ProfileChild;

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseUpper, DictionaryKeyPolicy = JsonKnownNamingPolicy.CamelCase)]
public partial class SnakeUpperRoot : ProfileRoot<SnakeUpperChild>;

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseUpper, DictionaryKeyPolicy = JsonKnownNamingPolicy.CamelCase)]
public partial class SnakeUpperChild : ProfileChild;

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower, DictionaryKeyPolicy = JsonKnownNamingPolicy.SnakeCaseUpper)]
public partial class KebabLowerRoot : ProfileRoot<KebabLowerChild>;

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower, DictionaryKeyPolicy = JsonKnownNamingPolicy.SnakeCaseUpper)]
public partial class KebabLowerChild : ProfileChild;

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseUpper, DictionaryKeyPolicy = JsonKnownNamingPolicy.KebabCaseUpper)]
public partial class KebabUpperRoot : ProfileRoot<KebabUpperChild>;

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseUpper, DictionaryKeyPolicy = JsonKnownNamingPolicy.KebabCaseUpper)]
public partial class KebabUpperChild : ProfileChild;

/// <summary>Names as declared (no naming policy), otherwise the Web defaults.</summary>
[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
public partial class DeclaredRoot : ProfileRoot<DeclaredChild>;

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
public partial class DeclaredChild : ProfileChild;

/// <summary>JsonSerializerDefaults.General: names as declared, case-sensitive reading, numbers only as numbers.</summary>
[VelithonJson(JsonSerializerDefaults.General)]
public partial class GeneralRoot : ProfileRoot<GeneralChild>;

[VelithonJson(JsonSerializerDefaults.General)]
public partial class GeneralChild : ProfileChild;

/// <summary>Web, but names are matched only as written.</summary>
[VelithonJson(PropertyNameCaseInsensitive = false)]
public partial class CaseSensitiveRoot : ProfileRoot<CaseSensitiveChild>;

[VelithonJson(PropertyNameCaseInsensitive = false)]
public partial class CaseSensitiveChild : ProfileChild;

/// <summary>Numbers written as strings and read from strings (or numbers).</summary>
[VelithonJson(NumberHandling = JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
public partial class QuotedNumbersRoot : ProfileRoot<QuotedNumbersChild>;

[VelithonJson(NumberHandling = JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
public partial class QuotedNumbersChild : ProfileChild;

/// <summary>Numbers written as strings but read only as numbers: STJ cannot read its own output back.</summary>
[VelithonJson(NumberHandling = JsonNumberHandling.WriteAsString)]
public partial class WriteAsStringRoot : ProfileRoot<WriteAsStringChild>;

[VelithonJson(NumberHandling = JsonNumberHandling.WriteAsString)]
public partial class WriteAsStringChild : ProfileChild;

/// <summary>General, with "NaN", "Infinity" and "-Infinity" for float and double.</summary>
[VelithonJson(JsonSerializerDefaults.General, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public partial class NamedLiteralsRoot : ProfileRoot<NamedLiteralsChild>;

[VelithonJson(JsonSerializerDefaults.General, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public partial class NamedLiteralsChild : ProfileChild;

/// <summary>Every number handling flag, snake_case names.</summary>
[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public partial class AllNumberFlagsRoot : ProfileRoot<AllNumberFlagsChild>;

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public partial class AllNumberFlagsChild : ProfileChild;

/// <summary>Null references and empty nullables left out; a member's own [JsonIgnore] condition wins.</summary>
[VelithonJson(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
public partial class SkipNullRoot : ProfileRoot<SkipNullChild>;

[VelithonJson(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
public partial class SkipNullChild : ProfileChild;

/// <summary>General, every default value left out (0, false, Guid.Empty, default DateTime, null).</summary>
[VelithonJson(JsonSerializerDefaults.General, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
public partial class SkipDefaultRoot : ProfileRoot<SkipDefaultChild>;

[VelithonJson(JsonSerializerDefaults.General, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
public partial class SkipDefaultChild : ProfileChild;

/// <summary>Every enum written as names, as a global JsonStringEnumConverter writes them.</summary>
[VelithonJson(UseStringEnumConverter = true)]
public partial class StringEnumsRoot : ProfileRoot<StringEnumsChild>;

[VelithonJson(UseStringEnumConverter = true)]
public partial class StringEnumsChild : ProfileChild;

/// <summary>A typical configured API: kebab-case names, string enums, nulls left out.</summary>
[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
public partial class TypicalRoot : ProfileRoot<TypicalChild>;

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
public partial class TypicalChild : ProfileChild;

/// <summary>Indented with System.Text.Json's defaults: two spaces, the platform's line break (NewLine not set).</summary>
[VelithonJson(WriteIndented = true)]
public partial class IndentedRoot : ProfileRoot<IndentedChild>;

[VelithonJson(WriteIndented = true)]
public partial class IndentedChild : ProfileChild;

/// <summary>Indented with one tab per level.</summary>
[VelithonJson(WriteIndented = true, IndentCharacter = '\t', IndentSize = 1)]
public partial class TabIndentedRoot : ProfileRoot<TabIndentedChild>;

[VelithonJson(WriteIndented = true, IndentCharacter = '\t', IndentSize = 1)]
public partial class TabIndentedChild : ProfileChild;

/// <summary>Indented with size 0: line breaks, no indentation.</summary>
[VelithonJson(WriteIndented = true, IndentSize = 0)]
public partial class FlatIndentedRoot : ProfileRoot<FlatIndentedChild>;

[VelithonJson(WriteIndented = true, IndentSize = 0)]
public partial class FlatIndentedChild : ProfileChild;

/// <summary>Indented with seven spaces and "\n" set explicitly.</summary>
[VelithonJson(WriteIndented = true, IndentSize = 7, NewLine = "\n")]
public partial class WideIndentedRoot : ProfileRoot<WideIndentedChild>;

[VelithonJson(WriteIndented = true, IndentSize = 7, NewLine = "\n")]
public partial class WideIndentedChild : ProfileChild;

/// <summary>Indented with CRLF line breaks.</summary>
[VelithonJson(WriteIndented = true, NewLine = "\r\n")]
public partial class CrLfIndentedRoot : ProfileRoot<CrLfIndentedChild>;

[VelithonJson(WriteIndented = true, NewLine = "\r\n")]
public partial class CrLfIndentedChild : ProfileChild;

/// <summary>A readable configured API: snake_case, string enums, nulls left out, tabs and CRLF.</summary>
[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true, IndentCharacter = '\t', IndentSize = 2, NewLine = "\r\n")]
public partial class IndentedTypicalRoot : ProfileRoot<IndentedTypicalChild>;

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true, IndentCharacter = '\t', IndentSize = 2, NewLine = "\r\n")]
public partial class IndentedTypicalChild : ProfileChild;

/// <summary>A recursive indented type with the widest indentation: deep graphs, through every entry point.</summary>
[VelithonJson(WriteIndented = true, IndentSize = 127, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
public partial class WideNode
{
    public int Level { get; set; }

    public WideNode? Next { get; set; }

    public List<WideNode?>? Items { get; set; }

    public Dictionary<string, WideNode>? ByName { get; set; }
}
// ---- read settings ----

/// <summary>Trailing commas read, as STJ with AllowTrailingCommas = true.</summary>
[VelithonJson(AllowTrailingCommas = true)]
public partial class TrailingCommasRoot : ProfileRoot<TrailingCommasChild>;

[VelithonJson(AllowTrailingCommas = true)]
public partial class TrailingCommasChild : ProfileChild;

/// <summary>Comments skipped, as STJ with ReadCommentHandling = Skip.</summary>
[VelithonJson(ReadCommentHandling = JsonCommentHandling.Skip)]
public partial class CommentsRoot : ProfileRoot<CommentsChild>;

[VelithonJson(ReadCommentHandling = JsonCommentHandling.Skip)]
public partial class CommentsChild : ProfileChild;

/// <summary>General, snake_case, trailing commas and comments: a hand-edited configuration file.</summary>
[VelithonJson(JsonSerializerDefaults.General, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip)]
public partial class LenientRoot : ProfileRoot<LenientChild>;

[VelithonJson(JsonSerializerDefaults.General, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip)]
public partial class LenientChild : ProfileChild;

/// <summary>An unknown member is an error, as STJ with UnmappedMemberHandling = Disallow.</summary>
[VelithonJson(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
public partial class StrictMembersRoot : ProfileRoot<StrictMembersChild>;

[VelithonJson(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
public partial class StrictMembersChild : ProfileChild;

/// <summary>General (case-sensitive names) with unknown members an error, and comments skipped.</summary>
[VelithonJson(JsonSerializerDefaults.General, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, ReadCommentHandling = JsonCommentHandling.Skip)]
public partial class StrictGeneralRoot : ProfileRoot<StrictGeneralChild>;

[VelithonJson(JsonSerializerDefaults.General, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, ReadCommentHandling = JsonCommentHandling.Skip)]
public partial class StrictGeneralChild : ProfileChild;

/// <summary>The Web defaults, but the root type itself disallows unknown members ([JsonUnmappedMemberHandling] wins over the options).</summary>
[VelithonJson]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public partial class OwnDisallowRoot : ProfileRoot<OwnDisallowChild>;

[VelithonJson]
public partial class OwnDisallowChild : ProfileChild;

/// <summary>UnmappedMemberHandling = Disallow, but the child type itself skips unknown members.</summary>
[VelithonJson(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
public partial class OwnSkipRoot : ProfileRoot<OwnSkipChild>;

[VelithonJson(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public partial class OwnSkipChild : ProfileChild;

/// <summary>MaxDepth = 6: STJ writes every value, and a list of them, with it (unknown members with nested values reach it).</summary>
[VelithonJson(MaxDepth = 6)]
public partial class ShallowRoot : ProfileRoot<ShallowChild>;

[VelithonJson(MaxDepth = 6)]
public partial class ShallowChild : ProfileChild;

/// <summary>AllowOutOfOrderMetadataProperties: no effect without metadata, only stated in the contract.</summary>
[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
public partial class OutOfOrderRoot : ProfileRoot<OutOfOrderChild>;

[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
public partial class OutOfOrderChild : ProfileChild;

/// <summary>Read-only properties left out when written (collections and members with their own ignore condition stay).</summary>
[VelithonJson(IgnoreReadOnlyProperties = true)]
public partial class ReadOnlySkippedRoot : ProfileRoot<ReadOnlySkippedChild>;

[VelithonJson(IgnoreReadOnlyProperties = true)]
public partial class ReadOnlySkippedChild : ProfileChild;

/// <summary>Public fields are members (General: names as declared).</summary>
[VelithonJson(JsonSerializerDefaults.General, IncludeFields = true)]
public partial class FieldsRoot : ProfileRoot<FieldsChild>;

[VelithonJson(JsonSerializerDefaults.General, IncludeFields = true)]
public partial class FieldsChild : ProfileChild;

/// <summary>Public fields are members, the readonly ones (and read-only properties) left out when written.</summary>
[VelithonJson(IncludeFields = true, IgnoreReadOnlyFields = true, IgnoreReadOnlyProperties = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public partial class ReadOnlyFieldsRoot : ProfileRoot<ReadOnlyFieldsChild>;

[VelithonJson(IncludeFields = true, IgnoreReadOnlyFields = true, IgnoreReadOnlyProperties = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public partial class ReadOnlyFieldsChild : ProfileChild;

/// <summary>[JsonNumberHandling] on the type: its members' numbers as strings (a member's own attribute still wins; nested objects keep theirs).</summary>
[VelithonJson(JsonSerializerDefaults.General, IncludeFields = true)]
[JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
public partial class TypeNumbersRoot : ProfileRoot<TypeNumbersChild>;

[VelithonJson(JsonSerializerDefaults.General, IncludeFields = true)]
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public partial class TypeNumbersChild : ProfileChild;
