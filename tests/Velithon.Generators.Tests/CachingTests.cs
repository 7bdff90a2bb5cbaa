using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Velithon.Generators.Common;

namespace Velithon.Generators.Tests;

public sealed class CachingTests
{
    /// <summary>The steps of the [VelithonJson] generator; every one must run and be checked.</summary>
    internal static readonly string[] Steps = [TrackingNames.JsonTypes, TrackingNames.JsonModels, TrackingNames.JsonDiagnostics, TrackingNames.JsonAssemblyDefaults, TrackingNames.JsonGenericUses, TrackingNames.JsonGenericUseSet];

    private static readonly string[] AllTrackingNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void Every_tracked_step_is_checked_by_a_caching_test()
    {
        // The [VelithonJson] steps here, the [InternedStrings] source steps in InternedStringsCachingTests, the file
        // steps in InternedFileTests: a new tracking name must be added to one of these lists, or this fails.
        string[] covered = [.. Steps, .. Interning.InternedStringsCachingTests.Steps, .. Interning.InternedFileTests.Steps];
        Assert.Equal(AllTrackingNames.Order(StringComparer.Ordinal), covered.Distinct().Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> Inputs => new()
    {
        TestSources.AllPrimitives,
        TestSources.RecordWithConstructor,
        TestSources.NestedAndCollections,
        TestSources.StringEnums,
        TestSources.Attributes,
        TestSources.Diagnostics,
        TestSources.Configured,
        TestSources.NullableAnnotations,
        TestSources.Populated,
        TestSources.Indented,
        TestSources.MoreCollections,
        TestSources.Generics,
        TestSources.Polymorphism,
        TestSources.PlainTypes,
        TestSources.ExtensionData,
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Unrelated_new_syntax_tree_leaves_every_step_cached(string source)
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation(source);
        CSharpCompilation second = first.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Other; internal static class Unrelated { public static int Value => 42; }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));

        AssertCachedAfter(first, second);
    }

    [Fact]
    public void Method_body_edit_leaves_every_step_cached()
    {
        const string Helper = "namespace Demo; internal static class Helper { public static int Compute() => 1; }";
        CSharpCompilation first = GeneratorHarness.CreateCompilation(TestSources.RecordWithConstructor, Helper);
        SyntaxTree old = first.SyntaxTrees.Last();
        CSharpCompilation second = first.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(
            Helper.Replace("=> 1;", "=> 2 + 3;", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: old.FilePath));

        AssertCachedAfter(first, second);
    }

    [Fact]
    public void Method_body_edit_beside_closed_generic_uses_leaves_every_step_cached()
    {
        const string Helper = "namespace Demo; internal static class Helper { public static int Compute(Page<Order> page) => page.Items.Count + 1; }";
        CSharpCompilation first = GeneratorHarness.CreateCompilation(TestSources.Generics, Helper);
        SyntaxTree old = first.SyntaxTrees.Last();
        CSharpCompilation second = first.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(
            Helper.Replace("+ 1;", "+ 2 * 3;", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: old.FilePath));

        AssertCachedAfter(first, second);
    }

    [Fact]
    public void Editing_a_serialized_type_reruns_its_model()
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation(TestSources.RecordWithConstructor);
        SyntaxTree old = first.SyntaxTrees.Single();
        CSharpCompilation second = first.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(
            TestSources.RecordWithConstructor.Replace("public int Age", "public long Age", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: old.FilePath));

        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(first);
        GeneratorRunResult result = driver.RunGenerators(second).GetRunResult().Results.Single();
        IncrementalGeneratorRunStep step = Assert.Single(result.TrackedSteps[TrackingNames.JsonModels]);
        Assert.Contains(step.Outputs, o => o.Reason == IncrementalStepRunReason.Modified);
    }

    private static void AssertCachedAfter(CSharpCompilation first, CSharpCompilation second)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(first);
        GeneratorRunResult firstRun = driver.GetRunResult().Results.Single();
        GeneratorRunResult secondRun = driver.RunGenerators(second).GetRunResult().Results.Single();

        // The closed generic uses step records nothing when no closed generic [VelithonJson] type is written anywhere.
        bool usesGenerics = firstRun.GeneratedSources.Any(s => s.HintName == "VelithonJson.GenericTypeArguments.g.cs");
        string[] expected = [.. StepsThatRun(firstRun, TrackingNames.JsonModels, TrackingNames.JsonDiagnostics, Steps).Where(n => usesGenerics || n != TrackingNames.JsonGenericUses)];
        foreach (string name in Steps)
        {
            bool ran = firstRun.TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps);
            Assert.True(ran == expected.Contains(name), $"Step '{name}' {(ran ? "ran with nothing to do" : "did not run")}.");
            if (!ran)
            {
                continue; // it had nothing to do, as checked just above
            }

            foreach (IncrementalGeneratorRunStep step in steps)
            {
                foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
                {
                    AssertHoldsNoCompilationObjects(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
                }
            }
        }

        int checkedOutputs = 0;
        foreach (string name in expected)
        {
            Assert.True(secondRun.TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps), $"Step '{name}' did not run the second time.");
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

        Assert.True(checkedOutputs > 0, "no step output was checked");
    }

    /// <summary>
    /// The steps a run must have tracked: all of <paramref name="steps"/>, except the models step when nothing was
    /// generated and the diagnostics step when nothing was reported (their filters pass no item, so no step is recorded).
    /// </summary>
    internal static string[] StepsThatRun(GeneratorRunResult run, string modelsStep, string diagnosticsStep, string[] steps) =>
    [
        .. steps.Where(name =>
            (name != modelsStep || !run.GeneratedSources.IsEmpty) && (name != diagnosticsStep || !run.Diagnostics.IsEmpty)),
    ];

    /// <summary>Walks a pipeline value's fields: no symbol, syntax, compilation or location may be kept alive by it.</summary>
    internal static void AssertHoldsNoCompilationObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.False(
            value is ISymbol or SyntaxNode or Compilation or Location or SemanticModel or SyntaxTree,
            $"{path} holds a {value.GetType().Name}");

        if (!value.GetType().IsValueType && !seen.Add(value))
        {
            return;
        }

        // Descriptors are static singletons compared by reference and id; they hold no compilation state.
        if (value is DiagnosticDescriptor)
        {
            return;
        }

        if (value is IEnumerable sequence)
        {
            int i = 0;
            foreach (object? item in sequence)
            {
                AssertHoldsNoCompilationObjects(item, $"{path}[{i++}]", seen);
            }

            if (value.GetType().IsArray)
            {
                return;
            }
        }

        for (Type? type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                AssertHoldsNoCompilationObjects(field.GetValue(value), path + "." + field.Name, seen);
            }
        }
    }
}
