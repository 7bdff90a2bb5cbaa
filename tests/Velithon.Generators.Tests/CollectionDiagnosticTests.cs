using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Tests;

/// <summary>
/// Collections and dictionary keys the generator does not compile are VLG102 on the member: keys System.Text.Json
/// rejects at run time (NotSupportedException: "not a supported dictionary key"), collections it writes but cannot read,
/// and elements it does not support.
/// </summary>
public sealed class CollectionDiagnosticTests
{
    [Theory]
    // Keys STJ rejects.
    [InlineData("Dictionary<object, int>")]
    [InlineData("Dictionary<int?, int>")]
    [InlineData("Dictionary<byte[], int>")]
    [InlineData("Dictionary<List<int>, int>")]
    [InlineData("Dictionary<Key, int>")]
    [InlineData("Dictionary<Plain, int>")]
    [InlineData("SortedDictionary<KeyValuePair<int, int>, int>")]
    [InlineData("ImmutableDictionary<Shade, int>")]
    [InlineData("Dictionary<nint, int>")]
    // Collections STJ writes but cannot read (NotSupportedException on reading), or does not support.
    [InlineData("IReadOnlySet<int>")]
    [InlineData("FrozenSet<int>")]
    [InlineData("FrozenDictionary<string, int>")]
    [InlineData("ConcurrentBag<int>")]
    [InlineData("ReadOnlyCollection<int>")]
    [InlineData("ReadOnlyDictionary<string, int>")]
    [InlineData("BlockingCollection<int>")]
    // An element or value that is not supported.
    [InlineData("HashSet<nint>")]
    [InlineData("SortedDictionary<int, int[,]>")]
    public void Unsupported_collection_or_key_is_VLG102_on_the_member(string type)
    {
        string source = $$"""
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Frozen;
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using System.Collections.ObjectModel;
            using System.Text.Json.Serialization;

            namespace Demo;

            public class Plain { public int X { get; set; } }

            [JsonConverter(typeof(ShadeConverter))]
            public enum Shade { Light, Dark }

            public sealed class ShadeConverter : JsonConverter<Shade>
            {
                public override Shade Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => Shade.Light;
                public override void Write(System.Text.Json.Utf8JsonWriter writer, Shade value, System.Text.Json.JsonSerializerOptions options) => writer.WriteNumberValue(0);
            }

            [Velithon.VelithonJson]
            public partial class Key { public int Id { get; set; } }

            [Velithon.VelithonJson]
            public partial class Holder
            {
                public int Fine { get; set; }
                public {{type}}? Member { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG102", diagnostic.Id);
        Assert.Equal(source.IndexOf("Member {", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        Assert.Contains("'Member'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // The rest of the type is still generated, so the build shows only the real problem (and C#'s own warning
        // for a nullable key, CS8714).
        Assert.Empty(result.CompilationProblems.Where(d => !d.Id.StartsWith("VLG", StringComparison.Ordinal) && d.Id != "CS8714"));
    }

    [Theory]
    [InlineData("HashSet<int>")]
    [InlineData("Stack<string>")]
    [InlineData("ImmutableSortedSet<int>")]
    [InlineData("IImmutableStack<int>")]
    [InlineData("Dictionary<long, int>")]
    [InlineData("IDictionary<Guid, string>")]
    [InlineData("SortedList<TimeSpan, int>")]
    [InlineData("ImmutableSortedDictionary<Shade, int>")]
    [InlineData("Dictionary<Uri, int>")]
    [InlineData("ConcurrentDictionary<char, List<int>>")]
    [InlineData("Dictionary<Version, int>")]
    [InlineData("Dictionary<Half, Half?>")]
    [InlineData("SortedDictionary<Int128, UInt128>")]
    [InlineData("Dictionary<UInt128, List<Int128?>>")]
    [InlineData("HashSet<Half>")]
    [InlineData("Queue<Version>")]
    [InlineData("ImmutableArray<UInt128?>")]
    public void Supported_collection_or_key_compiles_without_diagnostics(string type)
    {
        string source = $$"""
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Collections.Immutable;

            namespace Demo;

            [JsonConverter(typeof(JsonStringEnumConverter<Shade>))]
            public enum Shade { Light, Dark }

            [Velithon.VelithonJson]
            public partial class Holder
            {
                public {{type}}? Member { get; set; }
            }
            """.Replace("[JsonConverter(typeof(JsonStringEnumConverter<Shade>))]", "[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Shade>))]", StringComparison.Ordinal);

        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }
}
