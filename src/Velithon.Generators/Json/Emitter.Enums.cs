using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Velithon.Generators.Common;

namespace Velithon.Generators.Json;

// Enum writers and readers (names and numbers), and the interned-string readers.
internal sealed partial class Emitter
{
    private void EmitEnumWriter(EnumModel e)
    {
        string underlying = EnumUnderlying(e);
        _w.OpenBlock("private static void " + Prefix + "WriteEnum_" + e.HelperSuffix + "(ref " + Writer + " writer, " + e.TypeName + " value)");
        _w.Line("// Names are written raw, which checks no depth: System.Text.Json checks it before every non-null value.");
        _w.Line("writer.CheckValueDepth();");
        EnumMemberModel[] distinct = DistinctMembers(e);
        if (distinct.Length != 0)
        {
            _w.OpenBlock("switch (value)");
            foreach (EnumMemberModel member in distinct)
            {
                // A member [Obsolete] as an error cannot be named (CS0619 cannot be suppressed): its value is.
                _w.Line("case " + (member.ObsoleteAsError
                    ? "(" + e.TypeName + ")unchecked((" + underlying + ")" + member.Bits.ToString(CultureInfo.InvariantCulture) + "UL)"
                    : e.TypeName + "." + JsonNames.Identifier(member.Name)) + ":");
                _w.Indented(() =>
                {
                    _w.Line("writer.WriteRaw(" + JsonNames.Utf8Literal("\"" + JsonNames.EscapeJson(member.JsonName) + "\"") + ");");
                    _w.Line("return;");
                });
            }

            _w.CloseBrace();
        }

        EnumMemberModel[] flags = distinct.Where(m => m.Bits != 0).OrderBy(m => m.Bits).ToArray();
        if (e.IsFlags && flags.Length != 0)
        {
            // Like Enum.ToString: take defined values greedily from the largest, then list them smallest first.
            _w.Line();
            _w.Line("ulong __bits = unchecked((ulong)(" + SignExtendedType(underlying) + ")value);");
            _w.Line("ulong __rest = __bits;");
            for (int i = flags.Length - 1; i >= 0; i--)
            {
                string bits = flags[i].Bits.ToString(CultureInfo.InvariantCulture) + "UL";
                _w.Line("bool __f" + i.ToString(CultureInfo.InvariantCulture) + " = (__rest & " + bits + ") == " + bits + ";");
                _w.OpenBlock("if (__f" + i.ToString(CultureInfo.InvariantCulture) + ")");
                _w.Line("__rest -= " + bits + ";");
                _w.CloseBrace();
                _w.Line();
            }

            _w.OpenBlock("if (__rest == 0 && __bits != 0)");
            _w.Line("bool __first = true;");
            _w.Line("writer.WriteRaw(\"\\\"\"u8);");
            for (int i = 0; i < flags.Length; i++)
            {
                string name = JsonNames.EscapeJson(flags[i].JsonName);
                _w.OpenBlock("if (__f" + i.ToString(CultureInfo.InvariantCulture) + ")");
                _w.Line("writer.WriteRaw(__first ? " + JsonNames.Utf8Literal(name) + " : " + JsonNames.Utf8Literal(", " + name) + ");");
                _w.Line("__first = false;");
                _w.CloseBrace();
                _w.Line();
            }

            _w.Line("writer.WriteRaw(\"\\\"\"u8);");
            _w.Line("return;");
            _w.CloseBrace();
        }

        _w.Line();
        _w.Line("writer.WriteNumber((" + underlying + ")value);");
        _w.CloseBrace();
    }

    private string InternTableHelper(string table)
    {
        if (!_internTables.TryGetValue(table, out string? suffix))
        {
            suffix = table.Replace("global::", string.Empty).Replace('.', '_');
            _internTables.Add(table, suffix);
        }

        return suffix;
    }

    // The compile-time table answers for an unescaped value in one span (its members are valid UTF-8, so a hit needs
    // no validation); anything else, or a value the table does not know, goes through the runtime interner.
    private void EmitInternedReader(string table, string suffix)
    {
        _w.Line("private static string? " + Prefix + "ReadInterned_" + suffix + "(ref " + Reader + " reader, " + Options + " options, string typeName = \"System.String\") =>");
        _w.Indented(() =>
        {
            _w.Line("reader.TokenType == " + Token + ".String && !reader.HasValueSequence && !reader.ValueIsEscaped && " + table + ".TryGet(reader.ValueSpan, out string? known)");
            _w.Indented(() =>
            {
                _w.Line("? known");
                _w.Line(": " + Read + ".InternedString(ref reader, options, typeName);");
            });
        });
    }

    private void EmitEnumReader(EnumModel e)
    {
        string underlying = EnumUnderlying(e);
        string unknown = "throw " + Read + ".UnknownEnumName(ref reader, typeName);";

        // System.Text.Json's rules: the text trimmed of white space is either an integer of the underlying type or
        // a comma-separated list of names (each trimmed, matched exactly first, then ignoring case, except names
        // given by [JsonStringEnumMemberName], which match only as written; one trailing comma allowed), for flags
        // and other enums alike; the values of the names are or-ed together.
        // typeName: the type errors name, the enum or the Nullable<T> of it (as System.Text.Json names the member's type).
        _w.OpenBlock("private static " + e.TypeName + " " + Prefix + "ReadEnum_" + e.HelperSuffix + "(ref " + Reader + " reader, string typeName)");
        _w.OpenBlock("if (reader.TokenType == " + Token + ".Number)");
        _w.Line("return (" + e.TypeName + ")" + Read + "." + PrimitiveName(underlying) + "(ref reader, typeName);");
        _w.CloseBrace();
        _w.Line();
        _w.Line(Read + ".Expect(ref reader, " + Token + ".String, typeName);");
        _w.Line("long __length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;");
        _w.Line("global::System.Span<char> __buffer = __length <= 128 ? stackalloc char[128] : new char[__length];");
        _w.Line("int __written;");
        _w.OpenBlock("try");
        _w.Line("__written = reader.CopyString(__buffer);");
        _w.CloseBrace();
        _w.OpenBlock("catch (global::System.InvalidOperationException)");
        _w.Line(unknown);
        _w.CloseBrace();
        _w.Line();
        _w.Line("global::System.ReadOnlySpan<char> __text = global::System.MemoryExtensions.Trim((global::System.ReadOnlySpan<char>)__buffer.Slice(0, __written));");
        _w.OpenBlock("if (__text.Length != 0 && (__text[0] == '-' || __text[0] == '+' || (uint)(__text[0] - '0') <= 9))");
        _w.OpenBlock("if (" + underlying + ".TryParse(__text, global::System.Globalization.NumberStyles.AllowLeadingSign, global::System.Globalization.CultureInfo.InvariantCulture, out " + underlying + " __number))");
        _w.Line("return (" + e.TypeName + ")__number;");
        _w.CloseBrace();
        _w.CloseBrace();
        _w.Line();
        _w.Line("ulong __result = 0;");
        _w.OpenBlock("while (true)");
        _w.Line("int __comma = global::System.MemoryExtensions.IndexOf(__text, ',');");
        _w.Line("global::System.ReadOnlySpan<char> __part = global::System.MemoryExtensions.Trim(__comma < 0 ? __text : __text.Slice(0, __comma));");
        _w.OpenBlock("if (!" + Prefix + "MatchEnum_" + e.HelperSuffix + "(__part, out ulong __bits))");
        _w.Line(unknown);
        _w.CloseBrace();
        _w.Line();
        _w.Line("__result |= __bits;");
        _w.Line("__text = __comma < 0 ? default : __text.Slice(__comma + 1);");
        _w.OpenBlock("if (__text.IsEmpty)");
        _w.Line("return (" + e.TypeName + ")unchecked((" + underlying + ")__result);");
        _w.CloseBrace();
        _w.CloseBrace();
        _w.CloseBrace();
        _w.Line();

        _w.OpenBlock("private static bool " + Prefix + "MatchEnum_" + e.HelperSuffix + "(global::System.ReadOnlySpan<char> name, out ulong bits)");
        foreach (string comparison in new[] { "Ordinal", "OrdinalIgnoreCase" })
        {
            foreach (EnumMemberModel member in e.Members.Where(m => comparison == "Ordinal" || !m.Renamed))
            {
                _w.OpenBlock("if (global::System.MemoryExtensions.Equals(name, " + JsonNames.CSharpString(member.JsonName) + ", global::System.StringComparison." + comparison + "))");
                _w.Line("bits = " + member.Bits.ToString(CultureInfo.InvariantCulture) + "UL;");
                _w.Line("return true;");
                _w.CloseBrace();
                _w.Line();
            }
        }

        _w.Line("bits = 0;");
        _w.Line("return false;");
        _w.CloseBrace();
    }

    /// <summary>
    /// The fast path's reader for an enum written as names: exactly one of the names as written (no escapes, case as
    /// declared) is that member, as the full reader's first, exact pass finds it; anything else (other case, a list of
    /// flags, a number, white space) gives up to the full reader. Names the full reader could not match exactly
    /// (padded with white space, or holding a comma) are left out.
    /// </summary>
    private void EmitFastEnumReader(EnumModel e)
    {
        _w.OpenBlock("private static bool " + Prefix + "FastEnum_" + e.HelperSuffix + "(ref " + FastReader + " reader, out " + e.TypeName + " value)");
        _w.OpenBlock("if (reader.TryRawString(out global::System.ReadOnlySpan<byte> __name))");
        bool first = true;
        foreach (EnumMemberModel member in e.Members)
        {
            if (member.JsonName.Length == 0 || member.JsonName.Trim().Length != member.JsonName.Length || member.JsonName.IndexOf(',') >= 0)
            {
                continue;
            }

            if (!first)
            {
                _w.Line();
            }

            first = false;
            _w.OpenBlock("if (global::System.MemoryExtensions.SequenceEqual<byte>(__name, " + JsonNames.Utf8Literal(member.JsonName) + "))");
            _w.Line("value = (" + e.TypeName + ")unchecked((" + EnumUnderlying(e) + ")" + member.Bits.ToString(CultureInfo.InvariantCulture) + "UL);");
            _w.Line("return true;");
            _w.CloseBrace();
        }

        _w.CloseBrace();
        _w.Line();
        _w.Line("value = default;");
        _w.Line("return false;");
        _w.CloseBrace();
    }

    private static EnumMemberModel[] DistinctMembers(EnumModel e)
    {
        var seen = new HashSet<ulong>();
        return e.Members.Where(m => seen.Add(m.Bits)).ToArray();
    }

    private static string EnumUnderlying(EnumModel e) => e.Underlying;

    private static string SignExtendedType(string underlying) => underlying is "sbyte" or "short" or "int" or "long" ? "long" : "ulong";
}
