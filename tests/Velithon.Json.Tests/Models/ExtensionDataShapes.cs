using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Models;

// [JsonExtensionData] in polymorphic hierarchies and generic types; STJ (Web defaults) is the oracle.
// - Parcel: the base holds the extension data, its derived type inherits it (string discriminators);
// - MemoNote: only the derived type has extension data, of object values (a custom discriminator name);
// - LooseParcel: the same as Parcel, compiled with AllowOutOfOrderMetadataProperties = true;
// - MailEnvelope<T>: a generic type with extension data; Tagged<T>: a generic record reading it through its constructor.

/// <summary>A base with extension data, inherited by its derived type.</summary>
[VelithonJson]
[JsonDerivedType(typeof(Letter), "letter")]
public partial class Parcel
{
    public int Weight { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

[VelithonJson]
public partial class Letter : Parcel
{
    public string? To { get; set; }
}

/// <summary>Extension data in the derived type only.</summary>
[VelithonJson]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(StickyMemo), 1)]
public partial class MemoNote
{
    public string? Text { get; set; }
}

[VelithonJson]
public partial class StickyMemo : MemoNote
{
    public int Color { get; set; }

    [JsonExtensionData]
    public Dictionary<string, object>? More { get; set; }
}

/// <summary>Parcel with the discriminator allowed anywhere.</summary>
[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
[JsonDerivedType(typeof(LooseLetter), "letter")]
public partial class LooseParcel
{
    public int Weight { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
public partial class LooseLetter : LooseParcel
{
    public string? To { get; set; }
}

/// <summary>A generic type with extension data.</summary>
[VelithonJson]
public partial class MailEnvelope<T>
{
    public T? Body { get; set; }

    public List<T>? Attachments { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Headers { get; set; }
}

/// <summary>A generic positional record with extension data of object values.</summary>
[VelithonJson]
public partial record Tagged<T>(T Value, string? Tag)
{
    [JsonExtensionData]
    public Dictionary<string, object>? Rest { get; set; }
}

/// <summary>Every shape above as members.</summary>
[VelithonJson]
public partial class ExtensionShapes
{
    public Parcel? Parcel { get; set; }

    public List<MemoNote?>? Memos { get; set; }

    public MailEnvelope<int>? Numbers { get; set; }

    public MailEnvelope<Letter>? Letters { get; set; }

    public Tagged<string>? Label { get; set; }

    public Tagged<Parcel>? Boxed { get; set; }
}

/// <summary>The out-of-order hierarchy needs a container with the same settings.</summary>
[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
public partial class LooseExtensionShapes
{
    public LooseParcel? Parcel { get; set; }

    public List<LooseParcel?>? Parcels { get; set; }
}
