using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Tests;

/// <summary>
/// Type arguments of generic [VelithonJson] types: every collection kind System.Text.Json reads gets a handler (the
/// build is clean), and a type argument that cannot have one is VLG117 at the member that uses the closed type, with
/// the reason, instead of a NotSupportedException on its first write or read.
/// </summary>
public sealed class TypeArgumentDiagnosticTests
{
    [Theory]
    [InlineData("IReadOnlySet<int>", "System.Text.Json writes that collection but cannot read it")]
    [InlineData("FrozenSet<Order>", "System.Text.Json writes that collection but cannot read it")]
    [InlineData("FrozenDictionary<string, int>", "System.Text.Json writes that collection but cannot read it")]
    [InlineData("ConcurrentBag<int>", "System.Text.Json writes that collection but cannot read it")]
    [InlineData("ReadOnlyCollection<int>", "System.Text.Json writes that collection but cannot read it")]
    [InlineData("ReadOnlyDictionary<string, int>", "System.Text.Json writes that collection but cannot read it")]
    [InlineData("Plain", "that type has no [VelithonJson]")]
    [InlineData("HashSet<Plain>", "it holds 'Demo.Plain', and that type has no [VelithonJson]")]
    [InlineData("Dictionary<object, int>", "only [VelithonJson] types")]
    [InlineData("Queue<nint>", "only [VelithonJson] types")]
    [InlineData("List<IReadOnlySet<int>>", "it holds 'System.Collections.Generic.IReadOnlySet<int>', and System.Text.Json writes that collection but cannot read it")]
    public void A_type_argument_without_a_handler_is_VLG117_on_the_member(string argument, string reason)
    {
        string source = Source($"Page<{argument}>");
        GeneratorResult result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG117", diagnostic.Id);
        Assert.Equal(source.IndexOf("Member {", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("'Member'", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);

        // The rest of the type is still generated: the build shows only the real problem.
        Assert.Empty(result.CompilationProblems.Where(d => !d.Id.StartsWith("VLG", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("HashSet<Order>")]
    [InlineData("ISet<string?>")]
    [InlineData("IReadOnlyCollection<int>")]
    [InlineData("SortedSet<int>")]
    [InlineData("Queue<Order?>")]
    [InlineData("Stack<List<int>>")]
    [InlineData("LinkedList<Tier>")]
    [InlineData("Collection<int?>")]
    [InlineData("ObservableCollection<Order>")]
    [InlineData("ConcurrentQueue<int>")]
    [InlineData("ConcurrentStack<int>")]
    [InlineData("ImmutableList<int>")]
    [InlineData("IImmutableSet<Guid>")]
    [InlineData("ImmutableSortedSet<string>")]
    [InlineData("IImmutableQueue<int>")]
    [InlineData("ImmutableStack<Order>")]
    [InlineData("Dictionary<int, Order>")]
    [InlineData("IReadOnlyDictionary<Guid, HashSet<int>>")]
    [InlineData("SortedDictionary<Tier, string>")]
    [InlineData("SortedList<DateTime, int>")]
    [InlineData("ConcurrentDictionary<long, Queue<Order>>")]
    [InlineData("ImmutableDictionary<string, int>")]
    [InlineData("IImmutableDictionary<Shade, int>")]
    [InlineData("ImmutableSortedDictionary<Version, int>")]
    public void A_collection_type_argument_compiles_without_diagnostics(string argument)
    {
        GeneratorResult result = GeneratorHarness.Run(Source($"Page<{argument}>"));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    private static string Source(string memberType) => $$"""
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Frozen;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Collections.ObjectModel;
        using System.Text.Json.Serialization;

        namespace Demo;

        public class Plain { public int X { get; set; } }

        public enum Tier { Basic, Gold }

        [JsonConverter(typeof(JsonStringEnumConverter<Shade>))]
        public enum Shade { Light, Dark }

        [Velithon.VelithonJson]
        public partial class Order { public int Id { get; set; } }

        [Velithon.VelithonJson]
        public partial class Page<T> { public List<T> Items { get; set; } = []; }

        [Velithon.VelithonJson]
        public partial class Holder
        {
            public int Fine { get; set; }
            public {{memberType}}? Member { get; set; }
        }
        """;
}
