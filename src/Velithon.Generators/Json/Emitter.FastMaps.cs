using System.Globalization;

namespace Velithon.Generators.Json;

// The fast path for dictionaries: a Dictionary<string, V> (and its interfaces) or one keyed by int/long, read
// straight from the bytes. Keys whose reading could differ in any way from System.Text.Json's key converters (escapes,
// invalid UTF-8, integers with signs, leading zeros or more digits than the type always holds) leave the document to
// the Utf8JsonReader path, which reads them exactly as STJ does; duplicate keys keep the last value, as STJ does.
internal sealed partial class Emitter
{
    private static bool FastMapSupported(TypeShape shape)
    {
        if (shape.Kind == ShapeKind.Map)
        {
            bool dictionary = shape.Collection is CollectionKind.Dictionary or CollectionKind.IDictionary or CollectionKind.IReadOnlyDictionary;
            if (!dictionary || FastKeyMethod(shape.Key!) is null)
            {
                return false;
            }
        }

        return FastSupported(shape.Element!, null);
    }

    /// <summary>The <c>JsonFastKeys</c> method that turns a raw member name into the key, or null when there is none.</summary>
    private static string? FastKeyMethod(TypeShape key) => key.Kind != ShapeKind.Primitive ? null : key.Primitive switch
    {
        PrimitiveKind.String => "TryStringKey",
        PrimitiveKind.Int32 => "TryInt32Key",
        PrimitiveKind.Int64 => "TryInt64Key",
        _ => null,
    };

    private void FastReadMap(TypeShape shape, string target, int depth)
    {
        string d = depth.ToString(CultureInfo.InvariantCulture);
        string map = "__fm" + d;
        string first = "__fmf" + d;
        string next = "__fmn" + d;
        string name = "__fmk" + d;
        string key = "__fmkey" + d;
        string value = "__fmv" + d;
        TypeShape keyShape = shape.Key ?? new TypeShape(ShapeKind.Primitive, "string", "string", false, PrimitiveKind.String, null, null);
        TypeShape valueShape = shape.Element!;

        _w.OpenBlock("if (reader.TryReadNull())");
        _w.Line(target + " = null!;");
        _w.CloseBrace();
        _w.OpenBlock("else");
        _w.OpenBlock("if (!reader.TryStartObject())");
        _w.Line("return false;");
        _w.CloseBrace();
        _w.Line();
        _w.Line("var " + map + " = new global::System.Collections.Generic.Dictionary<" + keyShape.TypeName + ", " + valueShape.TypeName + ">();");
        _w.Line("bool " + first + " = true;");
        _w.OpenBlock("while (true)");
        _w.Line("int " + next + " = reader.NextMember(ref " + first + ", out global::System.ReadOnlySpan<byte> " + name + ");");
        _w.OpenBlock("if (" + next + " < 0)");
        _w.Line("return false;");
        _w.CloseBrace();
        _w.Line();
        _w.OpenBlock("if (" + next + " == 0)");
        _w.Line("break;");
        _w.CloseBrace();
        _w.Line();
        _w.OpenBlock("if (!global::Velithon.Json.JsonFastKeys." + FastKeyMethod(keyShape) + "(" + name + ", out " + keyShape.TypeName + " " + key + "))");
        _w.Line("return false;");
        _w.CloseBrace();
        _w.Line();
        _w.Line(valueShape.TypeName + " " + value + " = default!;");
        FastReadValue(valueShape, value, depth + 1, null);
        _w.Line(map + "[" + key + "] = " + value + ";");
        _w.CloseBrace();
        _w.Line();
        _w.Line(target + " = " + map + ";");
        _w.CloseBrace();
    }
}
