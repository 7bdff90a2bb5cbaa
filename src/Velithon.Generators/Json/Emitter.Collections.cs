using System.Globalization;

namespace Velithon.Generators.Json;

// Writing and reading ShapeKind.Sequence and ShapeKind.Map: enumerated as System.Text.Json enumerates them (a stack in
// pop order), filled as it fills them (a stack pushed in document order, so it reads back reversed; the last duplicate
// key wins; immutable collections built from a list or dictionary), keys written and read as its key converters do.
internal sealed partial class Emitter
{
    private const string Keys = "global::Velithon.Json.JsonDictionaryKeys";

    private void WriteSequence(TypeShape shape, string expression, int depth)
    {
        string collection = Temp("__c");
        _w.OpenBlock("if (" + expression + " is { } " + collection + ")");
        _w.Line("writer.WriteStartArray();");
        _collectionLevel++;
        ItemLoop(shape.Element!, collection, depth);
        _collectionLevel--;
        if (!Indented)
        {
            _w.Line();
            _w.Line("writer.WriteEndArray();");
        }

        _w.CloseBrace();
        _w.OpenBlock("else");
        _w.Line("writer.WriteNull();");
        _w.CloseBrace();
    }

    private void WriteMap(TypeShape shape, string expression, int depth)
    {
        string collection = Temp("__c");
        string first = Temp("__first");
        string entry = Temp("__kv");
        _w.OpenBlock("if (" + expression + " is { } " + collection + ")");
        _w.Line("writer.WriteStartObject();");
        _w.Line("bool " + first + " = true;");
        _w.OpenBlock("foreach (var " + entry + " in " + collection + ")");
        SeparatorAfterFirst(first);
        WriteKey(shape.Key!, entry + ".Key");
        if (Indented)
        {
            _w.Line("writer.WriteRaw(\" \"u8);");
        }

        _collectionLevel++;
        WriteValue(shape.Element!, entry + ".Value", depth + 1);
        _collectionLevel--;
        _w.CloseBrace();
        _w.Line();
        _w.Line(Indented ? "writer.WriteEndObject(!" + first + ", " + IndentationField + ");" : "writer.WriteEndObject();");
        _w.CloseBrace();
        _w.OpenBlock("else");
        _w.Line("writer.WriteNull();");
        _w.CloseBrace();
    }

    // System.Text.Json applies DictionaryKeyPolicy to string and enum keys only.
    private void WriteKey(TypeShape key, string expression)
    {
        string policy = "global::System.Text.Json.Serialization.JsonKnownNamingPolicy." + _model.Options.DictionaryKeyPolicy;
        if (key.Kind == ShapeKind.Enum)
        {
            _w.Line(Keys + ".WriteEnum<" + key.TypeName + ">(ref writer, " + expression + ", " + policy + ");");
            return;
        }

        switch (key.Primitive)
        {
            case PrimitiveKind.String:
                _w.Line(_model.Options.DictionaryKeyPolicy == NamingPolicy.Unspecified
                    ? "writer.WritePropertyName(" + expression + ");"
                    : "writer.WritePropertyName(" + expression + ", " + policy + ");");
                break;
            case PrimitiveKind.SByte:
            case PrimitiveKind.Int16:
            case PrimitiveKind.Int32:
            case PrimitiveKind.Int64:
                _w.Line(Keys + ".Write(ref writer, (long)" + expression + ");");
                break;
            case PrimitiveKind.Byte:
            case PrimitiveKind.UInt16:
            case PrimitiveKind.UInt32:
            case PrimitiveKind.UInt64:
                _w.Line(Keys + ".Write(ref writer, (ulong)" + expression + ");");
                break;
            case PrimitiveKind.Guid:
                _w.Line(Keys + ".Write(ref writer, " + expression + ");");
                break;
            default:
                _w.Line(Keys + ".Write<" + key.TypeName + ">(ref writer, " + expression + ");");
                break;
        }
    }

    private void ReadSequence(TypeShape shape, string target, int depth)
    {
        string d = depth.ToString(CultureInfo.InvariantCulture);
        string items = "__l" + d;
        TypeShape elementShape = shape.Element!;
        (string creation, string add, string? result) = SequenceFilling(shape.Collection, elementShape.TypeName);
        _w.OpenBlock("if (reader.TokenType == " + Token + ".Null)");
        _w.Line(target + " = null!;");
        _w.CloseBrace();
        _w.OpenBlock("else");
        _w.Line(Read + ".Expect(ref reader, " + Token + ".StartArray, " + JsonNames.CSharpString(shape.DisplayName) + ");");
        _w.Line("var " + items + " = " + creation + ";");
        bool set = shape.Collection is CollectionKind.HashSet or CollectionKind.ISet or CollectionKind.SortedSet;
        ReadArrayElements(elementShape, items, add, depth, set);
        _w.Line();
        _w.Line(target + " = " + (result is null ? items : string.Format(CultureInfo.InvariantCulture, result, items)) + ";");
        _w.CloseBrace();
    }

    /// <summary>What System.Text.Json fills for a sequence kind: the collection created, its add method, and the result built from it ({0}).</summary>
    private static (string Creation, string Add, string? Result) SequenceFilling(CollectionKind kind, string element)
    {
        const string Generic = "global::System.Collections.Generic.";
        const string Immutable = "global::System.Collections.Immutable.";
        string list = "new " + Generic + "List<" + element + ">()";
        return kind switch
        {
            CollectionKind.HashSet or CollectionKind.ISet => ("new " + Generic + "HashSet<" + element + ">()", "Add", null),
            CollectionKind.IReadOnlyCollection => (list, "Add", null),
            CollectionKind.Queue => ("new " + Generic + "Queue<" + element + ">()", "Enqueue", null),
            CollectionKind.Stack => ("new " + Generic + "Stack<" + element + ">()", "Push", null),
            CollectionKind.LinkedList => ("new " + Generic + "LinkedList<" + element + ">()", "AddLast", null),
            CollectionKind.SortedSet => ("new " + Generic + "SortedSet<" + element + ">()", "Add", null),
            CollectionKind.Collection => ("new global::System.Collections.ObjectModel.Collection<" + element + ">()", "Add", null),
            CollectionKind.ObservableCollection => ("new global::System.Collections.ObjectModel.ObservableCollection<" + element + ">()", "Add", null),
            CollectionKind.ConcurrentQueue => ("new global::System.Collections.Concurrent.ConcurrentQueue<" + element + ">()", "Enqueue", null),
            CollectionKind.ConcurrentStack => ("new global::System.Collections.Concurrent.ConcurrentStack<" + element + ">()", "Push", null),
            CollectionKind.ImmutableList or CollectionKind.IImmutableList => (list, "Add", Immutable + "ImmutableList.CreateRange({0})"),
            CollectionKind.ImmutableHashSet or CollectionKind.IImmutableSet => (list, "Add", Immutable + "ImmutableHashSet.CreateRange({0})"),
            CollectionKind.ImmutableSortedSet => (list, "Add", Immutable + "ImmutableSortedSet.CreateRange({0})"),
            CollectionKind.ImmutableQueue or CollectionKind.IImmutableQueue => (list, "Add", Immutable + "ImmutableQueue.CreateRange({0})"),
            _ => (list, "Add", Immutable + "ImmutableStack.CreateRange({0})"),
        };
    }

    /// <param name="into">Populating (JsonObjectCreationHandling.Populate): the existing map read into, not null.</param>
    private void ReadMap(TypeShape shape, string target, int depth, string? into = null)
    {
        string d = depth.ToString(CultureInfo.InvariantCulture);
        string map = "__d" + d;
        string name = "__kn" + d;
        string key = "__k" + d;
        string value = "__v" + d;
        TypeShape keyShape = shape.Key!;
        TypeShape valueShape = shape.Element!;
        bool stringKey = keyShape.Kind == ShapeKind.Primitive && keyShape.Primitive == PrimitiveKind.String;
        string pair = keyShape.TypeName + ", " + valueShape.TypeName;
        (string creation, string? result) = shape.Collection switch
        {
            CollectionKind.SortedDictionary => ("new global::System.Collections.Generic.SortedDictionary<" + pair + ">()", null),
            CollectionKind.SortedList => ("new global::System.Collections.Generic.SortedList<" + pair + ">()", null),
            CollectionKind.ConcurrentDictionary => ("new global::System.Collections.Concurrent.ConcurrentDictionary<" + pair + ">()", null),
            CollectionKind.ImmutableDictionary or CollectionKind.IImmutableDictionary => ("new global::System.Collections.Generic.Dictionary<" + pair + ">()", "global::System.Collections.Immutable.ImmutableDictionary.CreateRange({0})"),
            CollectionKind.ImmutableSortedDictionary => ("new global::System.Collections.Generic.Dictionary<" + pair + ">()", "global::System.Collections.Immutable.ImmutableSortedDictionary.CreateRange({0})"),
            _ => ("new global::System.Collections.Generic.Dictionary<" + pair + ">()", (string?)null),
        };

        OpenUnlessNull(target, into);
        _w.Line(Read + ".Expect(ref reader, " + Token + ".StartObject, " + JsonNames.CSharpString(shape.DisplayName) + ");");
        ReadOnlyCheck(shape, into);
        _w.Line("var " + map + " = " + (into ?? creation) + ";");
        _w.Line("string? " + name + " = null;");
        _w.OpenBlock("while (true)");
        _w.Line("// As System.Text.Json: an error after an entry is reported under the last key (none before the first; none when streaming).");
        _w.OpenBlock("try");
        _w.Line(Read + ".Read(ref reader);");
        _w.OpenBlock("if (reader.TokenType == " + Token + ".EndObject)");
        _w.Line("break;");
        _w.CloseBrace();
        _w.Line();
        if (stringKey)
        {
            _w.Line("// A key that cannot be read (invalid UTF-8) is reported under the previous one, as System.Text.Json does.");
            _w.Line(name + " = " + Read + ".DictionaryKey(ref reader);");
        }
        else
        {
            _w.Line("// A key that cannot be read as a string fails with its type's conversion error, under the previous key.");
            _w.Line(name + " = " + Keys + ".Name(ref reader, " + JsonNames.CSharpString(keyShape.DisplayName) + ");");
        }

        _w.CloseBrace();
        PathFilter("RecordKeyAfterEntry(__ex, " + name + ", options)");
        _w.Line();
        _w.Line(keyShape.TypeName + " " + key + " = " + (stringKey ? name + "!" : "default!") + ";");
        _w.Line(valueShape.TypeName + " " + value + " = default!;");
        _w.OpenBlock("try");
        if (!stringKey)
        {
            // A key its converter rejects is reported under that key, as System.Text.Json does.
            string typeName = JsonNames.CSharpString(keyShape.DisplayName);
            _w.Line(key + " = " + (keyShape.Kind == ShapeKind.Enum
                ? Keys + ".ReadEnum<" + keyShape.TypeName + ">(ref reader, " + typeName + ", global::System.Text.Json.Serialization.JsonKnownNamingPolicy." + _model.Options.DictionaryKeyPolicy + ")"
                : Keys + ".Read<" + keyShape.TypeName + ">(ref reader, " + typeName + ")") + ";");
        }

        _w.Line(Read + ".Read(ref reader);");
        _collectionLevel++;
        ReadValue(valueShape, value, depth + 1, null);
        _collectionLevel--;
        _w.CloseBrace();
        PathFilter("RecordPathSegment(__ex, " + name + ")");
        _w.Line();
        _w.Line(map + "[" + key + "] = " + value + ";");
        _w.CloseBrace();
        if (into is null)
        {
            _w.Line();
            _w.Line(target + " = " + (result is null ? map : string.Format(CultureInfo.InvariantCulture, result, map)) + ";");
        }

        _w.CloseBrace();
    }
}
