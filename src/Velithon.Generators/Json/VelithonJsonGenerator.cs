using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Velithon.Generators.Common;

namespace Velithon.Generators.Json;

/// <summary>
/// Emits <c>IVelithonJson&lt;T&gt;</c> (allocation-free UTF-8 <c>WriteJson</c>/<c>ReadJson</c>) for every
/// <c>[VelithonJson]</c> partial class, record, struct or record struct.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class VelithonJsonGenerator : IIncrementalGenerator
{
    private const string AttributeName = OptionsReader.AttributeName;

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax or InterfaceDeclarationSyntax,
                transform: static (ctx, ct) => Parser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.SemanticModel.Compilation, ct))
            .WithTrackingName(TrackingNames.JsonTypes);

        IncrementalValuesProvider<TypeModel> models = results
            .Where(static r => r.Model is not null)
            .Select(static (r, _) => r.Model!)
            .WithTrackingName(TrackingNames.JsonModels);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
            .Select(static (r, _) => r.Diagnostics)
            .Where(static d => d.Count != 0)
            .WithTrackingName(TrackingNames.JsonDiagnostics);

        // Invalid values in [assembly: VelithonJsonDefaults] are reported once (each type falls back to the defaults for them).
        IncrementalValueProvider<EquatableArray<DiagnosticInfo>> assemblyDiagnostics = context.CompilationProvider
            .Select(static (compilation, ct) => OptionsReader.AssemblyDiagnostics(compilation, ct))
            .WithTrackingName(TrackingNames.JsonAssemblyDefaults);

        context.RegisterSourceOutput(assemblyDiagnostics, static (spc, list) =>
        {
            foreach (DiagnosticInfo diagnostic in list)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
        context.RegisterSourceOutput(models, static (spc, model) => spc.AddSource(model.HintName, Emitter.Emit(model)));
        GenericUsePipeline.Register(context);
        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (DiagnosticInfo diagnostic in list)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
    }
}
