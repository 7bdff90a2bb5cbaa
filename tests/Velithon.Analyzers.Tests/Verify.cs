using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Velithon.Analyzers.Tests;

/// <summary>
/// Offline test setup: no NuGet download of reference assemblies. The net10.0 reference pack installed with the SDK
/// (packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net10.0) is added as plain references; failing that, the
/// running runtime's own assemblies.
/// </summary>
internal static class TestReferences
{
    public static ImmutableArray<MetadataReference> Net { get; } = Load();

    private static ImmutableArray<MetadataReference> Load()
    {
        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string? dotnetRoot = Directory.GetParent(runtimeDirectory)?.Parent?.Parent?.FullName;
        string major = Environment.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture);
        IEnumerable<string> files = [];
        if (dotnetRoot is not null && Directory.Exists(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref")))
        {
            string? pack = Directory.GetDirectories(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref"))
                .Select(d => Path.Combine(d, "ref", "net" + major + ".0"))
                .Where(Directory.Exists)
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(d))), out Version? v) ? v : new Version(0, 0))
                .FirstOrDefault();
            if (pack is not null)
            {
                files = Directory.GetFiles(pack, "*.dll");
            }
        }

        if (!files.Any())
        {
            files = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(f => Path.GetFileName(f).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(f) is "mscorlib.dll" or "netstandard.dll");
        }

        return [.. files.Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))];
    }

    public static void Apply(SolutionState state)
    {
        state.AdditionalReferences.AddRange(Net);
    }
}

/// <summary>An analyzer test that runs offline.</summary>
internal sealed class AnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public AnalyzerTest()
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestReferences.Apply(TestState);
    }
}

/// <summary>A code fix test that runs offline.</summary>
internal sealed class CodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public CodeFixTest()
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestReferences.Apply(TestState);
        TestReferences.Apply(FixedState);
    }
}
