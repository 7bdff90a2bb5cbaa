using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;
using Velithon.Analyzers.Interning;

namespace Velithon.Analyzers.CodeFixes;

/// <summary>
/// Fixes VLG303: replaces every occurrence of the repeated literal in the project (found again with the analyzer's
/// rules, generated files left alone) with a constant of an <c>[InternedStrings]</c> table: the constant that already has the value, else a new
/// <c>public const string</c> in the project's first table, else one in a new <c>InternedStrings.cs</c> holding
/// <c>[Velithon.InternedStrings] internal static partial class InternedLiterals</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InternLiteralCodeFixProvider)), Shared]
public sealed class InternLiteralCodeFixProvider : CodeFixProvider
{
    private const string NewTableName = "InternedLiterals";
    private const string NewFileName = "InternedStrings.cs";
    private const string EquivalenceKey = nameof(InternLiteralCodeFixProvider);

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.RepeatedLiteral.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAll.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal)
            {
                continue;
            }

            int count = diagnostic.Properties.TryGetValue(RepeatedLiteralAnalyzer.OccurrencesProperty, out string? text)
                && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed) ? parsed : 1;
            string title = count == 1
                ? "Use an [InternedStrings] constant"
                : "Use an [InternedStrings] constant (" + count.ToString(CultureInfo.InvariantCulture) + " occurrences)";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => ApplyAsync(context.Document.Project, new[] { diagnostic }, ct), EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>Replaces all locations of all <paramref name="diagnostics"/> (one project) with table constants.</summary>
    internal static async Task<Solution> ApplyAsync(Project project, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        Solution solution = project.Solution;

        // 1. The values to replace, then every occurrence of them that the analyzer counts.
        var values = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (diagnostic.Location.SourceTree is { } tree
                && (await tree.GetRootAsync(cancellationToken).ConfigureAwait(false)).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is LiteralExpressionSyntax literal
                && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                values.Add(literal.Token.ValueText);
            }
        }

        if (values.Count == 0)
        {
            return solution;
        }

        var ownNames = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<DocumentId, List<LiteralExpressionSyntax>> literalsByDocument = await FindOccurrencesAsync(project, values, ownNames, cancellationToken).ConfigureAwait(false);

        // 2. The tables of the project and the constants they already have.
        List<Table> tables = await FindTablesAsync(project, cancellationToken).ConfigureAwait(false);
        var constantFor = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Table table in tables)
        {
            foreach (KeyValuePair<string, string> constant in table.Constants)
            {
                if (!constantFor.ContainsKey(constant.Key))
                {
                    constantFor[constant.Key] = table.QualifiedName + "." + constant.Value;
                }
            }
        }

        // 3. New constants go to the first table, or to a new one: a new file, or, where adding a file would edit the
        //    project file (MSBuildWorkspace: dotnet format writes <Compile Include> into SDK-style projects, which then
        //    fail with NETSDK1022), the end of the first document fixed, in that document's file-scoped namespace if it
        //    has one (a file cannot mix it with a block).
        Table? target = tables.FirstOrDefault();
        DocumentId? host = target is null && AddingFilesEditsProject(project) ? literalsByDocument.Keys.FirstOrDefault() : null;
        string? hostNamespace = host is null ? null : await FileScopedNamespaceAsync(solution.GetDocument(host)!, cancellationToken).ConfigureAwait(false);
        string? newTableNamespace = hostNamespace ?? NewTableNamespace(project);
        string targetName = target?.QualifiedName ?? QualifiedTableName(newTableNamespace);
        var taken = new HashSet<string>(target?.MemberNames ?? Enumerable.Empty<string>(), StringComparer.Ordinal) { target?.Name ?? NewTableName };
        var newConstants = new List<(string Name, string Value)>();

        // A value that is its own name ("Date") picks first, so "/Date(" cannot take the name "Date" from it.
        foreach (string value in values.OrderBy(v => ConstantName(v) == v ? 0 : 1).ThenBy(v => v, StringComparer.Ordinal))
        {
            if (!constantFor.ContainsKey(value))
            {
                // A derived name ("/Date(" → Date) never takes the name of a value written as that very identifier
                // elsewhere ("Date"): fixed later, that value would otherwise get Date2.
                string derived = ConstantName(value);
                string name = derived != value && ownNames.Contains(derived) ? UniqueName(derived, taken, ownNames) : UniqueName(derived, taken);
                newConstants.Add((name, value));
                constantFor[value] = targetName + "." + name;
            }
        }

        newConstants.Sort(static (a, b) => string.CompareOrdinal(a.Value, b.Value));

        // 4. Rewrite each document once: its literals and, for the target table's document, the new members.
        var documentIds = new HashSet<DocumentId>(literalsByDocument.Keys);
        if (target is not null && newConstants.Count > 0)
        {
            documentIds.Add(target.DocumentId);
        }

        foreach (DocumentId id in documentIds)
        {
            Document document = solution.GetDocument(id)!;
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            var replacements = new Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>>();
            if (literalsByDocument.TryGetValue(id, out List<LiteralExpressionSyntax>? literals))
            {
                foreach (LiteralExpressionSyntax literal in literals)
                {
                    string constant = constantFor[literal.Token.ValueText];
                    if (literal.Parent is ConstantPatternSyntax pattern && pattern.Parent is IsPatternExpressionSyntax isPattern)
                    {
                        // `x is "a"` becomes `x is T.A`, which C# parses as an is-expression (bound as a constant).
                        replacements[isPattern] = rewritten => SyntaxFactory.BinaryExpression(
                                SyntaxKind.IsExpression,
                                ((IsPatternExpressionSyntax)rewritten).Expression,
                                isPattern.IsKeyword,
                                SyntaxFactory.ParseTypeName(constant).WithAdditionalAnnotations(Simplifier.Annotation).WithTriviaFrom(literal))
                            .WithTriviaFrom(isPattern);
                        continue;
                    }

                    replacements[literal] = _ => MemberAccess(constant).WithTriviaFrom(literal);
                }
            }

            TypeDeclarationSyntax? targetDeclaration = null;
            if (target is not null && target.DocumentId == id && newConstants.Count > 0)
            {
                targetDeclaration = root.FindNode(target.Span).FirstAncestorOrSelf<TypeDeclarationSyntax>();
            }

            SyntaxNode newRoot = root.ReplaceNodes(
                replacements.Keys.Concat(targetDeclaration is null ? Enumerable.Empty<SyntaxNode>() : new SyntaxNode[] { targetDeclaration }),
                (original, rewritten) => original == targetDeclaration
                    ? ((TypeDeclarationSyntax)rewritten).AddMembers(newConstants.Select(c => (MemberDeclarationSyntax)Constant(c.Name, c.Value)).ToArray())
                    : replacements[original](rewritten));
            if (id == host && newConstants.Count > 0 && newRoot is CompilationUnitSyntax unit)
            {
                string newLine = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString().Contains("\r\n") ? "\r\n" : "\n";
                newRoot = AppendTable(unit, newTableNamespace, hostNamespace is not null, newConstants, newLine);
            }

            solution = solution.WithDocumentSyntaxRoot(id, newRoot);
        }

        if (target is null && host is null && newConstants.Count > 0)
        {
            // The new file follows the line endings of the code being fixed.
            SourceText sample = await solution.GetDocument(literalsByDocument.Keys.First())!.GetTextAsync(cancellationToken).ConfigureAwait(false);
            string newLine = sample.ToString().Contains("\r\n") ? "\r\n" : "\n";
            bool fileScoped = await UsesFileScopedNamespacesAsync(project, cancellationToken).ConfigureAwait(false);
            solution = solution.AddDocument(
                DocumentId.CreateNewId(project.Id, NewFileName),
                UniqueFileName(project),
                SourceText.From(NewTableSource(NewTableNamespace(project), newConstants, newLine, fileScoped), Encoding.UTF8));
        }

        return solution;
    }

    /// <summary>
    /// The counted occurrences of <paramref name="values"/> by document; also collects into <paramref name="ownNames"/> every
    /// counted value that is its own constant name (<c>"Date"</c>).
    /// </summary>
    private static async Task<Dictionary<DocumentId, List<LiteralExpressionSyntax>>> FindOccurrencesAsync(Project project, SortedSet<string> values, HashSet<string> ownNames, CancellationToken cancellationToken)
    {
        var found = new Dictionary<DocumentId, List<LiteralExpressionSyntax>>();
        foreach (Document document in project.Documents)
        {
            if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
            {
                continue;
            }

            AnalyzerConfigOptions options = project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree);
            if (GeneratedCode.IsGenerated(document, root, options))
            {
                continue;
            }

            int minimumLength = RepeatedLiteralAnalyzer.MinimumLength(options);
            List<LiteralExpressionSyntax>? list = null;
            foreach (LiteralExpressionSyntax literal in root.DescendantNodes().OfType<LiteralExpressionSyntax>())
            {
                string text = literal.Token.ValueText;
                bool listed = values.Contains(text);
                bool ownName = !listed && !ownNames.Contains(text) && ConstantName(text) == text;
                if ((listed || ownName) && RepeatedLiteralAnalyzer.IsCounted(literal, minimumLength))
                {
                    if (listed)
                    {
                        (list ??= new List<LiteralExpressionSyntax>()).Add(literal);
                    }
                    else
                    {
                        ownNames.Add(text);
                    }
                }
            }

            if (list is not null)
            {
                found[document.Id] = list;
            }
        }

        return found;
    }

    private static async Task<List<Table>> FindTablesAsync(Project project, CancellationToken cancellationToken)
    {
        var tables = new List<Table>();
        foreach (Document document in project.Documents.OrderBy(d => d.FilePath ?? d.Name, StringComparer.Ordinal))
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (ClassDeclarationSyntax type in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or ClassDeclarationSyntax).OfType<ClassDeclarationSyntax>())
            {
                if (!InternedStringsSyntax.HasInternedStringsAttribute(type))
                {
                    continue;
                }

                model ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model?.GetDeclaredSymbol(type, cancellationToken) is not INamedTypeSymbol symbol
                    || !symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == InternedStringsSyntax.AttributeMetadataName))
                {
                    continue;
                }

                var constants = new List<KeyValuePair<string, string>>();
                foreach (IFieldSymbol field in symbol.GetMembers().OfType<IFieldSymbol>())
                {
                    if (field.IsConst && field.ConstantValue is string value && field.DeclaredAccessibility != Accessibility.Private)
                    {
                        constants.Add(new KeyValuePair<string, string>(value, field.Name));
                    }
                }

                tables.Add(new Table(
                    document.Id,
                    type.Span,
                    symbol.Name,
                    "global::" + symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty),
                    constants,
                    symbol.MemberNames.ToList()));
            }
        }

        return tables;
    }

    private static string QualifiedTableName(string? ns) =>
        ns is { Length: > 0 } ? "global::" + ns + "." + NewTableName : "global::" + NewTableName;

    /// <summary>
    /// Whether adding a document makes the workspace write the project file: MSBuildWorkspace (dotnet format and other
    /// command-line hosts) adds a <c>&lt;Compile Include&gt;</c> even to SDK-style projects, whose default globs then include
    /// the file twice (NETSDK1022). IDE hosts follow the project's globs.
    /// </summary>
    private static bool AddingFilesEditsProject(Project project) => project.Solution.Workspace.Kind == WorkspaceKind.MSBuild;

    private static async Task<string?> FileScopedNamespaceAsync(Document document, CancellationToken cancellationToken) =>
        await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is CompilationUnitSyntax root
            && root.Members.OfType<FileScopedNamespaceDeclarationSyntax>().FirstOrDefault() is { } ns
            ? ns.Name.ToString()
            : null;

    /// <summary>The new table at the end of <paramref name="unit"/>: inside its file-scoped namespace, else in a block (or the global namespace).</summary>
    private static CompilationUnitSyntax AppendTable(CompilationUnitSyntax unit, string? ns, bool intoFileScoped, List<(string Name, string Value)> constants, string newLine)
    {
        var table = (CompilationUnitSyntax)SyntaxFactory.ParseCompilationUnit(NewTableSource(intoFileScoped ? null : ns, constants, newLine, fileScoped: false));
        if (intoFileScoped && unit.Members.OfType<FileScopedNamespaceDeclarationSyntax>().FirstOrDefault() is { } fileScoped)
        {
            MemberDeclarationSyntax type = table.Members[0].WithLeadingTrivia(SyntaxFactory.EndOfLine(newLine));
            return unit.ReplaceNode(fileScoped, fileScoped.AddMembers(type));
        }

        return unit.AddMembers(table.Members.Select(m => m.WithLeadingTrivia(SyntaxFactory.EndOfLine(newLine))).ToArray());
    }

    private static string? NewTableNamespace(Project project) => project.DefaultNamespace;

    /// <summary>
    /// Whether a new file should use a file-scoped namespace: only from C# 10 on, and only when the project does not write
    /// its namespaces as blocks (no file-scoped namespace anywhere, at least one block-scoped one).
    /// </summary>
    private static async Task<bool> UsesFileScopedNamespacesAsync(Project project, CancellationToken cancellationToken)
    {
        if (project.ParseOptions is not CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp10 })
        {
            return false;
        }

        bool blocks = false;
        foreach (Document document in project.Documents)
        {
            if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is CompilationUnitSyntax root)
            {
                foreach (MemberDeclarationSyntax member in root.Members)
                {
                    if (member is FileScopedNamespaceDeclarationSyntax)
                    {
                        return true;
                    }

                    blocks |= member is NamespaceDeclarationSyntax;
                }
            }
        }

        return !blocks;
    }

    private static string NewTableSource(string? ns, List<(string Name, string Value)> constants, string newLine, bool fileScoped)
    {
        var text = new StringBuilder();
        bool block = !string.IsNullOrEmpty(ns) && !fileScoped;
        string indent = block ? "    " : string.Empty;
        if (!string.IsNullOrEmpty(ns))
        {
            text.Append("namespace ").Append(ns).Append(fileScoped ? ";" : string.Empty).Append(newLine);
            text.Append(block ? "{" : string.Empty).Append(newLine);
        }

        text.Append(indent).Append("[Velithon.InternedStrings]").Append(newLine)
            .Append(indent).Append("internal static partial class ").Append(NewTableName).Append(newLine)
            .Append(indent).Append('{').Append(newLine);
        foreach ((string name, string value) in constants)
        {
            text.Append(indent).Append("    public const string ").Append(name).Append(" = ")
                .Append(SymbolDisplay.FormatLiteral(value, quote: true)).Append(';').Append(newLine);
        }

        text.Append(indent).Append('}').Append(newLine);
        if (block)
        {
            text.Append('}').Append(newLine);
        }

        return text.ToString();
    }

    private static string UniqueFileName(Project project)
    {
        var names = new HashSet<string>(project.Documents.Select(d => d.Name), StringComparer.OrdinalIgnoreCase);
        string name = NewFileName;
        for (int i = 2; names.Contains(name); i++)
        {
            name = "InternedStrings" + i.ToString(CultureInfo.InvariantCulture) + ".cs";
        }

        return name;
    }

    private static FieldDeclarationSyntax Constant(string name, string value) =>
        SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.StringKeyword)),
                    SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.VariableDeclarator(name).WithInitializer(
                            SyntaxFactory.EqualsValueClause(SyntaxFactory.LiteralExpression(
                                SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value)))))))
            .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PublicKeyword), SyntaxFactory.Token(SyntaxKind.ConstKeyword)))
            .WithAdditionalAnnotations(Formatter.Annotation);

    private static ExpressionSyntax MemberAccess(string qualifiedName) =>
        SyntaxFactory.ParseExpression(qualifiedName).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary>PascalCase of the letters and digits of <paramref name="value"/>: "user-id" → UserId, "42" → _42.</summary>
    internal static string ConstantName(string value)
    {
        var name = new StringBuilder();
        bool upper = true;
        foreach (char c in value)
        {
            if (char.IsLetterOrDigit(c) && c < 128)
            {
                name.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }

            if (name.Length == 48)
            {
                break;
            }
        }

        if (name.Length == 0)
        {
            return "Literal";
        }

        if (char.IsDigit(name[0]))
        {
            name.Insert(0, '_');
        }

        string result = name.ToString();
        return SyntaxFacts.GetKeywordKind(result) != SyntaxKind.None ? "@" + result : result;
    }

    private static string UniqueName(string name, HashSet<string> taken, HashSet<string>? alsoAvoid = null)
    {
        string candidate = name;
        for (int i = 2; (alsoAvoid?.Contains(candidate) ?? false) || !taken.Add(candidate); i++)
        {
            candidate = name + i.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private sealed class Table(DocumentId documentId, TextSpan span, string name, string qualifiedName, List<KeyValuePair<string, string>> constants, List<string> memberNames)
    {
        public DocumentId DocumentId { get; } = documentId;

        public TextSpan Span { get; } = span;

        public string Name { get; } = name;

        public string QualifiedName { get; } = qualifiedName;

        /// <summary>Value → field name.</summary>
        public List<KeyValuePair<string, string>> Constants { get; } = constants;

        public List<string> MemberNames { get; } = memberNames;
    }

    /// <summary>All VLG303 diagnostics in scope at once, grouped by project: one table edit, one new file at most.</summary>
    private sealed class FixAll : FixAllProvider
    {
        public static readonly FixAll Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            List<(Document Document, Diagnostic Diagnostic)> all = await FixAllDiagnostics.CollectAsync(fixAllContext).ConfigureAwait(false);
            if (all.Count == 0)
            {
                return null;
            }

            return CodeAction.Create(
                "Use [InternedStrings] constants",
                async ct =>
                {
                    Solution solution = fixAllContext.Solution;
                    foreach (IGrouping<ProjectId, (Document Document, Diagnostic Diagnostic)> group in all.GroupBy(d => d.Document.Project.Id))
                    {
                        Project project = solution.GetProject(group.Key)!;
                        solution = await ApplyAsync(project, group.Select(d => d.Diagnostic), ct).ConfigureAwait(false);
                    }

                    return solution;
                },
                EquivalenceKey);
        }
    }
}
