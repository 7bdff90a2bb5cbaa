using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Velithon.Generators.Common;
using Velithon.CodeAnalysis;

namespace Velithon.Generators.Interning;

/// <summary>
/// Emits a compile-time string table (<c>TryGet</c>, <c>GetOrAdd</c>, <c>All</c>, <c>Count</c> and a UTF-8 property
/// per constant) for every <c>[InternedStrings]</c> static partial class of <c>const string</c> fields, plus the lines of
/// the <c>*.interned.txt</c> additional file its <c>File</c> names.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class InternedStringsGenerator : IIncrementalGenerator
{

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<InternedStringsParseResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                VelithonMetadataNames.InternedStringsAttribute,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (ctx, ct) => InternedStringsParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes.FirstOrDefault(), ct))
            .WithTrackingName(TrackingNames.InternedTypes);

        // Every *.interned.txt additional file, parsed to values (its own problems are reported whether a class uses it or not).
        IncrementalValuesProvider<InternedFile> files = context.AdditionalTextsProvider
            .Where(static text => InternedFileParser.IsTableFile(text.Path))
            .Select(static (text, ct) => InternedFileParser.Parse(text.Path, text.GetText(ct), ct))
            .WithTrackingName(TrackingNames.InternedFiles);

        IncrementalValueProvider<EquatableArray<InternedFile>> fileSet = files
            .Collect()
            .Select(static (all, _) => all.ToEquatableArray())
            .WithTrackingName(TrackingNames.InternedFileSet);

        IncrementalValuesProvider<InternedStringsParseResult> resolved = results
            .Combine(fileSet)
            .Select(static (pair, _) => InternedFileResolver.Resolve(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.InternedResolved);

        IncrementalValuesProvider<InternedStringsModel> models = resolved
            .Where(static r => r.Model is not null)
            .Select(static (r, _) => r.Model!)
            .WithTrackingName(TrackingNames.InternedModels);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = resolved
            .Select(static (r, _) => r.Diagnostics)
            .Where(static d => d.Count != 0)
            .WithTrackingName(TrackingNames.InternedDiagnostics);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> fileDiagnostics = files
            .Select(static (f, _) => f.Diagnostics)
            .Where(static d => d.Count != 0)
            .WithTrackingName(TrackingNames.InternedFileDiagnostics);

        // UTF-8 literals ("..."u8) from C# 11 on; below, the same bytes as an array the compiler also keeps as static data.
        IncrementalValueProvider<bool> utf8Literals = context.ParseOptionsProvider
            .Select(static (options, _) => options is not CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp11 })
            .WithTrackingName(TrackingNames.InternedLanguage);

        context.RegisterSourceOutput(models.Combine(utf8Literals), static (spc, pair) => spc.AddSource(pair.Left.HintName, InternedStringsEmitter.Emit(pair.Left, pair.Right)));
        context.RegisterSourceOutput(diagnostics, static (spc, list) => Report(spc, list));
        context.RegisterSourceOutput(fileDiagnostics, static (spc, list) => Report(spc, list));
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> list)
    {
        foreach (DiagnosticInfo diagnostic in list)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
