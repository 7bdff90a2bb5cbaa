using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Tests;

/// <summary>
/// Types without [VelithonJson] reached from a [VelithonJson] type: generated outside the type as file-local handlers
/// (VLG122, info, at the member), or VLG102 at the member with the reason when System.Text.Json's view of the type
/// cannot be compiled there.
/// </summary>
public sealed class PlainTypeGeneratorTests
{
    [Fact]
    public void Plain_types_are_generated_in_the_reaching_types_file()
    {
        GeneratorResult result = GeneratorHarness.Run(TestSources.PlainTypes);
        Assert.Empty(result.CompilationProblems);
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("VLG122", d.Id));

        // One per member and plain type it reaches directly (Node's Tag is reached through Node, not named).
        string[] named = [.. result.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage(CultureInfo.InvariantCulture).Split('\'')[3])];
        Assert.Equal(["Demo.Address", "Demo.Tag", "Demo.Size", "Demo.Node"], named);
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        Assert.Equal("Demo.Address", result.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).First().Properties["PlainType"]);

        GeneratedSourceResult source = Assert.Single(result.Sources);
        Snapshot.Verify(source.SourceText.ToString(), nameof(Plain_types_are_generated_in_the_reaching_types_file));
    }

    [Fact]
    public void VLG122_is_reported_at_the_member_naming_the_plain_type()
    {
        const string Source = """
            namespace Demo;

            public sealed class Money
            {
                public decimal Amount { get; set; }
                public string? Currency { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class Invoice
            {
                public int Id { get; set; }
                public Money? Total { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Diagnostic info = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG122", info.Id);
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.Equal(Source.IndexOf("Total", StringComparison.Ordinal), info.Location.SourceSpan.Start);
        Assert.Contains("add [VelithonJson] and partial to 'Demo.Money'", info.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.CompilationProblems);
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        {
            "public abstract class Shape { public int Sides { get; set; } }",
            "Shape",
            "it is abstract (System.Text.Json cannot create it)"
        },
        {
            "public interface IShape { int Sides { get; } }",
            "IShape",
            "it is an interface (System.Text.Json cannot create it)"
        },
        {
            "public sealed class Wrapper<T> { public T? Value { get; set; } }",
            "Wrapper<int>",
            "cannot serialize"
        },
        {
            "public sealed class Hidden { private Hidden() { } public int A { get; set; } }",
            "Hidden",
            "System.Text.Json cannot read it: it has no public constructor and none marked [JsonConstructor]"
        },
        {
            "public sealed class Several { public Several(int a) { A = a; } public Several(string b) { } public int A { get; set; } }",
            "Several",
            "it has several public constructors and none is parameterless or marked [JsonConstructor]"
        },
        {
            "public sealed class Unbound { public Unbound(int other) { } public int A { get; set; } }",
            "Unbound",
            "constructor parameter 'other' does not bind to a serialized member"
        },
        {
            "public sealed class Bag : System.Collections.Generic.List<int> { }",
            "Bag",
            "it is a collection"
        },
        {
            "public sealed class Secretive { [System.Text.Json.Serialization.JsonInclude] private int A { get; set; } }",
            "Secretive",
            "is not accessible from 'Demo.Secretive'"
        },
        {
            "public sealed class Deep { public System.Collections.Generic.IReadOnlySet<int>? Set { get; set; } }",
            "Deep",
            "generating it outside the type fails: Member 'Set' has type"
        },
        {
            "[System.Text.Json.Serialization.JsonDerivedType(typeof(Square))] public class Poly { } public sealed class Square : Poly { }",
            "Poly",
            "it is part of a polymorphic hierarchy"
        },
        {
            "public sealed class Open { public int A { get; set; } [System.Text.Json.Serialization.JsonExtensionData] public System.Collections.Generic.Dictionary<string, object>? Rest { get; set; } }",
            "Open",
            "[JsonExtensionData] member 'Demo.Open.Rest' of a type without [VelithonJson] is not compiled yet"
        },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void What_cannot_be_generated_stays_VLG102_at_the_member_with_the_reason(string declaration, string memberType, string reason)
    {
        string source = $$"""
            namespace Demo;

            {{declaration}}

            [Velithon.VelithonJson]
            public partial class Holder
            {
                public int Fine { get; set; }
                public {{memberType}}? Member { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(source);
        Diagnostic error = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("VLG102", error.Id);
        Assert.Equal(source.IndexOf(" Member ", StringComparison.Ordinal) + 1, error.Location.SourceSpan.Start);
        Assert.Contains(reason, error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.CompilationProblems.Where(d => !d.Id.StartsWith("VLG", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_plain_type_that_fails_takes_the_plain_types_parsed_for_it_along()
    {
        // Outer reaches Inner (fine) and a member that cannot be generated: Outer is refused, and Inner, parsed for
        // it, goes with it; parsed again for Direct, it is emitted once (twice would not compile).
        const string Source = """
            namespace Demo;

            public sealed class Inner { public int A { get; set; } }

            public sealed class Outer
            {
                public Inner? Inner { get; set; }
                public System.Collections.Generic.IReadOnlySet<int>? Bad { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class Holder
            {
                public Outer? Outer { get; set; }
                public Inner? Direct { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Diagnostic error = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("VLG102", error.Id);
        Assert.Equal(Source.IndexOf("Outer? Outer", StringComparison.Ordinal) + "Outer? ".Length, error.Location.SourceSpan.Start);
        Assert.Empty(result.CompilationProblems.Where(d => !d.Id.StartsWith("VLG", StringComparison.Ordinal)));
        Assert.Single(result.GeneratorDiagnostics, d => d.Id == "VLG122");
    }

    [Fact]
    public void A_plain_type_reaching_one_that_cannot_be_generated_is_refused_too()
    {
        const string Source = """
            namespace Demo;

            public sealed class Inner { public int A { get; set; } public Outer? Back { get; set; } }

            public sealed class Outer
            {
                public Inner? Inner { get; set; }
                public System.Collections.Generic.IReadOnlySet<int>? Bad { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class Holder
            {
                public Inner? Direct { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Diagnostic error = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG102", error.Id);
        Assert.Contains("Member 'Back' has type 'Demo.Outer?', which [VelithonJson] cannot serialize: generating it outside the type fails: Member 'Bad'", error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.CompilationProblems.Where(d => !d.Id.StartsWith("VLG", StringComparison.Ordinal)));
    }

    [Fact]
    public void Two_reaching_types_with_other_settings_each_compile_their_own_handler()
    {
        const string Source = """
            namespace Demo;

            public sealed class Shared { public int SomeValue { get; set; } }

            [Velithon.VelithonJson]
            public partial class Web { public Shared? Item { get; set; } }

            [Velithon.VelithonJson(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
            public partial class Snake { public Shared? Item { get; set; } }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.CompilationProblems);
        string web = result.Sources.Single(s => s.HintName.StartsWith("Demo.Web", StringComparison.Ordinal)).SourceText.ToString();
        string snake = result.Sources.Single(s => s.HintName.StartsWith("Demo.Snake", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("file static class __VelithonJsonPlain_Demo_Shared", web, StringComparison.Ordinal);
        Assert.Contains("someValue", web, StringComparison.Ordinal);
        Assert.Contains("some_value", snake, StringComparison.Ordinal);
        Assert.DoesNotContain("some_value", web, StringComparison.Ordinal);
    }

    [Fact]
    public void The_handler_name_escapes_the_full_name_reversibly()
    {
        const string Source = """
            namespace Demo.A_B;

            public sealed class C { public int X { get; set; } }

            [Velithon.VelithonJson]
            public partial class Holder { public C? Item { get; set; } }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.CompilationProblems);
        Assert.Contains("__VelithonJsonPlain_Demo_A__B_C", Assert.Single(result.Sources).SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_converter_on_the_plain_type_goes_through_the_converter_bridge()
    {
        const string Source = """
            using System;
            using System.Text.Json;
            using System.Text.Json.Serialization;

            namespace Demo;

            [JsonConverter(typeof(CodeConverter))]
            public sealed class Code { public string Value { get; set; } = ""; }

            public sealed class CodeConverter : JsonConverter<Code>
            {
                public override Code Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new() { Value = reader.GetString()! };
                public override void Write(Utf8JsonWriter writer, Code value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
            }

            [Velithon.VelithonJson]
            public partial class Holder { public Code? Item { get; set; } }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        string generated = Assert.Single(result.Sources).SourceText.ToString();
        Assert.DoesNotContain("__VelithonJsonPlain_", generated, StringComparison.Ordinal);
        Assert.Contains("CodeConverter", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Public_fields_of_a_plain_type_are_members_only_with_IncludeFields()
    {
        const string Template = """
            namespace Demo;

            public struct Size { public int Width; public int Height { get; set; } }

            [Velithon.VelithonJson(IncludeFields = INCLUDE)]
            public partial class Holder { public Size Size { get; set; } }
            """;

        foreach (bool include in new[] { false, true })
        {
            GeneratorResult result = GeneratorHarness.Run(Template.Replace("INCLUDE", include ? "true" : "false", StringComparison.Ordinal));
            Assert.Empty(result.CompilationProblems);
            string generated = Assert.Single(result.Sources).SourceText.ToString();
            Assert.Contains("\"height\"u8", generated, StringComparison.Ordinal);
            Assert.Equal(include, generated.Contains("\"width\"u8", StringComparison.Ordinal));
        }
    }
}
