using Velithon.Generators.Common;

namespace Velithon.Generators.Interning;

// Pipeline models: strings, booleans and EquatableArray only (no symbols, syntax, compilations or locations), so the
// incremental driver can compare them by value and skip emitting when the table did not change.

/// <summary>A type the table class is nested in, as the generated partial declaration names it.</summary>
/// <param name="Declaration">The modifiers and keyword, e.g. <c>static partial class</c> or <c>partial record struct</c>.</param>
/// <param name="Name">The type's name.</param>
internal sealed record InternedContainingType(string Declaration, string Name);

/// <summary>One <c>const string</c> of the class.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Value">The constant's value (never containing a lone surrogate).</param>
/// <param name="InTable">False when an earlier constant has the same value (VLG204): it gets a UTF-8 property but lookups return the earlier one.</param>
internal sealed record InternedEntry(string Name, string Value, bool InTable);

/// <summary>Everything the emitter needs for one <c>[InternedStrings]</c> class.</summary>
internal sealed record InternedStringsModel(
    string Namespace,
    string Name,
    string HintName,
    EquatableArray<InternedContainingType> ContainingTypes,
    EquatableArray<InternedEntry> Entries);

/// <summary>The parser's output: a model when the class can be generated, and the diagnostics either way.</summary>
internal sealed record InternedStringsParseResult(InternedStringsModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
