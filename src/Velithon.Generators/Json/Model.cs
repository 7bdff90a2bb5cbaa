using Velithon.Generators.Common;

namespace Velithon.Generators.Json;

// Pipeline models: values only (strings, numbers, nested records, EquatableArray), never symbols, syntax or
// locations, so the incremental driver can compare them and skip emitting when nothing relevant changed.

internal enum ShapeKind
{
    Primitive,
    Enum,
    Nullable,
    Array,
    List,
    ReadOnlyList,
    IList,
    ICollection,
    IEnumerable,
    ImmutableArray,
    Dictionary,
    ReadOnlyDictionary,
    IDictionary,
    Object,

    /// <summary>A custom <c>[JsonConverter]</c> (on the member, or on the type) writes and reads the value.</summary>
    Converter,

    /// <summary>Another sequence (sets, queues, stacks, immutable lists, ...): <see cref="TypeShape.Collection"/> says which.</summary>
    Sequence,

    /// <summary>Another dictionary, or one with non-string keys: <see cref="TypeShape.Collection"/> and <see cref="TypeShape.Key"/> say which.</summary>
    Map,

    /// <summary>A type parameter of a generic type: <c>JsonValueHandler&lt;T&gt;</c> writes and reads the value.</summary>
    Handler,
}

internal enum PrimitiveKind
{
    None,
    Boolean,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    String,
    Char,
    Guid,
    DateTime,
    DateTimeOffset,
    DateOnly,
    TimeOnly,
    TimeSpan,
    Uri,
    ByteArray,
    Half,
    Int128,
    UInt128,
}

/// <summary>How a member type is written and read.</summary>
/// <param name="Kind">The family of the type.</param>
/// <param name="TypeName">The type as C# source, <c>global::</c>-qualified, with nullable annotations.</param>
/// <param name="DisplayName">The name used in error messages, like <c>Type.ToString()</c>.</param>
/// <param name="IsValueType">Whether the type is a value type (no null check when writing).</param>
/// <param name="Primitive">For primitives, the kind; for enums, the underlying integer kind.</param>
/// <param name="Element">The element (collections), value (dictionaries) or underlying type (Nullable).</param>
/// <param name="Enum">For enums, the names and values.</param>
/// <param name="Converter">For <see cref="ShapeKind.Converter"/>, the converter.</param>
/// <param name="MayFailWriting">For <see cref="ShapeKind.Object"/>, whether writing the type may raise an error whose
/// message carries System.Text.Json's write path: it may write through a custom converter (its members, theirs, …) or
/// it is a polymorphic base that refuses unlisted runtime types. The member then records its name in that path.</param>
/// <param name="Collection">For <see cref="ShapeKind.Sequence"/> and <see cref="ShapeKind.Map"/>, the collection type.</param>
/// <param name="Key">For <see cref="ShapeKind.Map"/>, the key type.</param>
/// <param name="Plain">For <see cref="ShapeKind.Object"/> of a type without <c>[VelithonJson]</c>, the generated handler
/// class (in the same file) that writes and reads it; null for a <c>[VelithonJson]</c> type, which does it itself.</param>
internal sealed record TypeShape(
    ShapeKind Kind,
    string TypeName,
    string DisplayName,
    bool IsValueType,
    PrimitiveKind Primitive,
    TypeShape? Element,
    EnumModel? Enum,
    ConverterModel? Converter = null,
    bool MayFailWriting = false,
    CollectionKind Collection = CollectionKind.None,
    TypeShape? Key = null,
    string? Plain = null,
    bool ReadsThroughConstructor = false);

/// <summary>A custom converter named by <c>[JsonConverter(typeof(X))]</c>.</summary>
/// <param name="TypeName">X, <c>global::</c>-qualified.</param>
/// <param name="DeclaredOn">Where the attribute is, as System.Text.Json names it (<c>Demo.Order.Total</c>, or the type).</param>
/// <param name="OverridesHandleNull">Whether X overrides <c>HandleNull</c> (System.Text.Json's defaults otherwise).</param>
/// <param name="BuiltIn">For a type System.Text.Json converts with a converter of its own (<c>JsonElement</c>, <c>JsonNode</c>,
/// <c>Memory&lt;byte&gt;</c>, ...): <paramref name="TypeName"/> is then the <c>JsonMetadataServices</c> property that gives it.</param>
internal sealed record ConverterModel(string TypeName, string DeclaredOn, bool OverridesHandleNull, bool BuiltIn = false);

internal sealed record EnumModel(
    string TypeName,
    string DisplayName,
    string HelperSuffix,
    string Underlying,
    bool AsString,
    bool IsFlags,
    EquatableArray<EnumMemberModel> Members);

/// <summary>One enum field: its C# name, its JSON name, and its value as the sign-extended 64-bit pattern.</summary>
/// <param name="Renamed">Named by [JsonStringEnumMemberName]: System.Text.Json matches such a name only as written, a
/// declared name also ignoring case.</param>
internal sealed record EnumMemberModel(string Name, string JsonName, ulong Bits, bool Renamed, bool ObsoleteAsError = false);

internal enum ReadKind
{
    /// <summary>Not read: unknown to the reader, its value is skipped.</summary>
    None,

    /// <summary>Assigned through an accessible setter or field after construction, when present.</summary>
    Setter,

    /// <summary>Init-only or inaccessible setter: assigned through an <c>[UnsafeAccessor]</c>, when present.</summary>
    Accessor,

    /// <summary>A C# <c>required</c> member: always assigned in the object initializer (absence throws).</summary>
    Initializer,

    /// <summary>Passed to the constructor only.</summary>
    Constructor,
}

internal enum WriteCondition
{
    Always,
    Never,
    WhenNotNull,
    WhenNotDefault,
}

/// <param name="Populate">Read into its current value (JsonObjectCreationHandling.Populate), as System.Text.Json decides it
/// for this member: the option, the declaring type's or the member's attribute, a type it can populate.</param>
internal sealed record MemberModel(
    string Name,
    string JsonName,
    TypeShape Type,
    WriteCondition Write,
    ReadKind Read,
    bool IsRequired,
    bool IsInterned,
    string? InternTable,
    string DeclaringTypeName,
    bool DeclaringTypeIsValueType,
    NumberHandling NumberHandling,
    bool RefusesNullWhenWritten = false,
    bool RefusesNullWhenRead = false,
    bool Populate = false);

/// <summary>A constructor parameter: the member it is bound to (-1 for a <c>[JsonIgnore]</c>d one, never read), and its
/// default value when the member is absent.</summary>
/// <param name="RefusesNull">RespectNullableAnnotations: JSON null for it is System.Text.Json's "constructor parameter" error.</param>
internal sealed record ParameterModel(string Name, int MemberIndex, string? DefaultValue, bool RefusesNull = false);

internal sealed record ContainingTypeModel(string Keyword, string Name);

/// <param name="EmitsPopulate">The type is read into an existing instance when a member of its type is populated
/// (<c>PopulateJson</c>): compiled with <c>PreferredObjectCreationHandling = Populate</c> or
/// <c>[JsonObjectCreationHandling(Populate)]</c> on the type, a class read through a parameterless constructor.</param>
/// <param name="CreatesThroughAccessor">Created before its members are read (populating) though it has C# <c>required</c>
/// members: through an <c>[UnsafeAccessor]</c> to its constructor, the members then set like any other.</param>
/// <param name="ContractTypeName">For a plain type, the [VelithonJson] type whose contract its converters are created with.</param>
/// <param name="IsPlain">A type without <c>[VelithonJson]</c>: emitted as the file-local static class <c>Name</c>, members
/// reached through <c>value.</c>.</param>
/// <param name="PlainTypes">The plain types this [VelithonJson] type reaches (transitively), emitted in its file.</param>
internal sealed record TypeModel(
    string Namespace,
    string Name,
    string TypeName,
    string DisplayName,
    string HintName,
    string Keyword,
    bool IsValueType,
    bool HidesBaseReadJson,
    bool HidesBaseTryReadJsonFast,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    EquatableArray<MemberModel> Members,
    EquatableArray<ParameterModel> ConstructorParameters,
    string? CannotReadReason,
    bool IsModuleAccessible,
    JsonOptionsModel Options,
    bool DisallowUnmappedMembers = false,
    EquatableArray<string> IgnoredJsonNames = default,
    EquatableArray<string> HandlerRegistrations = default,
    bool IsGeneric = false,
    PolymorphismModel? Polymorphism = null,
    bool IsPolymorphicPart = false,
    bool HidesBaseReadObject = false,
    bool EmitsPopulate = false,
    bool CreatesThroughAccessor = false,
    string? ContractTypeName = null,
    bool IsPlain = false,
    EquatableArray<TypeModel> PlainTypes = default,
    ExtensionDataModel? ExtensionData = null);

internal sealed record ParseResult(TypeModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary><c>System.Text.Json.Serialization.JsonKnownNamingPolicy</c>, by value.</summary>
internal enum NamingPolicy
{
    Unspecified = 0,
    CamelCase = 1,
    SnakeCaseLower = 2,
    SnakeCaseUpper = 3,
    KebabCaseLower = 4,
    KebabCaseUpper = 5,
}

/// <summary>
/// The <c>JsonSerializerOptions</c> settings a type is compiled for: its <c>[VelithonJson]</c> over the assembly's
/// <c>[VelithonJsonDefaults]</c> over <c>JsonSerializerDefaults.Web</c>. Plain values, so it sits in the pipeline model.
/// </summary>
internal sealed record JsonOptionsModel(
    NamingPolicy PropertyNamingPolicy,
    NamingPolicy DictionaryKeyPolicy,
    bool PropertyNameCaseInsensitive,
    NumberHandling NumberHandling,
    IgnoreCondition DefaultIgnoreCondition,
    bool UseStringEnumConverter,
    bool WriteIndented = false,
    char IndentCharacter = ' ',
    int IndentSize = 2,
    string? NewLine = null,
    bool AllowTrailingCommas = false,
    CommentHandling ReadCommentHandling = CommentHandling.Disallow,
    UnmappedMembers UnmappedMemberHandling = UnmappedMembers.Skip,
    int MaxDepth = 0,
    bool AllowOutOfOrderMetadataProperties = false,
    bool IgnoreReadOnlyProperties = false,
    bool IgnoreReadOnlyFields = false,
    bool IncludeFields = false,
    bool RespectRequiredConstructorParameters = false,
    bool RespectNullableAnnotations = false,
    bool Populate = false)
{
    /// <summary>Gets <c>JsonSerializerDefaults.Web</c>.</summary>
    public static JsonOptionsModel Web { get; } = new(NamingPolicy.CamelCase, NamingPolicy.Unspecified, true, NumberHandling.AllowReadingFromString, IgnoreCondition.Never, false);

    /// <summary>Gets <c>JsonSerializerDefaults.General</c>.</summary>
    public static JsonOptionsModel General { get; } = new(NamingPolicy.Unspecified, NamingPolicy.Unspecified, false, NumberHandling.Strict, IgnoreCondition.Never, false);

    /// <summary>These settings with those <c>JsonSerializerDefaults</c> decide (naming, case, numbers) taken from <paramref name="defaults"/>.</summary>
    public JsonOptionsModel WithDefaults(JsonOptionsModel defaults) => this with
    {
        PropertyNamingPolicy = defaults.PropertyNamingPolicy,
        PropertyNameCaseInsensitive = defaults.PropertyNameCaseInsensitive,
        NumberHandling = defaults.NumberHandling,
    };

    /// <summary>The first setting in which <paramref name="other"/> differs, as "Setting = theirs (here: ours)"; null when equal.</summary>
    public string? FirstDifference(JsonOptionsModel other)
    {
        if (PropertyNamingPolicy != other.PropertyNamingPolicy)
        {
            return Difference("PropertyNamingPolicy", "JsonKnownNamingPolicy." + other.PropertyNamingPolicy, "JsonKnownNamingPolicy." + PropertyNamingPolicy);
        }

        if (DictionaryKeyPolicy != other.DictionaryKeyPolicy)
        {
            return Difference("DictionaryKeyPolicy", "JsonKnownNamingPolicy." + other.DictionaryKeyPolicy, "JsonKnownNamingPolicy." + DictionaryKeyPolicy);
        }

        if (PropertyNameCaseInsensitive != other.PropertyNameCaseInsensitive)
        {
            return Difference("PropertyNameCaseInsensitive", Bool(other.PropertyNameCaseInsensitive), Bool(PropertyNameCaseInsensitive));
        }

        if (NumberHandling != other.NumberHandling)
        {
            return Difference("NumberHandling", Describe(other.NumberHandling), Describe(NumberHandling));
        }

        if (DefaultIgnoreCondition != other.DefaultIgnoreCondition)
        {
            return Difference("DefaultIgnoreCondition", "JsonIgnoreCondition." + other.DefaultIgnoreCondition, "JsonIgnoreCondition." + DefaultIgnoreCondition);
        }

        if (UseStringEnumConverter != other.UseStringEnumConverter)
        {
            return Difference("UseStringEnumConverter", Bool(other.UseStringEnumConverter), Bool(UseStringEnumConverter));
        }

        if (WriteIndented != other.WriteIndented)
        {
            return Difference("WriteIndented", Bool(other.WriteIndented), Bool(WriteIndented));
        }

        // Without indentation System.Text.Json ignores the other writing settings: they change no byte.
        if (WriteIndented)
        {
            if (IndentCharacter != other.IndentCharacter)
            {
                return Difference("IndentCharacter", DescribeChar(other.IndentCharacter), DescribeChar(IndentCharacter));
            }

            if (IndentSize != other.IndentSize)
            {
                return Difference("IndentSize", other.IndentSize.ToString(System.Globalization.CultureInfo.InvariantCulture), IndentSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (NewLine != other.NewLine)
            {
                return Difference("NewLine", DescribeNewLine(other.NewLine), DescribeNewLine(NewLine));
            }
        }

        if (AllowTrailingCommas != other.AllowTrailingCommas)
        {
            return Difference("AllowTrailingCommas", Bool(other.AllowTrailingCommas), Bool(AllowTrailingCommas));
        }

        if (ReadCommentHandling != other.ReadCommentHandling)
        {
            return Difference("ReadCommentHandling", "JsonCommentHandling." + other.ReadCommentHandling, "JsonCommentHandling." + ReadCommentHandling);
        }

        if (UnmappedMemberHandling != other.UnmappedMemberHandling)
        {
            return Difference("UnmappedMemberHandling", "JsonUnmappedMemberHandling." + other.UnmappedMemberHandling, "JsonUnmappedMemberHandling." + UnmappedMemberHandling);
        }

        if (EffectiveMaxDepth != other.EffectiveMaxDepth)
        {
            return Difference("MaxDepth", other.MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (AllowOutOfOrderMetadataProperties != other.AllowOutOfOrderMetadataProperties)
        {
            return Difference("AllowOutOfOrderMetadataProperties", Bool(other.AllowOutOfOrderMetadataProperties), Bool(AllowOutOfOrderMetadataProperties));
        }

        if (IgnoreReadOnlyProperties != other.IgnoreReadOnlyProperties)
        {
            return Difference("IgnoreReadOnlyProperties", Bool(other.IgnoreReadOnlyProperties), Bool(IgnoreReadOnlyProperties));
        }

        if (IgnoreReadOnlyFields != other.IgnoreReadOnlyFields)
        {
            return Difference("IgnoreReadOnlyFields", Bool(other.IgnoreReadOnlyFields), Bool(IgnoreReadOnlyFields));
        }

        if (IncludeFields != other.IncludeFields)
        {
            return Difference("IncludeFields", Bool(other.IncludeFields), Bool(IncludeFields));
        }

        if (RespectRequiredConstructorParameters != other.RespectRequiredConstructorParameters)
        {
            return Difference("RespectRequiredConstructorParameters", Bool(other.RespectRequiredConstructorParameters), Bool(RespectRequiredConstructorParameters));
        }

        if (RespectNullableAnnotations != other.RespectNullableAnnotations)
        {
            return Difference("RespectNullableAnnotations", Bool(other.RespectNullableAnnotations), Bool(RespectNullableAnnotations));
        }

        if (Populate != other.Populate)
        {
            return Difference("PreferredObjectCreationHandling", Creation(other.Populate), Creation(Populate));
        }

        return null;
    }

    /// <summary>Gets the depth limit as System.Text.Json applies it (0 is the default, 64).</summary>
    public int EffectiveMaxDepth => MaxDepth == 0 ? 64 : MaxDepth;

    /// <summary>A number handling as C# writes it: <c>JsonNumberHandling.A | JsonNumberHandling.B</c>.</summary>
    public static string Describe(NumberHandling handling)
    {
        if (handling == NumberHandling.Strict)
        {
            return "JsonNumberHandling.Strict";
        }

        var parts = new System.Collections.Generic.List<string>();
        foreach (NumberHandling flag in new[] { NumberHandling.AllowReadingFromString, NumberHandling.WriteAsString, NumberHandling.AllowNamedFloatingPointLiterals })
        {
            if ((handling & flag) != 0)
            {
                parts.Add("JsonNumberHandling." + flag);
            }
        }

        return string.Join(" | ", parts);
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Creation(bool populate) => "JsonObjectCreationHandling." + (populate ? "Populate" : "Replace");

    /// <summary>An indentation character as C# writes it: <c>' '</c> or <c>'\t'</c>.</summary>
    public static string DescribeChar(char value) => value == '\t' ? "'\\t'" : "'" + value + "'";

    /// <summary>A line break as C# writes it (<c>"\n"</c>, <c>"\r\n"</c>), or <c>Environment.NewLine</c> when not set.</summary>
    public static string DescribeNewLine(string? value) => value is null ? "Environment.NewLine (not set)" : value == "\n" ? "\"\\n\"" : "\"\\r\\n\"";

    private static string Difference(string setting, string theirs, string ours) => setting + " = " + theirs + " (here: " + ours + ")";
}

/// <summary><c>System.Text.Json.Serialization.JsonNumberHandling</c>, by value.</summary>
[System.Flags]
internal enum NumberHandling
{
    Strict = 0,
    AllowReadingFromString = 1,
    WriteAsString = 2,
    AllowNamedFloatingPointLiterals = 4,
}

/// <summary><c>System.Text.Json.JsonCommentHandling</c>, by value (the ones JsonSerializerOptions accepts).</summary>
internal enum CommentHandling
{
    Disallow = 0,
    Skip = 1,
}

/// <summary><c>System.Text.Json.Serialization.JsonUnmappedMemberHandling</c>, by value.</summary>
internal enum UnmappedMembers
{
    Skip = 0,
    Disallow = 1,
}

/// <summary><c>System.Text.Json.Serialization.JsonIgnoreCondition</c>, by value (the ones valid as a default).</summary>
internal enum IgnoreCondition
{
    Never = 0,
    WhenWritingDefault = 2,
    WhenWritingNull = 3,
}
