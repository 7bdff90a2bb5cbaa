using System.Text.Json;
using System.Text.Json.Serialization;
using Velithon;

namespace Velithon.Json.Tests.Models;

// [JsonExtensionData] members: written after the declared members, read from every member the type does not map.

/// <summary>Web defaults, <c>Dictionary&lt;string, JsonElement&gt;</c>, with members whose names are mapped but not read.</summary>
[VelithonJson]
public sealed partial class ExtensionElements
{
    public int Id { get; set; }

    public string? Name { get; set; }

    public List<int>? Tags { get; set; }

    [JsonIgnore]
    public int Ignored { get; set; }

    public int ReadOnly => Id + 1;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]
    public string? WriteOnly { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Web defaults, <c>IDictionary&lt;string, object?&gt;</c> (read as a <c>Dictionary</c>, values as JsonElement, null as null), with a nested extension-data type.</summary>
[VelithonJson]
public sealed partial class ExtensionObjects
{
    [JsonPropertyOrder(5)]
    public string? Title { get; set; }

    public ExtensionElements? Child { get; set; }

    [JsonPropertyOrder(-1)]
    [JsonPropertyName("renamed-extra")]
    [JsonExtensionData]
    public IDictionary<string, object?>? Extra { get; set; }
}

/// <summary>General defaults (names as declared and case-sensitive), with a key policy that extension data ignores and nulls skipped.</summary>
[VelithonJson(JsonSerializerDefaults.General, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = JsonKnownNamingPolicy.KebabCaseUpper, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
public sealed partial class ExtensionGeneral
{
    public string? FirstName { get; set; }

    public int? Age { get; set; }

    public Dictionary<string, int>? Scores { get; set; }

    [JsonExtensionData]
    public Dictionary<string, object>? Extra { get; set; }
}

/// <summary>A record: the constructor reads the declared members, the extension data is set after it; an initializer's entries stay.</summary>
[VelithonJson]
public sealed partial record ExtensionRecord(int Id, string? Name)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; } = new() { ["initial"] = JsonDocument.Parse("true").RootElement };
}

/// <summary>A get-only extension dictionary: written, never read (System.Text.Json drops unmapped members then).</summary>
[VelithonJson(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
public sealed partial class ExtensionGetOnly
{
    public int Id { get; set; }

    [JsonExtensionData]
    public Dictionary<string, object> Extra { get; } = new();
}

/// <summary>A field (IncludeFields) with the options' UnmappedMemberHandling.Disallow, which yields to extension data; trailing commas and comments allowed.</summary>
[VelithonJson(IncludeFields = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip)]
public sealed partial class ExtensionField
{
    public int Id;

    [JsonExtensionData]
    public Dictionary<string, object?>? Extra;
}

/// <summary>Extension-data types in a list and as a member, for error paths.</summary>
[VelithonJson]
public sealed partial class ExtensionHolder
{
    public List<ExtensionElements>? Items { get; set; }

    public ExtensionObjects? Objects { get; set; }

    public ExtensionRecord? Record { get; set; }
}

/// <summary>Populated (the options' Populate): a nested instance is read into, its extension dictionary's entries added to its current ones.</summary>
[VelithonJson(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
public sealed partial class ExtensionPopulated
{
    public List<int> Numbers { get; } = [1];

    public ExtensionPopulatedChild Child { get; } = new();

    [JsonExtensionData]
    public Dictionary<string, object?>? Extra { get; set; } = new() { ["initial"] = 0 };
}

/// <summary>The populated child: its extension dictionary starts with an entry.</summary>
[VelithonJson(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
public sealed partial class ExtensionPopulatedChild
{
    public int A { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement> Extra { get; set; } = new() { ["seed"] = JsonDocument.Parse("[0]").RootElement };
}

/// <summary>One populated member ([JsonObjectCreationHandling] on it) beside extension data: the instance is read into.</summary>
[VelithonJson]
public sealed partial class ExtensionMemberPopulated
{
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public List<int> Numbers { get; } = [1];

    [JsonExtensionData]
    public IDictionary<string, object?>? Extra { get; set; }
}
