using Velithon.Generators.Common;

namespace Velithon.Generators.Interning;

// Pipeline models: strings, booleans and EquatableArray only (no symbols, syntax, compilations or locations), so the
// incremental driver can compare them by value and skip emitting when the table did not change.

/// <summary>A type the table class is nested in, as the generated partial declaration names it.</summary>
/// <param name="Declaration">The modifiers and keyword, e.g. <c>static partial class</c> or <c>partial record struct</c>.</param>
/// <param name="Name">The type's name.</param>
internal sealed record InternedContainingType(string Declaration, string Name);

/// <summary>One <c>const string</c> of the class, or one value of its <c>*.interned.txt</c> file.</summary>
/// <param name="Name">The field's name; for a file value the derived member name, or empty when the value forms no identifier.</param>
/// <param name="Value">The constant's value (never containing a lone surrogate).</param>
/// <param name="InTable">False when an earlier constant has the same value (VLG204): it gets a UTF-8 property but lookups return the earlier one.</param>
/// <param name="Line">0 for a declared constant; for a file value its 1-based line, and the generator declares the constant.</param>
internal sealed record InternedEntry(string Name, string Value, bool InTable, int Line = 0)
{
    /// <summary>Whether the constant comes from the file, so the generated code declares it.</summary>
    public bool FromFile => Line != 0;
}

/// <summary>Everything the emitter needs for one <c>[InternedStrings]</c> class.</summary>
internal sealed record InternedStringsModel(
    string Namespace,
    string Name,
    string HintName,
    EquatableArray<InternedContainingType> ContainingTypes,
    EquatableArray<InternedEntry> Entries,
    string SourceFile = "");

/// <summary>
/// The parser's output: a model when the class can be generated, and the diagnostics either way; <paramref name="File"/>
/// when the attribute names a file, whose values are merged in by <see cref="InternedFileResolver"/>.
/// </summary>
internal sealed record InternedStringsParseResult(InternedStringsModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, InternedFileRequest? File = null);

/// <summary>The <c>File = "..."</c> of an <c>[InternedStrings]</c> attribute, with what is needed to merge the file in.</summary>
/// <param name="FileName">The name as written in the attribute.</param>
/// <param name="Location">The attribute argument, for VLG207.</param>
/// <param name="ClassName">The class as messages name it.</param>
/// <param name="MemberNames">Every member name of the class (and the class's own name), which derived names must avoid.</param>
internal sealed record InternedFileRequest(string FileName, LocationInfo? Location, string ClassName, EquatableArray<string> MemberNames);

/// <summary>One value of a <c>*.interned.txt</c> file.</summary>
/// <param name="Value">The value (unquoted, never containing a lone surrogate).</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Location">The value's text on the line, for diagnostics.</param>
internal sealed record InternedFileValue(string Value, int Line, LocationInfo Location);

/// <summary>A parsed <c>*.interned.txt</c> additional file: its distinct valid values in line order, and its own diagnostics.</summary>
internal sealed record InternedFile(string Path, EquatableArray<InternedFileValue> Values, EquatableArray<DiagnosticInfo> Diagnostics);
