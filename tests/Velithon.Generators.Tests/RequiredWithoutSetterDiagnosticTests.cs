using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Tests;

/// <summary>
/// [JsonRequired] on a member STJ cannot set (no accessible setter, a readonly field, or ignored when read): STJ refuses
/// the whole contract with InvalidOperationException, for writing too, even when a constructor parameter or Populate
/// would fill it (UserShapeOracleTests pins that on STJ). The build refuses it at the member with STJ's message, where
/// the generated code used to write and read the type.
/// </summary>
public sealed class RequiredWithoutSetterDiagnosticTests
{
    [Theory]
    [InlineData("[JsonRequired] public int A { get; }", "A", "a")]
    [InlineData("[JsonRequired] public int A { get; private set; }", "A", "a")]
    [InlineData("[JsonRequired] public int A => 1;", "A", "a")]
    [InlineData("[JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public int A { get; set; }", "A", "a")]
    [InlineData("[JsonRequired, JsonIgnore] public int A { get; set; }", "A", "a")]
    [InlineData("[JsonRequired, JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public List<int> A { get; } = new();", "A", "a")]
    [InlineData("[JsonRequired, JsonInclude] public readonly int F;", "F", "f")]
    [InlineData("public Holder(int a) { A = a; } [JsonRequired] public int A { get; }", "A", "a")]
    public void JsonRequired_without_a_setter_is_refused_with_STJs_message(string members, string name, string jsonName)
    {
        string source = Source(members);
        GeneratorResult result = GeneratorHarness.Run(source);
        // A constructor parameter bound to the refused member also leaves the type unreadable (VLG104, a warning).
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("VLG103", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(source.LastIndexOf(" " + name, StringComparison.Ordinal) + 1, diagnostic.Location.SourceSpan.Start);
        Assert.Equal(
            $"JsonPropertyInfo '{jsonName}' defined in type 'Demo.Holder' is marked required but does not specify a setter.",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("[JsonRequired] public int A { get; set; }")]
    [InlineData("[JsonRequired] public int A { get; init; }")]
    [InlineData("[JsonRequired, JsonInclude] public int A { get; private set; }")]
    [InlineData("[JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)] public int A { get; set; }")]
    public void JsonRequired_with_a_setter_compiles(string members)
    {
        GeneratorResult result = GeneratorHarness.Run(Source(members));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    private static string Source(string members) => """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;

        namespace Demo;

        [Velithon.VelithonJson]
        public partial class Holder
        {
            MEMBERS
        }
        """.Replace("MEMBERS", members, StringComparison.Ordinal);
}
