using Microsoft.CodeAnalysis;
using Velithon.Generators.Interning;

namespace Velithon.Generators.Tests.Interning;

/// <summary>
/// A file-local [InternedStrings] class (or one nested in a file-local type) is another type in the generated file:
/// the generated part used to fail to compile there (CS0117 for every constant). It is VLG205 at the class.
/// </summary>
public sealed class InternedFileLocalTests
{
    [Theory]
    [InlineData("""
        [Velithon.InternedStrings]
        file static partial class Names { public const string A = "a"; }
        """)]
    [InlineData("""
        file static partial class Outer
        {
            [Velithon.InternedStrings]
            public static partial class Names { public const string A = "a"; }
        }
        """)]
    public void A_file_local_table_is_refused_at_the_class(string declaration)
    {
        string source = "namespace Demo;\n\n" + declaration;
        GeneratorResult result = GeneratorHarness.Run(new InternedStringsGenerator(), source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG205", diagnostic.Id);
        Assert.Equal(source.IndexOf(" Names", StringComparison.Ordinal) + 1, diagnostic.Location.SourceSpan.Start);
        Assert.Contains("file-local", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.Sources);
        Assert.Empty(result.CompilationProblems);
    }
}
