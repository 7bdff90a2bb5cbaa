using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Velithon.Generators.Tests;

/// <summary>
/// Generated readers on inputs where System.Text.Json's rules are easy to miss: fully escaped long names,
/// case-insensitive matches in error paths, reader errors inside values, names that are not UTF-8, string enum lists;
/// and generated writers on interface-typed collections (fast paths and fallbacks).
/// </summary>
public sealed class EdgeInputTests
{
    private const string Source = """
        using System;
        using System.Buffers;
        using System.Collections.Generic;
        using System.Collections.ObjectModel;
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        [JsonConverter(typeof(JsonStringEnumConverter))]
        public enum Suit { Clubs, Diamonds, Hearts, Spades }

        [Flags]
        [JsonConverter(typeof(JsonStringEnumConverter))]
        public enum Perms : byte { None = 0, Read = 1, Write = 2, Exec = 4 }

        [VelithonJson]
        public partial class Item
        {
            public int Id { get; set; }
        }

        [VelithonJson]
        public partial class Edges
        {
            public int Id { get; set; }
            public int AVeryLongMemberNameThatIsWrittenFullyEscaped { get; set; }
            public List<Item>? Items { get; set; }
            public IEnumerable<string?>? Names { get; set; }
            public ICollection<Item?>? Bag { get; set; }
            public IReadOnlyList<int?>? Maybe { get; set; }
            public IList<List<int>>? Nested { get; set; }
            public IReadOnlyDictionary<string, int>? Counts { get; set; }
            public IDictionary<string, Item?>? ById { get; set; }
            public Suit Suit { get; set; }
            public Perms Perms { get; set; }
        }

        public static class Samples
        {
            public static Edges[] Writes() =>
            [
                new Edges
                {
                    Names = new[] { "a", null }, Bag = new List<Item?> { new() { Id = 1 }, null }, Maybe = new int?[] { 1, null },
                    Nested = new List<List<int>> { new() { 1, 2 }, new() }, Counts = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 },
                    ById = new Dictionary<string, Item?> { ["x"] = new() { Id = 3 }, ["y"] = null }, Suit = Suit.Hearts, Perms = Perms.Read | Perms.Exec,
                },
                new Edges
                {
                    Names = new HashSet<string?> { "h" }, Bag = new HashSet<Item?> { null }, Maybe = new ReadOnlyCollection<int?>(new int?[] { 7 }),
                    Nested = new[] { new List<int> { 3 } }, Counts = new ReadOnlyDictionary<string, int>(new Dictionary<string, int> { ["r"] = 4 }),
                    ById = new SortedDictionary<string, Item?> { ["s"] = null }, Suit = (Suit)9, Perms = (Perms)8,
                },
                new Edges { Names = Yield(), Bag = new Item?[0], Maybe = new List<int?>(), Counts = new Dictionary<string, int>(), ById = new Dictionary<string, Item?>() },
            ];

            /// <summary>One serialization of <paramref name="value"/> into a reused buffer, for the allocation measurement.</summary>
            public static Action Serializing(Edges value)
            {
                var buffer = new ArrayBufferWriter<byte>(1 << 16);
                return () =>
                {
                    buffer.ResetWrittenCount();
                    VelithonJson.Serialize(value, buffer);
                };
            }

            private static IEnumerable<string?> Yield()
            {
                yield return "y";
                yield return null;
            }
        }
        """;


    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emit = result.Output.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        return Assembly.Load(stream.ToArray());
    });

    public static TheoryData<string> Inputs()
    {
        string longName = "aVeryLongMemberNameThatIsWrittenFullyEscaped";
        string escaped = string.Concat(longName.Select(c => $"\\u{(int)c:x4}"));
        return new TheoryData<string>
        {
            // A name written fully escaped is 6 bytes per character; the longest member must still match (and the
            // same with one more character must not).
            "{\"" + escaped + "\":5}",
            "{\"" + escaped.ToUpperInvariant().Replace("\\U", "\\u", StringComparison.Ordinal) + "\":6}",
            "{\"" + escaped + "\\u0078\":5}",
            "{\"i\\u0064\":7}",
            // Reader errors in a value belong to its property or element; case-insensitive matches are named as written.
            "{\"id\":01}",
            "{\"iD\":01}",
            "{\"Id\":1",
            "{\"items\":[{\"ID\":\"x\"}]}",
            "{\"items\":[{\"I\\u0044\":true}]}",
            "{\"items\":[{\"id\":1},01]}",
            "{\"items\":[{\"id\":1},}",
            "{\"zzz\":[1,}",
            "{\"counts\":{\"a\":1,}}",
            "{\"counts\":{\"a\":01}}",
            "{\"maybe\":[1,2,01]}",
            "{\"nested\":[[1],[1,}",
            // Names System.Text.Json does not UTF-8-validate: unknown ones are skipped; lone surrogates still fail.
            "{\"\\u0069\\xFF\":1,\"id\":2}",
            "{\"\\xC3\\u0069\":1,\"id\":2}",
            "{\"\\xFF\\uD800\":1}",
            "{\"\\uD800\":1}",
            // String enums: comma lists for flags and other enums, white space, one trailing comma, numbers.
            "{\"suit\":\"Clubs,\"}",
            "{\"suit\":\"Clubs, \"}",
            "{\"suit\":\"Clubs, Hearts\"}",
            "{\"suit\":\" hearts\\t\"}",
            "{\"suit\":\"\\u00A0Spades\"}",
            "{\"suit\":\"\\u200BSpades\"}",
            "{\"suit\":\",Clubs\"}",
            "{\"suit\":\"Clubs,,\"}",
            "{\"suit\":\",\"}",
            "{\"suit\":\"\"}",
            "{\"suit\":\" +2 \"}",
            "{\"suit\":\"-0\"}",
            "{\"suit\":\"1,\"}",
            "{\"suit\":\"1, Clubs\"}",
            "{\"suit\":\"99999999999\"}",
            "{\"perms\":\"read , WRITE,\"}",
            "{\"perms\":\"Read,,Write\"}",
            "{\"perms\":\"255\"}",
            "{\"perms\":\"256\"}",
            "{\"perms\":\"-1\"}",
            "{\"perms\":\"None, Exec\"}",
        };
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Reads_like_SystemTextJson(string input)
    {
        byte[] json = TestInputs.Utf8WithRawBytes(input);
        Type type = Compiled.Value.GetType("Demo.Edges")!;
        (object? expected, JsonException? expectedError) = Outcome(() => JsonSerializer.Deserialize(json, type, JsonSerializerOptions.Web));
        foreach (ReadOnlySequence<byte> sequence in new[] { new ReadOnlySequence<byte>(json), TestInputs.Split(json, 1) })
        {
            (object? actual, JsonException? error) = Outcome(() => Deserialize(type, sequence));
            if (expectedError is null)
            {
                Assert.True(error is null, $"STJ reads it, Velithon threw {error?.Message}");
                Assert.Equal(JsonSerializer.Serialize(expected, type, JsonSerializerOptions.Web), JsonSerializer.Serialize(actual, type, JsonSerializerOptions.Web));
            }
            else
            {
                Assert.True(error is not null, $"STJ rejects it ({expectedError.Message}), Velithon read it");
                Assert.Equal(expectedError.Path, error.Path);
                Assert.Equal(expectedError.Message, error.Message);
            }
        }
    }

    [Fact]
    public void Interface_collections_write_like_SystemTextJson_and_allocate_nothing_for_arrays_lists_and_dictionaries()
    {
        Type samples = Compiled.Value.GetType("Demo.Samples")!;
        Type type = Compiled.Value.GetType("Demo.Edges")!;
        var values = (Array)samples.GetMethod("Writes")!.Invoke(null, null)!;
        MethodInfo serialize = typeof(VelithonJson).GetMethod(nameof(VelithonJson.SerializeToUtf8Bytes))!.MakeGenericMethod(type);
        foreach (object value in values)
        {
            Assert.Equal(JsonSerializer.Serialize(value, type, JsonSerializerOptions.Web), Encoding.UTF8.GetString((byte[])serialize.Invoke(null, [value, null])!));
        }

        Allocations.AssertNone((Action)samples.GetMethod("Serializing")!.Invoke(null, [values.GetValue(0)])!);
    }

    private static object? Deserialize(Type type, ReadOnlySequence<byte> json)
    {
        MethodInfo method = typeof(VelithonJson).GetMethods()
            .Single(m => m.Name == nameof(VelithonJson.Deserialize) && m.GetParameters()[0].ParameterType.IsByRef)
            .MakeGenericMethod(type);
        try
        {
            return method.Invoke(null, [json, null]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private static (object? Value, JsonException? Error) Outcome(Func<object?> read)
    {
        try
        {
            return (read(), null);
        }
        catch (JsonException ex)
        {
            return (null, ex);
        }
    }
}
