using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon;

/// <summary>
/// The settings every <see cref="VelithonJsonAttribute"/> type of this assembly is compiled with, unless its own
/// attribute sets them: <c>[assembly: VelithonJsonDefaults(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]</c>.
/// The properties are those of <see cref="VelithonJsonAttribute"/>, named as in <see cref="JsonSourceGenerationOptionsAttribute"/>.
/// </summary>
/// <remarks>
/// A type's own attribute overrides what it sets: a property it sets, and, when it passes <see cref="JsonSerializerDefaults"/>
/// to its constructor, the three settings those defaults decide (<see cref="PropertyNamingPolicy"/>, <c>PropertyNameCaseInsensitive</c>,
/// <c>NumberHandling</c>). A member whose <c>[VelithonJson]</c> type ends up with other settings than its
/// containing type is a compile-time error (VLG107): System.Text.Json writes a whole object graph with one set of options.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, Inherited = false, AllowMultiple = false)]
public sealed class VelithonJsonDefaultsAttribute : Attribute
{
    /// <summary>Creates the attribute with <see cref="JsonSerializerDefaults.Web"/>.</summary>
    public VelithonJsonDefaultsAttribute()
    {
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase;
    }

    /// <summary>Gets or sets the naming policy of member names (see <see cref="VelithonJsonAttribute.PropertyNamingPolicy"/>).</summary>
    public JsonKnownNamingPolicy PropertyNamingPolicy { get; set; }

    /// <summary>Gets or sets the naming policy of dictionary keys (see <see cref="VelithonJsonAttribute.DictionaryKeyPolicy"/>).</summary>
    public JsonKnownNamingPolicy DictionaryKeyPolicy { get; set; }
}
