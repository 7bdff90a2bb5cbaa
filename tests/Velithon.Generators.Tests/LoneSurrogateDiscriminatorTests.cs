using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Tests;

/// <summary>
/// A type discriminator or TypeDiscriminatorPropertyName with a lone surrogate has no UTF-8 form: the generated
/// dispatch's u8 literal failed to compile only at emit (CS9026, invisible to the IDE and to GetDiagnostics). The
/// polymorphism is not compiled (VLG114) instead.
/// </summary>
public sealed class LoneSurrogateDiscriminatorTests
{
    [Theory]
    [InlineData("[JsonDerivedType(typeof(Circle), \"\\uD800\")]", "Type discriminator of 'Demo.Circle'")]
    [InlineData("[JsonPolymorphic(TypeDiscriminatorPropertyName = \"a\\uDC00\")] [JsonDerivedType(typeof(Circle), \"circle\")]", "TypeDiscriminatorPropertyName of 'Demo.Shape'")]
    public void A_discriminator_with_a_lone_surrogate_is_not_compiled(string attributes, string what)
    {
        string source = """
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson]
            ATTRIBUTES
            public partial class Shape { public int A { get; set; } }

            [Velithon.VelithonJson]
            public partial class Circle : Shape { public int R { get; set; } }
            """.Replace("ATTRIBUTES", attributes, StringComparison.Ordinal);
        GeneratorResult result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG114", diagnostic.Id);
        Assert.Contains(what, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("lone surrogate", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.CompilationProblems);
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emit = result.Output.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
    }
}
