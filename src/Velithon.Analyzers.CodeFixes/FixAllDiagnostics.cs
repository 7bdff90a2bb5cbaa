using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Velithon.Analyzers.CodeFixes;

/// <summary>The diagnostics a Fix All covers, with their documents, for the document, project or solution scope.</summary>
internal static class FixAllDiagnostics
{
    public static async Task<List<(Document Document, Diagnostic Diagnostic)>> CollectAsync(FixAllContext context)
    {
        IEnumerable<Document> documents = context.Scope switch
        {
            FixAllScope.Document when context.Document is not null => new[] { context.Document },
            FixAllScope.Project => context.Project.Documents,
            FixAllScope.Solution => context.Solution.Projects.SelectMany(p => p.Documents),
            _ => Enumerable.Empty<Document>(),
        };

        var result = new List<(Document, Diagnostic)>();
        foreach (Document document in documents)
        {
            ImmutableArray<Diagnostic> diagnostics = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
            foreach (Diagnostic diagnostic in diagnostics)
            {
                result.Add((document, diagnostic));
            }
        }

        return result;
    }
}
