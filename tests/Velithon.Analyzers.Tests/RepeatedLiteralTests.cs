using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Velithon.Analyzers.CodeFixes;
using Velithon.Analyzers.Interning;

namespace Velithon.Analyzers.Tests;

public sealed class RepeatedLiteralTests
{
    internal const string Attribute = """
        namespace Velithon
        {
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class InternedStringsAttribute : System.Attribute { }
        }
        """;

    private static DiagnosticResult Expect(int location, string value, int count) =>
        new DiagnosticResult(DiagnosticDescriptors.RepeatedLiteral)
            .WithLocation(location)
            .WithArguments(value, count.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static AnalyzerTest<RepeatedLiteralAnalyzer> Test(params string[] sources)
    {
        var test = new AnalyzerTest<RepeatedLiteralAnalyzer>();
        foreach (string source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.TestState.Sources.Add(Attribute);
        return test;
    }

    [Fact]
    public Task Literal_repeated_three_times_is_reported_on_every_occurrence()
    {
        AnalyzerTest<RepeatedLiteralAnalyzer> test = Test("""
            class C
            {
                string A() => {|#0:"admin"|};
                string B() => {|#1:"admin"|};
                bool D(string role) => role == {|#2:"admin"|};
            }
            """);
        test.ExpectedDiagnostics.AddRange([Expect(0, "admin", 3), Expect(1, "admin", 3), Expect(2, "admin", 3)]);
        return test.RunAsync();
    }

    [Fact]
    public Task Occurrences_are_counted_across_files()
    {
        AnalyzerTest<RepeatedLiteralAnalyzer> test = Test(
            """class A { string M() => {|#0:"tenant-id"|}; string N() => {|#1:"tenant-id"|}; }""",
            """class B { string M() => {|#2:"tenant-id"|}; }""");
        test.ExpectedDiagnostics.AddRange([Expect(0, "tenant-id", 3), Expect(1, "tenant-id", 3), Expect(2, "tenant-id", 3)]);
        return test.RunAsync();
    }

    [Fact]
    public Task Twice_or_short_values_are_not_reported() =>
        Test("""
            class C
            {
                string A() => "twice";
                string B() => "twice";
                string C1() => "abc" + "abc" + "abc";
            }
            """).RunAsync();

    [Fact]
    public Task Consts_attribute_arguments_and_tables_are_not_counted() =>
        Test("""
            using System.ComponentModel;

            [Velithon.InternedStrings]
            static partial class Table
            {
                public const string Admin = "admin";
                public static string Other => "admin";
            }

            class C
            {
                const string Role = "admin";

                [Description("admin")]
                string A() { const string local = "admin"; return local + "admin"; }

                string B() => "admin";
            }
            """).RunAsync();

    [Fact]
    public Task Threshold_and_minimum_length_come_from_editorconfig()
    {
        AnalyzerTest<RepeatedLiteralAnalyzer> test = Test("""
            class C
            {
                string A() => {|#0:"ab"|};
                string B() => {|#1:"ab"|};
                string D() => "x";
            }
            """);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            velithon_interning.repeated_literal_threshold = 2
            velithon_interning.repeated_literal_minimum_length = 2
            """));
        test.ExpectedDiagnostics.AddRange([Expect(0, "ab", 2), Expect(1, "ab", 2)]);
        return test.RunAsync();
    }

    [Fact]
    public Task Global_analyzer_config_sets_the_threshold()
    {
        AnalyzerTest<RepeatedLiteralAnalyzer> test = Test("""
            class C { string A() => {|#0:"admin"|}; string B() => {|#1:"admin"|}; }
            """);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", """
            is_global = true
            velithon_interning.repeated_literal_threshold = 2
            """));
        test.ExpectedDiagnostics.AddRange([Expect(0, "admin", 2), Expect(1, "admin", 2)]);
        return test.RunAsync();
    }

    [Fact]
    public Task Invalid_option_values_fall_back_to_the_defaults()
    {
        AnalyzerTest<RepeatedLiteralAnalyzer> test = Test("""
            class C { string A() => "admin"; string B() => "admin"; }
            """);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            velithon_interning.repeated_literal_threshold = 1
            velithon_interning.repeated_literal_minimum_length = lots
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Generated_code_is_not_counted() =>
        Test(
            """
            // <auto-generated/>
            class G { string A() => "admin"; string B() => "admin"; }
            """,
            """class C { string A() => "admin"; }""").RunAsync();

    [Fact]
    public Task Raised_threshold_silences_the_rule()
    {
        AnalyzerTest<RepeatedLiteralAnalyzer> test = Test("""
            class C { string A() => "admin"; string B() => "admin"; string D() => "admin"; }
            """);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            velithon_interning.repeated_literal_threshold = 4
            """));
        return test.RunAsync();
    }

    [Theory]
    [InlineData("admin", "Admin")]
    [InlineData("user-id", "UserId")]
    [InlineData("application/json", "ApplicationJson")]
    [InlineData("42 apples", "_42Apples")]
    [InlineData("!!!!", "Literal")]
    public void Constant_names_are_pascal_case(string value, string name) =>
        Assert.Equal(name, InternLiteralCodeFixProvider.ConstantName(value));

    [Fact]
    public async Task Many_occurrences_carry_a_count_not_each_other_as_locations()
    {
        // n occurrences used to carry n - 1 additional locations each: n² locations for one value.
        const int n = 3_000;
        string source = "class C { string[] M() => new[] { " + string.Join(", ", Enumerable.Repeat("\"tenant-id\"", n)) + " }; }";
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Many",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source)],
            [Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        var diagnostics = await compilation
            .WithAnalyzers([new RepeatedLiteralAnalyzer()])
            .GetAnalyzerDiagnosticsAsync();

        Assert.Equal(n, diagnostics.Length);
        Assert.All(diagnostics, d =>
        {
            Assert.Empty(d.AdditionalLocations);
            Assert.Equal("3000", d.Properties[RepeatedLiteralAnalyzer.OccurrencesProperty]);
        });
    }
}
