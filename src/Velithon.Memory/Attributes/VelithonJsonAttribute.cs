using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon;

/// <summary>
/// Asks the Velithon.Gen source generator to emit an allocation-free UTF-8 JSON serializer and deserializer for
/// this <see langword="partial"/> class, record, struct, record struct or interface (an interface is written
/// through its properties or its <c>[JsonDerivedType]</c>s and read only through the latter, as System.Text.Json does). The type then implements
/// <see cref="IVelithonJson{TSelf}"/> and works with <c>VelithonJson</c> and, through
/// <c>VelithonJsonTypeInfoResolver</c> or <c>VelithonJsonConverter&lt;T&gt;</c>, with System.Text.Json.
/// </summary>
/// <remarks>
/// <para>
/// Output is byte-identical to <c>JsonSerializer.Serialize(value, options)</c> where <c>options</c> are the
/// <see cref="JsonSerializerOptions"/> these settings describe: <see cref="JsonSerializerDefaults.Web"/> by default, or
/// the defaults given to the constructor, with the properties set here (named as in
/// <see cref="JsonSourceGenerationOptionsAttribute"/>, so settings can be copied from a <c>JsonSerializerContext</c>).
/// The settings are applied when the type is compiled; a property not set here is taken from the assembly's
/// <see cref="VelithonJsonDefaultsAttribute"/>, if any, and otherwise from the defaults.
/// </para>
/// <para>
/// System.Text.Json attributes (<c>[JsonPropertyName]</c>, <c>[JsonIgnore]</c>, <c>[JsonPropertyOrder]</c>,
/// <c>[JsonRequired]</c>, <c>[JsonConstructor]</c>, <c>[JsonInclude]</c>, <c>[JsonConverter(typeof(JsonStringEnumConverter))]</c>,
/// <c>[JsonNumberHandling]</c> on the type and its members)
/// are honoured. A member type the generator cannot handle, or a member whose type was compiled with other settings,
/// is a compile-time diagnostic (VLG1xx).
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface, Inherited = false, AllowMultiple = false)]
public sealed class VelithonJsonAttribute : Attribute
{
    /// <summary>Creates the attribute with <see cref="JsonSerializerDefaults.Web"/> (or the assembly's <see cref="VelithonJsonDefaultsAttribute"/>).</summary>
    public VelithonJsonAttribute()
        : this(JsonSerializerDefaults.Web)
    {
    }

    /// <summary>
    /// Creates the attribute with the given defaults, as <c>new JsonSerializerOptions(defaults)</c>: <see cref="JsonSerializerDefaults.Web"/>
    /// (camelCase names, case-insensitive reading, numbers also read from strings) or <see cref="JsonSerializerDefaults.General"/>
    /// (names as declared, case-sensitive reading, numbers only as numbers). It sets <see cref="PropertyNamingPolicy"/>,
    /// <see cref="PropertyNameCaseInsensitive"/> and <see cref="NumberHandling"/>; the other settings keep the assembly's defaults.
    /// </summary>
    /// <param name="defaults">The defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="defaults"/> is neither <see cref="JsonSerializerDefaults.General"/> nor <see cref="JsonSerializerDefaults.Web"/>.</exception>
    public VelithonJsonAttribute(JsonSerializerDefaults defaults)
    {
        VelithonJsonDefaultsAttribute.CheckDefaults(defaults);
        if (defaults == JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase;
            PropertyNameCaseInsensitive = true;
            NumberHandling = JsonNumberHandling.AllowReadingFromString;
        }
    }

    /// <summary>
    /// Gets or sets the naming policy applied to member names (not to <c>[JsonPropertyName]</c> names), when the type is
    /// compiled, exactly as <c>JsonSerializerOptions.PropertyNamingPolicy</c> with the corresponding <see cref="JsonNamingPolicy"/>
    /// converts them; <see cref="JsonKnownNamingPolicy.Unspecified"/>: names as declared.
    /// </summary>
    public JsonKnownNamingPolicy PropertyNamingPolicy { get; set; }

    /// <summary>
    /// Gets or sets the naming policy applied to dictionary keys when written (keys are read as written), as
    /// <c>JsonSerializerOptions.DictionaryKeyPolicy</c>; <see cref="JsonKnownNamingPolicy.Unspecified"/> (the default): none.
    /// </summary>
    public JsonKnownNamingPolicy DictionaryKeyPolicy { get; set; }

    /// <summary>
    /// Gets or sets whether property names are also matched ignoring case when read, as <c>JsonSerializerOptions.PropertyNameCaseInsensitive</c>
    /// (an exact match is tried first); <see langword="false"/>: only names as written match, the others are unknown members.
    /// </summary>
    public bool PropertyNameCaseInsensitive { get; set; }

    /// <summary>
    /// Gets or sets how numbers are read and written, as <c>JsonSerializerOptions.NumberHandling</c>: <see cref="JsonNumberHandling.Strict"/>
    /// (JSON numbers only), <see cref="JsonNumberHandling.AllowReadingFromString"/> (also JSON strings holding a number),
    /// <see cref="JsonNumberHandling.WriteAsString"/> (written as JSON strings), <see cref="JsonNumberHandling.AllowNamedFloatingPointLiterals"/>
    /// (<c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c> for <see cref="float"/> and <see cref="double"/>), or a combination.
    /// Applies to members, elements and dictionary values of the integer types, <see cref="float"/>, <see cref="double"/> and <see cref="decimal"/>.
    /// </summary>
    public JsonNumberHandling NumberHandling { get; set; }

    /// <summary>
    /// Gets or sets which members are left out when written, as <c>JsonSerializerOptions.DefaultIgnoreCondition</c>:
    /// <see cref="JsonIgnoreCondition.Never"/> (the default), <see cref="JsonIgnoreCondition.WhenWritingNull"/> (null
    /// references and empty <see cref="Nullable{T}"/>; other value types are always written) or
    /// <see cref="JsonIgnoreCondition.WhenWritingDefault"/> (any value equal to <c>default</c>). A member's own
    /// <c>[JsonIgnore(Condition = ...)]</c> wins. Other values are a compile-time error.
    /// </summary>
    public JsonIgnoreCondition DefaultIgnoreCondition { get; set; }

    /// <summary>
    /// Gets or sets whether every enum is written and read as names, as a <see cref="JsonStringEnumConverter"/> created
    /// without arguments in <c>JsonSerializerOptions.Converters</c> does (and as <see cref="JsonSourceGenerationOptionsAttribute.UseStringEnumConverter"/>):
    /// names as declared (or <c>[JsonStringEnumMemberName]</c>), flags as <c>"A, B"</c>, undefined values as numbers; read
    /// from names (an exact match first, then ignoring case), lists of flags, and numbers. System.Text.Json runs the
    /// generated code for such a type only with such a converter in its options.
    /// </summary>
    public bool UseStringEnumConverter { get; set; }

    /// <summary>
    /// Gets or sets whether the output is indented, as <c>JsonSerializerOptions.WriteIndented</c>: each member and element
    /// on its own line (<see cref="NewLine"/>, then <see cref="IndentSize"/> times <see cref="IndentCharacter"/> per level),
    /// <c>"name": value</c> with one space after the colon, closing brackets on their own line, empty objects and arrays
    /// as <c>{}</c> and <c>[]</c>. System.Text.Json runs the generated code for such a type only with the same settings.
    /// </summary>
    public bool WriteIndented { get; set; }

    /// <summary>
    /// Gets or sets the indentation character when <see cref="WriteIndented"/>, as <c>JsonSerializerOptions.IndentCharacter</c>:
    /// <c>' '</c> (the default) or <c>'\t'</c>; anything else is a compile-time error (VLG111).
    /// </summary>
    public char IndentCharacter { get; set; } = ' ';

    /// <summary>
    /// Gets or sets how many <see cref="IndentCharacter"/> make one level of indentation when <see cref="WriteIndented"/>,
    /// as <c>JsonSerializerOptions.IndentSize</c>: 0 to 127 (default 2); anything else is a compile-time error (VLG111).
    /// </summary>
    public int IndentSize { get; set; } = 2;

    /// <summary>
    /// Gets or sets the line break when <see cref="WriteIndented"/>, as <c>JsonSerializerOptions.NewLine</c>: <c>"\n"</c> or
    /// <c>"\r\n"</c>; anything else (<see langword="null"/> included) is a compile-time error (VLG111). Not set:
    /// <see cref="Environment.NewLine"/> of the machine the code runs on, as System.Text.Json's default.
    /// </summary>
    public string? NewLine { get; set; }

    /// <summary>
    /// Gets or sets whether a comma may follow the last member of an object or the last element of an array when read,
    /// as <c>JsonSerializerOptions.AllowTrailingCommas</c>: <c>[1,]</c> and <c>{"a":1,}</c> are read, <c>[,]</c>, <c>{,}</c>
    /// and <c>[1,,]</c> are still errors (System.Text.Json's). Applies to the entry points of <c>VelithonJson</c>; through
    /// System.Text.Json the host's options must say the same.
    /// </summary>
    public bool AllowTrailingCommas { get; set; }

    /// <summary>
    /// Gets or sets how comments in the JSON are treated when read, as <c>JsonSerializerOptions.ReadCommentHandling</c>:
    /// <see cref="JsonCommentHandling.Disallow"/> (the default: a comment is an error) or <see cref="JsonCommentHandling.Skip"/>
    /// (<c>/* */</c> and <c>//</c> comments are skipped wherever System.Text.Json skips them, including before and after the
    /// value; a comment between a property name and its colon stays an error). <see cref="JsonCommentHandling.Allow"/>,
    /// which <c>JsonSerializerOptions</c> rejects, is a compile-time error (VLG108).
    /// </summary>
    public JsonCommentHandling ReadCommentHandling { get; set; }

    /// <summary>
    /// Gets or sets what reading does with a JSON property no member maps to, as <c>JsonSerializerOptions.UnmappedMemberHandling</c>:
    /// <see cref="JsonUnmappedMemberHandling.Skip"/> (the default) or <see cref="JsonUnmappedMemberHandling.Disallow"/>
    /// (System.Text.Json's <see cref="JsonException"/>, at the property). Names of <c>[JsonIgnore]</c>d and read-only
    /// members are mapped. A <c>[JsonUnmappedMemberHandling]</c> on the type itself wins, as in System.Text.Json.
    /// </summary>
    public JsonUnmappedMemberHandling UnmappedMemberHandling { get; set; }

    /// <summary>
    /// Gets or sets the deepest nesting of objects and arrays, as <c>JsonSerializerOptions.MaxDepth</c>: 0 (the default)
    /// means 64. It is the default depth of <c>VelithonJson</c>'s entry points for this type (a
    /// <c>VelithonJsonOptions</c> whose <c>MaxDepth</c> is set wins); through System.Text.Json a type compiled with a
    /// depth other than 0 needs a host with the same depth. A negative depth is a compile-time error (VLG108).
    /// </summary>
    public int MaxDepth { get; set; }

    /// <summary>
    /// Gets or sets <c>JsonSerializerOptions.AllowOutOfOrderMetadataProperties</c>. The generated code writes and reads no
    /// metadata (<c>$id</c>, <c>$ref</c>, <c>$type</c>: no reference handling, no polymorphism), where System.Text.Json
    /// gives the setting no effect either: such properties are unknown members. It is part of the contract, so that
    /// a host states the same setting.
    /// </summary>
    public bool AllowOutOfOrderMetadataProperties { get; set; }

    /// <summary>
    /// Gets or sets whether read-only properties are left out when written, as <c>JsonSerializerOptions.IgnoreReadOnlyProperties</c>:
    /// a property that can be got but not set (no setter, or a non-public one without <c>[JsonInclude]</c>; an
    /// <see langword="init"/> accessor is a setter) is not written, unless it has a <c>[JsonIgnore(Condition = ...)]</c> of
    /// its own or its type is a collection or dictionary (those are always written, as System.Text.Json writes them).
    /// Such a property is still read through a constructor parameter bound to it.
    /// </summary>
    public bool IgnoreReadOnlyProperties { get; set; }

    /// <summary>
    /// Gets or sets whether <see langword="readonly"/> fields are left out when written, as <c>JsonSerializerOptions.IgnoreReadOnlyFields</c>
    /// (with the exceptions of <see cref="IgnoreReadOnlyProperties"/>); it applies to fields that are members: those with
    /// <c>[JsonInclude]</c>, and public ones when <see cref="IncludeFields"/>. Such a field is still read through a constructor parameter.
    /// </summary>
    public bool IgnoreReadOnlyFields { get; set; }

    /// <summary>
    /// Gets or sets whether public instance fields are members (written, and read unless <see langword="readonly"/>), as
    /// <c>JsonSerializerOptions.IncludeFields</c>; without it only fields with <c>[JsonInclude]</c> are. Fields come after
    /// the properties of the type that declares them.
    /// </summary>
    public bool IncludeFields { get; set; }

    /// <summary>
    /// Gets or sets whether reading requires every constructor parameter without a default value, as
    /// <c>JsonSerializerOptions.RespectRequiredConstructorParameters</c>: a missing one is System.Text.Json's
    /// <c>JsonException</c> ("JSON deserialization for type 'T' was missing required properties including: 'a', 'b'.",
    /// naming the JSON names of the members the parameters bind to, with any missing required member, in member order).
    /// Without it a missing argument takes the parameter's default value, or <c>default</c>.
    /// </summary>
    public bool RespectRequiredConstructorParameters { get; set; }

    /// <summary>
    /// Gets or sets whether the nullable annotations of members and constructor parameters are enforced, as
    /// <c>JsonSerializerOptions.RespectNullableAnnotations</c>: writing a <see langword="null"/> from a member that is not
    /// nullable, or reading JSON <see langword="null"/> into one, is System.Text.Json's <c>JsonException</c> (same message,
    /// path, line and position). A member is nullable as System.Text.Json reads it: its annotation (oblivious counts as
    /// nullable), <c>[AllowNull]</c>/<c>[DisallowNull]</c> when read, <c>[MaybeNull]</c>/<c>[NotNull]</c> when written;
    /// a type parameter only with a <c>notnull</c> or <c>class</c> constraint. Collection elements and dictionary values
    /// are not checked, as in System.Text.Json.
    /// </summary>
    public bool RespectNullableAnnotations { get; set; }

    /// <summary>
    /// Gets or sets how members are filled when read, as <c>JsonSerializerOptions.PreferredObjectCreationHandling</c>:
    /// <see cref="JsonObjectCreationHandling.Replace"/> (the default) or <see cref="JsonObjectCreationHandling.Populate"/>,
    /// which reads a member whose type System.Text.Json can populate (a mutable collection or dictionary, a
    /// <c>[VelithonJson]</c> class) into its current value, get-only members included; other members are replaced, and a
    /// type read through a constructor with parameters populates nothing (docs/json-options-members.md, "Populate").
    /// </summary>
    public JsonObjectCreationHandling PreferredObjectCreationHandling { get; set; }
}
