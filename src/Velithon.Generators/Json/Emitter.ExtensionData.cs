namespace Velithon.Generators.Json;

// [JsonExtensionData], as System.Text.Json's object converter handles it: written after every declared member (its
// [JsonPropertyOrder] and name play no part), one property per entry under the key as it is (no DictionaryKeyPolicy),
// a null dictionary writes nothing; read, when the member can be set, from each member the type does not map (names of
// ignored and read-only members are mapped: skipped), into the member's current dictionary or, when it is null, a new
// Dictionary<string, V> set once the object is built, last value winning per key.
internal sealed partial class Emitter
{
    private const string ExtensionLocal = "__ext";

    private bool ReadsExtensionData => _model.ExtensionData is { Readable: true };

    private void WriteExtensionData(string anyWritten)
    {
        if (_model.ExtensionData is not { } extension)
        {
            return;
        }

        _memberHandling = _model.Options.NumberHandling;
        _w.Line();

        // A value's JsonException gets System.Text.Json's write path: the member's C# name, not the entry's key.
        _w.OpenBlock("try");
        _w.OpenBlock("if (value." + JsonNames.Identifier(extension.Name) + " is { } " + ExtensionLocal + ")");
        _w.Line("bool __extMore = " + anyWritten + ";");
        _w.OpenBlock("foreach (var __extEntry in " + ExtensionLocal + ")");
        _w.OpenBlock("if (__extMore)");
        _w.Line("writer.WriteRaw(\",\"u8);");
        _w.CloseBrace();
        _w.Line();
        _w.Line("__extMore = true;");
        _w.Line("writer.WritePropertyName(__extEntry.Key);");
        WriteValue(extension.Value, "__extEntry.Value", 1);
        _w.CloseBrace();
        _w.CloseBrace();
        _w.CloseBrace();
        _w.OpenBlock("catch (" + JsonException + " __ex) when (global::Velithon.Json.JsonWrite.RecordPathSegment(__ex, " + JsonNames.CSharpString(extension.Name) + "))");
        _w.Line("throw; // not reached: the filter records the path segment and lets the error pass");
        _w.CloseBrace();
    }

    private void DeclareExtensionData()
    {
        if (ReadsExtensionData)
        {
            _w.Line(_model.ExtensionData!.DictionaryTypeName + "? " + ExtensionLocal + " = null;");
        }
    }

    // In the default case of the member switch, for a name that is not mapped: its value goes into the extension data.
    private void ReadExtensionEntry()
    {
        ExtensionDataModel extension = _model.ExtensionData!;
        _memberHandling = _model.Options.NumberHandling;
        _w.OpenBlock("try");
        _w.Line(Read + ".Read(ref reader);");
        _w.Line(extension.Value.TypeName + " __extValue = default!;");
        ReadValue(extension.Value, "__extValue", 1, null);
        _w.Line("(" + ExtensionLocal + " ??= new " + extension.DictionaryTypeName + "())[" + NameForPath + "] = __extValue;");
        _w.CloseBrace();
        PathFilter("RecordPathSegment(__ex, " + NameForPath + ")");
        _w.Line();
        _w.Line("break;");
    }

    // After construction: into the member's current dictionary (initializer entries stay), or the new one set.
    private void ApplyExtensionData()
    {
        if (!ReadsExtensionData)
        {
            return;
        }

        string member = "__result." + JsonNames.Identifier(_model.ExtensionData!.Name);
        _w.Line();
        _w.OpenBlock("if (" + ExtensionLocal + " is not null)");
        _w.OpenBlock("if (" + member + " is { } __extTarget)");
        _w.OpenBlock("foreach (var __extEntry in " + ExtensionLocal + ")");
        _w.Line("__extTarget[__extEntry.Key] = __extEntry.Value;");
        _w.CloseBrace();
        _w.CloseBrace();
        _w.OpenBlock("else");
        _w.Line(member + " = " + ExtensionLocal + ";");
        _w.CloseBrace();
        _w.CloseBrace();
    }
}
