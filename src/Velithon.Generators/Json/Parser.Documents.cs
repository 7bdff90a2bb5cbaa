using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Json;

// Values System.Text.Json converts with converters of its own that the generated code runs as they are: JSON documents
// (JsonElement, JsonDocument, JsonNode and its kinds), base64 memory and Version. Their public Write and Read are exactly what
// the serializer calls for them (no number handling, no polymorphism), so the bytes and the errors are its own.
internal sealed partial class Parser
{
    private const string Metadata = "global::System.Text.Json.Serialization.Metadata.JsonMetadataServices.";

    /// <summary>The shape of a type System.Text.Json converts with one of its own converters run as is; null for others.</summary>
    private static TypeShape? BuiltInConverterShape(ITypeSymbol type, string typeName, string display)
    {
        string? converter = BuiltInConverter(type);
        if (converter is null)
        {
            return null;
        }

        var model = new ConverterModel(converter, display, OverridesHandleNull: false, BuiltIn: true);
        return new TypeShape(ShapeKind.Converter, typeName, display, type.IsValueType, PrimitiveKind.None, null, null, model);
    }

    /// <summary>The expression that gives System.Text.Json's converter for <paramref name="type"/> (for <c>object</c>, ours).</summary>
    private static string? BuiltInConverter(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_Object ? ObjectConverter : BuiltInConverterName(type) is { } name ? Metadata + name : null;

    private const string ObjectConverter = "global::Velithon.Json.JsonObjectValueConverter.Instance";

    private static string? BuiltInConverterName(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named || named.ContainingNamespace is null)
        {
            return null;
        }

        string ns = named.ContainingNamespace.ToDisplayString();
        if (ns == "System.Text.Json" && !named.IsGenericType)
        {
            return named.Name switch
            {
                "JsonElement" => "JsonElementConverter",
                "JsonDocument" => "JsonDocumentConverter",
                _ => null,
            };
        }

        if (ns == "System.Text.Json.Nodes" && !named.IsGenericType)
        {
            return named.Name switch
            {
                "JsonNode" => "JsonNodeConverter",
                "JsonObject" => "JsonObjectConverter",
                "JsonArray" => "JsonArrayConverter",
                "JsonValue" => "JsonValueConverter",
                _ => null,
            };
        }

        if (ns == "System" && !named.IsGenericType && named.Name == "Version")
        {
            return "VersionConverter";
        }

        if (ns == "System" && named.IsGenericType && named.TypeArguments.Length == 1 && named.TypeArguments[0].SpecialType == SpecialType.System_Byte)
        {
            return named.Name switch
            {
                "Memory" => "MemoryByteConverter",
                "ReadOnlyMemory" => "ReadOnlyMemoryByteConverter",
                _ => null,
            };
        }

        return null;
    }

    /// <summary>Whether an <c>object</c> value is written somewhere in <paramref name="shape"/>.</summary>
    private static bool ContainsObjectValue(TypeShape shape) =>
        shape.Converter is { BuiltIn: true, TypeName: ObjectConverter } || (shape.Element is { } element && ContainsObjectValue(element));

    /// <summary>Whether a JSON document value (not base64 memory nor a version; an <c>object</c> may hold one) is written somewhere in <paramref name="shape"/>.</summary>
    private static bool ContainsDocument(TypeShape shape) =>
        (shape.Converter is { BuiltIn: true } converter
            && !converter.TypeName.EndsWith("MemoryByteConverter", System.StringComparison.Ordinal)
            && !converter.TypeName.EndsWith("VersionConverter", System.StringComparison.Ordinal))
        || (shape.Element is { } element && ContainsDocument(element));
}
