using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Velithon.Generators.Tests;

/// <summary>
/// Closed uses of generic <c>[VelithonJson]</c> types (<c>GenericUsePipeline</c>): found whether the generic type is
/// declared here or in a referenced library, and only generic names that may name one are bound.
/// </summary>
public sealed class GenericUseTests
{
    private const string Library = """
        namespace Lib
        {
            [Velithon.VelithonJson]
            public sealed partial class Envelope<T>
            {
                public T? Data { get; set; }
                public int Version { get; set; }
            }
        }
        """;

    private const string App = """
        using System.Collections.Generic;
        namespace App
        {
            [Velithon.VelithonJson]
            public sealed partial class Order { public int Id { get; set; } }

            public static class Use
            {
                public static Lib.Envelope<Order> Make() => new() { Data = new Order() };
                public static Dictionary<string, List<int>> Other() => new();
            }
        }
        """;

    [Fact]
    public void A_generic_type_of_a_referenced_library_is_registered_with_the_app_s_type_argument()
    {
        GeneratorResult library = GeneratorHarness.Run(Library);
        Assert.Empty(library.CompilationProblems);
        using var image = new MemoryStream();
        Assert.True(library.Output.Emit(image).Success);

        CSharpCompilation app = GeneratorHarness.CreateCompilation(App).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        GeneratorResult result = GeneratorHarness.Run(new Velithon.Generators.Json.VelithonJsonGenerator(), app);
        Assert.Empty(result.CompilationProblems);
        string uses = result.Sources.Single(s => s.HintName == "VelithonJson.GenericTypeArguments.g.cs").SourceText.ToString();
        Assert.Contains("Register<global::Lib.Envelope<global::App.Order>>()", uses, StringComparison.Ordinal);
        Assert.DoesNotContain("Dictionary", uses, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compilation_without_generic_VelithonJson_types_emits_no_registrations()
    {
        GeneratorResult result = GeneratorHarness.Run("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            namespace App
            {
                [Velithon.VelithonJson]
                public sealed partial class Order { public List<int> Ids { get; set; } = []; }
                public static class Use { public static Task<Dictionary<string, List<Order>>> Make() => Task.FromResult(new Dictionary<string, List<Order>>()); }
            }
            """);
        Assert.Empty(result.CompilationProblems);
        Assert.DoesNotContain(result.Sources, s => s.HintName == "VelithonJson.GenericTypeArguments.g.cs");
    }
}
