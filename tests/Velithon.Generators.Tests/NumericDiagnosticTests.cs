using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Tests;

/// <summary>
/// Half, Int128, UInt128 and Version compile wherever System.Text.Json serializes them (members, Nullable, elements,
/// dictionary values and keys, type arguments of generic types for the numbers); a Version type argument stays refused
/// (VLG103 at the member): it is written by System.Text.Json's converter, which a JSON handler does not run.
/// </summary>
public sealed class NumericDiagnosticTests
{
    [Theory]
    [InlineData("Half")]
    [InlineData("Int128")]
    [InlineData("UInt128")]
    [InlineData("List<UInt128?>")]
    [InlineData("Version")]
    [InlineData("List<Half>")]
    [InlineData("Int128[]")]
    [InlineData("Dictionary<string, UInt128?>")]
    [InlineData("Dictionary<Version, Half>")]
    [InlineData("Dictionary<Int128, List<Version>>")]
    [InlineData("Page<Half>")]
    [InlineData("Page<Int128?>")]
    [InlineData("Page<List<UInt128>>")]
    public void Wide_numbers_and_versions_compile_without_diagnostics(string type)
    {
        // Quoted numbers, except around a generic type (which is compiled with the Web defaults' number handling only).
        string attribute = type.StartsWith("Page", StringComparison.Ordinal)
            ? "[Velithon.VelithonJson]"
            : "[Velithon.VelithonJson(NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.WriteAsString)]";
        GeneratorResult result = GeneratorHarness.Run(Source(type, attribute));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void Versions_are_not_documents_an_indented_type_may_hold_them()
    {
        GeneratorResult result = GeneratorHarness.Run(Source("List<Version>", attribute: "[Velithon.VelithonJson(WriteIndented = true)]"));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    [Theory]
    [InlineData("Page<Version>")]
    [InlineData("Page<List<Version>>")]
    public void A_Version_type_argument_is_VLG103_on_the_member(string type)
    {
        string source = Source(type, attribute: "[Velithon.VelithonJson]");
        GeneratorResult result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG103", diagnostic.Id);
        Assert.Equal(source.IndexOf("Member {", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        Assert.Contains("System.Text.Json's own converter", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static string Source(string type, string attribute) => $$"""
        using System;
        using System.Collections.Generic;

        namespace Demo;

        [Velithon.VelithonJson]
        public sealed partial class Page<T>
        {
            public List<T> Items { get; set; } = new();
        }

        {{attribute}}
        public partial class Holder
        {
            public int Fine { get; set; }
            public {{type}}? Member { get; set; }
        }
        """;
}
