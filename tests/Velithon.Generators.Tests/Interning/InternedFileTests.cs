using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Velithon.Generators.Common;
using Velithon.Generators.Interning;

namespace Velithon.Generators.Tests.Interning;

/// <summary><c>[InternedStrings(File = "...")]</c>: tables with the values of a <c>*.interned.txt</c> additional file.</summary>
public sealed class InternedFileTests
{
    private const string HeadersClass = """
        using Velithon;

        namespace Demo;

        [InternedStrings(File = "http-headers.interned.txt")]
        public static partial class HttpHeaders
        {
            public const string Host = "Host";

            public static bool IsKnown(string name) => TryGet(global::System.MemoryExtensions.AsSpan(name), out _);
        }
        """;

    private const string HeadersFile =
        "# HTTP header names, one per line.\n" +
        "\n" +
        "Accept\r\n" +
        "  content-type  \n" +
        "Content-Type\n" +
        "x-forwarded-for\n" +
        "# values that start with '#', have surrounding spaces, are empty or hold escapes are quoted:\n" +
        "\"#fragment\"\n" +
        "\"  padded  \"\n" +
        "\"\"\n" +
        "\"tab\\there\"\n" +
        "404\n" +
        "café\n" +
        "🚀\n" +
        "---\n" +
        "class\n" +
        "try-get\n" +
        "is-known\n" +
        "equals\n" +
        "to-string\n" +
        "Http Headers\n";

    internal static readonly string[] Steps =
    [
        TrackingNames.InternedTypes, TrackingNames.InternedFiles, TrackingNames.InternedFileSet, TrackingNames.InternedResolved,
        TrackingNames.InternedModels, TrackingNames.InternedDiagnostics, TrackingNames.InternedFileDiagnostics,
    ];

    [Fact]
    public void Small_file_table()
    {
        GeneratorResult result = GeneratorHarness.Run(
            new InternedStringsGenerator(), GeneratorHarness.CreateCompilation(HeadersClass), new InMemoryAdditionalText("/p/Vocab/http-headers.interned.txt", HeadersFile));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        GeneratedSourceResult source = Assert.Single(result.Sources);
        Assert.Equal("Demo.HttpHeaders.InternedStrings.g.cs", source.HintName);
        Snapshot.Verify(source.SourceText.ToString(), nameof(Small_file_table));
    }

    [Theory]
    [InlineData("content-type", "ContentType")]
    [InlineData("Content-Type", "ContentType")]
    [InlineData("x-forwarded-for", "XForwardedFor")]
    [InlineData("en_US", "EnUS")]
    [InlineData("404", "_404")]
    [InlineData("2xx", "_2xx")]
    [InlineData("café au lait", "CaféAuLait")]
    [InlineData("東京", "東京")]
    [InlineData("tag:v1.2", "TagV12")]
    [InlineData("🚀", null)]
    [InlineData("---", null)]
    [InlineData("", null)]
    public void Member_names_are_derived_from_the_values(string value, string? expected) =>
        Assert.Equal(expected, InternedFileResolver.DeriveName(value));

    [Fact]
    public void Derived_names_are_cut_to_the_maximum_length()
    {
        string? name = InternedFileResolver.DeriveName(new string('a', 1000));
        Assert.Equal(InternedFileResolver.MaxNameLength, name!.Length);
    }

    [Fact]
    public void Diagnostics_point_into_the_file_and_at_the_attribute_argument()
    {
        const string source = """
            using Velithon;

            namespace Demo;

            [InternedStrings(File = "bad.interned.txt")]
            public static partial class Bad
            {
                public const string Host = "Host";
            }

            [InternedStrings(File = "missing.interned.txt")]
            public static partial class Missing;

            [InternedStrings(File = "words.txt")]
            public static partial class WrongSuffix;

            [InternedStrings(File = "twice.interned.txt")]
            public static partial class Ambiguous;

            [InternedStrings(File = "b/twice.interned.txt")]
            public static partial class ByFolder;
            """;
        const string bad = "ok\n\"unterminated\nHost\n\"a\" tail\n\"\\uD800\"\nok\n\"bad \\q escape\"\n";
        GeneratorResult result = GeneratorHarness.Run(
            new InternedStringsGenerator(),
            GeneratorHarness.CreateCompilation(source),
            new InMemoryAdditionalText("/p/bad.interned.txt", bad),
            new InMemoryAdditionalText("/p/a/twice.interned.txt", "one\n"),
            new InMemoryAdditionalText(@"C:\p\b\twice.interned.txt", "two\n"),
            new InMemoryAdditionalText("/p/unused.interned.txt", "x\nx\n"));

        SourceText csharp = result.Input.SyntaxTrees.Single().GetText();
        var files = new Dictionary<string, SourceText>
        {
            ["/p/bad.interned.txt"] = SourceText.From(bad),
            ["/p/unused.interned.txt"] = SourceText.From("x\nx\n"),
        };
        string[] actual = result.GeneratorDiagnostics
            .Select(d =>
            {
                FileLinePositionSpan span = d.Location.GetLineSpan();
                string text = files.TryGetValue(span.Path, out SourceText? file) ? file.ToString(d.Location.SourceSpan) : csharp.ToString(d.Location.SourceSpan);
                return $"{d.Id} {Path.GetFileName(span.Path)}:{span.StartLinePosition.Line + 1} {text}";
            })
            .Order(StringComparer.Ordinal)
            .ToArray();

        string[] expected =
        [
            "VLG207 Input0.cs:11 File = \"missing.interned.txt\"",
            "VLG207 Input0.cs:14 File = \"words.txt\"",
            "VLG207 Input0.cs:17 File = \"twice.interned.txt\"",
            "VLG208 bad.interned.txt:2 \"unterminated",
            "VLG208 bad.interned.txt:4 \"a\" tail",
            "VLG208 bad.interned.txt:5 \"\\uD800\"",
            "VLG208 bad.interned.txt:7 \"bad \\q escape\"",
            "VLG209 bad.interned.txt:3 Host",
            "VLG209 bad.interned.txt:6 ok",
            "VLG209 unused.interned.txt:2 x",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual);
        Assert.All(result.GeneratorDiagnostics, d =>
        {
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Equal($"https://github.com/velithon/velithon-gen/blob/main/docs/diagnostics/{d.Id}.md", d.Descriptor.HelpLinkUri);
        });

        // Every class is still generated (without the values of a file it could not use), and all of it compiles.
        Assert.Equal(
            ["Demo.Ambiguous.InternedStrings.g.cs", "Demo.Bad.InternedStrings.g.cs", "Demo.ByFolder.InternedStrings.g.cs", "Demo.Missing.InternedStrings.g.cs", "Demo.WrongSuffix.InternedStrings.g.cs"],
            result.Sources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        Assert.Empty(result.CompilationProblems);
        string badTable = result.Source("Demo.Bad.InternedStrings.g.cs");
        Assert.Contains("public const int Count = 2;", badTable, StringComparison.Ordinal);
        Assert.Contains("public const string Ok = \"ok\";", badTable, StringComparison.Ordinal);
        Assert.Contains("public const string Two = \"two\";", result.Source("Demo.ByFolder.InternedStrings.g.cs"), StringComparison.Ordinal);

        string messages = string.Join('\n', result.GeneratorDiagnostics
            .OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)
            .Select(d => $"// {d.Id} {d.Location.GetLineSpan().StartLinePosition}: {d.GetMessage(CultureInfo.InvariantCulture)}"));
        Snapshot.Verify(messages + "\n", nameof(Diagnostics_point_into_the_file_and_at_the_attribute_argument));
    }

    [Fact]
    public void Unrelated_edit_leaves_every_step_cached()
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation(HeadersClass);
        CSharpCompilation second = first.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Other; internal static class Unrelated { public static int Value => 42; }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));
        var file = new InMemoryAdditionalText("/p/http-headers.interned.txt", HeadersFile + "\"dup\"\ndup\nHost\n");

        GeneratorDriver driver = GeneratorHarness.CreateDriver(new InternedStringsGenerator(), true, file).RunGenerators(first);
        GeneratorRunResult firstRun = driver.GetRunResult().Results.Single();
        GeneratorRunResult secondRun = driver.RunGenerators(second).GetRunResult().Results.Single();
        Assert.Null(secondRun.Exception);

        foreach (string name in Steps)
        {
            Assert.True(firstRun.TrackedSteps.ContainsKey(name), $"Step '{name}' did not run.");
            foreach ((object value, IncrementalStepRunReason _) in firstRun.TrackedSteps[name].SelectMany(s => s.Outputs))
            {
                CachingTests.AssertHoldsNoCompilationObjects(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }

            foreach ((object _, IncrementalStepRunReason reason) in secondRun.TrackedSteps[name].SelectMany(s => s.Outputs))
            {
                Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Step '{name}' output was {reason}.");
            }
        }
    }

    [Fact]
    public void Editing_the_file_reruns_the_model_and_a_comment_edit_does_not()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(HeadersClass);
        var file = new InMemoryAdditionalText("/p/http-headers.interned.txt", HeadersFile);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new InternedStringsGenerator(), true, file).RunGenerators(compilation);

        // A changed comment (same length, so no location moves) parses to an equal file: the model is not redone.
        var comment = new InMemoryAdditionalText(file.Path, HeadersFile.Replace("# HTTP header", "# HTTP-header", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(file, comment).RunGenerators(compilation);
        Assert.All(driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.InternedModels].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));

        var edited = new InMemoryAdditionalText(file.Path, HeadersFile + "Origin\n");
        driver = driver.ReplaceAdditionalText(comment, edited).RunGenerators(compilation);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        IncrementalGeneratorRunStep step = Assert.Single(run.TrackedSteps[TrackingNames.InternedModels]);
        Assert.Contains(step.Outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("public const string Origin = \"Origin\";", run.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Three_thousand_line_file_compiles_into_a_perfect_hash_with_one_comparison_per_form()
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 3_000; i++)
        {
            text.Append("value-").Append((i * 7919 % 100_000).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        GeneratorResult result = GeneratorHarness.Run(
            new InternedStringsGenerator(),
            GeneratorHarness.CreateCompilation("namespace Demo; [Velithon.InternedStrings(File = \"big.interned.txt\")] internal static partial class Big;"),
            new InMemoryAdditionalText("/p/big.interned.txt", text.ToString()));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.Contains("// Perfect hash (3000 strings)", result.Sources.Single().SourceText.ToString(), StringComparison.Ordinal);

        var methods = CSharpSyntaxTree.ParseText(result.Sources.Single().SourceText).GetRoot()
            .DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().ToList();
        int total = 0;
        foreach (var method in methods)
        {
            int comparisons = method.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>()
                .Count(i => i.Expression.ToString().Contains("SequenceEqual<", StringComparison.Ordinal));
            Assert.True(comparisons <= InternedStringsEmitter.MaxComparisonsPerMethod, $"{method.Identifier} has {comparisons} comparisons");
            total += comparisons;
        }

        Assert.Equal(2, total);
    }
}
