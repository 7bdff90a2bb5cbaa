using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Velithon.Generators.Tests;

/// <summary>
/// Conversion errors name the type System.Text.Json names: <c>System.Nullable`1[...]</c> for nullable primitives and
/// enums (members, elements, dictionary values), the enum itself (not its underlying integer) for out-of-range
/// numbers, the plain struct for a nullable [VelithonJson] struct, System.String for undecodable dictionary keys, the
/// declaring type for primitives and enums bound to constructor parameters;
/// and string enum names, written raw, still fail at the depth limit as System.Text.Json does.
/// </summary>
public sealed class ErrorTypeNameTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        public enum Level : byte { Low, High }

        [JsonConverter(typeof(JsonStringEnumConverter))]
        public enum Suit { Clubs, Hearts }

        [VelithonJson]
        public partial struct Spot
        {
            public int X { get; set; }
        }

        [VelithonJson]
        public partial class Nullables
        {
            public int? Count { get; set; }
            public bool? Flag { get; set; }
            public decimal? Price { get; set; }
            public Guid? Key { get; set; }
            public DateTime? When { get; set; }
            public TimeSpan? Span { get; set; }
            public char? Letter { get; set; }
            public Level Level { get; set; }
            public Level? MaybeLevel { get; set; }
            public Suit Suit { get; set; }
            public Suit? MaybeSuit { get; set; }
            public Spot? Spot { get; set; }
            public List<long?>? Longs { get; set; }
            public Dictionary<string, double?>? Doubles { get; set; }
            public Dictionary<string, int>? Keys { get; set; }
        }

        [VelithonJson]
        public partial class OnlySuit
        {
            public Suit Suit { get; set; }
        }

        [VelithonJson]
        public partial record Built(
            int Count, int? Maybe, string? Name, Level Level, Suit Suit, Suit? MaybeSuit, Guid Key, char Letter, bool Flag,
            Uri? Link, byte[]? Bytes, DateTime When, List<int>? Ints, List<int?>? MaybeInts, int[]? Array,
            Dictionary<string, int>? Map, Spot Spot, Spot? MaybeSpot, OnlySuit? Inner)
        {
            public int Extra { get; set; }
        }
        """;

    private static readonly JsonSerializerOptions WebDepth1 = new(JsonSerializerOptions.Web) { MaxDepth = 1 };
    private static readonly JsonSerializerOptions WebDepth2 = new(JsonSerializerOptions.Web) { MaxDepth = 2 };

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

    public static TheoryData<string> Inputs() => new()
    {
        "{\"count\":\"x\"}",
        "{\"count\":true}",
        "{\"count\":1.5}",
        "{\"flag\":1}",
        "{\"price\":\"1e400\"}",
        "{\"key\":\"nope\"}",
        "{\"when\":5}",
        "{\"span\":\"x\"}",
        "{\"letter\":\"ab\"}",
        "{\"level\":256}",
        "{\"level\":\"1\"}",
        "{\"maybeLevel\":256}",
        "{\"maybeLevel\":\"High\"}",
        "{\"suit\":\"Spades\"}",
        "{\"suit\":99999999999}",
        "{\"maybeSuit\":\"Spades\"}",
        "{\"maybeSuit\":99999999999}",
        "{\"maybeSuit\":true}",
        "{\"spot\":1}",
        "{\"spot\":{\"x\":\"y\"}}",
        "{\"longs\":[1,null,\"z\"]}",
        "{\"doubles\":{\"a\":null,\"b\":[]}}",
        "{\"keys\":{\"\\uD800\":1}}",
        "{\"keys\":{\"a\\xFF\":1}}",
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Errors_name_the_type_SystemTextJson_names(string input)
    {
        byte[] json = TestInputs.Utf8WithRawBytes(input);
        Type type = Compiled.Value.GetType("Demo.Nullables")!;
        JsonException expected = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, type, JsonSerializerOptions.Web));
        JsonException actual = Assert.ThrowsAny<JsonException>(() => Invoke(nameof(VelithonJson.Deserialize), type, json));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(expected.Path, actual.Path);
    }

    public static TheoryData<string> ConstructorInputs() => new()
    {
        "{\"count\":\"x\"}",
        "{\"count\":true}",
        "{\"maybe\":true}",
        "{\"name\":5}",
        "{\"level\":256}",
        "{\"level\":\"1\"}",
        "{\"suit\":\"Spades\"}",
        "{\"maybeSuit\":true}",
        "{\"key\":\"nope\"}",
        "{\"letter\":\"ab\"}",
        "{\"flag\":1}",
        "{\"link\":1}",
        "{\"bytes\":\"!\"}",
        "{\"when\":\"x\"}",
        "{\"ints\":[1,\"z\"]}",
        "{\"ints\":{}}",
        "{\"maybeInts\":[true]}",
        "{\"array\":[1,\"z\"]}",
        "{\"map\":{\"a\":\"x\"}}",
        "{\"map\":[]}",
        "{\"spot\":1}",
        "{\"spot\":{\"x\":\"y\"}}",
        "{\"maybeSpot\":1}",
        "{\"inner\":{\"suit\":\"Spades\"}}",
        "{\"inner\":[]}",
        "{\"count\":1,\"count\":\"x\"}",
    };

    [Theory]
    [MemberData(nameof(ConstructorInputs))]
    public void Constructor_parameter_errors_name_the_type_SystemTextJson_names(string input)
    {
        byte[] json = TestInputs.Utf8WithRawBytes(input);
        Type type = Compiled.Value.GetType("Demo.Built")!;
        JsonException expected = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, type, JsonSerializerOptions.Web));
        JsonException actual = Assert.ThrowsAny<JsonException>(() => Invoke(nameof(VelithonJson.Deserialize), type, json));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(expected.Path, actual.Path);
    }

    [Theory]
    [InlineData("{\"extra\":\"x\"}")]
    [InlineData("{\"extra\":\"x\",\"count\":\"y\"}")]
    [InlineData("{\"extra\":\"x\",\"count\":1,\"extra\":2}")]
    [InlineData("{\"extra\":[1,\"x\"],\"count\":2}")]
    [InlineData("{\"extra\":{\"a\":[1,{\"b\":2}]},\"count\":2}")]
    public void A_non_parameter_member_of_a_type_with_a_constructor_fails_at_the_objects_end_like_SystemTextJson(string input)
    {
        // STJ runs the constructor at the end of the object and only then reads the members that are not parameters
        // (again, from positions it kept), so their errors carry the position of the object's end, and lose to any
        // error in a later parameter.
        byte[] json = TestInputs.Utf8WithRawBytes(input);
        Type type = Compiled.Value.GetType("Demo.Built")!;
        JsonException expected = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, type, JsonSerializerOptions.Web));
        JsonException actual = Assert.ThrowsAny<JsonException>(() => Invoke(nameof(VelithonJson.Deserialize), type, json));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(expected.Path, actual.Path);
        Assert.Equal(expected.BytePositionInLine, actual.BytePositionInLine);
    }

    [Fact]
    public void String_enum_names_fail_at_the_depth_limit_like_SystemTextJson()
    {
        Type type = Compiled.Value.GetType("Demo.OnlySuit")!;
        object value = Activator.CreateInstance(type)!;
        JsonException expected = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Serialize(value, type, WebDepth1));
        JsonException actual = Assert.ThrowsAny<JsonException>(
            () => Invoke(nameof(VelithonJson.SerializeToUtf8Bytes), type, value, new VelithonJsonOptions { MaxDepth = 1 }));

        // Writer errors carry no path (System.Text.Json appends " Path: $.Suit.").
        Assert.Equal(expected.Message[..expected.Message.IndexOf(" Path: ", StringComparison.Ordinal)], actual.Message);

        // One level more and both write it.
        Assert.Equal(
            JsonSerializer.Serialize(value, type, WebDepth2),
            Encoding.UTF8.GetString((byte[])Invoke(nameof(VelithonJson.SerializeToUtf8Bytes), type, value, new VelithonJsonOptions { MaxDepth = 2 })!));
    }

    private static object? Invoke(string name, Type type, object argument, VelithonJsonOptions? options = null)
    {
        // Deserialize: the ReadOnlySequence overload (a span cannot be passed through reflection).
        MethodInfo method = typeof(VelithonJson).GetMethods()
            .Single(m => m.Name == name && (name != nameof(VelithonJson.Deserialize) || m.GetParameters()[0].ParameterType.IsByRef))
            .MakeGenericMethod(type);
        if (argument is byte[] json)
        {
            argument = new System.Buffers.ReadOnlySequence<byte>(json);
        }

        try
        {
            return method.Invoke(null, [argument, options]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
