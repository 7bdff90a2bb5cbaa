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
/// Fixes the generator's VLG101: adds <c>partial</c> to the type, to every type containing it and to the
/// <c>[VelithonJson]</c> types nested in it, on every declaration of each, in whichever document it is.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider)), Shared]
public sealed class MakePartialCodeFixProvider : CodeFixProvider
{
    private const string Title = "Make the type and its containing types partial";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.TypeNotPartialId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAll.Instance;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    ct => MakePartialAsync(context.Document.Project.Solution, new[] { (context.Document, diagnostic) }, ct),
                    equivalenceKey: nameof(MakePartialCodeFixProvider)),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    internal static async Task<Solution> MakePartialAsync(Solution solution, IEnumerable<(Document Document, Diagnostic Diagnostic)> diagnostics, CancellationToken cancellationToken)
    {
        var types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach ((Document document, Diagnostic diagnostic) in diagnostics)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                continue;
            }

            TypeDeclarationSyntax? declaration = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                .FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (declaration is null || model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
            {
                continue;
            }

            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            {
                types.Add(t);
            }

            AddNestedJsonTypes(type, types);
        }

        // Every declaration that lacks the modifier, grouped by document, so each document is edited once.
        var byTree = new Dictionary<SyntaxTree, List<TypeDeclarationSyntax>>();
        foreach (INamedTypeSymbol type in types)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is TypeDeclarationSyntax declaration
                    && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    if (!byTree.TryGetValue(reference.SyntaxTree, out List<TypeDeclarationSyntax>? list))
                    {
                        byTree[reference.SyntaxTree] = list = new List<TypeDeclarationSyntax>();
                    }

                    list.Add(declaration);
                }
            }
        }

        foreach (KeyValuePair<SyntaxTree, List<TypeDeclarationSyntax>> entry in byTree)
        {
            DocumentId? id = solution.GetDocumentId(entry.Key);
            if (id is null)
            {
                continue;
            }

            SyntaxNode root = await entry.Key.GetRootAsync(cancellationToken).ConfigureAwait(false);
            SyntaxNode newRoot = root.ReplaceNodes(entry.Value, (_, rewritten) => AddPartial(rewritten));
            solution = solution.WithDocumentSyntaxRoot(id, newRoot);
        }

        return solution;
    }

    private static void AddNestedJsonTypes(INamedTypeSymbol type, HashSet<INamedTypeSymbol> types)
    {
        foreach (INamedTypeSymbol nested in type.GetTypeMembers())
        {
            int before = types.Count;
            AddNestedJsonTypes(nested, types);
            bool containsJson = types.Count > before;
            if (containsJson || nested.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == VelithonMetadataNames.VelithonJsonAttribute))
            {
                types.Add(nested);
            }
        }
    }

    /// <summary>Adds <c>partial</c> as the last modifier (it must come right before the keyword).</summary>
    internal static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        SyntaxToken partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (declaration.Modifiers.Count == 0)
        {
            // The keyword's leading trivia (indentation) moves to the new first token.
            SyntaxToken keyword = declaration.Keyword;
            partial = partial.WithLeadingTrivia(keyword.LeadingTrivia);
            declaration = declaration.ReplaceToken(keyword, keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()));
        }

        return declaration.WithModifiers(declaration.Modifiers.Add(partial));
    }

    /// <summary>One edit per document for all the VLG101 diagnostics in scope (a batch merge would collide on shared containing types).</summary>
    private sealed class FixAll : FixAllProvider
    {
        public static readonly FixAll Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            List<(Document, Diagnostic)> all = await FixAllDiagnostics.CollectAsync(fixAllContext).ConfigureAwait(false);
            return all.Count == 0
                ? null
                : CodeAction.Create(Title, ct => MakePartialAsync(fixAllContext.Solution, all, ct), nameof(MakePartialCodeFixProvider));
        }
    }
}
