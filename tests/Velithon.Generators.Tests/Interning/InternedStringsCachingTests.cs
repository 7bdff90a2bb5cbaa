using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Velithon.Generators.Common;
using Velithon.Generators.Interning;

namespace Velithon.Generators.Tests.Interning;

public sealed class InternedStringsCachingTests
{
    /// <summary>The source-only steps of the [InternedStrings] generator (the file steps: InternedFileTests); every one must run.</summary>
    internal static readonly string[] Steps = [TrackingNames.InternedTypes, TrackingNames.InternedModels, TrackingNames.InternedDiagnostics, TrackingNames.InternedLanguage];

    public static TheoryData<string> Inputs => new()
    {
        InterningSources.Small,
        InterningSources.Large,
        InterningSources.NonAscii,
        InterningSources.Diagnostics,
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Unrelated_new_syntax_tree_leaves_every_step_cached(string source)
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation(source);
        CSharpCompilation second = first.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Other; internal static class Unrelated { public static int Value => 42; }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));

        (GeneratorRunResult firstRun, GeneratorRunResult secondRun) = RunTwice(first, second);

        string[] expected = CachingTests.StepsThatRun(firstRun, TrackingNames.InternedModels, TrackingNames.InternedDiagnostics, Steps);
        foreach (string name in Steps)
        {
            Assert.True(
                firstRun.TrackedSteps.ContainsKey(name) == expected.Contains(name),
                $"Step '{name}' {(expected.Contains(name) ? "did not run" : "ran with nothing to do")}.");
            if (!expected.Contains(name))
            {
                continue; // checked above: it had nothing to do, and did not run
            }

            foreach ((object value, IncrementalStepRunReason _) in firstRun.TrackedSteps[name].SelectMany(s => s.Outputs))
            {
                CachingTests.AssertHoldsNoCompilationObjects(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }

        AssertAllCached(secondRun, expected);
    }

    [Fact]
    public void Method_body_edit_in_the_table_file_leaves_the_model_cached()
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation(InterningSources.Small);
        SyntaxTree old = first.SyntaxTrees.Single();
        CSharpCompilation second = first.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(
            InterningSources.Small.Replace("s_lookups++;", "s_lookups += 2;", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: old.FilePath));

        (GeneratorRunResult firstRun, GeneratorRunResult secondRun) = RunTwice(first, second);

        // The transform reruns (its file changed) but produces an equal result, so nothing downstream is redone.
        AssertAllCached(secondRun, CachingTests.StepsThatRun(firstRun, TrackingNames.InternedModels, TrackingNames.InternedDiagnostics, Steps));
    }

    [Fact]
    public void Editing_a_constant_reruns_the_model()
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation(InterningSources.Small);
        SyntaxTree old = first.SyntaxTrees.Single();
        CSharpCompilation second = first.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(
            InterningSources.Small.Replace("\"Host\"", "\"host\"", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: old.FilePath));

        (_, GeneratorRunResult secondRun) = RunTwice(first, second);

        IncrementalGeneratorRunStep step = Assert.Single(secondRun.TrackedSteps[TrackingNames.InternedModels]);
        Assert.Contains(step.Outputs, o => o.Reason == IncrementalStepRunReason.Modified);
    }

    private static (GeneratorRunResult First, GeneratorRunResult Second) RunTwice(CSharpCompilation first, CSharpCompilation second)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new InternedStringsGenerator(), trackSteps: true).RunGenerators(first);
        GeneratorRunResult firstRun = driver.GetRunResult().Results.Single();
        GeneratorRunResult secondRun = driver.RunGenerators(second).GetRunResult().Results.Single();
        Assert.Null(firstRun.Exception);
        Assert.Null(secondRun.Exception);
        return (firstRun, secondRun);
    }

    private static void AssertAllCached(GeneratorRunResult run, string[] expected)
    {
        int checkedOutputs = 0;
        foreach (string name in expected)
        {
            Assert.True(run.TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps), $"Step '{name}' did not run.");
            foreach (IncrementalGeneratorRunStep step in steps)
            {
                foreach ((object _, IncrementalStepRunReason reason) in step.Outputs)
                {
                    checkedOutputs++;
                    Assert.True(
                        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"Step '{name}' output was {reason}, expected Cached or Unchanged.");
                }
            }
        }

        Assert.True(checkedOutputs > 0, "No tracked step produced an output to check.");
    }
}
