namespace Velithon.Generators.Json;

/// <summary>
/// A <c>[JsonExtensionData]</c> member (<c>Dictionary&lt;string, V&gt;</c> or <c>IDictionary&lt;string, V&gt;</c> with
/// <c>V</c> <c>object</c> or <c>JsonElement</c>): written after the declared members, entry by entry under its keys as
/// they are; read, when it can be set, from every member the type does not map.
/// </summary>
/// <param name="Name">The C# member name.</param>
/// <param name="Value">The shape of the dictionary's values (System.Text.Json's converter for them).</param>
/// <param name="DictionaryTypeName">The concrete dictionary created for the unmapped members (System.Text.Json's type for an interface).</param>
/// <param name="Readable">The member is set when read (a settable property or field); a get-only one is written only, as in System.Text.Json.</param>
internal sealed record ExtensionDataModel(string Name, TypeShape Value, string DictionaryTypeName, bool Readable);
