using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// Arbitrary JSON documents as text (nested objects and arrays, strings with escapes, non-ASCII and characters the
/// encoders escape, numbers in every form JSON allows, whitespace between tokens), parsed into the values System.Text.Json
/// has document types for.
/// </summary>
internal static class DocumentGenerators
{
    private static readonly Gen<string> Space = Gen.Frequency((6, Gen.Const(string.Empty)), (2, Gen.Const(" ")), (1, Gen.OneOf("\n", "\r\n  ", "\t")));

    // Numbers as written: exponents, signs, -0, trailing zeros, beyond long and double precision.
    private static readonly Gen<string> Number = Gen.Frequency(
        (4, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Generators.Double.Where(double.IsFinite).Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
        (3, Gen.OneOf("0", "-0", "1.0", "-0.0", "1e5", "1E5", "1e+5", "1e-5", "-2.50E-003", "0.1", "123456789012345678901234567890",
            "1.7976931348623157e308", "5e-324", "1e400", "-1e-400", "3.14159265358979323846264338327950288")));

    // Pieces of a string as written in JSON: raw and escaped, quotes, HTML-sensitive and non-ASCII characters, pairs.
    private static readonly Gen<string> StringPiece = Gen.OneOf(
        "a", "Zz9", " ", "é", "日本", "😀", "\\u00e9", "\\u00E9", "\\n", "\\t", "\\\"", "\\\\", "\\/", "/", "\\b\\f\\r",
        "\\ud83d\\ude00", "\\u0000", "\\u001f", "<", ">", "&", "'", "+", "`", "\u2028", "\u00a0", "\\u2028", "\\uFEFF", "\u007f");

    private static readonly Gen<string> StringToken = StringPiece.Array[0, 6].Select(p => "\"" + string.Concat(p) + "\"");

    /// <summary>A JSON value as text, nested up to <paramref name="depth"/> levels.</summary>
    public static Gen<string> Text(int depth)
    {
        Gen<string> scalar = Gen.Frequency((1, Gen.OneOf("null", "true", "false")), (3, Number), (3, StringToken));
        if (depth == 0)
        {
            return scalar;
        }

        Gen<string> inner = Text(depth - 1);
        Gen<string> array = Gen.Select(inner, Space).Array[0, 4].Select(items => "[" + string.Join(",", items.Select(i => i.Item2 + i.Item1 + i.Item2)) + "]");

        // Distinct names: JsonObject refuses duplicates, and every document here must parse into each type.
        Gen<string> obj = Gen.Select(StringToken, inner, Space).Array[0, 4].Select(members =>
            "{" + string.Join(",", members.DistinctBy(m => JsonDocument.Parse(m.Item1).RootElement.GetString()).Select(m => m.Item3 + m.Item1 + m.Item3 + ":" + m.Item2)) + "}");
        return Gen.Frequency((3, scalar), (2, array), (2, obj));
    }

    /// <summary>Any JSON value, parsed.</summary>
    public static readonly Gen<JsonElement> Element = Text(3).Select(t => JsonDocument.Parse(t).RootElement);

    public static readonly Gen<JsonObject> Object = Gen.Select(StringToken, Text(2)).Array[0, 4].Select(members =>
        (JsonObject)JsonNode.Parse("{" + string.Join(",", members.DistinctBy(m => JsonDocument.Parse(m.Item1).RootElement.GetString()).Select(m => m.Item1 + ":" + m.Item2)) + "}")!);

    public static readonly Gen<JsonArray> Array = Text(2).Array[0, 4].Select(items => (JsonArray)JsonNode.Parse("[" + string.Join(",", items) + "]")!);

    public static readonly Gen<JsonValue> Value = Gen.Frequency((3, Number), (3, StringToken), (1, Gen.OneOf("true", "false"))).Select(t => (JsonValue)JsonNode.Parse(t)!);

    /// <summary>Nodes as JSON gives them (null for JSON null), and a few built from .NET values.</summary>
    public static readonly Gen<JsonNode?> Node = Gen.Frequency(
        (6, Text(3).Select(t => JsonNode.Parse(t))),
        (1, Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Generators.ValidString.Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))));

    private static readonly Gen<Memory<byte>> Bytes = Gen.Frequency(
        (4, Gen.Byte.Array[0, 48].Select(b => new Memory<byte>(b))),
        (1, Gen.Byte.Array[8, 64].Select(b => new Memory<byte>(b, 3, b.Length - 5))));

    public static readonly Gen<DocumentValues> Values = Gen.Select(
        Gen.Select(Element, Gen.Frequency((1, Gen.Const((JsonElement?)null)), (2, Element.Select(e => (JsonElement?)e))), Text(3).Select(t => JsonDocument.Parse(t)).Null(0.3), Node),
        Gen.Select(Object.Null(0.2), Array.Null(0.2), Value.Null(0.2)),
        Gen.Select(Element.List[0, 4].Null(0.2), Gen.Select(Generators.Key, Node).List[0, 3].Select(l => l.DistinctBy(e => e.Item1).ToDictionary(e => e.Item1, e => e.Item2)).Null(0.2)),
        Gen.Select(Bytes, Bytes),
        (a, b, c, d) => new DocumentValues
        {
            Element = a.Item1,
            MaybeElement = a.Item2,
            Document = a.Item3,
            Node = a.Item4,
            Object = b.Item1,
            Array = b.Item2,
            Value = b.Item3,
            Elements = c.Item1,
            Nodes = c.Item2,
            Memory = d.Item1,
            ReadOnlyMemory = d.Item2,
        });

    public static readonly Gen<DocumentRecord> Record = Gen.Select(Gen.Int, Element, Node, (id, payload, extra) => new DocumentRecord(id, payload, extra));

    public static readonly Gen<DocumentHolder> Holder = Gen.Select(Values.Null(0.2), Record.List[0, 3].Null(0.2), (inner, records) => new DocumentHolder { Inner = inner, Records = records });

    /// <summary>The text of a document, for failure messages.</summary>
    public static string Show(JsonElement element) => element.ValueKind == JsonValueKind.Undefined ? "<default>" : Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(element));
}
