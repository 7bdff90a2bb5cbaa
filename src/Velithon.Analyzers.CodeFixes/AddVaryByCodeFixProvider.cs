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
using Velithon.Analyzers.Caching;

namespace Velithon.Analyzers.CodeFixes;

/// <summary>
/// Fixes VLG308, VLG310 and VLG311: adds the cookie, query parameter or header the handler reads to the attribute's
/// <c>VaryByCookie</c>, <c>VaryByQuery</c> or <c>VaryByHeader</c>, creating the list when it is not set (a collection
/// expression from C# 12, <c>new[] { ... }</c> below). Fix All adds every name once per attribute.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddVaryByCodeFixProvider)), Shared]
public sealed class AddVaryByCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.CachedReadsCookies.Id,
        DiagnosticDescriptors.CachedReadsUnkeyedQuery.Id,
        DiagnosticDescriptors.CachedReadsUnkeyedHeader.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAll.Instance;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (Request(diagnostic) is { } request)
            {
                string title = "Add " + string.Join(", ", request.Names.Select(n => "'" + n + "'")) + " to " + request.List;
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => AddAsync(context.Document, new[] { diagnostic }, ct), equivalenceKey: nameof(AddVaryByCodeFixProvider) + request.List),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static (string List, string[] Names, Location Attribute)? Request(Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(VaryByFix.ListKey, out string? list) || list is null
            || !diagnostic.Properties.TryGetValue(VaryByFix.NamesKey, out string? names) || string.IsNullOrEmpty(names))
        {
            return null;
        }

        Location attribute = diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0] : diagnostic.Location;
        return (list, names!.Split(VaryByFix.Separator), attribute);
    }

    private static async Task<Document> AddAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // Every name per attribute and list, in the order first reported.
        var additions = new Dictionary<(TextSpanKey Attribute, string List), List<string>>();
        var attributes = new Dictionary<TextSpanKey, AttributeSyntax>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (Request(diagnostic) is not { } request
                || root.FindNode(request.Attribute.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute)
            {
                continue;
            }

            var key = new TextSpanKey(attribute.SpanStart, attribute.Span.Length);
            attributes[key] = attribute;
            if (!additions.TryGetValue((key, request.List), out List<string>? names))
            {
                additions[(key, request.List)] = names = [];
            }

            names.AddRange(request.Names.Where(n => !names.Contains(n)));
        }

        bool collectionExpressions = root.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp12 };
        SyntaxNode updated = root.ReplaceNodes(attributes.Values, (original, _) =>
        {
            AttributeSyntax result = original;
            foreach (KeyValuePair<(TextSpanKey Attribute, string List), List<string>> addition in additions.Where(a => a.Key.Attribute.Equals(new TextSpanKey(original.SpanStart, original.Span.Length))))
            {
                result = AddNames(result, addition.Key.List, addition.Value, collectionExpressions);
            }

            return result;
        });
        return document.WithSyntaxRoot(updated);
    }

    private static AttributeSyntax AddNames(AttributeSyntax attribute, string list, List<string> names, bool collectionExpressions)
    {
        AttributeArgumentSyntax? argument = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == list);
        IEnumerable<string> literals = names.Select(n => SymbolDisplay.FormatLiteral(n, quote: true));
        ExpressionSyntax? existing = argument?.Expression;
        List<string>? kept = existing switch
        {
            CollectionExpressionSyntax collection => [.. collection.Elements.Select(e => e.ToString())],
            ArrayCreationExpressionSyntax { Initializer: { } init } => [.. init.Expressions.Select(e => e.ToString())],
            ImplicitArrayCreationExpressionSyntax implicitArray => [.. implicitArray.Initializer.Expressions.Select(e => e.ToString())],
            _ => null,
        };
        string items = string.Join(", ", (kept ?? []).Concat(literals.Where(l => kept is null || !kept.Contains(l))));
        string text = existing switch
        {
            CollectionExpressionSyntax => "[" + items + "]",
            ArrayCreationExpressionSyntax creation => "new " + creation.Type.ElementType + "[] { " + items + " }",
            ImplicitArrayCreationExpressionSyntax => "new[] { " + items + " }",
            _ => collectionExpressions ? "[" + items + "]" : "new[] { " + items + " }",
        };
        ExpressionSyntax value = SyntaxFactory.ParseExpression(text);
        if (argument is not null)
        {
            return attribute.ReplaceNode(argument, argument.WithExpression(value.WithTriviaFrom(argument.Expression)));
        }

        AttributeArgumentSyntax added = SyntaxFactory.AttributeArgument(SyntaxFactory.NameEquals(list), null, value);
        AttributeArgumentListSyntax arguments = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        return attribute.WithArgumentList(arguments.AddArguments(added));
    }

    private readonly record struct TextSpanKey(int Start, int Length);

    private sealed class FixAll : FixAllProvider
    {
        public static readonly FixAll Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            List<(Document Document, Diagnostic Diagnostic)> all = await FixAllDiagnostics.CollectAsync(fixAllContext).ConfigureAwait(false);
            string? equivalence = fixAllContext.CodeActionEquivalenceKey;
            var chosen = all.Where(d => Request(d.Diagnostic) is { } r && (equivalence is null || equivalence == nameof(AddVaryByCodeFixProvider) + r.List)).ToList();
            if (chosen.Count == 0)
            {
                return null;
            }

            return CodeAction.Create(
                "Add what the handlers read to their VaryBy lists",
                async ct =>
                {
                    Solution solution = fixAllContext.Solution;
                    foreach (IGrouping<DocumentId, (Document Document, Diagnostic Diagnostic)> group in chosen.GroupBy(d => d.Document.Id))
                    {
                        Document document = solution.GetDocument(group.Key)!;
                        Document fixedDocument = await AddAsync(document, group.Select(d => d.Diagnostic), ct).ConfigureAwait(false);
                        solution = fixedDocument.Project.Solution;
                    }

                    return solution;
                },
                equivalence);
        }
    }
}
