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

    /// <summary>A driver for <paramref name="generator"/>.</summary>
    public static GeneratorDriver CreateDriver(IIncrementalGenerator generator, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the <c>[VelithonJson]</c> generator.</summary>
    public static GeneratorResult Run(params string[] sources) => Run(new VelithonJsonGenerator(), sources);

    /// <summary>Runs <paramref name="generator"/> over a compilation of <paramref name="sources"/>.</summary>
    public static GeneratorResult Run(IIncrementalGenerator generator, params string[] sources) =>
        Run(generator, CreateCompilation(sources));

    /// <summary>Runs <paramref name="generator"/> over <paramref name="input"/>.</summary>
    public static GeneratorResult Run(IIncrementalGenerator generator, CSharpCompilation input)
    {
        GeneratorDriver driver = CreateDriver(generator).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorResult(input, output, diagnostics, driver.GetRunResult());
    }
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
