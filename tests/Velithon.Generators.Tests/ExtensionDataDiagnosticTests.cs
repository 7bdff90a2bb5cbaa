using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Tests;

/// <summary>
/// [JsonExtensionData] contracts System.Text.Json rejects (its InvalidOperationException message, at build time) and the
/// shapes not compiled yet: VLG103 at the member, never other bytes.
/// </summary>
public sealed class ExtensionDataDiagnosticTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        """;

    [Theory]
    [InlineData("Dictionary<string, JsonElement>? Extra { get; set; }")]
    [InlineData("Dictionary<string, object>? Extra { get; set; }")]
    [InlineData("IDictionary<string, object?>? Extra { get; set; }")]
    [InlineData("IDictionary<string, JsonElement> Extra { get; } = new Dictionary<string, JsonElement>();")]
    [InlineData("Dictionary<string, object>? Extra { get; private set; }")]
    public void Supported_shapes_compile_without_diagnostics(string member)
    {
        string source = Usings + "[VelithonJson] public partial class Bag { public int A { get; set; } [JsonExtensionData] public " + member + " }";
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void An_ignored_extension_member_is_ignored_like_any_member()
    {
        const string Source = Usings + "[VelithonJson] public partial class Bag { [JsonIgnore][JsonExtensionData] public Dictionary<string, string>? Extra { get; set; } }";
        Assert.Empty(GeneratorHarness.Run(Source).GeneratorDiagnostics);
    }

    [Theory]
    [InlineData("", "IReadOnlyDictionary<string, object>? Extra { get; set; }", "The extension data property 'System.Collections.Generic.IReadOnlyDictionary<string, object>.Extra' is invalid. It must implement 'IDictionary<string, JsonElement>' or 'IDictionary<string, object>', or be 'JsonObject'.")]
    [InlineData("", "Dictionary<string, string>? Extra { get; set; }", "is invalid. It must implement 'IDictionary<string, JsonElement>'")]
    [InlineData("", "JsonNode? Extra { get; set; }", "is invalid. It must implement")]
    [InlineData("", "JsonObject? Extra { get; set; }", "System.Text.Json writes its entries as a nameless object")]
    [InlineData("", "SortedDictionary<string, object>? Extra { get; set; }", "is not compiled yet: Dictionary<string, V> and IDictionary<string, V>")]
    [InlineData("", "Dictionary<string, object>? Extra { get; init; }", "its setter is init-only")]
    [InlineData("", "Dictionary<string, object>? Extra { set { } }", "it has no getter")]
    [InlineData("", "required Dictionary<string, object> Extra { get; set; }", "is marked both as required and as an extension data property")]
    [InlineData("[JsonRequired]", "Dictionary<string, object>? Extra { get; set; }", "JsonPropertyInfo 'extra' defined in type 'Demo.Bag' is marked both as required and as an extension data property. This combination is not supported.")]
    [InlineData("[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]", "Dictionary<string, object>? Extra { get; set; }", "'JsonNumberHandlingAttribute' is only valid on a number")]
    [InlineData("[JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]", "Dictionary<string, object>? Extra { get; set; }", "[JsonIgnore] with a condition")]
    public void Refused_members_are_VLG103_at_the_member(string attributes, string member, string message) =>
        AssertRefused(Usings + "[VelithonJson] public partial class Bag { public int A { get; set; } [JsonExtensionData]" + attributes + " public " + member + " }", message);

    [Fact]
    public void A_second_extension_member_is_refused_with_STJs_message()
    {
        const string Source = Usings + """
            public class Base { [JsonExtensionData] public Dictionary<string, object>? First { get; set; } }

            [VelithonJson]
            public partial class Bag : Base { [JsonExtensionData] public Dictionary<string, object>? Extra { get; set; } }
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(Source).GeneratorDiagnostics);
        Assert.Equal("VLG103", diagnostic.Id);
        Assert.Equal("The type 'Demo.Bag' cannot have more than one member that has the attribute 'System.Text.Json.Serialization.JsonExtensionDataAttribute'.", Message(diagnostic));
        Assert.Equal("First", Identifier(Source, diagnostic));
    }

    [Fact]
    public void Binding_to_a_constructor_parameter_is_refused_with_STJs_message()
    {
        const string Source = Usings + """
            [VelithonJson]
            public partial record Bag(int A, [property: JsonExtensionData] Dictionary<string, object>? Extra);
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(Source).GeneratorDiagnostics, d => d.Id == "VLG103");
        Assert.Equal("The extension data property 'Extra' on type 'Demo.Bag' cannot bind with a parameter in the deserialization constructor.", Message(diagnostic));
    }

    [Fact]
    public void The_types_own_Disallow_is_refused_with_STJs_message_and_the_options_Disallow_yields()
    {
        const string Own = Usings + """
            [VelithonJson]
            [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
            public partial class Bag { [JsonExtensionData] public Dictionary<string, object>? Extra { get; set; } }
            """;
        AssertRefused(Own, "The type 'Demo.Bag' is marked 'JsonUnmappedMemberHandling.Disallow' which conflicts with extension data property 'Extra'.");

        const string FromOptions = Usings + """
            [VelithonJson(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
            public partial class Bag { [JsonExtensionData] public Dictionary<string, object>? Extra { get; set; } }
            """;
        Assert.Empty(GeneratorHarness.Run(FromOptions).GeneratorDiagnostics);
    }

    [Theory]
    [InlineData("[VelithonJson(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)] public partial struct Bag { [JsonExtensionData] public Dictionary<string, object>? Extra { get; set; } }", "a struct populated")]
    public void Shapes_not_compiled_yet_are_VLG103(string declaration, string message) => AssertRefused(Usings + declaration, message);

    [Fact]
    public void Generic_types_and_polymorphic_hierarchies_compile()
    {
        const string Source = Usings + """
            [VelithonJson]
            [JsonDerivedType(typeof(Sub), "sub")]
            public partial class Bag { [JsonExtensionData] public Dictionary<string, object>? Extra { get; set; } }

            [VelithonJson]
            public partial class Sub : Bag { public int B { get; set; } }

            [VelithonJson]
            public partial class Envelope<T> { public T? A { get; set; } [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; } }

            [VelithonJson]
            public partial class Holder { public Envelope<Sub>? E { get; set; } }
            """;
        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void An_indented_type_is_VLG115_and_object_values_with_WriteAsString_VLG116()
    {
        const string Indented = Usings + "[VelithonJson(WriteIndented = true)] public partial class Bag { [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; } }";
        Assert.Equal("VLG115", Assert.Single(GeneratorHarness.Run(Indented).GeneratorDiagnostics).Id);

        const string Numbers = Usings + "[VelithonJson(NumberHandling = JsonNumberHandling.WriteAsString)] public partial class Bag { [JsonExtensionData] public Dictionary<string, object>? Extra { get; set; } }";
        Assert.Equal("VLG116", Assert.Single(GeneratorHarness.Run(Numbers).GeneratorDiagnostics).Id);

        const string Elements = Usings + "[VelithonJson(NumberHandling = JsonNumberHandling.WriteAsString)] public partial class Bag { [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; } }";
        Assert.Empty(GeneratorHarness.Run(Elements).GeneratorDiagnostics);
    }

    private static void AssertRefused(string source, string message)
    {
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics);
        Assert.Equal("VLG103", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(message, Message(diagnostic), StringComparison.Ordinal);
        Assert.Equal("Extra", Identifier(source, diagnostic));
    }

    private static string Identifier(string source, Diagnostic diagnostic) =>
        source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);
}
