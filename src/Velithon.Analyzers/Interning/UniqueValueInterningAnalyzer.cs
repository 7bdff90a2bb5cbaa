using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Velithon.CodeAnalysis;

namespace Velithon.Analyzers.Interning;

/// <summary>
/// VLG302: an argument of <c>StringInterner.Intern</c>/<c>InternUtf8</c> or <c>string.Intern</c> that is new every
/// time (GUID or ULID text, a timestamp, a random number, a hash), directly or as a part of an interpolated or
/// concatenated string.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UniqueValueInterningAnalyzer : DiagnosticAnalyzer
{
    private const string StringInternerMetadataName = VelithonMetadataNames.StringInterner;
    private const int MaxDepth = 8;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UniqueValueInterned);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);

        // Nothing to check in a compilation that does not reference Velithon: register nothing, cost nothing.
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(StringInternerMetadataName) is null)
            {
                return;
            }

            start.RegisterSyntaxNodeAction(AnalyzeInvocation, SyntaxKind.InvocationExpression);
        });
    }

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        string? name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
            IdentifierNameSyntax i => i.Identifier.ValueText,
            MemberBindingExpressionSyntax b => b.Name.Identifier.ValueText,
            _ => null,
        };

        // Syntax first: only calls named Intern/InternUtf8 with one argument reach the semantic model.
        if (name is not ("Intern" or "InternUtf8") || invocation.ArgumentList.Arguments.Count != 1)
        {
            return;
        }

        if (context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method
            || !IsInternMethod(method))
        {
            return;
        }

        ExpressionSyntax argument = invocation.ArgumentList.Arguments[0].Expression;
        string? reason = UniqueValueClassifier.Classify(argument, context.SemanticModel, MaxDepth, context.CancellationToken);
        if (reason is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UniqueValueInterned, argument.GetLocation(), Shorten(argument.ToString()), reason));
        }
    }

    private static bool IsInternMethod(IMethodSymbol method)
    {
        INamedTypeSymbol type = method.ContainingType;
        if (method.Name == "Intern" && type.SpecialType == SpecialType.System_String)
        {
            return true;
        }

        return type.Name == "StringInterner" && type.ToDisplayString() == StringInternerMetadataName;
    }

    private static string Shorten(string text)
    {
        text = text.Replace("\r", string.Empty).Replace("\n", " ");
        return text.Length <= 80 ? text : text.Substring(0, 77) + "...";
    }
}
