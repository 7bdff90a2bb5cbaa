using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Velithon.Analyzers.CodeFixes;
using Velithon.Analyzers.Interning;

namespace Velithon.Analyzers.Tests;

public sealed class InternLiteralCodeFixTests
{
    private static DiagnosticResult Expect(int location, string value, int count) =>
        new DiagnosticResult(DiagnosticDescriptors.RepeatedLiteral)
            .WithLocation(location)
            .WithArguments(value, count.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    /// <summary>The new file is written as UTF-8 (the test sources have no encoding).</summary>
    private static SourceText Utf8(string text) => SourceText.From(text, System.Text.Encoding.UTF8);

    private static CodeFixTest<RepeatedLiteralAnalyzer, InternLiteralCodeFixProvider> Test()
    {
        var test = new CodeFixTest<RepeatedLiteralAnalyzer, InternLiteralCodeFixProvider>
        {
            // One fix replaces every occurrence of the value, so one iteration clears all its diagnostics.
            NumberOfIncrementalIterations = 1,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
            NumberOfFixAllInProjectIterations = 1,

            // VLG303 is reported at compilation end, so it is not local to a document (the IDE shows it, and its
            // fix, with full solution analysis or after a build).
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.TestState.Sources.Add(("/0/Attribute.cs", RepeatedLiteralTests.Attribute));
        test.FixedState.Sources.Add(("/0/Attribute.cs", RepeatedLiteralTests.Attribute));
        return test;
    }

    [Fact]
    public Task Without_a_table_a_new_InternedStrings_file_is_created()
    {
        CodeFixTest<RepeatedLiteralAnalyzer, InternLiteralCodeFixProvider> test = Test();
        test.TestState.Sources.Add(("/0/C.cs", """
            class C
            {
                string A() => {|#0:"admin"|};
                string B() => {|#1:"admin"|};
                bool D(string role) => role == {|#2:"admin"|};
            }
            """));
        test.ExpectedDiagnostics.AddRange([Expect(0, "admin", 3), Expect(1, "admin", 3), Expect(2, "admin", 3)]);
        test.FixedState.Sources.Add(("/0/C.cs", """
            class C
            {
                string A() => InternedLiterals.Admin;
                string B() => InternedLiterals.Admin;
                bool D(string role) => role == InternedLiterals.Admin;
            }
            """));
        test.FixedState.Sources.Add(("InternedStrings.cs", Utf8("""
            [Velithon.InternedStrings]
            internal static partial class InternedLiterals
            {
                public const string Admin = "admin";
            }

            """)));
        return test.RunAsync();
    }

    [Fact]
    public Task Differently_escaped_literals_share_one_constant()
    {
        CodeFixTest<RepeatedLiteralAnalyzer, InternLiteralCodeFixProvider> test = Test();
        test.TestState.Sources.Add(("/0/C.cs", """
            class C
            {
                string A() => {|#0:"say \"hi\""|};
                string B() => {|#1:"say \x22hi\x22"|};
                string D() => {|#2:"say \u0022hi\u0022"|};
            }
            """));
        test.ExpectedDiagnostics.AddRange([Expect(0, "say \\\"hi\\\"", 3), Expect(1, "say \\\"hi\\\"", 3), Expect(2, "say \\\"hi\\\"", 3)]);
        test.FixedState.Sources.Add(("/0/C.cs", """
            class C
            {
                string A() => InternedLiterals.SayHi;
                string B() => InternedLiterals.SayHi;
                string D() => InternedLiterals.SayHi;
            }
            """));
        test.FixedState.Sources.Add(("InternedStrings.cs", Utf8("""
            [Velithon.InternedStrings]
            internal static partial class InternedLiterals
            {
                public const string SayHi = "say \"hi\"";
            }

            """)));
        return test.RunAsync();
    }

    [Fact]
    public Task Constant_contexts_accept_the_replacement()
    {
        // Parameter defaults, case labels and patterns need constants: a const member is one, so the fixed code compiles.
        CodeFixTest<RepeatedLiteralAnalyzer, InternLiteralCodeFixProvider> test = Test();
        test.TestState.Sources.Add(("/0/C.cs", """
            class C
            {
                int M(string s = {|#0:"region"|})
                {
                    switch (s) { case {|#1:"region"|}: return 1; }
                    return s is {|#2:"region"|} ? 2 : 3;
                }

                bool N() => {|#3:"region"|} is {|#4:"region"|};
            }
            """));
        test.ExpectedDiagnostics.AddRange([Expect(0, "region", 5), Expect(1, "region", 5), Expect(2, "region", 5), Expect(3, "region", 5), Expect(4, "region", 5)]);
        test.FixedState.Sources.Add(("/0/C.cs", """
            class C
            {
                int M(string s = InternedLiterals.Region)
                {
                    switch (s) { case InternedLiterals.Region: return 1; }
                    return s is InternedLiterals.Region ? 2 : 3;
                }

                bool N() => InternedLiterals.Region is InternedLiterals.Region;
            }
            """));
        test.FixedState.Sources.Add(("InternedStrings.cs", Utf8("""
            [Velithon.InternedStrings]
            internal static partial class InternedLiterals
            {
                public const string Region = "region";
            }

            """)));
        return test.RunAsync();
    }

    [Fact]
    public Task An_existing_constant_with_the_value_is_used()
    {
        CodeFixTest<RepeatedLiteralAnalyzer, InternLiteralCodeFixProvider> test = Test();
        const string Table = """
            namespace App.Text
            {
                [Velithon.InternedStrings]
                public static partial class Roles
                {
                    public const string Administrator = "admin";
                }
            }
            """;
        test.TestState.Sources.Add(("/0/Roles.cs", Table));
        test.TestState.Sources.Add(("/0/C.cs", """
            namespace App
            {
                class C
                {
                    string A() => {|#0:"admin"|};
                    string B() => {|#1:"admin"|};
                    string D() => {|#2:"admin"|};
                }
            }
            """));
        test.ExpectedDiagnostics.AddRange([Expect(0, "admin", 3), Expect(1, "admin", 3), Expect(2, "admin", 3)]);
        test.FixedState.Sources.Add(("/0/Roles.cs", Table));
        test.FixedState.Sources.Add(("/0/C.cs", """
            namespace App
            {
                class C
                {
                    string A() => Text.Roles.Administrator;
                    string B() => Text.Roles.Administrator;
                    string D() => Text.Roles.Administrator;
                }
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task A_new_constant_is_added_to_the_existing_table_with_a_unique_name()
    {
        CodeFixTest<RepeatedLiteralAnalyzer, InternLiteralCodeFixProvider> test = Test();
        test.TestState.Sources.Add(("/0/Strings.cs", """
            [Velithon.InternedStrings]
            static partial class Strings
            {
                public const string UserId = "userId";
            }
            """));
        test.TestState.Sources.Add(("/0/C.cs", """
            class C
            {
                string A() => {|#0:"user-id"|};
                string B() => {|#1:"user-id"|};
                string D() => {|#2:"user-id"|};
            }
            """));
        test.ExpectedDiagnostics.AddRange([Expect(0, "user-id", 3), Expect(1, "user-id", 3), Expect(2, "user-id", 3)]);
        test.FixedState.Sources.Add(("/0/Strings.cs", """
            [Velithon.InternedStrings]
            static partial class Strings
            {
                public const string UserId = "userId";
                public const string UserId2 = "user-id";
            }
            """));
        test.FixedState.Sources.Add(("/0/C.cs", """
            class C
            {
                string A() => Strings.UserId2;
                string B() => Strings.UserId2;
                string D() => Strings.UserId2;
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_replaces_every_value_across_documents_into_one_new_table()
    {
        CodeFixTest<RepeatedLiteralAnalyzer, InternLiteralCodeFixProvider> test = Test();
        test.NumberOfIncrementalIterations = 2;
        test.TestState.Sources.Add(("/0/A.cs", """
            class A
            {
                string M() => {|#0:"admin"|} + {|#1:"tenant"|};
                string N() => {|#2:"admin"|};
            }
            """));
        test.TestState.Sources.Add(("/0/B.cs", """
            class B
            {
                string M() => {|#3:"tenant"|} + {|#4:"admin"|};
                string N() => {|#5:"tenant"|};
            }
            """));
        test.ExpectedDiagnostics.AddRange(
        [
            Expect(0, "admin", 3), Expect(2, "admin", 3), Expect(4, "admin", 3),
            Expect(1, "tenant", 3), Expect(3, "tenant", 3), Expect(5, "tenant", 3),
        ]);
        test.FixedState.Sources.Add(("/0/A.cs", """
            class A
            {
                string M() => InternedLiterals.Admin + InternedLiterals.Tenant;
                string N() => InternedLiterals.Admin;
            }
            """));
        test.FixedState.Sources.Add(("/0/B.cs", """
            class B
            {
                string M() => InternedLiterals.Tenant + InternedLiterals.Admin;
                string N() => InternedLiterals.Tenant;
            }
            """));
        test.FixedState.Sources.Add(("InternedStrings.cs", Utf8("""
            [Velithon.InternedStrings]
            internal static partial class InternedLiterals
            {
                public const string Admin = "admin";
                public const string Tenant = "tenant";
            }

            """)));

        // One at a time, the second value joins the table the first fix created; Fix All writes both at once.
        return test.RunAsync();
    }

    [Fact]
    public Task Generated_files_are_neither_counted_nor_rewritten()
    {
        CodeFixTest<RepeatedLiteralAnalyzer, InternLiteralCodeFixProvider> test = Test();
        const string generated = """
            // <auto-generated/>
            class G { string M() => "admin"; }
            """;
        const string named = """class H { string M() => "admin"; }""";
        test.TestState.Sources.Add(("/0/G.cs", generated));
        test.TestState.Sources.Add(("/0/H.g.cs", named));
        test.TestState.Sources.Add(("/0/C.cs", """
            class C
            {
                string A() => {|#0:"admin"|};
                string B() => {|#1:"admin"|};
                string D() => {|#2:"admin"|};
            }
            """));
        test.ExpectedDiagnostics.AddRange([Expect(0, "admin", 3), Expect(1, "admin", 3), Expect(2, "admin", 3)]);
        test.FixedState.Sources.Add(("/0/G.cs", generated));
        test.FixedState.Sources.Add(("/0/H.g.cs", named));
        test.FixedState.Sources.Add(("/0/C.cs", """
            class C
            {
                string A() => InternedLiterals.Admin;
                string B() => InternedLiterals.Admin;
                string D() => InternedLiterals.Admin;
            }
            """));
        test.FixedState.Sources.Add(("InternedStrings.cs", Utf8("""
            [Velithon.InternedStrings]
            internal static partial class InternedLiterals
            {
                public const string Admin = "admin";
            }

            """)));
        return test.RunAsync();
    }

    [Theory]
    [InlineData(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp9, false)]
    [InlineData(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10, true)]
    [InlineData(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest, true)]
    public Task The_new_file_uses_a_namespace_the_language_version_allows(Microsoft.CodeAnalysis.CSharp.LanguageVersion version, bool fileScoped)
    {
        CodeFixTest<RepeatedLiteralAnalyzer, InternLiteralCodeFixProvider> test = Test();
        test.SolutionTransforms.Add((solution, projectId) => solution
            .WithProjectDefaultNamespace(projectId, "Demo.Api")
            .WithProjectParseOptions(projectId, ((Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!).WithLanguageVersion(version)));

        // The project's own style where the language allows it: here a file-scoped namespace from C# 10 on.
        string code = fileScoped
            ? "namespace Demo.Api;\n\nclass C\n{\n    string A() => @0;\n    string B() => @1;\n    string D() => @2;\n}\n"
            : "class C\n{\n    string A() => @0;\n    string B() => @1;\n    string D() => @2;\n}\n";
        test.TestState.Sources.Add(("/0/C.cs", code.Replace("@0", "{|#0:\"admin\"|}", StringComparison.Ordinal).Replace("@1", "{|#1:\"admin\"|}", StringComparison.Ordinal).Replace("@2", "{|#2:\"admin\"|}", StringComparison.Ordinal)));
        test.ExpectedDiagnostics.AddRange([Expect(0, "admin", 3), Expect(1, "admin", 3), Expect(2, "admin", 3)]);
        string constant = fileScoped ? "InternedLiterals.Admin" : "Demo.Api.InternedLiterals.Admin";
        test.FixedState.Sources.Add(("/0/C.cs", code.Replace("@0", constant, StringComparison.Ordinal).Replace("@1", constant, StringComparison.Ordinal).Replace("@2", constant, StringComparison.Ordinal)));
        test.FixedState.Sources.Add(("InternedStrings.cs", Utf8(fileScoped
            ? """
                namespace Demo.Api;

                [Velithon.InternedStrings]
                internal static partial class InternedLiterals
                {
                    public const string Admin = "admin";
                }

                """
            : """
                namespace Demo.Api
                {
                    [Velithon.InternedStrings]
                    internal static partial class InternedLiterals
                    {
                        public const string Admin = "admin";
                    }
                }

                """)));
        return test.RunAsync();
    }

    [Fact]
    public Task A_value_that_is_its_own_name_keeps_it()
    {
        CodeFixTest<RepeatedLiteralAnalyzer, InternLiteralCodeFixProvider> test = Test();
        test.TestState.Sources.Add(("/0/C.cs", """
            class C
            {
                string A() => {|#0:"/Date("|} + {|#1:"Date"|};
                string B() => {|#2:"/Date("|} + {|#3:"Date"|};
                string D() => {|#4:"/Date("|} + {|#5:"Date"|};
            }
            """));
        test.ExpectedDiagnostics.AddRange([
            Expect(0, "/Date(", 3), Expect(1, "Date", 3), Expect(2, "/Date(", 3), Expect(3, "Date", 3), Expect(4, "/Date(", 3), Expect(5, "Date", 3),
        ]);
        test.FixedState.Sources.Add(("/0/C.cs", """
            class C
            {
                string A() => InternedLiterals.Date2 + InternedLiterals.Date;
                string B() => InternedLiterals.Date2 + InternedLiterals.Date;
                string D() => InternedLiterals.Date2 + InternedLiterals.Date;
            }
            """));
        test.FixedState.Sources.Add(("InternedStrings.cs", Utf8("""
            [Velithon.InternedStrings]
            internal static partial class InternedLiterals
            {
                public const string Date2 = "/Date(";
                public const string Date = "Date";
            }

            """)));
        test.NumberOfIncrementalIterations = 2;
        return test.RunAsync();
    }
}
