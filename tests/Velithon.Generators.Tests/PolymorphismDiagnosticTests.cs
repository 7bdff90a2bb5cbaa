using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Tests;

/// <summary>What the generator refuses in [JsonPolymorphic]/[JsonDerivedType] hierarchies (VLG112–VLG114), and where it says so.</summary>
public sealed class PolymorphismDiagnosticTests
{
    private const string Usings = """
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        """;

    [Fact]
    public void VLG112_a_derived_type_that_is_not_VelithonJson_is_reported_on_the_attribute()
    {
        const string Source = Usings + """
            [VelithonJson]
            [JsonDerivedType(typeof(Circle), "circle")]
            public partial class Shape { public int A { get; set; } }

            public class Circle : Shape { }
            """;

        Diagnostic diagnostic = AssertSingle(Source, "VLG112", "JsonDerivedType(typeof(Circle)");
        Assert.Contains("mark it [VelithonJson] and partial", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void VLG112_a_derived_type_compiled_with_other_settings_is_reported_on_the_attribute()
    {
        const string Source = Usings + """
            [VelithonJson]
            [JsonDerivedType(typeof(Circle), "circle")]
            public partial class Shape { public int A { get; set; } }

            [VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
            public partial class Circle : Shape { }
            """;

        Diagnostic diagnostic = AssertSingle(Source, "VLG112", "JsonDerivedType(typeof(Circle)");
        Assert.Contains("PropertyNamingPolicy", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void VLG113_a_type_that_does_not_derive_from_the_base_is_reported()
    {
        const string Source = Usings + """
            [VelithonJson]
            [JsonDerivedType(typeof(Other), "other")]
            public partial class Shape { public int A { get; set; } }

            [VelithonJson]
            public partial class Other { }
            """;

        AssertSingle(Source, "VLG113", "JsonDerivedType(typeof(Other)");
    }

    [Fact]
    public void VLG113_a_discriminator_used_twice_is_reported_on_the_second()
    {
        const string Source = Usings + """
            [VelithonJson]
            [JsonDerivedType(typeof(Circle), "x")]
            [JsonDerivedType(typeof(Square), "x")]
            public partial class Shape { public int A { get; set; } }

            [VelithonJson]
            public partial class Circle : Shape { }

            [VelithonJson]
            public partial class Square : Shape { }
            """;

        AssertSingle(Source, "VLG113", "JsonDerivedType(typeof(Square)");
    }

    [Fact]
    public void VLG113_an_abstract_derived_type_needs_FallBackToNearestAncestor()
    {
        const string Source = Usings + """
            [VelithonJson]
            [JsonDerivedType(typeof(Round), "round")]
            public partial class Shape { public int A { get; set; } }

            [VelithonJson]
            public abstract partial class Round : Shape { }
            """;

        AssertSingle(Source, "VLG113", "JsonDerivedType(typeof(Round)");
    }

    [Fact]
    public void VLG113_a_member_named_like_the_discriminator_is_reported_on_the_member()
    {
        const string Source = Usings + """
            [VelithonJson]
            [JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
            [JsonDerivedType(typeof(Circle), "circle")]
            public partial class Shape { public int A { get; set; } }

            [VelithonJson]
            public partial class Circle : Shape { public string? Kind { get; set; } }
            """;

        AssertSingle(Source, "VLG113", "Kind");
    }

    [Fact]
    public void A_polymorphic_interface_member_is_VLG102_not_a_silent_skip()
    {
        // An interface base without [VelithonJson] stays System.Text.Json's (not compiled).
        const string Source = Usings + """
            [JsonDerivedType(typeof(Circle), "circle")]
            public interface IShape { }

            [VelithonJson]
            public partial class Circle : IShape { }

            [VelithonJson]
            public partial class Drawing { public IShape? Shape { get; set; } }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG102", diagnostic.Id);
    }

    [Fact]
    public void Out_of_order_metadata_with_discriminators_compiles_to_the_reader_that_looks_everywhere()
    {
        const string Source = Usings + """
            [VelithonJson(AllowOutOfOrderMetadataProperties = true)]
            [JsonDerivedType(typeof(Circle), "circle")]
            public partial class Shape { public int A { get; set; } }

            [VelithonJson(AllowOutOfOrderMetadataProperties = true)]
            public partial class Circle : Shape { }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        string all = string.Concat(result.Sources.Select(s => s.SourceText.ToString()));
        Assert.Contains("JsonPolymorphism.ReadDiscriminatorAnywhere(", all, StringComparison.Ordinal);
        Assert.Contains("JsonPolymorphism.SkipsMetadata(", all, StringComparison.Ordinal);
        Assert.DoesNotContain("JsonPolymorphism.CheckMemberName(", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Closed_generic_derived_types_compile()
    {
        const string Source = Usings + """
            [VelithonJson]
            [JsonDerivedType(typeof(Box<int>), "int")]
            [JsonDerivedType(typeof(Box<string>), "text")]
            [JsonDerivedType(typeof(Pair<int, Box<int>>), 3)]
            public abstract partial class Shape { public int A { get; set; } }

            [VelithonJson]
            public partial class Box<T> : Shape { public T? Content { get; set; } }

            [VelithonJson]
            public partial class Pair<TLeft, TRight> : Shape
            {
                public Pair(TLeft left, TRight right) { Left = left; Right = right; }

                public TLeft Left { get; }

                public TRight Right { get; }
            }

            [VelithonJson]
            public partial class Holder { public Shape? S { get; set; } public Box<long>? Unlisted { get; set; } }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void An_open_generic_derived_type_is_VLG113()
    {
        const string Source = Usings + """
            [VelithonJson]
            [JsonDerivedType(typeof(Box<>), "box")]
            public partial class Shape { public int A { get; set; } }

            [VelithonJson]
            public partial class Box<T> : Shape { public T? Content { get; set; } }
            """;

        Diagnostic diagnostic = AssertSingle(Source, "VLG113", "JsonDerivedType(typeof(Box<>)");
        Assert.Contains("is not a supported derived type", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hierarchy_with_every_unknown_type_rule_compiles_without_diagnostics()
    {
        foreach (string handling in new[] { "FailSerialization", "FallBackToBaseType", "FallBackToNearestAncestor" })
        {
            string source = Usings + $$"""
                [VelithonJson]
                [JsonPolymorphic(UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.{{handling}}, IgnoreUnrecognizedTypeDiscriminators = true)]
                [JsonDerivedType(typeof(Shape), "shape")]
                [JsonDerivedType(typeof(Circle), 1)]
                public partial class Shape { public int A { get; set; } }

                [VelithonJson]
                [JsonDerivedType(typeof(Ring), "ring")]
                public partial class Circle : Shape { public int R { get; set; } }

                [VelithonJson]
                public partial class Ring : Circle { }
                """;

            GeneratorResult result = GeneratorHarness.Run(source);
            Assert.Empty(result.GeneratorDiagnostics);
            Assert.Empty(result.CompilationProblems);
        }
    }

    [Fact]
    public void An_interface_base_with_every_unknown_type_rule_compiles_without_diagnostics()
    {
        foreach (string handling in new[] { "FailSerialization", "FallBackToBaseType", "FallBackToNearestAncestor" })
        {
            string source = Usings + $$"""
                public interface INamed { string? Name { get; } }

                [VelithonJson]
                [JsonPolymorphic(UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.{{handling}}, IgnoreUnrecognizedTypeDiscriminators = true)]
                [JsonDerivedType(typeof(Circle), "circle")]
                [JsonDerivedType(typeof(Ring), 2)]
                public partial interface IShape : INamed { int A { get; } }

                [VelithonJson]
                public partial class Circle : IShape { public string? Name { get; set; } public int A { get; set; } }

                [VelithonJson]
                public partial record Ring(string? Name, int A, int Inner) : IShape;

                [VelithonJson]
                public partial class Drawing { public IShape? One { get; set; } public IShape[]? Many { get; set; } }
                """;

            GeneratorResult result = GeneratorHarness.Run(source);
            Assert.Empty(result.GeneratorDiagnostics);
            Assert.Empty(result.CompilationProblems);
        }
    }

    [Fact]
    public void An_interface_base_inheriting_another_interface_base_compiles_without_diagnostics()
    {
        const string Source = Usings + """
            [VelithonJson]
            [JsonDerivedType(typeof(Circle), "circle")]
            public partial interface IShape { int A { get; } }

            [VelithonJson]
            [JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
            [JsonDerivedType(typeof(Circle), 1)]
            [JsonDerivedType(typeof(Arc), 2)]
            public partial interface IRound : IShape { int R { get; } }

            [VelithonJson]
            public partial class Circle : IRound { public int A { get; set; } public int R { get; set; } }

            [VelithonJson]
            public partial class Arc : Circle { public int Angle { get; set; } }

            [VelithonJson]
            public partial class Drawing { public IShape? One { get; set; } public List<IRound>? Many { get; set; } }
            """;

        GeneratorResult result = GeneratorHarness.Run("using System.Collections.Generic;\n" + Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void VLG113_a_class_that_does_not_implement_the_interface_base_is_reported()
    {
        const string Source = Usings + """
            [VelithonJson]
            [JsonDerivedType(typeof(Other), "other")]
            public partial interface IShape { int A { get; } }

            [VelithonJson]
            public partial class Other { public int A { get; set; } }
            """;

        AssertSingle(Source, "VLG113", "JsonDerivedType(typeof(Other)");
    }

    [Fact]
    public void VLG113_an_interface_listed_without_FallBackToNearestAncestor_is_reported_as_STJ_refuses_it()
    {
        const string Source = Usings + """
            [VelithonJson]
            [JsonDerivedType(typeof(IShape), "self")]
            public partial interface IShape { int A { get; } }
            """;

        Diagnostic diagnostic = AssertSingle(Source, "VLG113", "JsonDerivedType(typeof(IShape)");
        Assert.Contains("FallBackToNearestAncestor", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void VLG114_a_derived_interface_under_FallBackToNearestAncestor_is_not_compiled()
    {
        const string Source = Usings + """
            [VelithonJson]
            [JsonPolymorphic(UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor)]
            [JsonDerivedType(typeof(IRound), "round")]
            public partial interface IShape { int A { get; } }

            public interface IRound : IShape { }
            """;

        Diagnostic diagnostic = AssertSingle(Source, "VLG114", "JsonDerivedType(typeof(IRound)");
        Assert.Contains("is an interface", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void VLG114_a_struct_derived_type_of_an_interface_base_is_not_compiled()
    {
        const string Source = Usings + """
            [VelithonJson]
            [JsonDerivedType(typeof(Spot), "spot")]
            public partial interface IShape { int A { get; } }

            [VelithonJson]
            public partial struct Spot : IShape { public int A { get; set; } }
            """;

        Diagnostic diagnostic = AssertSingle(Source, "VLG114", "JsonDerivedType(typeof(Spot)");
        Assert.Contains("is a struct", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void VLG114_an_interface_inheriting_properties_from_two_unrelated_interfaces_is_not_compiled()
    {
        const string Source = Usings + """
            public interface ILeft { int L { get; } }

            public interface IRight { int R { get; } }

            [VelithonJson]
            [JsonDerivedType(typeof(Both), "both")]
            public partial interface IShape : ILeft, IRight { int A { get; } }

            [VelithonJson]
            public partial class Both : IShape { public int L { get; set; } public int R { get; set; } public int A { get; set; } }
            """;

        Diagnostic diagnostic = AssertSingle(Source, "VLG114", "IShape");
        Assert.Contains("topological", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void VLG113_a_member_named_like_the_interface_base_discriminator_is_reported()
    {
        const string Source = Usings + """
            [VelithonJson]
            [JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
            [JsonDerivedType(typeof(Circle), "circle")]
            public partial interface IShape { int A { get; } }

            [VelithonJson]
            public partial class Circle : IShape { public int A { get; set; } public string? Kind { get; set; } }
            """;

        AssertSingle(Source, "VLG113", "Kind");
    }

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);

    private static Diagnostic AssertSingle(string source, string id, string startsWith)
    {
        GeneratorResult result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        string at = source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);
        Assert.True(at.StartsWith(startsWith, StringComparison.Ordinal), $"{id} at '{at}', expected '{startsWith}…'");
        return diagnostic;
    }
}
