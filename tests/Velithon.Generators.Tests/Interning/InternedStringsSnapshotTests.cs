using System.Globalization;
using Microsoft.CodeAnalysis;
using Velithon.Generators.Interning;

namespace Velithon.Generators.Tests.Interning;

public sealed class InternedStringsSnapshotTests
{
    [Fact]
    public void Small() => VerifySingle(InterningSources.Small, nameof(Small), "Demo.HeaderNames.InternedStrings.g.cs");

    [Fact]
    public void Large() => VerifySingle(InterningSources.Large, nameof(Large), "Demo.Geo.Codes.Countries.InternedStrings.g.cs");

    [Fact]
    public void Hashed() => VerifySingle(InterningSources.Hashed, nameof(Hashed), "Demo.Headers.InternedStrings.g.cs");

    [Fact]
    public void Tables_above_the_threshold_use_a_perfect_hash_with_one_comparison_per_form()
    {
        string hashed = GeneratorHarness.Run(new InternedStringsGenerator(), InterningSources.Hashed).Sources.Single().SourceText.ToString();
        string large = GeneratorHarness.Run(new InternedStringsGenerator(), InterningSources.Large).Sources.Single().SourceText.ToString();

        Assert.Contains("// Perfect hash", hashed, StringComparison.Ordinal);
        Assert.DoesNotContain("switch (", hashed, StringComparison.Ordinal);
        Assert.Equal(2, CountOccurrences(hashed, "SequenceEqual<"));
        Assert.DoesNotContain("// Perfect hash", large, StringComparison.Ordinal);
    }

    [Fact]
    public void NonAscii() => VerifySingle(InterningSources.NonAscii, nameof(NonAscii), "Words.InternedStrings.g.cs");

    [Fact]
    public void Large_table_switches_on_a_position_and_small_tables_do_not()
    {
        string large = GeneratorHarness.Run(new InternedStringsGenerator(), InterningSources.Large).Sources.Single().SourceText.ToString();
        string small = GeneratorHarness.Run(new InternedStringsGenerator(), InterningSources.Small).Sources.Single().SourceText.ToString();

        Assert.Contains("switch (utf8[", large, StringComparison.Ordinal);
        Assert.Contains("switch (chars[", large, StringComparison.Ordinal);
        Assert.DoesNotContain("switch (utf8[", small, StringComparison.Ordinal);
    }

    [Fact]
    public void Big_tables_without_a_perfect_hash_fall_back_to_helper_methods_of_bounded_size()
    {
        var source = new System.Text.StringBuilder("namespace Demo; [Velithon.InternedStrings] public static partial class Big {\n");
        for (int i = 0; i < 600; i++)
        {
            // One length, and the same units at every position the hash may sample: only the middle tells them apart.
            source.Append("public const string K").Append(i).Append(" = \"").Append('a', 16)
                .Append((i * 7919 % 100_000).ToString("D5", CultureInfo.InvariantCulture)).Append('z', 16).Append("\";\n");
        }

        GeneratorResult result = GeneratorHarness.Run(new InternedStringsGenerator(), source.Append('}').ToString());
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.DoesNotContain("// Perfect hash", result.Sources.Single().SourceText.ToString(), StringComparison.Ordinal);

        var methods = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(result.Sources.Single().SourceText).GetRoot()
            .DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().ToList();
        Assert.Contains(methods, m => m.Identifier.Text.StartsWith("__InternedStrings_Utf8_", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Identifier.Text.StartsWith("__InternedStrings_Chars_", StringComparison.Ordinal));
        int total = 0;
        foreach (var method in methods)
        {
            int comparisons = method.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>()
                .Count(i => i.Expression.ToString().EndsWith("SequenceEqual<byte>", StringComparison.Ordinal) || i.Expression.ToString().EndsWith("SequenceEqual<char>", StringComparison.Ordinal));
            Assert.True(comparisons <= InternedStringsEmitter.MaxComparisonsPerMethod, $"{method.Identifier} has {comparisons} comparisons");
            total += comparisons;
        }

        Assert.Equal(2 * 600, total);
    }

    [Fact]
    public void Diagnostics()
    {
        GeneratorResult result = GeneratorHarness.Run(new InternedStringsGenerator(), InterningSources.Diagnostics);

        string[] expected =
        [
            "VLG201 NotStatic", "VLG202 NotPartial", "VLG202 Holder", "VLG205 InGeneric",
            "VLG203 ReadOnly", "VLG203 Mutable", "VLG203 Number", "VLG203 Nothing", "VLG204 Again", "VLG206 Lone",
        ];
        // Reported locations are rebuilt from values (no syntax tree), so the text is read from the input tree.
        Microsoft.CodeAnalysis.Text.SourceText text = result.Input.SyntaxTrees.Single().GetText();
        string[] actual = result.GeneratorDiagnostics
            .Select(d => d.Id + " " + text.ToString(d.Location.SourceSpan))
            .ToArray();
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        Assert.All(result.GeneratorDiagnostics, d =>
        {
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Equal("Velithon.Interning", d.Descriptor.Category);
            Assert.Equal($"https://github.com/velithon/velithon-gen/blob/main/docs/diagnostics/{d.Id}.md", d.Descriptor.HelpLinkUri);
        });

        // Only the class whose fields are wrong is generated (it is static and partial), and what is generated compiles.
        GeneratedSourceResult source = Assert.Single(result.Sources);
        Assert.Equal("Demo.Bad.Fields.InternedStrings.g.cs", source.HintName);
        Assert.Empty(result.CompilationProblems);

        string header = string.Join('\n', result.GeneratorDiagnostics
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => $"// {d.Id} {d.Severity} {d.Location.GetLineSpan().StartLinePosition}: {d.GetMessage(CultureInfo.InvariantCulture)}"));
        Snapshot.Verify(header + "\n\n" + source.SourceText, nameof(Diagnostics));
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static void VerifySingle(string input, string name, string hintName)
    {
        GeneratorResult result = GeneratorHarness.Run(new InternedStringsGenerator(), input);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        GeneratedSourceResult source = Assert.Single(result.Sources);
        Assert.Equal(hintName, source.HintName);
        Snapshot.Verify(source.SourceText.ToString(), name);
    }
}
