using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Velithon.Json;

/// <summary>
/// How generated code writes and reads an <see cref="object"/> member, element or value, as System.Text.Json does with
/// its default options: read as a <see cref="JsonElement"/> (JSON <c>null</c> as <see langword="null"/>); written as the
/// runtime type, by System.Text.Json's own converter for that type, for the types whose bytes that proves: JSON documents
/// (<see cref="JsonElement"/>, <see cref="JsonDocument"/>, <see cref="JsonNode"/>), <see cref="string"/>,
/// <see cref="bool"/>, the numeric primitives, <see cref="Half"/>, <see cref="Int128"/>, <see cref="UInt128"/>,
/// <see cref="char"/>, <see cref="Guid"/>, the date and time types, <see cref="Version"/>, and a plain
/// <see cref="object"/> (<c>{}</c>). Any other runtime type is a <see cref="NotSupportedException"/>, never other
/// bytes. Plumbing for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonObjectValueConverter : JsonConverter<object>
{
    private JsonObjectValueConverter()
    {
    }

    /// <summary>Gets the converter.</summary>
    public static JsonObjectValueConverter Instance { get; } = new();

    /// <inheritdoc/>
    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonMetadataServices.ObjectConverter.Read(ref reader, typeToConvert, options);

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">The runtime type is not one of those listed on the class.</exception>
    public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        switch (value)
        {
            case JsonElement v: JsonMetadataServices.JsonElementConverter.Write(writer, v, options); break;
            case JsonDocument v: JsonMetadataServices.JsonDocumentConverter.Write(writer, v, options); break;
            case JsonNode v: JsonMetadataServices.JsonNodeConverter.Write(writer, v, options); break;
            case string v: JsonMetadataServices.StringConverter.Write(writer, v, options); break;
            case bool v: JsonMetadataServices.BooleanConverter.Write(writer, v, options); break;
            case int v: JsonMetadataServices.Int32Converter.Write(writer, v, options); break;
            case long v: JsonMetadataServices.Int64Converter.Write(writer, v, options); break;
            case double v: JsonMetadataServices.DoubleConverter.Write(writer, v, options); break;
            case decimal v: JsonMetadataServices.DecimalConverter.Write(writer, v, options); break;
            case float v: JsonMetadataServices.SingleConverter.Write(writer, v, options); break;
            case short v: JsonMetadataServices.Int16Converter.Write(writer, v, options); break;
            case byte v: JsonMetadataServices.ByteConverter.Write(writer, v, options); break;
            case sbyte v: JsonMetadataServices.SByteConverter.Write(writer, v, options); break;
            case ushort v: JsonMetadataServices.UInt16Converter.Write(writer, v, options); break;
            case uint v: JsonMetadataServices.UInt32Converter.Write(writer, v, options); break;
            case ulong v: JsonMetadataServices.UInt64Converter.Write(writer, v, options); break;
            case char v: JsonMetadataServices.CharConverter.Write(writer, v, options); break;
            case Guid v: JsonMetadataServices.GuidConverter.Write(writer, v, options); break;
            case DateTime v: JsonMetadataServices.DateTimeConverter.Write(writer, v, options); break;
            case DateTimeOffset v: JsonMetadataServices.DateTimeOffsetConverter.Write(writer, v, options); break;
            case DateOnly v: JsonMetadataServices.DateOnlyConverter.Write(writer, v, options); break;
            case TimeOnly v: JsonMetadataServices.TimeOnlyConverter.Write(writer, v, options); break;
            case TimeSpan v: JsonMetadataServices.TimeSpanConverter.Write(writer, v, options); break;
            case Half v: JsonMetadataServices.HalfConverter.Write(writer, v, options); break;
            case Int128 v: JsonMetadataServices.Int128Converter.Write(writer, v, options); break;
            case UInt128 v: JsonMetadataServices.UInt128Converter.Write(writer, v, options); break;
            case Version v: JsonMetadataServices.VersionConverter.Write(writer, v, options); break;
            default:
                if (value.GetType() != typeof(object))
                {
                    throw new NotSupportedException(
                        $"An 'object' member holds a '{value.GetType()}', which the generated code cannot write as System.Text.Json would " +
                        "(it writes JsonElement, JsonDocument, JsonNode, string, bool, the numeric primitives, Half, Int128, UInt128, char, Guid, " +
                        "the date and time types and Version). " +
                        $"Give the member the type '{value.GetType()}' (or JsonElement), or serialize this type with System.Text.Json.");
                }

                // A plain object has no members: System.Text.Json writes an empty object.
                writer.WriteStartObject();
                writer.WriteEndObject();
                break;
        }
    }
}
