using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Tests;

public sealed class SnapshotTests
{
    [Fact]
    public void AllPrimitives() => VerifyAll(TestSources.AllPrimitives, nameof(AllPrimitives));

    [Fact]
    public void RecordWithConstructor() => VerifyAll(TestSources.RecordWithConstructor, nameof(RecordWithConstructor));

    [Fact]
    public void Structs() => VerifyAll(TestSources.Structs, nameof(Structs));

    [Fact]
    public void NestedAndCollections() => VerifyAll(TestSources.NestedAndCollections, nameof(NestedAndCollections));

    [Fact]
    public void StringEnums() => VerifyAll(TestSources.StringEnums, nameof(StringEnums));

    [Fact]
    public void Attributes() => VerifyAll(TestSources.Attributes, nameof(Attributes));

    [Fact]
    public void Diagnostics()
    {
        GeneratorResult result = GeneratorHarness.Run(TestSources.Diagnostics);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG104", diagnostic.Id);
        Assert.Empty(result.CompilationProblems.Where(d => d.Id != "VLG104"));

        string header = string.Join('\n', result.GeneratorDiagnostics.Select(d =>
            $"// {d.Id} {d.Severity} {d.Location.GetLineSpan().StartLinePosition}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));
        GeneratedSourceResult source = Assert.Single(result.Sources);
        Snapshot.Verify(header + "\n\n" + source.SourceText, nameof(Diagnostics));
    }

    private static void VerifyAll(string input, string name)
    {
        GeneratorResult result = GeneratorHarness.Run(input);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        var failures = new List<string>();
        foreach (GeneratedSourceResult source in result.Sources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            string hint = source.HintName.Replace(".VelithonJson.g.cs", string.Empty, StringComparison.Ordinal);
            try
            {
                Snapshot.Verify(source.SourceText.ToString(), name + "#" + hint);
            }
            catch (Xunit.Sdk.FailException ex)
            {
                failures.Add(ex.Message);
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
