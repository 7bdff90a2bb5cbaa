using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Velithon.Generators.Common;

namespace Velithon.Generators.Interning;

/// <summary>
/// Reads a <c>*.interned.txt</c> additional file: one value per line; surrounding spaces and tabs trimmed; empty lines
/// and lines starting with <c>#</c> skipped; a line starting with <c>"</c> is a C# regular string literal (for values
/// that start with <c>#</c> or <c>"</c>, have surrounding spaces, are empty or hold escapes).
/// </summary>
internal static class InternedFileParser
{
    /// <summary>The suffix that marks an additional file as a string table.</summary>
    public const string Suffix = ".interned.txt";

    public static bool IsTableFile(string path) => path.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase);

    public static InternedFile Parse(string path, SourceText? text, CancellationToken cancellationToken)
    {
        var values = new List<InternedFileValue>();
        var diagnostics = new List<DiagnosticInfo>();
        string fileName = FileName(path);
        if (text is null)
        {
            return new InternedFile(path, values.ToEquatableArray(), diagnostics.ToEquatableArray());
        }

        var firstLineByValue = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (TextLine line in text.Lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string raw = text.ToString(line.Span);
            int start = 0;
            int end = raw.Length;
            while (start < end && raw[start] is ' ' or '\t')
            {
                start++;
            }

            while (end > start && raw[end - 1] is ' ' or '\t')
            {
                end--;
            }

            if (start == end || raw[start] == '#')
            {
                continue;
            }

            string content = raw.Substring(start, end - start);
            int lineNumber = line.LineNumber + 1;
            var location = new LocationInfo(
                path,
                new TextSpan(line.Start + start, end - start),
                new LinePositionSpan(new LinePosition(line.LineNumber, start), new LinePosition(line.LineNumber, end)));
            string lineText = lineNumber.ToString(CultureInfo.InvariantCulture);

            string value = content;
            if (content[0] == '"')
            {
                string? error = Unquote(content, out value);
                if (error is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(InterningDiagnostics.InvalidLine, location, lineText, fileName, error));
                    continue;
                }
            }

            int surrogate = InternedStringsParser.IndexOfLoneSurrogate(value);
            if (surrogate >= 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(InterningDiagnostics.InvalidLine, location, lineText, fileName,
                    "it contains a lone surrogate (U+" + ((int)value[surrogate]).ToString("X4", CultureInfo.InvariantCulture) + " at index "
                    + surrogate.ToString(CultureInfo.InvariantCulture) + "), which has no UTF-8 encoding"));
                continue;
            }

            if (firstLineByValue.TryGetValue(value, out int first))
            {
                diagnostics.Add(DiagnosticInfo.Create(InterningDiagnostics.DuplicateFileValue, location, lineText, fileName,
                    Json.JsonNames.CSharpLiteralBody(value), "line " + first.ToString(CultureInfo.InvariantCulture)));
                continue;
            }

            firstLineByValue.Add(value, lineNumber);
            values.Add(new InternedFileValue(value, lineNumber, location));
        }

        return new InternedFile(path, values.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    /// <summary>The file name part of a path, with either separator.</summary>
    public static string FileName(string path) => path.Substring(path.LastIndexOfAny(['/', '\\']) + 1);

    /// <summary>Reads a quoted line as a C# regular string literal; returns why it is not one, or null.</summary>
    private static string? Unquote(string content, out string value)
    {
        value = string.Empty;
        SyntaxToken token = SyntaxFactory.ParseToken(content);
        if (!token.IsKind(SyntaxKind.StringLiteralToken) || token.Text.StartsWith("\"\"\"", StringComparison.Ordinal))
        {
            return "a line starting with '\"' must be a C# regular string literal such as \"#value\"";
        }

        if (token.FullSpan.Length != content.Length)
        {
            return "the string literal must be the whole line (nothing may follow the closing quote)";
        }

        Diagnostic? problem = token.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (problem is not null)
        {
            return "the string literal is invalid (" + problem.Id + ": " + problem.GetMessage(CultureInfo.InvariantCulture) + ")";
        }

        value = token.ValueText;
        return null;
    }
}

/// <summary>Merges the values of the file an <c>[InternedStrings(File = ...)]</c> class names into its model.</summary>
internal static class InternedFileResolver
{
    /// <summary>The longest derived member name; longer ones are cut (the C# limit is 512 characters).</summary>
    internal const int MaxNameLength = 128;

    /// <summary>The generated members, and the members of <see cref="object"/> (a constant named <c>Equals</c> would hide one, CS0108).</summary>
    private static readonly string[] ReservedNames =
        ["TryGet", "GetOrAdd", "All", "Count", "Equals", "GetHashCode", "GetType", "ToString", "ReferenceEquals", "MemberwiseClone", "Finalize"];

    public static InternedStringsParseResult Resolve(InternedStringsParseResult result, EquatableArray<InternedFile> files)
    {
        if (result.File is not { } request)
        {
            return result;
        }

        var diagnostics = new List<DiagnosticInfo>(result.Diagnostics);
        InternedFile? file = Find(request, files, diagnostics);
        if (result.Model is not { } model)
        {
            return new InternedStringsParseResult(null, diagnostics.ToEquatableArray());
        }

        if (file is null)
        {
            return new InternedStringsParseResult(model, diagnostics.ToEquatableArray());
        }

        var taken = new HashSet<string>(request.MemberNames, StringComparer.Ordinal);
        taken.UnionWith(ReservedNames);
        var firstByValue = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (InternedEntry entry in model.Entries)
        {
            taken.Add(entry.Name + "Utf8");
            if (entry.InTable)
            {
                firstByValue[entry.Value] = entry.Name;
            }
        }

        string fileName = InternedFileParser.FileName(file.Path);
        var entries = new List<InternedEntry>(model.Entries);
        foreach (InternedFileValue value in file.Values)
        {
            if (firstByValue.TryGetValue(value.Value, out string? constant))
            {
                diagnostics.Add(DiagnosticInfo.Create(InterningDiagnostics.DuplicateFileValue, value.Location,
                    value.Line.ToString(CultureInfo.InvariantCulture), fileName, Json.JsonNames.CSharpLiteralBody(value.Value),
                    "constant '" + constant + "' of class '" + request.ClassName + "'"));
                continue;
            }

            entries.Add(new InternedEntry(FreeName(DeriveName(value.Value), taken), value.Value, InTable: true, value.Line));
        }

        InternedStringsModel merged = model with { Entries = entries.ToEquatableArray(), SourceFile = fileName };
        return new InternedStringsParseResult(merged, diagnostics.ToEquatableArray());
    }

    private static InternedFile? Find(InternedFileRequest request, EquatableArray<InternedFile> files, List<DiagnosticInfo> diagnostics)
    {
        string wanted = request.FileName.Replace('\\', '/');
        while (wanted.StartsWith("./", StringComparison.Ordinal))
        {
            wanted = wanted.Substring(2);
        }

        if (!InternedFileParser.IsTableFile(wanted))
        {
            diagnostics.Add(DiagnosticInfo.Create(InterningDiagnostics.FileNotFound, request.Location, request.FileName, request.ClassName,
                "does not end with '" + InternedFileParser.Suffix + "'; only additional files named *" + InternedFileParser.Suffix + " are read"));
            return null;
        }

        bool byName = wanted.IndexOf('/') < 0;
        InternedFile[] matches = files
            .Where(f =>
            {
                string path = f.Path.Replace('\\', '/');
                return byName
                    ? string.Equals(InternedFileParser.FileName(path), wanted, StringComparison.OrdinalIgnoreCase)
                    : string.Equals(path, wanted, StringComparison.OrdinalIgnoreCase) || path.EndsWith("/" + wanted, StringComparison.OrdinalIgnoreCase);
            })
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToArray();

        if (matches.Length == 1)
        {
            return matches[0];
        }

        string problem = matches.Length == 0
            ? "is not an additional file of the project; add it with <AdditionalFiles Include=\"" + wanted + "\" />"
            : "matches " + matches.Length.ToString(CultureInfo.InvariantCulture) + " additional files ("
                + string.Join(", ", matches.Select(m => m.Path)) + "); name it with enough of its folder to tell them apart";
        diagnostics.Add(DiagnosticInfo.Create(InterningDiagnostics.FileNotFound, request.Location, request.FileName, request.ClassName, problem));
        return null;
    }

    /// <summary>
    /// The member name for a value: its letters and digits with every run of other characters dropped and the next
    /// letter upper-cased (<c>content-type</c> → <c>ContentType</c>), <c>_</c> before a leading digit, at most
    /// <see cref="MaxNameLength"/> characters; null when the value has no letter or digit.
    /// </summary>
    internal static string? DeriveName(string value)
    {
        var name = new System.Text.StringBuilder();
        bool upper = true;
        foreach (char c in value)
        {
            if (!char.IsSurrogate(c) && char.IsLetterOrDigit(c) && SyntaxFacts.IsIdentifierPartCharacter(c))
            {
                name.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        if (name.Length == 0)
        {
            return null;
        }

        if (!SyntaxFacts.IsIdentifierStartCharacter(name[0]))
        {
            name.Insert(0, '_');
        }

        return name.Length > MaxNameLength ? name.ToString(0, MaxNameLength) : name.ToString();
    }

    /// <summary>
    /// <paramref name="name"/>, or with the first suffix <c>_2</c>, <c>_3</c>, ... that makes it and its <c>Utf8</c>
    /// property free; claims both. Empty when the value forms no name.
    /// </summary>
    private static string FreeName(string? name, HashSet<string> taken)
    {
        if (name is null)
        {
            return string.Empty;
        }

        string candidate = name;
        for (int suffix = 2; taken.Contains(candidate) || taken.Contains(candidate + "Utf8"); suffix++)
        {
            candidate = name + "_" + suffix.ToString(CultureInfo.InvariantCulture);
        }

        taken.Add(candidate);
        taken.Add(candidate + "Utf8");
        return candidate;
    }
}
