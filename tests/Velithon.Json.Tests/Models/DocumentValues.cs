using System.Text.Json;
using System.Text.Json.Nodes;
using Velithon;

namespace Velithon.Json.Tests.Models;

// Values System.Text.Json converts with converters of its own: JSON documents (JsonElement, JsonDocument, JsonNode and
// its kinds) and base64 memory, as members, nullable, collection elements and dictionary values.

[VelithonJson]
public sealed partial class DocumentValues
{
    public JsonElement Element { get; set; }

    public JsonElement? MaybeElement { get; set; }

    public JsonDocument? Document { get; set; }

    public JsonNode? Node { get; set; }

    public JsonObject? Object { get; set; }

    public JsonArray? Array { get; set; }

    public JsonValue? Value { get; set; }

    public List<JsonElement>? Elements { get; set; }

    public Dictionary<string, JsonNode?>? Nodes { get; set; }

    public Memory<byte> Memory { get; set; }

    public ReadOnlyMemory<byte> ReadOnlyMemory { get; set; }
}

/// <summary>A JSON document as a constructor parameter: absent, it is the default <see cref="JsonElement"/>.</summary>
[VelithonJson]
public sealed partial record DocumentRecord(int Id, JsonElement Payload, JsonNode? Extra);

/// <summary>Documents one level down, for the path of errors.</summary>
[VelithonJson]
public sealed partial class DocumentHolder
{
    public DocumentValues? Inner { get; set; }

    public List<DocumentRecord>? Records { get; set; }
}

/// <summary>A positional parameter whose property is <c>[JsonIgnore]</c>d: never written, and read as its default.</summary>
[VelithonJson]
public sealed partial record IgnoredParameterRecord(int Id, [property: System.Text.Json.Serialization.JsonIgnore] string? Secret, [property: System.Text.Json.Serialization.JsonIgnore] int Count = 7, string Name = "n");

/// <summary><c>object</c> members, elements and values: read as JsonElement, written as the runtime type.</summary>
[VelithonJson]
public sealed partial class ObjectValues
{
    public object? Any { get; set; }

    public List<object?>? Items { get; set; }

    public Dictionary<string, object>? Bag { get; set; }
}
