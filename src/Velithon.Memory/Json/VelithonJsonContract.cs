using System.ComponentModel;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json;

/// <summary>The string escaping modes a type's generated code can write (see <see cref="VelithonJsonContract.SupportedEncoders"/>).</summary>
[Flags]
public enum VelithonJsonEncoders
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary><see cref="JavaScriptEncoder.Default"/> (or a <see langword="null"/> encoder): System.Text.Json's default.</summary>
    Default = 1,

    /// <summary><see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: what ASP.NET Core writes with.</summary>
    UnsafeRelaxedJsonEscaping = 2,
}

/// <summary>
/// What a <c>[VelithonJson]</c> type's generated code implements, in System.Text.Json's terms: the
/// <see cref="JsonSerializerOptions"/> settings it was compiled for, the escaping modes it can write, and the types
/// whose converters System.Text.Json would consult for it. <see cref="FindMismatch"/> names the first setting of a
/// <see cref="JsonSerializerOptions"/> the generated code would not honour; <see cref="VelithonJsonConverter{T}"/> and
/// <see cref="VelithonJsonTypeInfoResolver"/> use it so that the generated code never writes or accepts anything else
/// than System.Text.Json would with those options. Plumbing for generated code: get a type's contract with
/// <see cref="Of{T}"/>.
/// </summary>
/// <remarks>
/// A new instance describes <see cref="JsonSerializerDefaults.Web"/> (what every type's generated code implements
/// today); generated code sets what differs. The read settings (<see cref="JsonSerializerOptions.AllowTrailingCommas"/>,
/// <see cref="JsonSerializerOptions.ReadCommentHandling"/>, <see cref="JsonSerializerOptions.AllowOutOfOrderMetadataProperties"/>,
/// <see cref="JsonSerializerOptions.MaxDepth"/>) are compared when the type was compiled with them (a value other than
/// the default): it is then served only by hosts that say the same, so that it reads the same documents through
/// <c>VelithonJson</c> and through System.Text.Json. A type compiled without them runs with any host value: inside
/// System.Text.Json its generated code reads from System.Text.Json's own reader, which applies the host's comment and
/// trailing comma handling and depth limit.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class VelithonJsonContract
{
    /// <summary>Gets the contract of <see cref="JsonSerializerDefaults.Web"/> with unknown member types (the default of <see cref="IVelithonJson{TSelf}"/>).</summary>
    public static VelithonJsonContract Web { get; } = new();

    /// <summary>Gets the naming policy property names were converted with when compiled (default <see cref="JsonNamingPolicy.CamelCase"/>); compared by reference.</summary>
    public JsonNamingPolicy? PropertyNamingPolicy { get; init; } = JsonNamingPolicy.CamelCase;

    /// <summary>Gets the naming policy applied to dictionary keys (default none); compared by reference.</summary>
    public JsonNamingPolicy? DictionaryKeyPolicy { get; init; }

    /// <summary>Gets the ignore condition applied to members without <c>[JsonIgnore]</c> (default <see cref="JsonIgnoreCondition.Never"/>).</summary>
    public JsonIgnoreCondition DefaultIgnoreCondition { get; init; } = JsonIgnoreCondition.Never;

    /// <summary>Gets whether read-only properties are left out (default <see langword="false"/>).</summary>
    public bool IgnoreReadOnlyProperties { get; init; }

    /// <summary>Gets whether read-only fields are left out (default <see langword="false"/>).</summary>
    public bool IgnoreReadOnlyFields { get; init; }

    /// <summary>Gets whether public fields are members without <c>[JsonInclude]</c> (default <see langword="false"/>).</summary>
    public bool IncludeFields { get; init; }

    /// <summary>Gets how numbers are read and written (default <see cref="JsonNumberHandling.AllowReadingFromString"/>).</summary>
    public JsonNumberHandling NumberHandling { get; init; } = JsonNumberHandling.AllowReadingFromString;

    /// <summary>Gets whether property names are matched ignoring case when read (default <see langword="true"/>).</summary>
    public bool PropertyNameCaseInsensitive { get; init; } = true;

    /// <summary>Gets what reading does with a member the type does not have (default <see cref="JsonUnmappedMemberHandling.Skip"/>).</summary>
    public JsonUnmappedMemberHandling UnmappedMemberHandling { get; init; } = JsonUnmappedMemberHandling.Skip;

    /// <summary>Gets how members are filled when read (default <see cref="JsonObjectCreationHandling.Replace"/>).</summary>
    public JsonObjectCreationHandling PreferredObjectCreationHandling { get; init; } = JsonObjectCreationHandling.Replace;

    /// <summary>Gets whether nullable annotations are enforced (default <see langword="false"/>).</summary>
    public bool RespectNullableAnnotations { get; init; }

    /// <summary>Gets whether non-optional constructor parameters are required (default <see langword="false"/>).</summary>
    public bool RespectRequiredConstructorParameters { get; init; }

    /// <summary>Gets whether a repeated property is accepted, the last one winning (default <see langword="true"/>).</summary>
    public bool AllowDuplicateProperties { get; init; } = true;

    /// <summary>
    /// Gets whether the type's enums are written as names, as a <see cref="JsonStringEnumConverter"/> created without
    /// arguments (no naming policy, integers allowed) in <see cref="JsonSerializerOptions.Converters"/> writes them
    /// (default <see langword="false"/>: numbers, unless the enum or the member asks for names). Generated code sets it for a
    /// type compiled with <c>UseStringEnumConverter = true</c> that has enum members. The options must then have such a
    /// converter (told apart from one with a naming policy or <c>allowIntegerValues: false</c> by what it writes for a
    /// probe enum); without one, System.Text.Json would write numbers, which is a mismatch.
    /// </summary>
    public bool EnumsAsStrings { get; init; }

    /// <summary>Gets whether a trailing comma in an object or array is read (default <see langword="false"/>: not compiled in, any host value runs).</summary>
    public bool AllowTrailingCommas { get; init; }

    /// <summary>Gets how comments are read (default <see cref="JsonCommentHandling.Disallow"/>: not compiled in, any host value runs; otherwise <see cref="JsonCommentHandling.Skip"/>).</summary>
    public JsonCommentHandling ReadCommentHandling { get; init; } = JsonCommentHandling.Disallow;

    /// <summary>
    /// Gets the depth limit the type was compiled with (default 0: none, the limit of the options it runs with applies).
    /// Otherwise a host's <see cref="JsonSerializerOptions.MaxDepth"/> (0 meaning 64) must be this one.
    /// </summary>
    public int MaxDepth { get; init; }

    /// <summary>
    /// Gets whether metadata properties may come after others (default <see langword="false"/>). For a type that reads
    /// type discriminators (<see cref="ReadsMetadata"/>) the host's value must be this one; for any other type the
    /// setting has no effect, and only <see langword="true"/> is stated (a host must say so too).
    /// </summary>
    public bool AllowOutOfOrderMetadataProperties { get; init; }

    /// <summary>
    /// Gets whether the type reads type discriminators (a polymorphic base with <c>[JsonDerivedType]</c> discriminators):
    /// compiled to read them first only, a host with <see cref="JsonSerializerOptions.AllowOutOfOrderMetadataProperties"/>
    /// reads other documents and is a mismatch.
    /// </summary>
    public bool ReadsMetadata { get; init; }

    /// <summary>Gets whether the output is indented (default <see langword="false"/>).</summary>
    public bool WriteIndented { get; init; }

    /// <summary>Gets the indentation character when <see cref="WriteIndented"/> (default <c>' '</c>).</summary>
    public char IndentCharacter { get; init; } = ' ';

    /// <summary>Gets the indentation size when <see cref="WriteIndented"/> (default 2).</summary>
    public int IndentSize { get; init; } = 2;

    /// <summary>
    /// Gets the line break when <see cref="WriteIndented"/>: <c>"\n"</c> or <c>"\r\n"</c>; <see langword="null"/> (the default,
    /// a type compiled without <c>NewLine</c>) for <see cref="Environment.NewLine"/>, as System.Text.Json's default.
    /// </summary>
    public string? NewLine { get; init; }

    /// <summary>
    /// Gets the escaping modes the generated code writes exactly as System.Text.Json does (default both). Property and
    /// enum names are escaped when compiled, with the default encoder; a type with a name the relaxed encoder would escape
    /// differently (non-ASCII, <c>" &lt; &gt; &amp; ' + `</c>, controls) supports <see cref="VelithonJsonEncoders.Default"/> only.
    /// </summary>
    public VelithonJsonEncoders SupportedEncoders { get; init; } = VelithonJsonEncoders.Default | VelithonJsonEncoders.UnsafeRelaxedJsonEscaping;

    /// <summary>
    /// Gets the types System.Text.Json would ask its converters for when handling the type: the type itself, each member's
    /// type, and their element, value and underlying types (the members of nested <c>[VelithonJson]</c> types are in
    /// their own contracts, <see cref="Nested"/>). <see langword="null"/>: not known, so any converter that is not a
    /// Velithon one is a mismatch.
    /// </summary>
    public IReadOnlyList<Type>? Types { get; init; }

    /// <summary>Gets the contracts of the <c>[VelithonJson]</c> types among the members' types (called when first checked, so recursive types are fine).</summary>
    public Func<IReadOnlyList<VelithonJsonContract>>? Nested { get; init; }

    /// <summary>Gets the contract of a <c>[VelithonJson]</c> type.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <returns>Its contract (<see cref="IVelithonJson{TSelf}.JsonContract"/>).</returns>
    public static VelithonJsonContract Of<T>()
        where T : IVelithonJson<T> => T.JsonContract;

    /// <summary>
    /// Throws when <paramref name="options"/> ask for an escaping mode <typeparamref name="T"/>'s generated code cannot
    /// write exactly (its property or enum names were escaped at compile time for another one). Entry points that write
    /// with <see cref="VelithonJsonOptions"/> call it before writing; it costs one comparison for the default encoder.
    /// </summary>
    /// <typeparam name="T">The type about to be written.</typeparam>
    /// <param name="options">The options it is written with.</param>
    /// <exception cref="NotSupportedException">The encoder is not supported by <typeparamref name="T"/> (or a nested type).</exception>
    public static void EnsureWritable<T>(VelithonJsonOptions options)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RelaxedEscaping && RelaxedEscapingProblem<T>.Value is { } problem)
        {
            throw new NotSupportedException(
                $"{typeof(T)} cannot be written with VelithonJsonOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping: {problem}. " +
                "Its generated code would write other bytes than System.Text.Json with that encoder; write it with the default encoder, or with System.Text.Json.");
        }
    }

    /// <summary>
    /// Names the first setting of <paramref name="options"/> that the generated code described here would not honour
    /// (a different output, or a document accepted or rejected differently), with its value and what the generated code
    /// does; <see langword="null"/> when the generated code writes and reads exactly as System.Text.Json would with
    /// <paramref name="options"/>. Nested <c>[VelithonJson]</c> types' contracts are checked too.
    /// </summary>
    /// <param name="options">The options System.Text.Json runs with.</param>
    /// <returns>The mismatch, starting with the setting's name (for example <c>"PropertyNamingPolicy is JsonNamingPolicy.SnakeCaseLower; ..."</c>), or <see langword="null"/>.</returns>
    public string? FindMismatch(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return FindMismatchCore(options, null, null);
    }

    /// <summary>
    /// <see cref="FindMismatch(JsonSerializerOptions)"/>, where converters for <paramref name="exempt"/> are not looked
    /// at (a <see cref="VelithonJsonConverter{T}"/> that runs was chosen before any other converter for its own type).
    /// </summary>
    internal string? FindMismatchCore(JsonSerializerOptions options, Type? exempt, HashSet<VelithonJsonContract>? visited)
    {
        string? settings = FindSettingMismatch(options);
        if (settings is not null)
        {
            return settings;
        }

        string? converters = FindConverterMismatch(options, exempt);
        if (converters is not null)
        {
            return converters;
        }

        if (Nested?.Invoke() is { Count: > 0 } nested)
        {
            visited ??= new HashSet<VelithonJsonContract>(ReferenceEqualityComparer.Instance) { this };
            foreach (VelithonJsonContract contract in nested)
            {
                if (visited.Add(contract) && contract.FindMismatchCore(options, null, visited) is { } inner)
                {
                    return inner;
                }
            }
        }

        return null;
    }

    private string? FindSettingMismatch(JsonSerializerOptions options)
    {
        if (!ReferenceEquals(options.PropertyNamingPolicy, PropertyNamingPolicy))
        {
            return Compiled("PropertyNamingPolicy", Describe(options.PropertyNamingPolicy), Describe(PropertyNamingPolicy));
        }

        if (!ReferenceEquals(options.DictionaryKeyPolicy, DictionaryKeyPolicy))
        {
            return Compiled("DictionaryKeyPolicy", Describe(options.DictionaryKeyPolicy), Describe(DictionaryKeyPolicy));
        }

#pragma warning disable SYSLIB0020 // IgnoreNullValues is obsolete, and still honoured by System.Text.Json
        if (options.IgnoreNullValues)
        {
            return "IgnoreNullValues is true; the generated code writes null members";
        }
#pragma warning restore SYSLIB0020

        if (options.DefaultIgnoreCondition != DefaultIgnoreCondition)
        {
            return Compiled("DefaultIgnoreCondition", "JsonIgnoreCondition." + options.DefaultIgnoreCondition, "JsonIgnoreCondition." + DefaultIgnoreCondition);
        }

        if (options.IgnoreReadOnlyProperties != IgnoreReadOnlyProperties)
        {
            return Compiled("IgnoreReadOnlyProperties", Bool(options.IgnoreReadOnlyProperties), Bool(IgnoreReadOnlyProperties));
        }

        if (options.IgnoreReadOnlyFields != IgnoreReadOnlyFields)
        {
            return Compiled("IgnoreReadOnlyFields", Bool(options.IgnoreReadOnlyFields), Bool(IgnoreReadOnlyFields));
        }

        if (options.IncludeFields != IncludeFields)
        {
            return Compiled("IncludeFields", Bool(options.IncludeFields), Bool(IncludeFields));
        }

        if (options.NumberHandling != NumberHandling)
        {
            return Compiled("NumberHandling", "JsonNumberHandling." + options.NumberHandling, "JsonNumberHandling." + NumberHandling);
        }

        if (options.PropertyNameCaseInsensitive != PropertyNameCaseInsensitive)
        {
            return Compiled("PropertyNameCaseInsensitive", Bool(options.PropertyNameCaseInsensitive), Bool(PropertyNameCaseInsensitive));
        }

        if (options.UnmappedMemberHandling != UnmappedMemberHandling)
        {
            return Compiled("UnmappedMemberHandling", "JsonUnmappedMemberHandling." + options.UnmappedMemberHandling, "JsonUnmappedMemberHandling." + UnmappedMemberHandling);
        }

        if (options.PreferredObjectCreationHandling != PreferredObjectCreationHandling)
        {
            return Compiled("PreferredObjectCreationHandling", "JsonObjectCreationHandling." + options.PreferredObjectCreationHandling, "JsonObjectCreationHandling." + PreferredObjectCreationHandling);
        }

        if (options.RespectNullableAnnotations != RespectNullableAnnotations)
        {
            return Compiled("RespectNullableAnnotations", Bool(options.RespectNullableAnnotations), Bool(RespectNullableAnnotations));
        }

        if (options.RespectRequiredConstructorParameters != RespectRequiredConstructorParameters)
        {
            return Compiled("RespectRequiredConstructorParameters", Bool(options.RespectRequiredConstructorParameters), Bool(RespectRequiredConstructorParameters));
        }

        if (options.AllowDuplicateProperties != AllowDuplicateProperties)
        {
            return Compiled("AllowDuplicateProperties", Bool(options.AllowDuplicateProperties), Bool(AllowDuplicateProperties));
        }

        // The read settings a type was compiled with (not the defaults): the host must say the same, so that the type reads
        // the same documents through VelithonJson and through System.Text.Json. A type compiled without them runs with
        // any host value, as before they existed: through STJ its generated code reads from STJ's reader, which applies them.
        if (AllowTrailingCommas && !options.AllowTrailingCommas)
        {
            return Compiled("AllowTrailingCommas", Bool(options.AllowTrailingCommas), Bool(AllowTrailingCommas));
        }

        if (ReadCommentHandling != JsonCommentHandling.Disallow && options.ReadCommentHandling != ReadCommentHandling)
        {
            return Compiled("ReadCommentHandling", "JsonCommentHandling." + options.ReadCommentHandling, "JsonCommentHandling." + ReadCommentHandling);
        }

        if (MaxDepth != 0 && (options.MaxDepth == 0 ? VelithonJsonOptions.DefaultMaxDepth : options.MaxDepth) != MaxDepth)
        {
            return Compiled("MaxDepth", options.MaxDepth.ToString(CultureInfo.InvariantCulture), "MaxDepth = " + MaxDepth.ToString(CultureInfo.InvariantCulture));
        }

        if (AllowOutOfOrderMetadataProperties && !options.AllowOutOfOrderMetadataProperties)
        {
            return Compiled("AllowOutOfOrderMetadataProperties", Bool(options.AllowOutOfOrderMetadataProperties), Bool(AllowOutOfOrderMetadataProperties));
        }

        if (ReadsMetadata && !AllowOutOfOrderMetadataProperties && options.AllowOutOfOrderMetadataProperties)
        {
            return "AllowOutOfOrderMetadataProperties is true; the generated code reads type discriminators only as the first property";
        }

        if (FindIndentationMismatch(options.WriteIndented, options.IndentCharacter, options.IndentSize, options.NewLine) is { } indentation)
        {
            return indentation;
        }

        if (EnumsAsStrings && !HasPlainStringEnumConverter(options))
        {
            return "Converters has no JsonStringEnumConverter (without a naming policy); the generated code was compiled with UseStringEnumConverter = true and writes enums as strings";
        }

        if (options.ReferenceHandler is { } referenceHandler)
        {
            return "ReferenceHandler is " + DescribeReferenceHandler(referenceHandler) + "; the generated code writes no reference metadata and fails on cycles";
        }

        return FindEncoderMismatch(options.Encoder);
    }

    /// <summary>
    /// Names the first indentation setting of a <see cref="Utf8JsonWriter"/>'s options that the generated code does not
    /// write as (a writer handed to a converter may have other settings than the <see cref="JsonSerializerOptions"/>).
    /// </summary>
    internal string? FindWriterMismatch(JsonWriterOptions writer) =>
        FindIndentationMismatch(writer.Indented, writer.IndentCharacter, writer.IndentSize, writer.NewLine);

    // Without indentation System.Text.Json ignores IndentCharacter, IndentSize and NewLine: they change no byte.
    private string? FindIndentationMismatch(bool writeIndented, char indentCharacter, int indentSize, string newLine)
    {
        if (writeIndented != WriteIndented)
        {
            return Compiled("WriteIndented", Bool(writeIndented), Bool(WriteIndented));
        }

        if (!WriteIndented)
        {
            return null;
        }

        if (indentCharacter != IndentCharacter)
        {
            return Compiled("IndentCharacter", DescribeChar(indentCharacter), DescribeChar(IndentCharacter));
        }

        if (indentSize != IndentSize)
        {
            return Compiled("IndentSize", indentSize.ToString(CultureInfo.InvariantCulture), IndentSize.ToString(CultureInfo.InvariantCulture));
        }

        string compiled = NewLine ?? Environment.NewLine;
        if (newLine != compiled)
        {
            return Compiled("NewLine", DescribeNewLine(newLine), DescribeNewLine(compiled) + (NewLine is null ? " (Environment.NewLine: the type sets no NewLine)" : string.Empty));
        }

        return null;
    }

    private static string DescribeChar(char value) => value switch
    {
        ' ' => "' '",
        '\t' => "'\\t'",
        _ => "'\\u" + ((int)value).ToString("X4", CultureInfo.InvariantCulture) + "'",
    };

    private static string DescribeNewLine(string value) => value switch
    {
        "\n" => "\"\\n\"",
        "\r\n" => "\"\\r\\n\"",
        _ => "a string of " + value.Length.ToString(CultureInfo.InvariantCulture) + " characters",
    };

    private string? FindEncoderMismatch(JavaScriptEncoder? encoder, HashSet<VelithonJsonContract>? visited)
    {
        if (FindEncoderMismatch(encoder) is { } mismatch)
        {
            return mismatch;
        }

        if (Nested?.Invoke() is { Count: > 0 } nested)
        {
            visited ??= new HashSet<VelithonJsonContract>(ReferenceEqualityComparer.Instance) { this };
            foreach (VelithonJsonContract contract in nested)
            {
                if (visited.Add(contract) && contract.FindEncoderMismatch(encoder, visited) is { } inner)
                {
                    return inner;
                }
            }
        }

        return null;
    }

    private string? FindEncoderMismatch(JavaScriptEncoder? encoder)
    {
        if (encoder is null || ReferenceEquals(encoder, JavaScriptEncoder.Default))
        {
            return (SupportedEncoders & VelithonJsonEncoders.Default) != 0
                ? null
                : "Encoder is JavaScriptEncoder.Default; the generated code does not support it";
        }

        if (ReferenceEquals(encoder, JavaScriptEncoder.UnsafeRelaxedJsonEscaping))
        {
            return (SupportedEncoders & VelithonJsonEncoders.UnsafeRelaxedJsonEscaping) != 0
                ? null
                : "Encoder is JavaScriptEncoder.UnsafeRelaxedJsonEscaping; the generated code has a property or enum name that it escapes with JavaScriptEncoder.Default only";
        }

        return "Encoder is " + encoder.GetType().Name + "; the generated code escapes as JavaScriptEncoder.Default or JavaScriptEncoder.UnsafeRelaxedJsonEscaping only";
    }

    private string? FindConverterMismatch(JsonSerializerOptions options, Type? exempt)
    {
        IList<JsonConverter> converters = options.Converters;
        for (int i = 0; i < converters.Count; i++)
        {
            JsonConverter converter = converters[i];
            if (converter is IVelithonJsonConverter)
            {
                continue;
            }

            if (EnumsAsStrings && IsPlainStringEnumConverter(converter, options))
            {
                continue;
            }

            if (Types is null)
            {
                return "Converters has " + converter.GetType().Name + "; the generated code's member types are not known, so it could apply to one of them";
            }

            foreach (Type type in Types)
            {
                if (type != exempt && converter.CanConvert(type))
                {
                    return string.Create(
                        CultureInfo.InvariantCulture,
                        $"Converters has {converter.GetType().Name}, which converts {type}; the generated code writes and reads {type} itself");
                }
            }
        }

        return null;
    }

    private static bool HasPlainStringEnumConverter(JsonSerializerOptions options)
    {
        foreach (JsonConverter converter in options.Converters)
        {
            if (IsPlainStringEnumConverter(converter, options))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="converter"/> is a <see cref="JsonStringEnumConverter"/> as <c>new JsonStringEnumConverter()</c>
    /// makes it: its settings cannot be read back, so it writes a probe enum, whose names each known naming policy would
    /// change, and an undefined value (a number only with integers allowed).
    /// </summary>
    private static bool IsPlainStringEnumConverter(JsonConverter converter, JsonSerializerOptions options)
    {
        if (converter.GetType() != typeof(JsonStringEnumConverter))
        {
            return false;
        }

        try
        {
            if (((JsonStringEnumConverter)converter).CreateConverter(typeof(StringEnumProbe), options) is not JsonConverter<StringEnumProbe> probe)
            {
                return false;
            }

            var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartArray();
                probe.Write(writer, StringEnumProbe.FirstValue, options);
                probe.Write(writer, StringEnumProbe.XMLHttp2Go, options);
                probe.Write(writer, (StringEnumProbe)42, options);
                writer.WriteEndArray();
            }

            return buffer.WrittenSpan.SequenceEqual("[\"FirstValue\",\"XMLHttp2Go\",42]"u8);
        }
#pragma warning disable CA1031 // whatever fails (a custom policy, no dynamic code for the non-generic converter): not the plain converter
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    internal string? FindRelaxedEscapingMismatch() => FindEncoderMismatch(JavaScriptEncoder.UnsafeRelaxedJsonEscaping, null);

    private static string Compiled(string setting, string value, string compiled) =>
        setting + " is " + value + "; the generated code was compiled for " + compiled;

    private static string Bool(bool value) => value ? "true" : "false";

    private static string DescribeReferenceHandler(ReferenceHandler handler) =>
        ReferenceEquals(handler, ReferenceHandler.Preserve) ? "ReferenceHandler.Preserve"
        : ReferenceEquals(handler, ReferenceHandler.IgnoreCycles) ? "ReferenceHandler.IgnoreCycles"
        : handler.GetType().Name;

    /// <summary>A naming policy as C# names it: the known ones by their property, others by type.</summary>
    internal static string Describe(JsonNamingPolicy? policy) =>
        policy is null ? "null"
        : ReferenceEquals(policy, JsonNamingPolicy.CamelCase) ? "JsonNamingPolicy.CamelCase"
        : ReferenceEquals(policy, JsonNamingPolicy.SnakeCaseLower) ? "JsonNamingPolicy.SnakeCaseLower"
        : ReferenceEquals(policy, JsonNamingPolicy.SnakeCaseUpper) ? "JsonNamingPolicy.SnakeCaseUpper"
        : ReferenceEquals(policy, JsonNamingPolicy.KebabCaseLower) ? "JsonNamingPolicy.KebabCaseLower"
        : ReferenceEquals(policy, JsonNamingPolicy.KebabCaseUpper) ? "JsonNamingPolicy.KebabCaseUpper"
        : "a " + policy.GetType().Name;
}

/// <summary>The enum a <see cref="JsonStringEnumConverter"/> in the options is tried on (see <see cref="VelithonJsonContract.EnumsAsStrings"/>).</summary>
internal enum StringEnumProbe
{
    FirstValue = 1,
    XMLHttp2Go = 2,
}

/// <summary>Marks the converters that run generated code (they are not "other converters" in a contract check).</summary>
internal interface IVelithonJsonConverter
{
}

/// <summary>Why <typeparamref name="T"/> cannot be written with the relaxed encoder, found once per type.</summary>
internal static class RelaxedEscapingProblem<T>
    where T : IVelithonJson<T>
{
    public static readonly string? Value = VelithonJsonContract.Of<T>().FindRelaxedEscapingMismatch();
}
