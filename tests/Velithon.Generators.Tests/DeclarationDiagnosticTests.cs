using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Velithon.Generators.Tests;

/// <summary>
/// [VelithonJson] declarations the generated part cannot complete: a ref struct (cannot implement IVelithonJson&lt;T&gt;),
/// a file-local type (another type in the generated file) and a language version below C# 11 (static abstract
/// interface members, UTF-8 literals). Each used to generate code that failed to compile in the generated file
/// (CS9244, CS1061, CS8703...); each is refused at the type with one VLG103.
/// </summary>
public sealed class DeclarationDiagnosticTests
{
    [Theory]
    [InlineData("public ref partial struct Holder", "is a ref struct")]
    [InlineData("file partial class Holder", "is file-local")]
    [InlineData("file partial record Holder", "is file-local")]
    public void An_unsupported_declaration_is_refused_at_the_type(string declaration, string reason)
    {
        string source = Source(declaration);
        GeneratorResult result = GeneratorHarness.Run(source);
        AssertRefused(result, source, "Holder", reason);
    }

    [Fact]
    public void A_type_nested_in_a_file_local_type_is_refused_at_the_type()
    {
        string source = """
            namespace Demo;

            file static partial class Outer
            {
                [Velithon.VelithonJson]
                public partial class Holder { public int A { get; init; } }
            }
            """;
        GeneratorResult result = GeneratorHarness.Run(source);
        AssertRefused(result, source, "Holder", "nested in file-local type 'Demo.Outer'");
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp9, "9.0")]
    [InlineData(LanguageVersion.CSharp10, "10.0")]
    public void A_language_version_below_CSharp_11_is_refused_at_the_type(LanguageVersion version, string shown)
    {
        string source = """
            namespace Demo
            {
                [Velithon.VelithonJson]
                public partial class Holder { public int A { get; set; } }
            }
            """;
        var options = new CSharpParseOptions(version);
        CSharpCompilation input = GeneratorHarness.CreateCompilation();
        input = input.AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, options, path: "Input0.cs"));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new Velithon.Generators.Json.VelithonJsonGenerator().AsSourceGenerator()], parseOptions: options)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        GeneratorResult result = new(input, output, [.. driver.GetRunResult().Diagnostics], driver.GetRunResult());
        AssertRefused(result, source, "Holder", $"language version is {shown}");
    }

    [Fact]
    public void CSharp_11_compiles()
    {
        var options = new CSharpParseOptions(LanguageVersion.CSharp11);
        CSharpCompilation input = GeneratorHarness.CreateCompilation();
        input = input.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Source("public partial class Holder"), options, path: "Input0.cs"));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new Velithon.Generators.Json.VelithonJsonGenerator().AsSourceGenerator()], parseOptions: options)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData("public int WriteJson { get; set; }", "WriteJson")]
    [InlineData("public string? ReadJson;", "ReadJson")]
    [InlineData("public event System.EventHandler? TryReadJsonFast { add { } remove { } }", "TryReadJsonFast")]
    [InlineData("public class ReadJson { }", "ReadJson")]
    public void A_member_named_like_a_generated_method_is_refused_at_the_member(string member, string name)
    {
        string source = $$"""
            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Holder
            {
                public int A { get; set; }
                {{member}}
            }
            """;
        GeneratorResult result = GeneratorHarness.Run(source);
        AssertRefused(result, source, name, "has the name of a method the generated code adds to the type");
    }

    [Fact]
    public void A_type_named_like_a_generated_method_is_refused_at_the_type()
    {
        string source = Source("public partial class ReadJson");
        GeneratorResult result = GeneratorHarness.Run(source);
        AssertRefused(result, source, "ReadJson", "is named 'ReadJson'");
    }

    [Fact]
    public void Methods_named_like_generated_methods_are_overloads_and_compile()
    {
        GeneratorResult result = GeneratorHarness.Run("""
            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Holder
            {
                public int A { get; set; }
                public string WriteJson() => "x";
                public static Holder ReadJson(string text) => new();
            }
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    private static void AssertRefused(GeneratorResult result, string source, string name, string reason)
    {
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG103", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(source.IndexOf(" " + name, StringComparison.Ordinal) + 1, diagnostic.Location.SourceSpan.Start);
        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.Sources);
        Assert.Empty(result.CompilationProblems);
    }

    private static string Source(string declaration) => $$"""
        namespace Demo;

        [Velithon.VelithonJson]
        {{declaration}}
        {
            public int A { get; set; }
        }
        """;
}
