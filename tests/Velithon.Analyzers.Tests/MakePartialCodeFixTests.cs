using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Velithon.Analyzers.CodeFixes;

namespace Velithon.Analyzers.Tests;

/// <summary>
/// Test-only stand-in for the generator's VLG101 (same rule: the [VelithonJson] type, then each containing type,
/// must be partial; reported on the first one that is not, at its name).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TypeNotPartialTestAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        "VLG101", "[VelithonJson] type must be partial", "Type '{0}' must be declared partial for [VelithonJson] to generate its serializer",
        "Velithon.Json", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSymbolAction(
            c =>
            {
                var type = (INamedTypeSymbol)c.Symbol;
                if (!type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Velithon.VelithonJsonAttribute"))
                {
                    return;
                }

                for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
                {
                    bool partial = t.DeclaringSyntaxReferences.Any(r => r.GetSyntax(c.CancellationToken) is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.PartialKeyword));
                    if (!partial)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, t.Locations[0], t.ToDisplayString()));
                        return;
                    }
                }
            },
            SymbolKind.NamedType);
    }
}

public sealed class MakePartialCodeFixTests
{
    private const string Attribute = """
        namespace Velithon
        {
            [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Struct)]
            public sealed class VelithonJsonAttribute : System.Attribute { }
        }
        """;

    private static CodeFixTest<TypeNotPartialTestAnalyzer, MakePartialCodeFixProvider> Test()
    {
        var test = new CodeFixTest<TypeNotPartialTestAnalyzer, MakePartialCodeFixProvider>
        {
            // Like the generator, the stand-in reports a containing type while analyzing the nested one.
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.TestState.Sources.Add(("/0/Attribute.cs", Attribute));
        test.FixedState.Sources.Add(("/0/Attribute.cs", Attribute));
        return test;
    }

    private static DiagnosticResult Expect(int location, string type) =>
        new DiagnosticResult(TypeNotPartialTestAnalyzer.Rule).WithLocation(location).WithArguments(type);

    [Fact]
    public Task Adds_partial_to_a_top_level_type()
    {
        CodeFixTest<TypeNotPartialTestAnalyzer, MakePartialCodeFixProvider> test = Test();
        test.TestState.Sources.Add(("/0/T.cs", """
            using Velithon;

            /// <summary>Doc.</summary>
            [VelithonJson]
            public sealed class {|#0:Person|} { public int Age { get; set; } }

            [VelithonJson]
            record {|#1:Point|}(int X, int Y);

            [VelithonJson]
            readonly record struct {|#2:Size|}(int W);
            """));
        test.ExpectedDiagnostics.AddRange([Expect(0, "Person"), Expect(1, "Point"), Expect(2, "Size")]);
        test.FixedState.Sources.Add(("/0/T.cs", """
            using Velithon;

            /// <summary>Doc.</summary>
            [VelithonJson]
            public sealed partial class Person { public int Age { get; set; } }

            [VelithonJson]
            partial record Point(int X, int Y);

            [VelithonJson]
            readonly partial record struct Size(int W);
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Adds_partial_to_the_type_and_every_containing_type_in_one_fix()
    {
        CodeFixTest<TypeNotPartialTestAnalyzer, MakePartialCodeFixProvider> test = Test();
        test.TestState.Sources.Add(("/0/T.cs", """
            namespace App
            {
                public static class Outer
                {
                    internal class Holder
                    {
                        [Velithon.VelithonJson]
                        public class {|#0:Inner|} { public int A { get; set; } }
                    }
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Expect(0, "App.Outer.Holder.Inner"));
        test.FixedState.Sources.Add(("/0/T.cs", """
            namespace App
            {
                public static partial class Outer
                {
                    internal partial class Holder
                    {
                        [Velithon.VelithonJson]
                        public partial class Inner { public int A { get; set; } }
                    }
                }
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Reported_on_a_containing_type_the_nested_json_type_is_fixed_too()
    {
        CodeFixTest<TypeNotPartialTestAnalyzer, MakePartialCodeFixProvider> test = Test();
        test.TestState.Sources.Add(("/0/T.cs", """
            public class {|#0:Holder|}
            {
                [Velithon.VelithonJson]
                public partial class Inner { public int A { get; set; } }

                public class NotJson { }
            }
            """));
        test.ExpectedDiagnostics.Add(Expect(0, "Holder"));
        test.FixedState.Sources.Add(("/0/T.cs", """
            public partial class Holder
            {
                [Velithon.VelithonJson]
                public partial class Inner { public int A { get; set; } }

                public class NotJson { }
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_edits_shared_containing_types_once_across_documents()
    {
        CodeFixTest<TypeNotPartialTestAnalyzer, MakePartialCodeFixProvider> test = Test();
        test.TestState.Sources.Add(("/0/A.cs", """
            public class Api
            {
                [Velithon.VelithonJson]
                public class {|#0:Request|} { }

                [Velithon.VelithonJson]
                public class {|#1:Response|} { }
            }
            """));
        test.TestState.Sources.Add(("/0/B.cs", """
            [Velithon.VelithonJson]
            class {|#2:Other|} { }
            """));
        test.ExpectedDiagnostics.AddRange([Expect(0, "Api.Request"), Expect(1, "Api.Response"), Expect(2, "Other")]);
        test.FixedState.Sources.Add(("/0/A.cs", """
            public partial class Api
            {
                [Velithon.VelithonJson]
                public partial class Request { }

                [Velithon.VelithonJson]
                public partial class Response { }
            }
            """));
        test.FixedState.Sources.Add(("/0/B.cs", """
            [Velithon.VelithonJson]
            partial class Other { }
            """));

        // One at a time: Request (with Api), Response, Other. Fix All in the project or solution does all three in
        // one pass; in a document it takes one pass per document.
        test.NumberOfIncrementalIterations = 3;
        test.NumberOfFixAllInDocumentIterations = 2;
        test.NumberOfFixAllInProjectIterations = 1;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    [Fact]
    public Task Declarations_in_other_files_get_the_modifier_too()
    {
        // Holder is declared in two files and only one says partial (CS0260): the fix completes the other file.
        CodeFixTest<TypeNotPartialTestAnalyzer, MakePartialCodeFixProvider> test = Test();
        test.TestState.Sources.Add(("/0/A.cs", """
            public partial class Holder
            {
                public int X { get; set; }
            }
            """));
        test.TestState.Sources.Add(("/0/B.cs", """
            public class {|CS0260:Holder|}
            {
                [Velithon.VelithonJson]
                public class {|#0:Inner|} { }
            }
            """));
        test.ExpectedDiagnostics.Add(Expect(0, "Holder.Inner"));
        test.FixedState.Sources.Add(("/0/A.cs", """
            public partial class Holder
            {
                public int X { get; set; }
            }
            """));
        test.FixedState.Sources.Add(("/0/B.cs", """
            public partial class Holder
            {
                [Velithon.VelithonJson]
                public partial class Inner { }
            }
            """));
        return test.RunAsync();
    }
}
