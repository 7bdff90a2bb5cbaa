using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Velithon.CodeAnalysis;

namespace Velithon.Analyzers.CodeFixes;

/// <summary>
/// Fixes the generator's VLG122 (a member type without <c>[VelithonJson]</c>, generated outside the type): adds
/// <c>[VelithonJson]</c>, with the reaching type's settings, and <c>partial</c> to the type and every type containing
/// it. Offered only when the type is declared in the solution (the user owns it), not for a type of a referenced assembly.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddVelithonJsonCodeFixProvider)), Shared]
public sealed class AddVelithonJsonCodeFixProvider : CodeFixProvider
{

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.PlainTypeGeneratedId);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticDescriptors.PlainTypeProperty, out string? metadataName) || metadataName is null
                || model.Compilation.GetTypeByMetadataName(metadataName) is not { } type
                || !type.DeclaringSyntaxReferences.Any(r => context.Document.Project.Solution.GetDocumentId(r.SyntaxTree) is not null))
            {
                continue;
            }

            // The settings of the type that reaches it: the same ones, or the build would report VLG107 next.
            AttributeArgumentListSyntax? settings = ReachingSettings(model, diagnostic, context.CancellationToken);
            string title = $"Add [VelithonJson] and partial to '{type.Name}'";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => AddAsync(context.Document.Project.Solution, type, settings, ct), equivalenceKey: nameof(AddVelithonJsonCodeFixProvider) + metadataName),
                diagnostic);
        }
    }

    private static AttributeArgumentListSyntax? ReachingSettings(SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        SyntaxNode? node = model.SyntaxTree.GetRoot(cancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        TypeDeclarationSyntax? reaching = node.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (reaching is null || model.GetDeclaredSymbol(reaching, cancellationToken) is not INamedTypeSymbol symbol)
        {
            return null;
        }

        AttributeData? attribute = symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == VelithonMetadataNames.VelithonJsonAttribute);
        return (attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax)?.ArgumentList;
    }

    private static async Task<Solution> AddAsync(Solution solution, INamedTypeSymbol type, AttributeArgumentListSyntax? settings, CancellationToken cancellationToken)
    {
        // The attribute goes on the first declaration; partial on every declaration of the type and of its containing types.
        SyntaxReference first = type.DeclaringSyntaxReferences.First(r => solution.GetDocumentId(r.SyntaxTree) is not null);
        var byTree = new Dictionary<SyntaxTree, List<TypeDeclarationSyntax>>();
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            foreach (SyntaxReference reference in t.DeclaringSyntaxReferences)
            {
                if (await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is TypeDeclarationSyntax declaration
                    && (reference.Equals(first) || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword)))
                {
                    if (!byTree.TryGetValue(reference.SyntaxTree, out List<TypeDeclarationSyntax>? list))
                    {
                        byTree[reference.SyntaxTree] = list = new List<TypeDeclarationSyntax>();
                    }

                    list.Add(declaration);
                }
            }
        }

        SyntaxNode firstNode = await first.GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
        foreach (KeyValuePair<SyntaxTree, List<TypeDeclarationSyntax>> entry in byTree)
        {
            DocumentId? id = solution.GetDocumentId(entry.Key);
            if (id is null)
            {
                continue;
            }

            SyntaxNode root = await entry.Key.GetRootAsync(cancellationToken).ConfigureAwait(false);
            bool imported = root is CompilationUnitSyntax unit && ImportsVelithon(unit, firstNode);
            SyntaxTrivia newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            if (!newLine.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                newLine = SyntaxFactory.EndOfLine("\n");
            }

            SyntaxNode newRoot = root.ReplaceNodes(entry.Value, (original, rewritten) =>
            {
                TypeDeclarationSyntax result = rewritten.Modifiers.Any(SyntaxKind.PartialKeyword) ? rewritten : MakePartialCodeFixProvider.AddPartial(rewritten);
                return original == firstNode ? AddAttribute(result, imported, settings, newLine) : result;
            });
            solution = solution.WithDocumentSyntaxRoot(id, newRoot);
        }

        return solution;
    }

    // Whether `Velithon` is imported where the declaration is (the file, or a namespace around it): then [VelithonJson].
    private static bool ImportsVelithon(CompilationUnitSyntax unit, SyntaxNode declaration)
    {
        IEnumerable<UsingDirectiveSyntax> usings = unit.Usings.Concat(declaration.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().SelectMany(n => n.Usings));
        return usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == "Velithon");
    }

    private static TypeDeclarationSyntax AddAttribute(TypeDeclarationSyntax declaration, bool imported, AttributeArgumentListSyntax? settings, SyntaxTrivia newLine)
    {
        AttributeSyntax attribute = SyntaxFactory.Attribute(SyntaxFactory.ParseName(imported ? "VelithonJson" : "Velithon.VelithonJson"));
        if (settings is { Arguments.Count: > 0 })
        {
            attribute = attribute.WithArgumentList(settings.WithoutTrivia());
        }

        // The new attribute list takes the declaration's leading trivia (comments, indentation); the declaration starts
        // on the next line at the same indentation.
        SyntaxTriviaList leading = declaration.GetLeadingTrivia();
        SyntaxTriviaList indentation = SyntaxFactory.TriviaList(leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
        AttributeListSyntax list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(newLine);
        TypeDeclarationSyntax stripped = declaration.WithoutLeadingTrivia();
        if (stripped.AttributeLists.Count > 0)
        {
            AttributeListSyntax existing = stripped.AttributeLists[0];
            stripped = stripped.ReplaceNode(existing, existing.WithLeadingTrivia(indentation));
        }
        else if (stripped.Modifiers.Count > 0)
        {
            stripped = stripped.WithModifiers(stripped.Modifiers.Replace(stripped.Modifiers[0], stripped.Modifiers[0].WithLeadingTrivia(indentation)));
        }
        else
        {
            stripped = stripped.ReplaceToken(stripped.Keyword, stripped.Keyword.WithLeadingTrivia(indentation));
        }

        return stripped.WithAttributeLists(stripped.AttributeLists.Insert(0, list));
    }
}
