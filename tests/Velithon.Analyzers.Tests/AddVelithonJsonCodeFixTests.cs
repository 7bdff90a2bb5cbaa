using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Velithon.Analyzers.CodeFixes;

namespace Velithon.Analyzers.Tests;

/// <summary>
/// Test-only stand-in for the generator's VLG122 (same rule for what these tests use: a property of a [VelithonJson]
/// type whose class, struct or record type has no [VelithonJson]; reported at the property's name, with the type's
/// metadata name in the "PlainType" property).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PlainTypeTestAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        "VLG122", "Member type generated outside the type", "Member '{0}' has type '{1}', which has no [VelithonJson]",
        "Velithon.Json", DiagnosticSeverity.Info, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSymbolAction(
            c =>
            {
                var property = (IPropertySymbol)c.Symbol;
                if (!IsJson(property.ContainingType) || property.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } type
                    || IsJson(type) || type.ContainingNamespace.ToDisplayString().StartsWith("System", StringComparison.Ordinal))
                {
                    return;
                }

                type = (INamedTypeSymbol)type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
                var properties = ImmutableDictionary<string, string?>.Empty.Add("PlainType", type.ContainingType is null
                    ? type.ToDisplayString()
                    : type.ContainingType.ToDisplayString() + "+" + type.Name);
                c.ReportDiagnostic(Diagnostic.Create(Rule, property.Locations[0], properties, property.Name, type.ToDisplayString()));
            },
            SymbolKind.Property);
    }

    private static bool IsJson(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Velithon.VelithonJsonAttribute");
}

public sealed class AddVelithonJsonCodeFixTests
{
    private const string Attribute = """
        namespace Velithon
        {
            [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Struct)]
            public sealed class VelithonJsonAttribute : System.Attribute
            {
                public bool WriteIndented { get; set; }
            }
        }
        """;

    private static CodeFixTest<PlainTypeTestAnalyzer, AddVelithonJsonCodeFixProvider> Test()
    {
        var test = new CodeFixTest<PlainTypeTestAnalyzer, AddVelithonJsonCodeFixProvider>();
        test.TestState.Sources.Add(("/0/Attribute.cs", Attribute));
        test.FixedState.Sources.Add(("/0/Attribute.cs", Attribute));
        return test;
    }

    private static DiagnosticResult Expect(int location, string member, string type) =>
        new DiagnosticResult(PlainTypeTestAnalyzer.Rule).WithLocation(location).WithArguments(member, type);

    [Fact]
    public Task Adds_VelithonJson_and_partial_to_a_class_in_another_document()
    {
        CodeFixTest<PlainTypeTestAnalyzer, AddVelithonJsonCodeFixProvider> test = Test();
        test.TestState.Sources.Add(("/0/Order.cs", """
            using Velithon;

            namespace App;

            [VelithonJson]
            public partial class Order
            {
                public Money? {|#0:Total|} { get; set; }
            }
            """));
        test.TestState.Sources.Add(("/0/Money.cs", """
            namespace App;

            /// <summary>An amount.</summary>
            public sealed class Money
            {
                public decimal Amount { get; set; }
            }
            """));
        test.ExpectedDiagnostics.Add(Expect(0, "Total", "App.Money"));
        test.FixedState.Sources.Add(("/0/Order.cs", """
            using Velithon;

            namespace App;

            [VelithonJson]
            public partial class Order
            {
                public Money? Total { get; set; }
            }
            """));
        test.FixedState.Sources.Add(("/0/Money.cs", """
            namespace App;

            /// <summary>An amount.</summary>
            [Velithon.VelithonJson]
            public sealed partial class Money
            {
                public decimal Amount { get; set; }
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Copies_the_reaching_types_settings_and_makes_containing_types_partial()
    {
        CodeFixTest<PlainTypeTestAnalyzer, AddVelithonJsonCodeFixProvider> test = Test();
        test.TestState.Sources.Add(("/0/T.cs", """
            using Velithon;

            public static class Dtos
            {
                [System.Serializable]
                public record Point(int X, int Y);
            }

            [VelithonJson(WriteIndented = true)]
            public partial class Shape
            {
                public Dtos.Point? {|#0:Origin|} { get; set; }
            }
            """));
        test.ExpectedDiagnostics.Add(Expect(0, "Origin", "Dtos.Point"));
        test.FixedState.Sources.Add(("/0/T.cs", """
            using Velithon;

            public static partial class Dtos
            {
                [VelithonJson(WriteIndented = true)]
                [System.Serializable]
                public partial record Point(int X, int Y);
            }

            [VelithonJson(WriteIndented = true)]
            public partial class Shape
            {
                public Dtos.Point? Origin { get; set; }
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Adds_the_attribute_once_to_a_type_declared_in_parts()
    {
        CodeFixTest<PlainTypeTestAnalyzer, AddVelithonJsonCodeFixProvider> test = Test();
        test.TestState.Sources.Add(("/0/T.cs", """
            using Velithon;

            [VelithonJson]
            internal partial class Holder
            {
                public Size {|#0:Size|} { get; set; }
            }

            struct Size
            {
                public int Width { get; set; }
            }
            """));
        test.ExpectedDiagnostics.Add(Expect(0, "Size", "Size"));
        test.FixedState.Sources.Add(("/0/T.cs", """
            using Velithon;

            [VelithonJson]
            internal partial class Holder
            {
                public Size Size { get; set; }
            }

            [VelithonJson]
            partial struct Size
            {
                public int Width { get; set; }
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public async Task Offers_nothing_for_a_type_of_a_referenced_assembly()
    {
        // System.Version stands for a DTO of another assembly: the stand-in skips System types, so a reported one is
        // forced through the provider directly.
        var workspace = new Microsoft.CodeAnalysis.AdhocWorkspace();
        Project project = workspace.AddProject("P", LanguageNames.CSharp)
            .WithMetadataReferences(TestReferences.Net)
            .AddDocument("T.cs", Attribute + "\n[Velithon.VelithonJson] public partial class H { public System.Version? V { get; set; } }").Project;
        Document document = project.Documents.Single();
        SyntaxTree tree = (await document.GetSyntaxTreeAsync())!;
        int at = tree.ToString().IndexOf(" V ", StringComparison.Ordinal) + 1;
        var diagnostic = Diagnostic.Create(PlainTypeTestAnalyzer.Rule, Location.Create(tree, new Microsoft.CodeAnalysis.Text.TextSpan(at, 1)),
            ImmutableDictionary<string, string?>.Empty.Add("PlainType", "System.Version"), "V", "System.Version");
        var actions = new List<Microsoft.CodeAnalysis.CodeActions.CodeAction>();
        var context = new Microsoft.CodeAnalysis.CodeFixes.CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None);
        await new AddVelithonJsonCodeFixProvider().RegisterCodeFixesAsync(context);
        Assert.Empty(actions);
    }
}
