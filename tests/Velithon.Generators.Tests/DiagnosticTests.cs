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
                public HashSet<int>? Bad { get; set; }
                public Dictionary<int, string>? IntKeys { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Diagnostic[] diagnostics = result.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Equal(2, diagnostics.Length);
        AssertAt(diagnostics[0], Source, "Bad", "VLG102");
        Assert.Contains("System.Collections.Generic.HashSet<int>", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        AssertAt(diagnostics[1], Source, "IntKeys", "VLG102");

        // The rest of the type is still generated, so the build shows only the real problem.
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
    public void VLG103_custom_converter_on_a_member_is_reported_on_the_member()
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

            [Velithon.VelithonJson]
            public partial class Custom
            {
                [JsonConverter(typeof(IntAsText))]
                public int Converted { get; set; }
            }
            """;

        AssertSingle(Source, "VLG103", "Converted", DiagnosticSeverity.Error);
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
    public void VLG106_generic_type_is_reported_on_the_type()
    {
        const string Source = """
            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Box<T>
            {
                public T? Item { get; set; }
            }
            """;

        AssertSingle(Source, "VLG106", "Box", DiagnosticSeverity.Error);
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
    public void VLG103_a_converter_on_an_enum_type_is_reported_on_the_member(string member, string name)
    {
        // System.Text.Json runs the enum type's own converter ("badge-gold", "highLevel"): writing the number would be
        // other bytes, so the member is refused instead of silently written differently.
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

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics);
        Assert.Equal(("VLG103", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(name, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Contains("enum type", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
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
