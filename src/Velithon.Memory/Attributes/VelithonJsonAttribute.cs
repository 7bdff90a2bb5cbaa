using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon;

/// <summary>
/// Asks the Velithon.Gen source generator to emit an allocation-free UTF-8 JSON serializer and deserializer for
/// this <see langword="partial"/> class, record, struct or record struct. The type then implements
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
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
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
}
