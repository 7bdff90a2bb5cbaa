using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Tests;

/// <summary>
/// A base member hidden by a derived member of the same C# name: System.Text.Json resolves hiding by JSON name, so it
/// still writes the base member when the hiding one is not serialized or has another JSON name (UserShapeOracleTests
/// checks that on STJ). The generated code reaches members by name, so those shapes are VLG103 at the hiding member.
/// </summary>
public sealed class HiddenMemberDiagnosticTests
{
    private const string Base = """
        using System.Text.Json.Serialization;

        namespace Demo;

        public class Animal
        {
            public string? Name { get; set; }
            public int Age { get; set; }
            [JsonIgnore] public string? Note { get; set; }
            public virtual int Legs { get; set; }
        }

        [Velithon.VelithonJson]
        public partial class Dog : Animal
        {
            MEMBER
        }
        """;

    [Theory]
    [InlineData("[JsonPropertyName(\"years\")] public new long Age { get; set; }", "Age", "has another JSON name ('years')")]
    [InlineData("[JsonIgnore] public new int Name { get; set; }", "Name", "is [JsonIgnore]d")]
    [InlineData("private new int Age { get; set; }", "Age", "is not serialized")]
    [InlineData("public new int Name;", "Name", "is not serialized")]
    public void A_hidden_member_STJ_still_writes_is_refused_at_the_hiding_member(string member, string name, string reason)
    {
        string source = Base.Replace("MEMBER", member, StringComparison.Ordinal);
        GeneratorResult result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG103", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(source.LastIndexOf(" " + name, StringComparison.Ordinal) + 1, diagnostic.Location.SourceSpan.Start);
        Assert.Equal(name.Length, diagnostic.Location.SourceSpan.Length);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"'{name}' hides 'Demo.Animal.{name}' and {reason}", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public new long Age { get; set; }")]
    [InlineData("[JsonPropertyName(\"age\")] public new string? Age { get; set; }")]
    [InlineData("public new int Note { get; set; }")]
    [InlineData("[JsonPropertyName(\"n\")] public new int Note { get; set; }")]
    [InlineData("public override int Legs { get; set; }")]
    [InlineData("[JsonIgnore] public override int Legs { get; set; }")]
    public void A_hidden_member_STJ_drops_as_well_compiles(string member)
    {
        GeneratorResult result = GeneratorHarness.Run(Base.Replace("MEMBER", member, StringComparison.Ordinal));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }
}
