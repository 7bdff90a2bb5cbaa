using Microsoft.CodeAnalysis.Testing;
using Velithon.Analyzers.Interning;

namespace Velithon.Analyzers.Tests;

public sealed class UniqueValueInterningTests
{
    private const string Interner = """
        namespace Velithon.Memory
        {
            public sealed class StringInterner
            {
                public static StringInterner Shared { get; } = new();
                public string Intern(string value) => value;
                public string Intern(System.ReadOnlySpan<char> value) => value.ToString();
                public string InternUtf8(System.ReadOnlySpan<byte> utf8) => "";
            }
        }
        """;

    private static Task Run(string body, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<UniqueValueInterningAnalyzer>
        {
            TestCode = $$"""
                using System;
                using System.Security.Cryptography;
                using System.Text;
                using Velithon.Memory;

                class C
                {
                    void M(StringInterner interner, Random random, Guid id, object o)
                    {
                {{body}}
                    }
                }
                """,
        };
        test.TestState.Sources.Add(Interner);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Expect(string argument, string reason) =>
        new DiagnosticResult(DiagnosticDescriptors.UniqueValueInterned).WithLocation(0).WithArguments(argument, reason);

    [Theory]
    [InlineData("Guid.NewGuid().ToString()", "GUID text")]
    [InlineData("Guid.NewGuid().ToString(\"N\")", "GUID text")]
    [InlineData("id.ToString()", "GUID text")]
    [InlineData("DateTime.Now.ToString()", "a timestamp")]
    [InlineData("DateTime.UtcNow.ToString(\"O\")", "a timestamp")]
    [InlineData("DateTimeOffset.UtcNow.ToString()", "a timestamp")]
    [InlineData("DateTime.UtcNow.Ticks.ToString()", "a timestamp")]
    [InlineData("TimeProvider.System.GetUtcNow().ToString()", "a timestamp")]
    [InlineData("random.Next().ToString()", "a random number")]
    [InlineData("Random.Shared.Next(0, 1_000_000).ToString()", "a random number")]
    [InlineData("Random.Shared.NextInt64().ToString()", "a random number")]
    [InlineData("Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(\"x\")))", "a hash")]
    [InlineData("o.GetHashCode().ToString()", "a hash")]
    [InlineData("$\"user:{Guid.NewGuid()}\"", "GUID text")]
    [InlineData("$\"at {DateTime.UtcNow:O}\"", "a timestamp")]
    [InlineData("\"req-\" + Random.Shared.Next()", "a random number")]
    [InlineData("string.Concat(\"k\", id.ToString(\"N\"))", "GUID text")]
    public Task Intern_of_unique_value_is_reported(string argument, string reason) =>
        Run($"interner.Intern({{|#0:{argument}|}});", Expect(argument, reason));

    [Fact]
    public Task Span_and_utf8_overloads_and_string_Intern_are_checked() =>
        Run("""
                    interner.Intern({|#0:Guid.NewGuid().ToString().AsSpan()|});
                    interner.InternUtf8({|#1:Encoding.UTF8.GetBytes(DateTime.Now.ToString())|});
                    string.Intern({|#2:Guid.NewGuid().ToString()|});
            """,
            Expect("Guid.NewGuid().ToString().AsSpan()", "GUID text"),
            new DiagnosticResult(DiagnosticDescriptors.UniqueValueInterned).WithLocation(1).WithArguments("Encoding.UTF8.GetBytes(DateTime.Now.ToString())", "a timestamp"),
            new DiagnosticResult(DiagnosticDescriptors.UniqueValueInterned).WithLocation(2).WithArguments("Guid.NewGuid().ToString()", "GUID text"));

    [Fact]
    public async Task Ulid_text_is_reported()
    {
        var test = new AnalyzerTest<UniqueValueInterningAnalyzer>
        {
            TestCode = """
                using Velithon.Memory;
                readonly struct Ulid { public static Ulid NewUlid() => default; public override string ToString() => ""; }
                class C { string M(StringInterner i) => i.Intern({|#0:Ulid.NewUlid().ToString()|}); }
                """,
        };
        test.TestState.Sources.Add(Interner);
        test.ExpectedDiagnostics.Add(Expect("Ulid.NewUlid().ToString()", "ULID text"));
        await test.RunAsync();
    }

    [Fact]
    public Task Local_initialized_once_is_followed() =>
        Run("""
                    var key = Guid.NewGuid().ToString("N");
                    interner.Intern({|#0:key|});
            """,
            Expect("key", "GUID text"));

    [Fact]
    public Task Repeating_values_are_not_reported() =>
        Run("""
                    interner.Intern("admin");
                    interner.Intern(o.ToString()!);
                    interner.Intern(DateTime.Now.DayOfWeek.ToString());
                    interner.Intern(Random.Shared.Next(0, 10).ToString());
                    interner.Intern($"role:{o}");
                    string.Intern(Environment.MachineName);
                    var key = Guid.NewGuid().ToString();
                    key = "fixed";
                    interner.Intern(key);
            """);

    [Fact]
    public async Task Other_Intern_methods_are_ignored()
    {
        var test = new AnalyzerTest<UniqueValueInterningAnalyzer>
        {
            TestCode = """
                using System;
                static class Unrelated { public static string Intern(string s) => s; }
                """,
        };
        await test.RunAsync();
    }
}
