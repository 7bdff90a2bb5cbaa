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
/// <c>velithon_interning.repeated_literal_minimum_length</c> characters (default 4). Declarations, attribute
/// arguments, messages and parameter names are not counted (<see cref="IsExcluded"/>). Every occurrence is reported at
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
            // Without Velithon there is no [InternedStrings] table to offer: register nothing, cost nothing.
            if (start.Compilation.GetTypeByMetadataName(InternedStringsSyntax.AttributeMetadataName) is null)
            {
                return;
            }

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

    /// <summary>
    /// Places where a constant is already required or declared, and text that is not an identifier: not counted. That is
    /// messages (a literal inside <c>throw</c>, an exception's constructor arguments, <c>Throw*</c> helpers,
    /// <c>Debug</c>/<c>Trace</c> assertions, logging calls; message-like text: see <see cref="IsMessageLike"/>), a parameter's
    /// name passed as text (<c>nameof</c> covers it), attribute arguments, <c>const</c> and <c>static readonly</c> fields,
    /// <c>const</c> locals and <c>[InternedStrings]</c> tables.
    /// </summary>
    internal static bool IsExcluded(LiteralExpressionSyntax literal)
    {
        string value = literal.Token.ValueText;
        if (IsMessageLike(value))
        {
            return true;
        }

        SyntaxNode child = literal;
        for (SyntaxNode? node = literal.Parent; node is not null; child = node, node = node.Parent)
        {
            switch (node)
            {
                case AttributeArgumentSyntax or AttributeSyntax:
                case ThrowStatementSyntax or ThrowExpressionSyntax:
                    return true;
                case BaseObjectCreationExpressionSyntax creation when child == creation.ArgumentList && IsExceptionCreation(creation):
                    return true;
                case InvocationExpressionSyntax invocation when child == invocation.ArgumentList && IsMessageSink(invocation.Expression):
                    return true;
                case ParenthesizedLambdaExpressionSyntax lambda when HasParameter(lambda.ParameterList, value):
                    return true;
                case SimpleLambdaExpressionSyntax lambda when lambda.Parameter.Identifier.ValueText == value:
                    return true;
                case AnonymousMethodExpressionSyntax { ParameterList: { } parameters } when HasParameter(parameters, value):
                    return true;
                case LocalFunctionStatementSyntax function when HasParameter(function.ParameterList, value):
                    return true;
                case FieldDeclarationSyntax field:
                    return field.Modifiers.Any(SyntaxKind.ConstKeyword)
                        || (field.Modifiers.Any(SyntaxKind.StaticKeyword) && field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword))
                        || IsInTable(field);
                case LocalDeclarationStatementSyntax local when local.IsConst:
                    return true;
                case TypeDeclarationSyntax type when InternedStringsSyntax.HasInternedStringsAttribute(type):
                    return true;
                case BaseMethodDeclarationSyntax method when HasParameter(method.ParameterList, value):
                    return true;
                case IndexerDeclarationSyntax indexer when HasParameter(indexer.ParameterList, value):
                    return true;
                case MemberDeclarationSyntax member when member is not TypeDeclarationSyntax:
                    return IsInTable(member) || (member.Parent is TypeDeclarationSyntax { ParameterList: { } primary } && HasParameter(primary, value));
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="value"/> reads as a sentence rather than an identifier: a composite-format placeholder
    /// (<c>{0}</c>, <c>{1:N2}</c>), three or more words of which at least two are plain words (<c>"Capacity must be
    /// positive"</c>, but not <c>"no-cache, no-store, must-revalidate"</c> or <c>"application/json; charset=utf-8"</c>),
    /// or text with a space that ends like a sentence.
    /// </summary>
    internal static bool IsMessageLike(string value)
    {
        for (int i = 0; i + 2 < value.Length; i++)
        {
            if (value[i] == '{' && char.IsDigit(value[i + 1]))
            {
                int j = i + 1;
                while (j < value.Length && char.IsDigit(value[j]))
                {
                    j++;
                }

                if (j < value.Length && value[j] is '}' or ':' or ',')
                {
                    return true;
                }
            }
        }

        if (value.IndexOf(' ') < 0)
        {
            return false;
        }

        char last = value[value.Length - 1];
        if (last is '.' or '!' or '?')
        {
            return true;
        }

        int words = 0;
        int plainWords = 0;
        foreach (string word in value.Split(s_space, StringSplitOptions.RemoveEmptyEntries))
        {
            words++;
            string trimmed = word.TrimEnd(s_punctuation).TrimStart('(', '\'', '"');
            if (trimmed.Length > 0 && IsLetters(trimmed))
            {
                plainWords++;
            }
        }

        return words >= 3 && plainWords >= 2;
    }

    private static readonly char[] s_space = [' '];

    private static readonly char[] s_punctuation = ['.', ',', ';', ':', '!', '?', ')', '\'', '"'];

    private static bool IsLetters(string word)
    {
        foreach (char c in word)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasParameter(BaseParameterListSyntax parameters, string name)
    {
        foreach (ParameterSyntax parameter in parameters.Parameters)
        {
            if (parameter.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsExceptionCreation(BaseObjectCreationExpressionSyntax creation) => creation switch
    {
        ObjectCreationExpressionSyntax { Type: var type } => RightmostName(type).EndsWith("Exception", StringComparison.Ordinal),
        _ => creation.Parent is ThrowExpressionSyntax or ThrowStatementSyntax,
    };

    /// <summary>Calls whose string arguments are messages: <c>Throw*</c> helpers, <c>Debug</c>/<c>Trace</c> assertions, logging.</summary>
    private static bool IsMessageSink(ExpressionSyntax callee)
    {
        string name = callee switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => string.Empty,
        };
        if (name.StartsWith("Throw", StringComparison.Ordinal) || name == "BeginScope")
        {
            return true;
        }

        if (name.StartsWith("Log", StringComparison.Ordinal) && (name.Length == 3 || char.IsUpper(name[3])))
        {
            return true;
        }

        return name is "Assert" or "Fail" or "WriteLineIf" or "TraceError" or "TraceWarning" or "TraceInformation"
            && callee is MemberAccessExpressionSyntax { Expression: var receiver }
            && RightmostName(receiver) is "Debug" or "Trace";
    }

    private static string RightmostName(SyntaxNode node) => node switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        _ => string.Empty,
    };

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
