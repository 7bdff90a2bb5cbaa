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
    public void Converters() => VerifyAll(TestSources.Converters, nameof(Converters));

    [Fact]
    public void Configured() => VerifyAll(TestSources.Configured, nameof(Configured));

    [Fact]
    public void Populated() => VerifyAll(TestSources.Populated, nameof(Populated));

    [Fact]
    public void NullableAnnotations() => VerifyAll(TestSources.NullableAnnotations, nameof(NullableAnnotations));

    [Fact]
    public void Indented() => VerifyAll(TestSources.Indented, nameof(Indented));

    [Fact]
    public void MoreCollections() => VerifyAll(TestSources.MoreCollections, nameof(MoreCollections));

    [Fact]
    public void Generics() => VerifyAll(TestSources.Generics, nameof(Generics));

    [Fact]
    public void Polymorphism() => VerifyAll(TestSources.Polymorphism, nameof(Polymorphism));

    [Fact]
    public void InterfacePolymorphism() => VerifyAll(TestSources.InterfacePolymorphism, nameof(InterfacePolymorphism));

    [Fact]
    public void ExtensionData() => VerifyAll(TestSources.ExtensionData, nameof(ExtensionData));

    [Fact]
    public void DocumentValues() => VerifyAll(TestSources.DocumentValues, nameof(DocumentValues));

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

        // A snapshot whose output is no longer generated (the generator stopped emitting a type) fails too.
        string[] generated = [.. result.Sources.Select(s => name + "#" + s.HintName.Replace(".VelithonJson.g.cs", string.Empty, StringComparison.Ordinal))];
        foreach (string missing in Snapshot.VerifiedNames(nameof(SnapshotTests), name + "#").Except(generated, StringComparer.Ordinal))
        {
            failures.Add($"SnapshotTests.{missing}.verified.cs has no generated output: the generator no longer emits it (delete the snapshot if that is right).");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// Every verified snapshot belongs to a test: its name is <c>Class.Method</c> (with <c>#hint</c> for one file of
    /// several), the class is a test class of this project and the method one of its tests (each test verifies its
    /// snapshots under its own name, and <see cref="VerifyAll"/> checks the hints). An orphaned file fails here.
    /// </summary>
    [Fact]
    public void Every_verified_snapshot_belongs_to_a_test()
    {
        Type[] classes = typeof(SnapshotTests).Assembly.GetTypes();
        var orphans = new List<string>();
        IReadOnlyList<string> files = Snapshot.AllVerifiedFiles();
        foreach (string file in files)
        {
            string name = Path.GetFileName(file)[..^".verified.cs".Length];
            int dot = name.IndexOf('.', StringComparison.Ordinal);
            string testClass = dot < 0 ? name : name[..dot];
            string method = dot < 0 ? string.Empty : name[(dot + 1)..].Split('#')[0];
            bool isTest = classes.Where(t => t.Name == testClass).SelectMany(t => t.GetMethods()).Any(m =>
                m.Name == method && m.GetCustomAttributes(inherit: true).Any(a => a is FactAttribute));
            if (!isTest)
            {
                orphans.Add(file);
            }
        }

        Assert.True(files.Count >= 20, $"only {files.Count} snapshots found: wrong directory?");
        Assert.True(orphans.Count == 0, "Snapshots without a test: " + string.Join(", ", orphans));
    }
}
