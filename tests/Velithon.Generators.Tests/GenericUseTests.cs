using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Velithon.Generators.Tests;

/// <summary>
/// Closed uses of generic <c>[VelithonJson]</c> types (<c>GenericUsePipeline</c>): found whether the generic type is
/// declared here or in a referenced library, and only generic names that may name one are bound.
/// </summary>
public sealed class GenericUseTests
{
    private const string Library = """
        namespace Lib
        {
            [Velithon.VelithonJson]
            public sealed partial class Envelope<T>
            {
                public T? Data { get; set; }
                public int Version { get; set; }
            }
        }
        """;

    private const string App = """
        using System.Collections.Generic;
        namespace App
        {
            [Velithon.VelithonJson]
            public sealed partial class Order { public int Id { get; set; } }

            public static class Use
            {
                public static Lib.Envelope<Order> Make() => new() { Data = new Order() };
                public static Dictionary<string, List<int>> Other() => new();
            }
        }
        """;

    [Fact]
    public void A_generic_type_of_a_referenced_library_is_registered_with_the_app_s_type_argument()
    {
        GeneratorResult library = GeneratorHarness.Run(Library);
        Assert.Empty(library.CompilationProblems);
        using var image = new MemoryStream();
        Assert.True(library.Output.Emit(image).Success);

        CSharpCompilation app = GeneratorHarness.CreateCompilation(App).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        GeneratorResult result = GeneratorHarness.Run(new Velithon.Generators.Json.VelithonJsonGenerator(), app);
        Assert.Empty(result.CompilationProblems);
        string uses = result.Sources.Single(s => s.HintName == "VelithonJson.GenericTypeArguments.g.cs").SourceText.ToString();
        Assert.Contains("Register<global::Lib.Envelope<global::App.Order>>()", uses, StringComparison.Ordinal);
        Assert.DoesNotContain("Dictionary", uses, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compilation_without_generic_VelithonJson_types_emits_no_registrations()
    {
        GeneratorResult result = GeneratorHarness.Run("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            namespace App
            {
                [Velithon.VelithonJson]
                public sealed partial class Order { public List<int> Ids { get; set; } = []; }
                public static class Use { public static Task<Dictionary<string, List<Order>>> Make() => Task.FromResult(new Dictionary<string, List<Order>>()); }
            }
            """);
        Assert.Empty(result.CompilationProblems);
        Assert.DoesNotContain(result.Sources, s => s.HintName == "VelithonJson.GenericTypeArguments.g.cs");
    }

    [Fact]
    public void Collection_type_arguments_are_registered_through_their_handler_factories_recursively()
    {
        GeneratorResult result = GeneratorHarness.Run("""
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using System.Collections.ObjectModel;
            namespace App
            {
                [Velithon.VelithonJson]
                public partial class Wrapper<T> { public T? Value { get; set; } }

                [Velithon.VelithonJson]
                public partial class Envelope<T> { public Wrapper<Stack<T>>? Stacked { get; set; } }

                [Velithon.VelithonJson]
                public sealed partial class Order { public int Id { get; set; } }

                public enum Tier { Basic, Gold }

                [Velithon.VelithonJson]
                public sealed partial class Holder
                {
                    public Wrapper<HashSet<Order>>? Sets { get; set; }
                    public Wrapper<IReadOnlyCollection<int>>? ReadOnly { get; set; }
                    public Wrapper<SortedDictionary<Tier, Queue<int>>>? ByTier { get; set; }
                    public Wrapper<IImmutableDictionary<string, ObservableCollection<Order>>>? Immutable { get; set; }
                    public Envelope<Guid>? Envelope { get; set; }
                }

                public static class Use
                {
                    public static object? Read(byte[] json) => Velithon.VelithonJson.Deserialize<Wrapper<ConcurrentDictionary<long, ImmutableStack<string?>>>>(json);
                }
            }
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Snapshot.Verify(result.Sources.Single(s => s.HintName == "VelithonJson.GenericTypeArguments.g.cs").SourceText.ToString(), nameof(Collection_type_arguments_are_registered_through_their_handler_factories_recursively));
        string holder = result.Sources.Single(s => s.HintName.StartsWith("App.Holder", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("global::Velithon.Json.JsonValueHandlers.EnumKey<global::App.Tier>();", holder, StringComparison.Ordinal);
        Assert.Contains("global::Velithon.Json.JsonValueHandlers.Queue<int>();", holder, StringComparison.Ordinal);
        string envelope = result.Sources.Single(s => s.HintName.StartsWith("App.Envelope", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("global::Velithon.Json.JsonValueHandlers.Stack<T>();", envelope, StringComparison.Ordinal);
    }
}
