namespace Velithon.Generators.Tests;

/// <summary>
/// Derived <c>[VelithonJson]</c> types and their base's statics: <c>ReadJson</c> (same parameters) is hidden with
/// <c>new</c>; <c>TryReadJsonFast</c> (its <c>out</c> parameter is the type itself) is an overload, so it gets
/// <c>new</c> only when a base declares that very signature. No CS0108, no CS0109, no pragma.
/// </summary>
public sealed class HidingTests
{
    [Theory]
    [InlineData("public partial class Base { public int A { get; set; } }")]
    [InlineData("public abstract partial class Base { public int A { get; set; } }")]
    [InlineData("public partial class Base { protected Base() { } public int A { get; set; } }")]
    public void Generated_bases_need_no_new_on_TryReadJsonFast(string baseDeclaration)
    {
        string source = """
            namespace Demo;

            [Velithon.VelithonJson]
            """ + "\n" + baseDeclaration + """


            [Velithon.VelithonJson]
            public partial class Middle : Base { public int B { get; set; } }

            [Velithon.VelithonJson]
            public partial class Derived : Middle { public int C { get; set; } }
            """;

        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Empty(result.CompilationProblems);
        string generated = result.Source("Demo.Middle.VelithonJson.g.cs") + result.Source("Demo.Derived.VelithonJson.g.cs");
        Assert.Contains("public static bool TryReadJsonFast(", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("new bool TryReadJsonFast(", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("#pragma warning disable CS01", generated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Base", false)]
    [InlineData("Derived", true)]
    public void A_hand_written_base_method_is_hidden_only_with_the_same_signature(string outType, bool hidden)
    {
        string source = """
            namespace Demo;

            public class Base
            {
                public static bool TryReadJsonFast(ref Velithon.Json.JsonFastReader reader, Velithon.VelithonJsonOptions options, out OUT value)
                {
                    value = null!;
                    return false;
                }
            }

            [Velithon.VelithonJson]
            public partial class Derived : Base { public int C { get; set; } }
            """.Replace("OUT", outType, StringComparison.Ordinal);

        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Empty(result.CompilationProblems);
        Assert.Equal(hidden, result.Source("Demo.Derived.VelithonJson.g.cs").Contains("public static new bool TryReadJsonFast(", StringComparison.Ordinal));
    }
}
