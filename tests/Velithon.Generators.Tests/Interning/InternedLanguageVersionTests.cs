using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Velithon.Generators.Interning;

namespace Velithon.Generators.Tests.Interning;

/// <summary>
/// A table compiles at the project's language version, not the generator's: block namespaces always, UTF-8 literals
/// from C# 11 on and byte arrays below (found by applying the VLG303 fix with <c>dotnet format</c> to a C# 9 project).
/// </summary>
public sealed class InternedLanguageVersionTests
{
    private const string Source = """
        namespace Demo.Tables
        {
            [Velithon.InternedStrings]
            public static partial class Methods
            {
                public const string Get = "GET";
                public const string Put = "PUT";
                public const string Post = "POST";
                public const string Cafe = "café";
                public const string Rocket = "🚀";
                public const string Empty = "";
            }

            public static partial class Nested
            {
                [Velithon.InternedStrings]
                public static partial class Headers
                {
                    public const string Host = "Host";
                    public const string Accept = "Accept";
                }
            }
        }

        [Velithon.InternedStrings]
        public static partial class GlobalTable
        {
            public const string One = "one";
        }
        """;

    [Theory]
    [InlineData(LanguageVersion.CSharp8)]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp10)]
    [InlineData(LanguageVersion.CSharp11)]
    [InlineData(LanguageVersion.Latest)]
    public void The_table_compiles_at_the_projects_language_version(LanguageVersion version)
    {
        var options = new CSharpParseOptions(version);
        CSharpCompilation template = GeneratorHarness.CreateCompilation();
        CSharpCompilation input = template.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Source, options, path: "Input0.cs"));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new InternedStringsGenerator().AsSourceGenerator()], parseOptions: options)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        string methods = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName.Contains("Methods", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("namespace Demo.Tables\n{", methods.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        if (version is LanguageVersion.CSharp11 or LanguageVersion.Latest)
        {
            Assert.Contains("CafeUtf8 => \"caf\\u00E9\"u8;", methods, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("\"u8", methods, StringComparison.Ordinal);
            Assert.Contains("CafeUtf8 => ((global::System.ReadOnlySpan<byte>)new byte[] { " + string.Join(", ", Encoding.UTF8.GetBytes("café")) + " });", methods, StringComparison.Ordinal);
        }

        // The bytes are static data at every version: the lookups allocate nothing.
        using var image = new MemoryStream();
        Assert.True(output.Emit(image).Success);
        System.Reflection.Assembly assembly = new System.Runtime.Loader.AssemblyLoadContext("table-" + version, isCollectible: true).LoadFromStream(new MemoryStream(image.ToArray()));
        Type table = assembly.GetType("Demo.Tables.Methods")!;
        var tryGet = table.GetMethods().Single(m => m.Name == "TryGet" && m.GetParameters()[0].ParameterType == typeof(ReadOnlySpan<byte>)).CreateDelegate<TryGetUtf8>();
        byte[] cafe = Encoding.UTF8.GetBytes("café");
        byte[] miss = Encoding.UTF8.GetBytes("cafe");
        Assert.True(tryGet(cafe, out string? found));
        Assert.Equal("café", found);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            tryGet(cafe, out _);
            tryGet(miss, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private delegate bool TryGetUtf8(ReadOnlySpan<byte> utf8, out string? value);
}
