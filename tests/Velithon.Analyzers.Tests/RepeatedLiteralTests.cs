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
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source), Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Attribute)],
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

    // Shapes found in real libraries (issue 23: BitFaster.Caching, Polly.Core, Newtonsoft.Json): messages, guard
    // arguments and declarations are not identifiers to intern.
    [Fact]
    public Task Messages_guard_arguments_and_static_readonly_fields_are_not_counted() =>
        Test("""
            using System;
            using System.Diagnostics;

            static class Guard
            {
                public static void CheckNotNull(object value, string name) { }
                public static void ThrowArgument(string message) => throw new ArgumentException(message);
            }

            interface ILog { void LogWarning(string template, params object[] args); }

            class Parser
            {
                public static readonly string True = "true";
                public static readonly string TrueAgain = "true";
                public static readonly string TrueThird = "true";

                void A(int capacity, object source, ILog log)
                {
                    if (capacity < 3) throw new ArgumentOutOfRangeException(nameof(capacity), "Capacity must be greater than or equal to 3.");
                    if (capacity < 3) throw new ArgumentOutOfRangeException(nameof(capacity), "Capacity must be greater than or equal to 3.");
                    if (capacity < 3) throw new ArgumentOutOfRangeException(nameof(capacity), "Capacity must be greater than or equal to 3.");
                    Guard.CheckNotNull(source, "source");
                    Guard.CheckNotNull(source, "source");
                    Guard.CheckNotNull(source, "source");
                    Guard.ThrowArgument("bad state");
                    Guard.ThrowArgument("bad state");
                    Guard.ThrowArgument("bad state");
                    Debug.Assert(capacity > 0, "positive");
                    Debug.Assert(capacity > 0, "positive");
                    Debug.Assert(capacity > 0, "positive");
                    log.LogWarning("Cache {Name} is full", "main");
                    log.LogWarning("Cache {Name} is full", "main");
                    log.LogWarning("Cache {Name} is full", "main");
                }

                string B(int state) => string.Format("Unexpected state: {0}", state);
                string C(int state) => string.Format("Unexpected state: {0}", state);
                string D(int state) => string.Format("Unexpected state: {0}", state);
                string E() => "Could not read the value";
                string F() => "Could not read the value";
                string G() => "Could not read the value";
                object H(bool ok) => ok ? "fine" : throw new InvalidOperationException("nope");
                object I(bool ok) => ok ? "done" : throw new InvalidOperationException("nope");
                object J(bool ok) => ok ? "over" : throw new InvalidOperationException("nope");
            }
            """).RunAsync();

    [Fact]
    public Task Identifiers_stay_counted_in_code_that_also_has_messages()
    {
        AnalyzerTest<RepeatedLiteralAnalyzer> test = Test("""
            using System;

            class Xml
            {
                string A() => {|#0:"http://www.w3.org/2000/xmlns/"|};
                string B() => {|#1:"http://www.w3.org/2000/xmlns/"|};
                string C(string ns) => ns == {|#2:"http://www.w3.org/2000/xmlns/"|} ? ns : throw new ArgumentException("Bad namespace.");
                string D() => {|#3:"application/json; charset=utf-8"|};
                string E() => {|#4:"application/json; charset=utf-8"|};
                string F() => {|#5:"application/json; charset=utf-8"|};
                string G() => {|#6:"no-cache, no-store, must-revalidate"|};
                string H() => {|#7:"no-cache, no-store, must-revalidate"|};
                string I() => {|#8:"no-cache, no-store, must-revalidate"|};
                string J(string source) => {|#9:"/users/{id}"|} + source;
                string K() => {|#10:"/users/{id}"|};
                string L() => {|#11:"/users/{id}"|};
            }
            """);
        test.ExpectedDiagnostics.AddRange([
            Expect(0, "http://www.w3.org/2000/xmlns/", 3), Expect(1, "http://www.w3.org/2000/xmlns/", 3), Expect(2, "http://www.w3.org/2000/xmlns/", 3),
            Expect(3, "application/json; charset=utf-8", 3), Expect(4, "application/json; charset=utf-8", 3), Expect(5, "application/json; charset=utf-8", 3),
            Expect(6, "no-cache, no-store, must-revalidate", 3), Expect(7, "no-cache, no-store, must-revalidate", 3), Expect(8, "no-cache, no-store, must-revalidate", 3),
            Expect(9, "/users/{id}", 3), Expect(10, "/users/{id}", 3), Expect(11, "/users/{id}", 3),
        ]);
        return test.RunAsync();
    }

    [Theory]
    [InlineData("Capacity must be positive", true)]
    [InlineData("Unexpected state: {0}", true)]
    [InlineData("{1:N2} items", true)]
    [InlineData("Bad value.", true)]
    [InlineData("application/json; charset=utf-8", false)]
    [InlineData("no-cache, no-store, must-revalidate", false)]
    [InlineData("/users/{id}", false)]
    [InlineData("X-Request-Id", false)]
    [InlineData("Array", false)]
    [InlineData("Hello World", false)]
    public void Message_like_text_is_told_from_identifiers(string value, bool message) =>
        Assert.Equal(message, RepeatedLiteralAnalyzer.IsMessageLike(value));

    [Fact]
    public async Task A_compilation_without_Velithon_registers_no_actions()
    {
        const string Source = """
            class C { string A() => "admin"; string B() => "admin"; string D() => "admin"; }
            """;
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoVelithon",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Source)],
            TestReferences.Net,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        // Every analyzer the package ships, found by reflection so that a new one cannot be forgotten here.
        DiagnosticAnalyzer[] analyzers = [.. typeof(RepeatedLiteralAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(DiagnosticAnalyzer)))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];
        Assert.Contains(analyzers, a => a is Velithon.Analyzers.Caching.CachedKeyCoverageAnalyzer);
        var withAnalyzers = new CompilationWithAnalyzers(
            compilation,
            [.. analyzers],
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        Assert.Empty(await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None));
        foreach (DiagnosticAnalyzer analyzer in analyzers)
        {
            Microsoft.CodeAnalysis.Diagnostics.Telemetry.AnalyzerTelemetryInfo telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            Assert.Equal(1, telemetry.CompilationStartActionsCount);
            Assert.Equal(0, telemetry.SyntaxNodeActionsCount + telemetry.CompilationEndActionsCount + telemetry.SymbolActionsCount + telemetry.OperationActionsCount);
        }
    }
}
