using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Velithon.Generators.Interning;

namespace Velithon.Generators.Tests;

/// <summary>
/// [Obsolete] members, member types, constructors and [InternedStrings] constants: System.Text.Json writes and reads
/// them like any other, and the generated code used to name them without suppressing CS0612/CS0618, so a project
/// with TreatWarningsAsErrors failed to build in the generated files. [Obsolete(error: true)] cannot be suppressed:
/// that member is refused at the member (VLG103), where the generated code used to fail with CS0619.
/// </summary>
public sealed class ObsoleteMemberTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using Velithon;

        namespace Demo;

        [VelithonJson]
        public partial class Holder
        {
            [Obsolete] public int Old { get; set; }
            [Obsolete("use New")] public int Older { get; set; }
            public OldType? Type { get; set; }
            public List<OldType>? Types { get; set; }
            public Boxed<WholeType>? Box { get; set; }
            public Color Color { get; set; }
        }

        [Obsolete("t")]
        public class OldType { public int X { get; set; } }

        [VelithonJson]
        public partial class Boxed<T> { public T? Value { get; set; } }

        public enum Color { Red, [Obsolete] Green }

        [VelithonJson]
        public partial record Person([property: Obsolete] int Id)
        {
            [Obsolete("use other")] public Person() : this(0) { }
        }

        [Obsolete]
        [VelithonJson]
        public partial class WholeType { public int A { get; set; } }

        public static class Samples
        {
        #pragma warning disable CS0612, CS0618
            public static Holder Holder() => new() { Old = 1, Older = 2, Type = new() { X = 3 }, Types = [new() { X = 4 }], Box = new() { Value = new() { A = 5 } }, Color = Color.Green };
        #pragma warning restore CS0612, CS0618
        }
        """;

    [Fact]
    public void Obsolete_members_types_and_constructors_compile_without_warnings_and_write_as_STJ()
    {
        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));

        // The input's own uses of the obsolete type warn: only the generated files must be clean.
        Assert.Empty(result.CompilationProblems.Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true));

        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emit = result.Output.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        Assembly assembly = Assembly.Load(stream.ToArray());
        object holder = assembly.GetType("Demo.Samples")!.GetMethod("Holder")!.Invoke(null, null)!;
        Type type = holder.GetType();
        byte[] velithon = (byte[])typeof(VelithonJson).GetMethod(nameof(VelithonJson.SerializeToUtf8Bytes))!.MakeGenericMethod(type).Invoke(null, [holder, null])!;
        Assert.Equal(JsonSerializer.Serialize(holder, type, JsonSerializerOptions.Web), Encoding.UTF8.GetString(velithon));
    }

    [Fact]
    public void Obsolete_constants_of_an_InternedStrings_table_compile_without_warnings()
    {
        GeneratorResult result = GeneratorHarness.Run(new InternedStringsGenerator(), """
            using System;

            namespace Demo;

            [Velithon.InternedStrings]
            public static partial class Names
            {
                [Obsolete] public const string A = "a";
                [Obsolete("use C")] public const string B = "b";
                public const string C = "c";
            }
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }
    [Theory]
    [InlineData("[Obsolete(\"gone\", true)] public int A { get; set; }")]
    [InlineData("[Obsolete(\"gone\", error: true)] public int A;")]
    public void A_member_obsolete_as_an_error_is_refused_at_the_member(string member)
    {
        string source = $$"""
            using System;

            namespace Demo;

            [Velithon.VelithonJson(IncludeFields = true)]
            public partial class Holder
            {
                public int B { get; set; }
                {{member}}
            }
            """;
        GeneratorResult result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG103", diagnostic.Id);
        Assert.Equal(source.IndexOf(" A", StringComparison.Ordinal) + 1, diagnostic.Location.SourceSpan.Start);
        Assert.Contains("[Obsolete] as an error", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void A_member_obsolete_as_an_error_and_JsonIgnored_compiles()
    {
        GeneratorResult result = GeneratorHarness.Run("""
            using System;
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Holder
            {
                public int B { get; set; }
                [JsonIgnore, Obsolete("gone", true)] public int A { get; set; }
            }
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void A_string_enum_member_obsolete_as_an_error_is_written_and_read_by_its_value()
    {
        GeneratorResult result = GeneratorHarness.Run("""
            using System;
            using System.Text.Json.Serialization;

            namespace Demo;

            [JsonConverter(typeof(JsonStringEnumConverter))]
            public enum Color : short { Red = -1, [Obsolete("gone", true)] Green = -2, [Obsolete] Blue }

            [Velithon.VelithonJson]
            public partial class Holder { public Color C { get; set; } public Color[]? All { get; set; } }

            public static class Samples
            {
                public static Holder Holder() => new() { C = (Color)(-2), All = [Color.Red, (Color)(-2), (Color)0] };
            }
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emit = result.Output.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        Assembly assembly = Assembly.Load(stream.ToArray());
        object holder = assembly.GetType("Demo.Samples")!.GetMethod("Holder")!.Invoke(null, null)!;
        Type type = holder.GetType();
        byte[] velithon = (byte[])typeof(VelithonJson).GetMethod(nameof(VelithonJson.SerializeToUtf8Bytes))!.MakeGenericMethod(type).Invoke(null, [holder, null])!;
        string expected = JsonSerializer.Serialize(holder, type, JsonSerializerOptions.Web);
        Assert.Equal(expected, Encoding.UTF8.GetString(velithon));
        Assert.Contains("\"Green\"", expected, StringComparison.Ordinal);
        object? back = Deserialize(type, velithon);
        Assert.Equal(expected, JsonSerializer.Serialize(back, type, JsonSerializerOptions.Web));
    }

    [Fact]
    public void A_constructor_obsolete_as_an_error_leaves_the_type_unreadable_with_VLG104()
    {
        GeneratorResult result = GeneratorHarness.Run("""
            using System;

            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Holder
            {
                [Obsolete("gone", true)] public Holder() { }
                public int A { get; set; }
            }
            """);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG104", diagnostic.Id);
        Assert.Contains("[Obsolete] as an error", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.CompilationProblems);
    }

    private static object? Deserialize(Type type, byte[] utf8) =>
        typeof(VelithonJson).GetMethods()
            .Single(m => m.Name == nameof(VelithonJson.Deserialize) && m.GetParameters()[0].ParameterType.IsByRef)
            .MakeGenericMethod(type)
            .Invoke(null, [new System.Buffers.ReadOnlySequence<byte>(utf8), null]);
}
