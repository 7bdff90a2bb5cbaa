using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Tests;

public sealed class DiagnosticTests
{
    [Fact]
    public void VLG101_type_not_partial_is_reported_on_the_type()
    {
        const string Source = """
            namespace Demo;

            [Velithon.VelithonJson]
            public class Plain
            {
                public int A { get; set; }
            }
            """;

        AssertSingle(Source, "VLG101", "Plain", DiagnosticSeverity.Error);
    }

    [Fact]
    public void VLG101_containing_type_not_partial_is_reported_on_the_containing_type()
    {
        const string Source = """
            namespace Demo;

            public class Holder
            {
                [Velithon.VelithonJson]
                public partial class Inner
                {
                    public int A { get; set; }
                }
            }
            """;

        Diagnostic diagnostic = AssertSingle(Source, "VLG101", "Holder", DiagnosticSeverity.Error);
        Assert.Contains("Demo.Holder", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void VLG102_unsupported_member_type_is_reported_on_the_member_naming_the_type()
    {
        const string Source = """
            using System.Collections.Generic;

            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Bag
            {
                public int Fine { get; set; }
                public IReadOnlySet<int>? Bad { get; set; }
                public Dictionary<object, string>? IntKeys { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Diagnostic[] diagnostics = result.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Equal(2, diagnostics.Length);
        AssertAt(diagnostics[0], Source, "Bad", "VLG102");
        Assert.Contains("System.Collections.Generic.IReadOnlySet<int>", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        AssertAt(diagnostics[1], Source, "IntKeys", "VLG102");

        // The rest of the type is still generated, so the build shows only the real problem.
        Assert.Empty(result.CompilationProblems.Where(d => !d.Id.StartsWith("VLG", StringComparison.Ordinal)));
    }

    [Fact]
    public void VLG115_a_JSON_document_member_of_an_indented_type_is_reported_on_the_member()
    {
        const string Source = """
            using System;
            using System.Collections.Generic;
            using System.Text.Json;
            using System.Text.Json.Nodes;

            namespace Demo;

            [Velithon.VelithonJson(WriteIndented = true)]
            public partial class Pretty
            {
                public int Fine { get; set; }
                public ReadOnlyMemory<byte> Bytes { get; set; }
                public JsonElement? Payload { get; set; }
                public List<JsonNode>? Nodes { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Diagnostic[] diagnostics = result.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Equal(2, diagnostics.Length);
        AssertAt(diagnostics[0], Source, "Payload", "VLG115");
        Assert.Contains("System.Text.Json.JsonElement?", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        AssertAt(diagnostics[1], Source, "Nodes", "VLG115");
        Assert.Empty(result.CompilationProblems.Where(d => !d.Id.StartsWith("VLG", StringComparison.Ordinal)));
    }

    [Fact]
    public void VLG103_two_json_constructors_are_reported_on_the_second()
    {
        const string Source = """
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Twice
            {
                [JsonConstructor]
                public Twice() { }

                [JsonConstructor]
                public Twice(int a) => A = a;

                public int A { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Diagnostic error = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "VLG103");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        int second = Source.IndexOf("Twice(int", StringComparison.Ordinal);
        Assert.Equal(second, error.Location.SourceSpan.Start);
    }

    [Fact]
    public void A_custom_converter_on_a_member_or_its_type_compiles()
    {
        const string Source = """
            using System.Text.Json;
            using System.Text.Json.Serialization;

            namespace Demo;

            public sealed class IntAsText : JsonConverter<int>
            {
                public override int Read(ref Utf8JsonReader reader, System.Type typeToConvert, JsonSerializerOptions options) => 0;
                public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) { }
            }

            [JsonConverter(typeof(PointConverter))]
            public readonly record struct Point(int X, int Y);

            public sealed class PointConverter : JsonConverter<Point>
            {
                public override Point Read(ref Utf8JsonReader reader, System.Type typeToConvert, JsonSerializerOptions options) => default;
                public override void Write(Utf8JsonWriter writer, Point value, JsonSerializerOptions options) { }
            }

            [Velithon.VelithonJson]
            public partial class Custom
            {
                [JsonConverter(typeof(IntAsText))]
                public int Converted { get; set; }

                [JsonConverter(typeof(IntAsText))]
                public int? Maybe { get; set; }

                public Point Here { get; set; }

                public Point? There { get; set; }

                public System.Collections.Generic.List<Point>? Path { get; set; }
            }
            """;

        Assert.Empty(GeneratorHarness.Run(Source).GeneratorDiagnostics);
    }

    [Theory]
    // STJ's InvalidOperationException when it builds the contract, at build time instead.
    [InlineData("[JsonConverter(typeof(IntAsText))] public string? Converted { get; set; }",
        "The converter specified on 'Demo.Custom.Converted' is not compatible with the type 'System.String'.")]
    [InlineData("[JsonConverter(typeof(IntAsText))] public System.Collections.Generic.List<int>? Converted { get; set; }",
        "The converter specified on 'Demo.Custom.Converted' is not compatible with the type 'System.Collections.Generic.List`1[System.Int32]'.")]
    [InlineData("[JsonConverter(typeof(JsonStringEnumConverter))] public int Converted { get; set; }",
        "The converter specified on 'Demo.Custom.Converted' is not compatible with the type 'System.Int32'.")]
    [InlineData("[JsonConverter(typeof(NeedsArgument))] public int Converted { get; set; }",
        "The converter specified on 'Demo.Custom.Converted' does not derive from JsonConverter or have a public parameterless constructor.")]
    [InlineData("[JsonConverter(typeof(AbstractConverter))] public int Converted { get; set; }",
        "The converter specified on 'Demo.Custom.Converted' does not derive from JsonConverter or have a public parameterless constructor.")]
    [InlineData("[JsonConverter(typeof(OpenConverter<>))] public int Converted { get; set; }",
        "The converter specified on 'Demo.Custom.Converted' does not derive from JsonConverter or have a public parameterless constructor.")]
    [InlineData("[JsonConverter(typeof(string))] public int Converted { get; set; }",
        "The converter specified on 'Demo.Custom.Converted' does not derive from JsonConverter or have a public parameterless constructor.")]
    [InlineData("public Wrong? Converted { get; set; }",
        "The converter specified on 'Demo.Wrong' is not compatible with the type 'Demo.Wrong'.")]
    [InlineData("[JsonConverter(typeof(AnyFactory))] public int? Converted { get; set; }",
        "The converter factory 'Demo.AnyFactory' specified on 'Demo.Custom.Converted' is not supported on a Nullable<T> member: System.Text.Json asks its CanConvert at run time whether it converts 'System.Nullable`1[System.Int32]' or 'System.Int32'")]
    [InlineData("[IntAsText] public int Converted { get; set; }",
        "'Demo.IntAsTextAttribute' on 'Demo.Custom.Converted' derives from JsonConverterAttribute, which can create its converter itself: the generated code supports [JsonConverter(typeof(X))] only")]
    public void VLG110_a_converter_STJ_would_refuse_is_reported_on_the_member(string member, string message)
    {
        string source = $$"""
            using System.Text.Json;
            using System.Text.Json.Serialization;

            namespace Demo;

            public sealed class IntAsText : JsonConverter<int>
            {
                public override int Read(ref Utf8JsonReader reader, System.Type typeToConvert, JsonSerializerOptions options) => 0;
                public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) { }
            }

            public sealed class NeedsArgument(int x) : JsonConverter<int>
            {
                public override int Read(ref Utf8JsonReader reader, System.Type typeToConvert, JsonSerializerOptions options) => x;
                public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) { }
            }

            public abstract class AbstractConverter : JsonConverter<int>
            {
            }

            public sealed class IntAsTextAttribute() : JsonConverterAttribute(typeof(IntAsText));

            public sealed class OpenConverter<T> : JsonConverter<T>
            {
                public override T Read(ref Utf8JsonReader reader, System.Type typeToConvert, JsonSerializerOptions options) => default!;
                public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) { }
            }

            public sealed class AnyFactory : JsonConverterFactory
            {
                public override bool CanConvert(System.Type typeToConvert) => true;
                public override JsonConverter? CreateConverter(System.Type typeToConvert, JsonSerializerOptions options) => null;
            }

            [JsonConverter(typeof(IntAsText))]
            public sealed class Wrong { }

            [Velithon.VelithonJson]
            public partial class Custom
            {
                {{member}}
            }
            """;

        Diagnostic diagnostic = AssertSingle(source, "VLG110", "Converted", DiagnosticSeverity.Error);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void VLG104_no_usable_constructor_is_a_warning_on_the_type()
    {
        AssertSingle(TestSources.Diagnostics, "VLG104", "NoConstructor", DiagnosticSeverity.Warning);
    }

    [Fact]
    public void VLG104_unbound_constructor_parameter()
    {
        const string Source = """
            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Unbound
            {
                public Unbound(int other) => A = other;

                public int A { get; }
            }
            """;

        Diagnostic diagnostic = AssertSingle(Source, "VLG104", "Unbound", DiagnosticSeverity.Warning);
        Assert.Contains("'other'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void VLG116_an_object_member_with_WriteAsString_is_reported_on_the_member()
    {
        const string Source = """
            using System.Collections.Generic;
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson]
            [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
            public partial class Row
            {
                public int Number { get; set; }
                public object? Value { get; set; }
                public List<object>? Values { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class Plain
            {
                public object? Fine { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Diagnostic[] diagnostics = result.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Equal(2, diagnostics.Length);
        AssertAt(diagnostics[0], Source, "Value", "VLG116");
        Assert.Contains("JsonNumberHandling.WriteAsString", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        AssertAt(diagnostics[1], Source, "Values", "VLG116");
        Assert.Empty(result.CompilationProblems.Where(d => !d.Id.StartsWith("VLG", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_positional_parameter_bound_to_a_JsonIgnored_property_is_no_VLG104()
    {
        const string Source = """
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson]
            public partial record Hidden(int Id, [property: JsonIgnore] string? Secret, [property: JsonIgnore] int Count = 7);
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        string generated = result.Sources.Single(s => s.HintName.Contains("Hidden", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("new global::Demo.Hidden(__m0, default(string?), (int)(7))", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void VLG105_duplicate_json_names_are_reported_on_the_second_member()
    {
        const string Source = """
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Clash
            {
                public int Value { get; set; }

                [JsonPropertyName("VALUE")]
                public int Other { get; set; }
            }
            """;

        AssertSingle(Source, "VLG105", "Other", DiagnosticSeverity.Error);
    }

    [Fact]
    public void VLG106_generic_type_nested_in_a_generic_type_is_reported_on_the_type()
    {
        const string Source = """
            namespace Demo;

            public partial class Outer<TOuter>
            {
                [Velithon.VelithonJson]
                public partial class Box<T>
                {
                    public T? Item { get; set; }
                }
            }
            """;

        Diagnostic diagnostic = AssertSingle(Source, "VLG106", "Box", DiagnosticSeverity.Error);
        Assert.Contains("nested in generic type", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Velithon.VelithonJson(NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.WriteAsString)]", "NumberHandling")]
    [InlineData("[Velithon.VelithonJson(UseStringEnumConverter = true)]", "UseStringEnumConverter")]
    [InlineData("[Velithon.VelithonJson(WriteIndented = true)]", "WriteIndented")]
    [InlineData("[Velithon.VelithonJson, System.Text.Json.Serialization.JsonNumberHandling(System.Text.Json.Serialization.JsonNumberHandling.WriteAsString)]", "[JsonNumberHandling]")]
    public void VLG106_generic_type_with_settings_its_type_arguments_cannot_follow_is_reported_on_the_type(string attributes, string setting)
    {
        string source = $$"""
            namespace Demo;

            {{attributes}}
            public partial class Box<T>
            {
                public T? Item { get; set; }
            }
            """;

        Diagnostic diagnostic = AssertSingle(source, "VLG106", "Box", DiagnosticSeverity.Error);
        Assert.Contains(setting, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void VLG103_WhenWritingNull_on_a_type_parameter_that_may_be_a_value_type_is_reported_on_the_member()
    {
        // STJ throws InvalidOperationException for Box<int>; the shared generated code would write the value: refused.
        const string Source = """
            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Box<T>
            {
                [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
                public T? Item { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class RefBox<T> where T : class
            {
                [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
                public T? Item { get; set; }
            }
            """;

        Diagnostic diagnostic = AssertSingle(Source, "VLG103", "Item", DiagnosticSeverity.Error);
        Assert.Contains("type parameter 'T' of 'Demo.Box<T>'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Generic_types_with_one_and_two_type_parameters_and_constraints_compile_without_diagnostics()
    {
        GeneratorResult result = GeneratorHarness.Run(TestSources.Generics);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void VLG103_type_argument_that_is_an_enum_written_as_names_is_reported_on_the_member()
    {
        const string Source = """
            namespace Demo;

            [System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter))]
            public enum Tier { Basic, Gold }

            [Velithon.VelithonJson]
            public partial class Box<T>
            {
                public T? Item { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class Holder
            {
                public Box<Tier>? Tiers { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG103", diagnostic.Id);
        Assert.Contains("written as names", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void VLG103_interned_table_that_is_not_an_InternedStrings_class_is_reported_on_the_member()
    {
        const string Source = """
            namespace Demo;

            public static class NotATable
            {
                public const string Admin = "admin";
            }

            [Velithon.VelithonJson]
            public partial class Account
            {
                [Velithon.Interned(typeof(NotATable))]
                public string? Role { get; set; }
            }
            """;

        Diagnostic diagnostic = AssertSingle(Source, "VLG103", "Role", DiagnosticSeverity.Error);
        Assert.Contains("[InternedStrings]", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Badge Medal { get; set; }", "Medal")]
    [InlineData("Badge? Medal { get; set; }", "Medal")]
    [InlineData("System.Collections.Generic.List<Badge> Medals { get; set; } = new();", "Medals")]
    [InlineData("Level Tier { get; set; }", "Tier")]
    public void A_converter_on_an_enum_type_runs_instead_of_the_generated_enum_code(string member, string name)
    {
        // System.Text.Json runs the enum type's own converter ("badge-gold", "highLevel"): so does the generated code.
        string source = $$"""
            namespace Demo;
            using System.Text.Json;
            using System.Text.Json.Serialization;

            [JsonConverter(typeof(BadgeConverter))]
            public enum Badge { Gold, Silver }

            public sealed class BadgeConverter : JsonConverter<Badge>
            {
                public override Badge Read(ref Utf8JsonReader reader, System.Type t, JsonSerializerOptions o) => Badge.Gold;
                public override void Write(Utf8JsonWriter writer, Badge value, JsonSerializerOptions o) => writer.WriteStringValue("badge-" + value);
            }

            [JsonConverter(typeof(CamelLevels))]
            public enum Level { HighLevel, LowLevel }

            public sealed class CamelLevels() : JsonStringEnumConverter<Level>(JsonNamingPolicy.CamelCase);

            [Velithon.VelithonJson]
            public partial class Holder
            {
                public {{member}}
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains("JsonConverterSite", string.Join("\n", result.Sources.Select(s => s.SourceText.ToString())), StringComparison.Ordinal);
        Assert.Empty(result.CompilationProblems);
        _ = name;
    }

    [Fact]
    public void VLG103_WhenWritingNull_on_a_non_nullable_value_type_is_refused_as_STJ_refuses_it()
    {
        // STJ: InvalidOperationException "The ignore condition 'JsonIgnoreCondition.WhenWritingNull' is not valid on
        // value-type member 'Count' on type 'Demo.Holder'. Consider using 'JsonIgnoreCondition.WhenWritingDefault'."
        const string Source = """
            namespace Demo;
            using System.Text.Json.Serialization;

            [Velithon.VelithonJson]
            public partial class Holder
            {
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
                public int Count { get; set; }

                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
                public int? Maybe { get; set; }
            }
            """;

        Diagnostic diagnostic = AssertSingle(Source, "VLG103", "Count", DiagnosticSeverity.Error);
        Assert.Equal(
            "The ignore condition 'JsonIgnoreCondition.WhenWritingNull' is not valid on value-type member 'Count' on type 'Demo.Holder'. Consider using 'JsonIgnoreCondition.WhenWritingDefault'.",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void VLG103_an_override_under_another_JSON_name_is_refused()
    {
        // STJ writes {"w":5,"v":5} for it: both names.
        const string Source = """
            namespace Demo;
            using System.Text.Json.Serialization;

            public class Base
            {
                public virtual int V { get; set; }
                public virtual int Same { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class Derived : Base
            {
                [JsonPropertyName("w")]
                public override int V { get; set; }

                public override int Same { get; set; }
            }
            """;

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(Source).GeneratorDiagnostics);
        Assert.Equal("VLG103", diagnostic.Id);
        Assert.Equal("V", Source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void A_member_JsonStringEnumConverter_wins_over_the_enum_types_converter_as_in_STJ()
    {
        const string Source = """
            namespace Demo;
            using System.Text.Json;
            using System.Text.Json.Serialization;

            [JsonConverter(typeof(CamelLevels))]
            public enum Level { HighLevel, LowLevel }

            public sealed class CamelLevels() : JsonStringEnumConverter<Level>(JsonNamingPolicy.CamelCase);

            [Velithon.VelithonJson]
            public partial class Holder
            {
                [JsonConverter(typeof(JsonStringEnumConverter))]
                public Level Level { get; set; }

                [JsonConverter(typeof(JsonStringEnumConverter<Level>))]
                public Level? Other { get; set; }
            }
            """;

        Assert.Empty(GeneratorHarness.Run(Source).GeneratorDiagnostics);
    }

    private static Diagnostic AssertSingle(string source, string id, string identifier, DiagnosticSeverity severity)
    {
        GeneratorResult result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        AssertAt(diagnostic, source, identifier, id);
        Assert.Equal(severity, diagnostic.Severity);
        return diagnostic;
    }

    /// <summary>The diagnostic points at the declaration's identifier (first occurrence after a space).</summary>
    private static void AssertAt(Diagnostic diagnostic, string source, string identifier, string id)
    {
        Assert.Equal(id, diagnostic.Id);
        int expected = FindDeclaration(source, identifier);
        Assert.True(expected == diagnostic.Location.SourceSpan.Start,
            $"{id} at {diagnostic.Location.GetLineSpan()} but '{identifier}' is declared at offset {expected}.");
        Assert.Equal(identifier.Length, diagnostic.Location.SourceSpan.Length);
    }

    private static int FindDeclaration(string source, string identifier)
    {
        foreach (string prefix in new[] { "class ", "struct ", "record ", "? ", "> ", "int ", "string " })
        {
            int index = source.IndexOf(prefix + identifier, StringComparison.Ordinal);
            if (index >= 0)
            {
                return index + prefix.Length;
            }
        }

        return -1;
    }
}
