using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon;

/// <summary>
/// The settings every <see cref="VelithonJsonAttribute"/> type of this assembly is compiled with, unless its own
/// attribute sets them: <c>[assembly: VelithonJsonDefaults(JsonSerializerDefaults.General, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]</c>.
/// The properties are those of <see cref="VelithonJsonAttribute"/>, named as in <see cref="JsonSourceGenerationOptionsAttribute"/>.
/// </summary>
/// <remarks>
/// A type's own attribute overrides what it sets: a property it sets, and, when it passes <see cref="JsonSerializerDefaults"/>
/// to its constructor, the three settings those defaults decide (<see cref="PropertyNamingPolicy"/>, <see cref="PropertyNameCaseInsensitive"/>,
/// <see cref="NumberHandling"/>). A member whose <c>[VelithonJson]</c> type ends up with other settings than its
/// containing type is a compile-time error (VLG107): System.Text.Json writes a whole object graph with one set of options.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, Inherited = false, AllowMultiple = false)]
public sealed class VelithonJsonDefaultsAttribute : Attribute
{
    /// <summary>Creates the attribute with <see cref="JsonSerializerDefaults.Web"/>.</summary>
    public VelithonJsonDefaultsAttribute()
        : this(JsonSerializerDefaults.Web)
    {
    }

    /// <summary>
    /// Creates the attribute with the given defaults, as <c>new JsonSerializerOptions(defaults)</c> (see
    /// <see cref="VelithonJsonAttribute(JsonSerializerDefaults)"/>).
    /// </summary>
    /// <param name="defaults"><see cref="JsonSerializerDefaults.Web"/> or <see cref="JsonSerializerDefaults.General"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="defaults"/> is neither of them.</exception>
    public VelithonJsonDefaultsAttribute(JsonSerializerDefaults defaults)
    {
        CheckDefaults(defaults);
        if (defaults == JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase;
            PropertyNameCaseInsensitive = true;
            NumberHandling = JsonNumberHandling.AllowReadingFromString;
        }
    }

    /// <summary>Gets or sets the naming policy of member names (see <see cref="VelithonJsonAttribute.PropertyNamingPolicy"/>).</summary>
    public JsonKnownNamingPolicy PropertyNamingPolicy { get; set; }

    /// <summary>Gets or sets the naming policy of dictionary keys (see <see cref="VelithonJsonAttribute.DictionaryKeyPolicy"/>).</summary>
    public JsonKnownNamingPolicy DictionaryKeyPolicy { get; set; }

    /// <summary>Gets or sets whether property names are matched ignoring case (see <see cref="VelithonJsonAttribute.PropertyNameCaseInsensitive"/>).</summary>
    public bool PropertyNameCaseInsensitive { get; set; }

    /// <summary>Gets or sets how numbers are read and written (see <see cref="VelithonJsonAttribute.NumberHandling"/>).</summary>
    public JsonNumberHandling NumberHandling { get; set; }

    /// <summary>Gets or sets which members are left out when written (see <see cref="VelithonJsonAttribute.DefaultIgnoreCondition"/>).</summary>
    public JsonIgnoreCondition DefaultIgnoreCondition { get; set; }

    /// <summary>Gets or sets whether enums are written and read as names (see <see cref="VelithonJsonAttribute.UseStringEnumConverter"/>).</summary>
    public bool UseStringEnumConverter { get; set; }

    /// <summary>Gets or sets whether the output is indented (see <see cref="VelithonJsonAttribute.WriteIndented"/>).</summary>
    public bool WriteIndented { get; set; }

    /// <summary>Gets or sets the indentation character, <c>' '</c> or <c>'\t'</c> (see <see cref="VelithonJsonAttribute.IndentCharacter"/>).</summary>
    public char IndentCharacter { get; set; } = ' ';

    /// <summary>Gets or sets the indentation size, 0 to 127 (see <see cref="VelithonJsonAttribute.IndentSize"/>).</summary>
    public int IndentSize { get; set; } = 2;

    /// <summary>Gets or sets the line break, <c>"\n"</c> or <c>"\r\n"</c> (see <see cref="VelithonJsonAttribute.NewLine"/>).</summary>
    public string? NewLine { get; set; }

    /// <summary>Gets or sets whether trailing commas are read (see <see cref="VelithonJsonAttribute.AllowTrailingCommas"/>).</summary>
    public bool AllowTrailingCommas { get; set; }

    /// <summary>Gets or sets how comments are read (see <see cref="VelithonJsonAttribute.ReadCommentHandling"/>).</summary>
    public JsonCommentHandling ReadCommentHandling { get; set; }

    /// <summary>Gets or sets what reading does with unknown members (see <see cref="VelithonJsonAttribute.UnmappedMemberHandling"/>).</summary>
    public JsonUnmappedMemberHandling UnmappedMemberHandling { get; set; }

    /// <summary>Gets or sets the depth limit, 0 for 64 (see <see cref="VelithonJsonAttribute.MaxDepth"/>).</summary>
    public int MaxDepth { get; set; }

    /// <summary>Gets or sets <c>AllowOutOfOrderMetadataProperties</c> (see <see cref="VelithonJsonAttribute.AllowOutOfOrderMetadataProperties"/>).</summary>
    public bool AllowOutOfOrderMetadataProperties { get; set; }

    /// <summary>Gets or sets whether read-only properties are left out when written (see <see cref="VelithonJsonAttribute.IgnoreReadOnlyProperties"/>).</summary>
    public bool IgnoreReadOnlyProperties { get; set; }

    /// <summary>Gets or sets whether read-only fields are left out when written (see <see cref="VelithonJsonAttribute.IgnoreReadOnlyFields"/>).</summary>
    public bool IgnoreReadOnlyFields { get; set; }

    /// <summary>Gets or sets whether public fields are members (see <see cref="VelithonJsonAttribute.IncludeFields"/>).</summary>
    public bool IncludeFields { get; set; }

    /// <summary>Gets or sets whether constructor parameters without a default value are required (see <see cref="VelithonJsonAttribute.RespectRequiredConstructorParameters"/>).</summary>
    public bool RespectRequiredConstructorParameters { get; set; }

    /// <summary>Gets or sets whether nullable annotations are enforced (see <see cref="VelithonJsonAttribute.RespectNullableAnnotations"/>).</summary>
    public bool RespectNullableAnnotations { get; set; }

    /// <summary>Gets or sets how members are filled when read (see <see cref="VelithonJsonAttribute.PreferredObjectCreationHandling"/>).</summary>
    public JsonObjectCreationHandling PreferredObjectCreationHandling { get; set; }

    internal static void CheckDefaults(JsonSerializerDefaults defaults)
    {
        if (defaults is not (JsonSerializerDefaults.General or JsonSerializerDefaults.Web))
        {
            throw new ArgumentOutOfRangeException(nameof(defaults));
        }
    }
}
