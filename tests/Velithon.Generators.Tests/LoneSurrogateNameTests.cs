using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Tests;

/// <summary>
/// A [JsonPropertyName] with a lone surrogate has no UTF-8 form: the generated name matcher's u8 literal failed to
/// compile only at emit (CS9026, invisible to the IDE and to GetDiagnostics), and System.Text.Json writes such a name
/// as U+FFFD and cannot read it back. It is refused at the member (VLG103); surrogate pairs are fine.
/// </summary>
public sealed class LoneSurrogateNameTests
{
    [Theory]
    [InlineData("\\uD800", "U+D800 at index 0")]
    [InlineData("a\\uDC00b", "U+DC00 at index 1")]
    [InlineData("\\uD83D\\uDE00\\uD83D", "U+D83D at index 2")]
    public void A_JSON_name_with_a_lone_surrogate_is_refused_at_the_member(string name, string where)
    {
        string source = Source(name);
        GeneratorResult result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG103", diagnostic.Id);
        Assert.Equal(source.IndexOf(" B ", StringComparison.Ordinal) + 1, diagnostic.Location.SourceSpan.Start);
        Assert.Contains(where, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        AssertEmits(result);
    }

    [Fact]
    public void A_JSON_name_with_a_surrogate_pair_compiles()
    {
        GeneratorResult result = GeneratorHarness.Run(Source("\\uD83D\\uDE00"));
        Assert.Empty(result.GeneratorDiagnostics);
        AssertEmits(result);
    }

    [Fact]
    public void A_string_enum_member_name_with_a_lone_surrogate_is_refused_at_each_member_using_the_enum()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Text.Json.Serialization;

            namespace Demo;

            [JsonConverter(typeof(JsonStringEnumConverter<Color>))]
            public enum Color { Red, [JsonStringEnumMemberName("\uD800x")] Green }

            [Velithon.VelithonJson]
            public partial class Holder
            {
                public int A { get; set; }
                public Color C { get; set; }
                public List<Color>? L { get; set; }
            }
            """;
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Equal(2, result.GeneratorDiagnostics.Length);
        Assert.All(result.GeneratorDiagnostics, d =>
        {
            Assert.Equal("VLG102", d.Id);
            Assert.Contains("'Color.Green' contains a lone surrogate (U+D800 at index 0)", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        });
        Assert.Equal(
            [source.IndexOf(" C ", StringComparison.Ordinal) + 1, source.IndexOf(" L ", StringComparison.Ordinal) + 1],
            result.GeneratorDiagnostics.Select(d => d.Location.SourceSpan.Start).Order());
        AssertEmits(result);
    }

    private static void AssertEmits(GeneratorResult result)
    {
        Assert.Empty(result.CompilationProblems);
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emit = result.Output.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
    }

    private static string Source(string name) => """
        using System.Text.Json.Serialization;

        namespace Demo;

        [Velithon.VelithonJson]
        public partial class Holder
        {
            public int A { get; set; }
            [JsonPropertyName("NAME")] public int B { get; set; }
        }
        """.Replace("NAME", name, StringComparison.Ordinal);
}
