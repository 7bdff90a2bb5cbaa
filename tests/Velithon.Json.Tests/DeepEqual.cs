using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;

namespace Velithon.Json.Tests;

/// <summary>
/// Structural equality over object graphs: every instance field (public or not, backing fields included) of model
/// types, element-wise for sequences whatever their concrete type (STJ reads IEnumerable&lt;T&gt; as List&lt;T&gt;, the
/// generated code may pick an array), key-wise for dictionaries. Stricter than Equals where JSON preserves more:
/// DateTime compares Kind, DateTimeOffset compares Offset, decimal compares scale, Uri compares OriginalString, and
/// double, float and Half compare bits (-0.0 is not 0.0; JSON keeps the sign: STJ writes "-0").
/// </summary>
internal static class DeepEqual
{
    /// <summary>Returns <see langword="null"/> when equal, else a description of the first difference.</summary>
    public static string? Diff(object? expected, object? actual) => Diff(expected, actual, "$", 0, throughJson: false);

    /// <summary>
    /// Compares an original value with what reading its JSON gave back, allowing for exactly what JSON (as STJ Web
    /// writes it) cannot carry: a lone surrogate in a string or char is written as U+FFFD, and a Local DateTime is
    /// written with the machine's offset for it and read back converted to local time (a time the clocks skip at a
    /// DST change comes back as the time after it). Everything else must be equal as in <see cref="Diff(object?, object?)"/>.
    /// </summary>
    public static string? DiffThroughJson(object? original, object? readBack) => Diff(original, readBack, "$", 0, throughJson: true);

    public static void AssertEqualThroughJson(object? original, object? readBack)
    {
        string? diff = DiffThroughJson(original, readBack);
        if (diff is not null)
        {
            Assert.Fail(diff);
        }
    }

    public static void AssertEqual(object? expected, object? actual)
    {
        string? diff = Diff(expected, actual);
        if (diff is not null)
        {
            Assert.Fail(diff);
        }
    }

    private static string? Diff(object? expected, object? actual, string path, int depth, bool throughJson)
    {
        if (throughJson)
        {
            expected = ThroughJson(expected);
        }

        if (depth > 400)
        {
            return $"{path}: graph too deep to compare";
        }

        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: expected {Show(expected)}, actual {Show(actual)}";
        }

        Type type = expected.GetType();
        switch (expected)
        {
            case string or bool or char or byte or sbyte or short or ushort or int or uint or long or ulong
                or Guid or TimeSpan or DateOnly or TimeOnly or Enum or Int128 or UInt128 or Version:
                return expected.Equals(actual) ? null : Mismatch(path, expected, actual);
            case double d:
                return actual is double ad && (BitConverter.DoubleToInt64Bits(ad) == BitConverter.DoubleToInt64Bits(d) || (double.IsNaN(d) && double.IsNaN(ad)))
                    ? null : Mismatch(path, BitsShown(d), (actual as double?) is { } x ? BitsShown(x) : actual);
            case float f:
                return actual is float af && (BitConverter.SingleToInt32Bits(af) == BitConverter.SingleToInt32Bits(f) || (float.IsNaN(f) && float.IsNaN(af)))
                    ? null : Mismatch(path, BitsShown(f), (actual as float?) is { } y ? BitsShown(y) : actual);
            case Half h:
                return actual is Half ah && (BitConverter.HalfToInt16Bits(ah) == BitConverter.HalfToInt16Bits(h) || (Half.IsNaN(h) && Half.IsNaN(ah)))
                    ? null : Mismatch(path, h, actual);
            case decimal d:
                return actual is decimal a && a == d && a.Scale == d.Scale ? null : Mismatch(path, expected, actual);
            case DateTime dt:
                return actual is DateTime adt && adt.Ticks == dt.Ticks && adt.Kind == dt.Kind ? null : Mismatch(path, dt.ToString("O"), (actual as DateTime?)?.ToString("O"));
            case DateTimeOffset dto:
                return actual is DateTimeOffset adto && adto.Ticks == dto.Ticks && adto.Offset == dto.Offset ? null : Mismatch(path, dto.ToString("O"), (actual as DateTimeOffset?)?.ToString("O"));
            case Uri uri:
                return actual is Uri auri && auri.OriginalString == uri.OriginalString ? null : Mismatch(path, uri.OriginalString, (actual as Uri)?.OriginalString);
            case IDictionary dictionary:
                return DiffDictionary(dictionary, actual, path, depth, throughJson);
            case System.Text.Json.JsonElement element:
                return actual is System.Text.Json.JsonElement ae && SameDocument(element, ae) ? null : Mismatch(path, Raw(element), (actual as System.Text.Json.JsonElement?) is { } r ? Raw(r) : actual);
            case System.Text.Json.JsonDocument document:
                return actual is System.Text.Json.JsonDocument adoc && SameDocument(document.RootElement, adoc.RootElement) ? null : Mismatch(path, Raw(document.RootElement), actual);
            case System.Text.Json.Nodes.JsonNode node:
                // A node read from JSON keeps its JsonNodeOptions (case-insensitive objects under the Web defaults).
                return actual is System.Text.Json.Nodes.JsonNode an && an.GetType() == node.GetType() && an.GetValueKind() == node.GetValueKind()
                    && NodeText(an) == NodeText(node) && an.Options?.PropertyNameCaseInsensitive == node.Options?.PropertyNameCaseInsensitive
                    ? null : Mismatch(path, NodeText(node), actual is System.Text.Json.Nodes.JsonNode n ? NodeText(n) : actual);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            bool expectedDefault = (bool)type.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(expected)!;
            bool actualDefault = actual.GetType() == type && (bool)type.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(actual)!;
            if (expectedDefault || actualDefault)
            {
                return expectedDefault == actualDefault ? null : $"{path}: one ImmutableArray is default, the other is not";
            }
        }

        if (expected is IEnumerable sequence)
        {
            return actual is IEnumerable actualSequence
                ? DiffSequence(sequence, actualSequence, path, depth, throughJson)
                : $"{path}: expected a sequence, actual {actual.GetType()}";
        }

        if (actual.GetType() != type)
        {
            return $"{path}: expected type {type}, actual {actual.GetType()}";
        }

        for (Type? t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType == typeof(Type) || field.Name == "EqualityContract")
                {
                    continue;
                }

                string? diff = Diff(field.GetValue(expected), field.GetValue(actual), path + "." + MemberName(field.Name), depth + 1, throughJson);
                if (diff is not null)
                {
                    return diff;
                }
            }
        }

        return null;
    }

    private static string? DiffSequence(IEnumerable expected, IEnumerable actual, string path, int depth, bool throughJson)
    {
        List<object?> e = expected.Cast<object?>().ToList();
        List<object?> a = actual.Cast<object?>().ToList();
        if (e.Count != a.Count)
        {
            return $"{path}: expected {e.Count} elements, actual {a.Count}";
        }

        for (int i = 0; i < e.Count; i++)
        {
            string? diff = Diff(e[i], a[i], $"{path}[{i}]", depth + 1, throughJson);
            if (diff is not null)
            {
                return diff;
            }
        }

        return null;
    }

    private static string? DiffDictionary(IDictionary expected, object actual, string path, int depth, bool throughJson)
    {
        if (actual is not IDictionary a)
        {
            return $"{path}: expected a dictionary, actual {actual.GetType()}";
        }

        if (expected.Count != a.Count)
        {
            return $"{path}: expected {expected.Count} entries, actual {a.Count}";
        }

        foreach (DictionaryEntry entry in expected)
        {
            // A key goes through JSON as a value does: a local time in a skipped or repeated hour comes back moved.
            object key = throughJson ? ThroughJson(entry.Key)! : entry.Key;
            if (!a.Contains(key))
            {
                return $"{path}: key {Show(entry.Key)} missing";
            }

            string? diff = Diff(entry.Value, a[key], $"{path}[{Show(entry.Key)}]", depth + 1, throughJson);
            if (diff is not null)
            {
                return diff;
            }
        }

        return null;
    }

    private static string BitsShown(double d) => d.ToString("R", CultureInfo.InvariantCulture) + $" (0x{BitConverter.DoubleToInt64Bits(d):X16})";

    private static string BitsShown(float f) => f.ToString("R", CultureInfo.InvariantCulture) + $" (0x{BitConverter.SingleToInt32Bits(f):X8})";

    private static string ReplaceLoneSurrogates(string s)
    {
        char[]? copy = null;
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                copy ??= s.ToCharArray();
                copy[i] = '\uFFFD';
            }
        }

        return copy is null ? s : new string(copy);
    }

    // What STJ does to a Local DateTime: written with TimeZoneInfo.Local's offset for it, read back as local time.
    /// <summary>What <paramref name="value"/> becomes once written and read: lone surrogates replaced, a local time through its offset.</summary>
    private static object? ThroughJson(object? value) => value switch
    {
        string s => ReplaceLoneSurrogates(s),
        char c when char.IsSurrogate(c) => '\uFFFD',
        DateTime { Kind: DateTimeKind.Local } local => ThroughOffset(local),
        _ => value,
    };

    private static DateTime ThroughOffset(DateTime local)
    {
        DateTime utc = DateTime.SpecifyKind(local - TimeZoneInfo.Local.GetUtcOffset(local), DateTimeKind.Utc);
        return TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.Local);
    }

    private static string MemberName(string fieldName) =>
        fieldName.StartsWith('<') && fieldName.Contains('>', StringComparison.Ordinal)
            ? fieldName[1..fieldName.IndexOf('>', StringComparison.Ordinal)]
            : fieldName;

    private static string Mismatch(string path, object? expected, object? actual) =>
        $"{path}: expected {Show(expected)}, actual {Show(actual)}";

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + Escape(s) + "\"",
        char c => "'" + Escape(c.ToString()) + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture) + " (" + value.GetType().Name + ")",
        _ => value.ToString() ?? value.GetType().Name,
    };

    private static string Escape(string s) =>
        string.Concat(s.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));

    // The same kind and the same text (a default JsonElement, which has neither, equals only another).
    private static bool SameDocument(System.Text.Json.JsonElement expected, System.Text.Json.JsonElement actual) =>
        expected.ValueKind == actual.ValueKind && (expected.ValueKind == System.Text.Json.JsonValueKind.Undefined
            || System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(expected).SequenceEqual(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(actual)));

    private static string Raw(System.Text.Json.JsonElement element) =>
        element.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "<default JsonElement>" : System.Text.Encoding.UTF8.GetString(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element));

    // A node's JSON, or why it has none (a string read with an invalid escape cannot be written).
    private static string NodeText(System.Text.Json.Nodes.JsonNode node)
    {
        try
        {
            return node.ToJsonString();
        }
        catch (InvalidOperationException ex)
        {
            return "<" + ex.Message + ">";
        }
    }
}
