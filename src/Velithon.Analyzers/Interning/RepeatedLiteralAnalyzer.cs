using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Velithon.Analyzers.Interning;

/// <summary>
/// VLG303: the same string literal written at least <c>velithon_interning.repeated_literal_threshold</c> times
/// (default 3) across the compilation, counting only values of at least
/// <c>velithon_interning.repeated_literal_minimum_length</c> characters (default 4). Const declarations,
/// attribute arguments and <c>[InternedStrings]</c> tables are not counted. Every occurrence is reported at
/// compilation end. The others are not attached as additional locations (n occurrences would make n² locations); the
/// code fix finds them again with <see cref="IsCounted"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RepeatedLiteralAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Analyzer config key: how many occurrences make a literal "repeated".</summary>
    public const string ThresholdKey = "velithon_interning.repeated_literal_threshold";

    /// <summary>Analyzer config key: the shortest value that counts.</summary>
    public const string MinimumLengthKey = "velithon_interning.repeated_literal_minimum_length";

    /// <summary>Default of <see cref="ThresholdKey"/>.</summary>
    public const int DefaultThreshold = 3;

    /// <summary>Default of <see cref="MinimumLengthKey"/>.</summary>
    public const int DefaultMinimumLength = 4;

    /// <summary>The diagnostic property holding how many times the value occurs.</summary>
    internal const string OccurrencesProperty = "Occurrences";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.RepeatedLiteral);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var occurrences = new ConcurrentDictionary<string, ConcurrentQueue<Occurrence>>(StringComparer.Ordinal);
            var settings = new ConcurrentDictionary<SyntaxTree, Settings>();
            AnalyzerConfigOptionsProvider options = start.Options.AnalyzerConfigOptionsProvider;

            start.RegisterSyntaxNodeAction(
                node =>
                {
                    var literal = (LiteralExpressionSyntax)node.Node;
                    Settings s = settings.GetOrAdd(literal.SyntaxTree, tree => Settings.Read(options.GetOptions(tree)));
                    if (!IsCounted(literal, s.MinimumLength))
                    {
                        return;
                    }

                    occurrences.GetOrAdd(literal.Token.ValueText, _ => new ConcurrentQueue<Occurrence>())
                        .Enqueue(new Occurrence(literal.GetLocation(), s.Threshold));
                },
                SyntaxKind.StringLiteralExpression);

            start.RegisterCompilationEndAction(end =>
            {
                foreach (KeyValuePair<string, ConcurrentQueue<Occurrence>> entry in occurrences)
                {
                    Occurrence[] all = entry.Value.ToArray();
                    if (all.Length < 2)
                    {
                        continue;
                    }

                    // Stable order, so that the reporting order does not depend on scheduling.
                    Array.Sort(all, static (a, b) =>
                    {
                        int byPath = string.CompareOrdinal(a.Location.SourceTree?.FilePath, b.Location.SourceTree?.FilePath);
                        return byPath != 0 ? byPath : a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start);
                    });
                    string count = all.Length.ToString(CultureInfo.InvariantCulture);
                    ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(OccurrencesProperty, count);
                    foreach (Occurrence occurrence in all)
                    {
                        if (all.Length >= occurrence.Threshold)
                        {
                            end.ReportDiagnostic(Diagnostic.Create(
                                DiagnosticDescriptors.RepeatedLiteral, occurrence.Location, properties, Escape(entry.Key), count));
                        }
                    }
                }
            });
        });
    }

    /// <summary>Whether <paramref name="literal"/> counts as an occurrence of its value (long enough, not excluded).</summary>
    internal static bool IsCounted(LiteralExpressionSyntax literal, int minimumLength) =>
        literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText.Length >= minimumLength && !IsExcluded(literal);

    /// <summary>The shortest counted value configured for <paramref name="options"/>' file.</summary>
    internal static int MinimumLength(AnalyzerConfigOptions options) => Settings.Read(options).MinimumLength;

    /// <summary>Places where a constant is already required or already declared: not counted.</summary>
    internal static bool IsExcluded(LiteralExpressionSyntax literal)
    {
        for (SyntaxNode? node = literal.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case AttributeArgumentSyntax or AttributeSyntax:
                    return true;
                case FieldDeclarationSyntax field:
                    return field.Modifiers.Any(SyntaxKind.ConstKeyword) || IsInTable(field);
                case LocalDeclarationStatementSyntax local when local.IsConst:
                    return true;
                case TypeDeclarationSyntax type when InternedStringsSyntax.HasInternedStringsAttribute(type):
                    return true;
                case MemberDeclarationSyntax member when member is not TypeDeclarationSyntax:
                    return IsInTable(member);
            }
        }

        return false;
    }

    private static bool IsInTable(SyntaxNode member)
    {
        for (SyntaxNode? node = member.Parent; node is TypeDeclarationSyntax type; node = node.Parent)
        {
            if (InternedStringsSyntax.HasInternedStringsAttribute(type))
            {
                return true;
            }
        }

        return false;
    }

    private static string Escape(string value)
    {
        string shown = value.Length <= 60 ? value : value.Substring(0, 57) + "...";
        return shown.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
    }

    private readonly struct Occurrence(Location location, int threshold)
    {
        public Location Location { get; } = location;

        public int Threshold { get; } = threshold;
    }

    private readonly struct Settings(int threshold, int minimumLength)
    {
        public int Threshold { get; } = threshold;

        public int MinimumLength { get; } = minimumLength;

        public static Settings Read(AnalyzerConfigOptions options) => new(
            Read(options, ThresholdKey, DefaultThreshold, minimum: 2),
            Read(options, MinimumLengthKey, DefaultMinimumLength, minimum: 1));

        private static int Read(AnalyzerConfigOptions options, string key, int fallback, int minimum) =>
            options.TryGetValue(key, out string? text)
            && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            && value >= minimum
                ? value
                : fallback;
    }
}
