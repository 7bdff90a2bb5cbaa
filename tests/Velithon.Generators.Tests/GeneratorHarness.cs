using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Velithon.Generators.Json;

namespace Velithon.Generators.Tests;

/// <summary>Builds a compilation from source against the running framework and Velithon.Memory, and runs the generator.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var paths = new HashSet<string>(tpa.Split(Path.PathSeparator), StringComparer.OrdinalIgnoreCase)
        {
            typeof(VelithonJsonAttribute).Assembly.Location,
        };
        return [.. paths.Where(File.Exists).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Velithon.Generators.Tests.Input",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Input{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A driver for the <c>[VelithonJson]</c> generator.</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false) => CreateDriver(new VelithonJsonGenerator(), trackSteps);

    /// <summary>A driver for <paramref name="generator"/>, with optional additional files.</summary>
    public static GeneratorDriver CreateDriver(IIncrementalGenerator generator, bool trackSteps = false, params AdditionalText[] additionalTexts) =>
        CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            additionalTexts: additionalTexts,
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the <c>[VelithonJson]</c> generator.</summary>
    public static GeneratorResult Run(params string[] sources) => Run(new VelithonJsonGenerator(), sources);

    /// <summary>Runs <paramref name="generator"/> over a compilation of <paramref name="sources"/>.</summary>
    public static GeneratorResult Run(IIncrementalGenerator generator, params string[] sources) =>
        Run(generator, CreateCompilation(sources));

    /// <summary>Runs <paramref name="generator"/> over <paramref name="input"/> and the additional files.</summary>
    public static GeneratorResult Run(IIncrementalGenerator generator, CSharpCompilation input, params AdditionalText[] additionalTexts)
    {
        GeneratorDriver driver = CreateDriver(generator, false, additionalTexts).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorResult(input, output, diagnostics, driver.GetRunResult());
    }
}

/// <summary>An additional file (an <c>&lt;AdditionalFiles&gt;</c> item) held in memory.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly Microsoft.CodeAnalysis.Text.SourceText _text = Microsoft.CodeAnalysis.Text.SourceText.From(text, System.Text.Encoding.UTF8);

    public override string Path { get; } = path;

    public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

internal sealed record GeneratorResult(
    Compilation Input,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    GeneratorDriverRunResult RunResult)
{
    public IEnumerable<GeneratedSourceResult> Sources => RunResult.Results.SelectMany(r => r.GeneratedSources);

    /// <summary>Errors and warnings of the compilation with the generated sources added.</summary>
    public ImmutableArray<Diagnostic> CompilationProblems =>
        [.. Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];

    public string Source(string hintName) =>
        Sources.Single(s => s.HintName == hintName).SourceText.ToString();
}
