using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Velithon.Generators.Common;

namespace Velithon.Generators.Interning;

/// <summary>
/// Emits a compile-time string table (<c>TryGet</c>, <c>GetOrAdd</c>, <c>All</c>, <c>Count</c> and a UTF-8 property
/// per constant) for every <c>[InternedStrings]</c> static partial class of <c>const string</c> fields.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class InternedStringsGenerator : IIncrementalGenerator
{
    private const string AttributeName = "Velithon.InternedStringsAttribute";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<InternedStringsParseResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (ctx, ct) => InternedStringsParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ct))
            .WithTrackingName(TrackingNames.InternedTypes);

        IncrementalValuesProvider<InternedStringsModel> models = results
            .Where(static r => r.Model is not null)
            .Select(static (r, _) => r.Model!)
            .WithTrackingName(TrackingNames.InternedModels);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
            .Select(static (r, _) => r.Diagnostics)
            .Where(static d => d.Count != 0)
            .WithTrackingName(TrackingNames.InternedDiagnostics);

        context.RegisterSourceOutput(models, static (spc, model) => spc.AddSource(model.HintName, InternedStringsEmitter.Emit(model)));
        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (DiagnosticInfo diagnostic in list)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
    }
}
