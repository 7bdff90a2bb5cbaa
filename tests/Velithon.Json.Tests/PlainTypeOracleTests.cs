using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// Plain types (no [VelithonJson]: Models/PlainTypes.cs) reached from [VelithonJson] types — a class, a record with a
/// primary constructor, a struct, one with System.Text.Json attributes and C# required members, a nested and recursive
/// graph, lists, arrays and dictionaries of them — against STJ reflection with the Web defaults: the same bytes, the
/// same values read from STJ's output and its variants, the same errors with their path and position.
/// </summary>
public sealed class PlainTypeOracleTests
{
    private static readonly JsonSerializerOptions Relaxed = new(JsonSerializerOptions.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly VelithonJsonOptions VelithonRelaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Writes_are_byte_identical_to_STJ() => PlainGenerators.Holder.Run(value =>
    {
        AssertBytes(Oracle.Serialize(value), VelithonJson.SerializeToUtf8Bytes(value));

        var stingy = new StingyBufferWriter();
        VelithonJson.Serialize(value, stingy);
        AssertBytes(Oracle.Serialize(value), stingy.WrittenBytes);

        AssertBytes(JsonSerializer.SerializeToUtf8Bytes(value, Relaxed), VelithonJson.SerializeToUtf8Bytes(value, VelithonRelaxed));
    }, iter: 1500);

    [Fact]
    public void A_record_with_plain_parameters_writes_byte_identically() => PlainGenerators.Record.Run(value =>
        AssertBytes(Oracle.Serialize(value), VelithonJson.SerializeToUtf8Bytes(value)), iter: 1000);

    [Fact]
    public void Reads_STJ_output_and_its_variants_like_STJ() => Gen.Select(PlainGenerators.Holder, PlainGenerators.Holder, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item3);
        byte[] json = Oracle.Serialize(t.Item1);
        ConverterOracleTests.AssertSameRead<PlainHolder>(json);
        ConverterOracleTests.AssertSameRead<PlainHolder>(JsonSerializer.SerializeToUtf8Bytes(t.Item1, Oracle.WebIndented));
        ConverterOracleTests.AssertSameRead<PlainHolder>(JsonRewriter.FlipCase(json, random));
        ConverterOracleTests.AssertSameRead<PlainHolder>(JsonRewriter.InsertUnknownMembers(json, random));
        ConverterOracleTests.AssertSameRead<PlainHolder>(JsonRewriter.NumbersAsStrings(json));
        if (JsonRewriter.Concatenate(json, Oracle.Serialize(t.Item2)) is { } duplicates)
        {
            ConverterOracleTests.AssertSameRead<PlainHolder>(duplicates);
        }
    }, iter: 1200, print: t => Oracle.Show(t.Item1));

    [Fact]
    public void Records_with_plain_parameters_read_like_STJ() => Gen.Select(PlainGenerators.Record, Gen.Int).Run(t =>
    {
        byte[] json = Oracle.Serialize(t.Item1);
        ConverterOracleTests.AssertSameRead<PlainInRecord>(json);
        ConverterOracleTests.AssertSameRead<PlainInRecord>(JsonRewriter.FlipCase(json, new Random(t.Item2)));
        ConverterOracleTests.AssertSameRead<PlainInRecord>(JsonRewriter.NumbersAsStrings(json));
    }, iter: 1000, print: t => Oracle.Show(t.Item1));

    [Fact]
    public void Mutated_documents_read_like_STJ() => Gen.Select(PlainGenerators.Holder, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item2);
        byte[] json = Oracle.Serialize(t.Item1);
        for (int i = 0; i < 4; i++)
        {
            ConverterOracleTests.AssertSameRead<PlainHolder>(Mutator.Mutate(json, random));
        }
    }, iter: 1000, print: t => Oracle.Show(t.Item1));

    [Fact]
    public void Truncated_documents_fail_like_STJ() => PlainGenerators.Holder.Run(value =>
    {
        byte[] json = Oracle.Serialize(value);
        for (int length = 0; length < json.Length; length += Math.Max(1, json.Length / 16))
        {
            ConverterOracleTests.AssertSameRead<PlainHolder>(json.AsSpan(0, length).ToArray());
        }
    }, iter: 1000);

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"address":null,"point":null,"maybeSize":null,"attributed":null,"order":null}""")]
    [InlineData("""{"address":{"street":"s","number":"12","latitude":null,"kind":1,"computed":"x"}}""")]
    [InlineData("""{"address":{"kind":"Large"}}""")]
    [InlineData("""{"address":[]}""")]
    [InlineData("""{"address":{"number":1.5}}""")]
    [InlineData("""{"point":{"x":1,"y":2,"label":"p"}}""")]
    [InlineData("""{"point":{"X":1,"LABEL":null}}""")]
    [InlineData("""{"point":{"x":"a"}}""")]
    [InlineData("""{"point":{}}""")]
    [InlineData("""{"size":{"width":1,"height":2},"maybeSize":{"width":3}}""")]
    [InlineData("""{"size":null}""")]
    [InlineData("""{"attributed":{"n":"a","needed":1,"code":"c","counter":4,"stamp":9,"hidden":3,"internal":7}}""")]
    [InlineData("""{"attributed":{"needed":1}}""")]
    [InlineData("""{"attributed":{"code":"c"}}""")]
    [InlineData("""{"attributed":{"code":null,"needed":1}}""")]
    [InlineData("""{"attributed":{"name":"ignored-name","code":"c","needed":2,"optional":null}}""")]
    [InlineData("""{"order":{"ship":{"street":1},"points":[{"x":1}]}}""")]
    [InlineData("""{"order":{"points":[{"x":1},null,{"y":2}]}}""")]
    [InlineData("""{"order":{"sizes":{"a":{"width":1},"b":null}}}""")]
    [InlineData("""{"order":{"tree":{"value":1,"next":{"value":2,"next":{"value":"x"}}}}}""")]
    [InlineData("""{"order":{"tree":{"value":1,"children":[{"value":2},{"children":[{"value":true}]}]}}}""")]
    [InlineData("""{"addresses":[null,{"number":2},{}],"pointArray":[{"x":1,"y":2}],"pointsByName":{"p":{"label":"q"}}}""")]
    [InlineData("""{"pointsByName":{"p":[]}}""")]
    [InlineData("""{"address":{"street":"s",}}""")]
    [InlineData("""{"address":{"street":"s"}""")]
    public void Named_inputs_read_like_STJ(string json) => ConverterOracleTests.AssertSameRead<PlainHolder>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"id":1}""")]
    [InlineData("""{"where":null,"sizes":null}""")]
    [InlineData("""{"id":2,"where":{"x":1,"y":2,"label":"w"},"sizes":[{"width":1},{"height":"2"}]}""")]
    [InlineData("""{"where":{"x":true}}""")]
    [InlineData("""{"sizes":[null]}""")]
    public void Constructor_parameters_of_plain_types_read_like_STJ(string json) => ConverterOracleTests.AssertSameRead<PlainInRecord>(Encoding.UTF8.GetBytes(json));

    // STJ names the Nullable<T> in the error of an invalid escape (a lone surrogate) in the first member name of a
    // struct read as its value, and the struct in that of any later name (found by the mutation property above).
    [Theory]
    [InlineData("""{"maybeSize":{"A\uDF6Fwidth":1}}""")]
    [InlineData("""{"maybeSize":{"width":1,"A\uDF6F":2}}""")]
    [InlineData("""{"maybeSize":{"zzz":1,"\uDF6F":2}}""")]
    [InlineData("""{"maybeSize": { "\uD800x" :1}}""")]
    [InlineData("""{"maybeSize":{"\u0041":1,"\uD800":1}}""")]
    [InlineData("""{"maybeSize":{"width":{"\uDF6F":1}}}""")]
    [InlineData("{\"maybeSize\":{\"\\uDF6F")]
    [InlineData("{\"maybeSize\":{\"\\uDF6F\":")]
    [InlineData("{\"maybeSize\":{\"\\uDF6F\"")]
    [InlineData("""{"size":{"\uDF6F":1}}""")]
    public void A_lone_surrogate_in_a_member_name_of_a_nullable_struct_fails_like_STJ(string json) =>
        ConverterOracleTests.AssertSameRead<PlainHolder>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"first":{"\uDF6F":1}}""")]
    [InlineData("""{"first":{"width":2,"\uDF6F":1}}""")]
    [InlineData("""{"many":[{"width":1},null,{"\uDC00":1}]}""")]
    [InlineData("""{"many":[{"height":1,"\uDC00":1}]}""")]
    [InlineData("""{"byName":{"a":{"\uDBFF":1}}}""")]
    [InlineData("""{"byName":{"a":null,"b":{"width":3,"\uDBFF\u0041":1}}}""")]
    [InlineData("""{"first":{"width":1},"many":[{"height":2},null],"byName":{"a":null,"b":{"width":3}},"position":{"x":1,"y":2}}""")]
    public void A_lone_surrogate_in_a_member_name_of_a_nullable_struct_anywhere_fails_like_STJ(string json) =>
        ConverterOracleTests.AssertSameRead<PlainNullableStructs>(Encoding.UTF8.GetBytes(json));

    // A struct read through its constructor is named in every name error, the first one included (found by the user-shape
    // mutation property, seed 3oMVeFCQxVo1); a generic type's Nullable<T> argument follows the same two rules.
    [Theory]
    [InlineData("""{"first":{"\uDF6F":1}}""")]
    [InlineData("""{"first":{"x":2,"\uDF6F":1}}""")]
    [InlineData("""{"many":[{"x":1},null,{"\uDC00":1}]}""")]
    [InlineData("""{"byName":{"a":{"\uDBFF":1}}}""")]
    [InlineData("""{"position":{"l\uDA9at":1,"lon":2}}""")]
    [InlineData("""{"position":{"lat":1,"l\uDA9at":2}}""")]
    [InlineData("""{"constructed":{"data":{"\uDF6F":1}}}""")]
    [InlineData("""{"constructed":{"data":{"lon":1,"\uDF6F":1}}}""")]
    [InlineData("""{"settable":{"data":{"\uDF6F":1}}}""")]
    [InlineData("""{"settable":{"data":{"x":1,"\uDF6F":1}}}""")]
    [InlineData("""{"first":{"x":1,"y":2},"many":[null,{"y":3}],"byName":{"a":null},"position":{"lat":1,"lon":2},"constructed":{"data":{"lat":5}},"settable":{"ok":true,"data":{"y":4}}}""")]
    public void A_lone_surrogate_in_a_member_name_of_a_struct_read_through_its_constructor_fails_like_STJ(string json) =>
        ConverterOracleTests.AssertSameRead<ConstructedNullableStructs>(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Members_STJ_does_not_see_are_neither_written_nor_read()
    {
        var value = new PlainHolder { Attributed = new PlainAttributed { Code = "c", Hidden = 3, Internal = 4 } };
        byte[] json = VelithonJson.SerializeToUtf8Bytes(value);
        AssertBytes(Oracle.Serialize(value), json);
        Assert.DoesNotContain("hidden", Oracle.Text(json), StringComparison.Ordinal);
        Assert.DoesNotContain("internal", Oracle.Text(json), StringComparison.Ordinal);

        PlainHolder read = VelithonJson.Deserialize<PlainHolder>("""{"attributed":{"code":"c","needed":1,"hidden":3,"internal":4,"counter":8}}"""u8)!;
        Assert.Equal(0, read.Attributed!.Hidden);
        Assert.Equal(0, read.Attributed.Internal);
        Assert.Equal(8, read.Attributed.Counter);
    }

    private static readonly JsonSerializerOptions Snake = new(JsonSerializerOptions.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        IncludeFields = true,
    };

    [Fact]
    public void Plain_types_take_the_settings_of_the_type_that_reaches_them() => Gen.Select(PlainGenerators.SnakeHolder, Gen.Int).Run(t =>
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(t.Item1, Snake);
        AssertBytes(json, VelithonJson.SerializeToUtf8Bytes(t.Item1));
        AssertSameReadWith(Snake, json);
        AssertSameReadWith(Snake, JsonRewriter.FlipCase(json, new Random(t.Item2)));
        AssertSameReadWith(Snake, JsonRewriter.NumbersAsStrings(json));
        AssertSameReadWith(Snake, Mutator.Mutate(json, new Random(t.Item2)));
    }, iter: 1000, print: t => JsonSerializer.Serialize(t.Item1, Snake));

    [Fact]
    public void Plain_types_reached_from_an_indented_type_are_indented_like_STJ() => PlainGenerators.IndentedHolder.Run(value =>
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(value, Oracle.WebIndented);
        AssertBytes(json, VelithonJson.SerializeToUtf8Bytes(value));
        AssertBytes(json, JsonSerializer.SerializeToUtf8Bytes(VelithonJson.Deserialize<PlainIndentedHolder>(json), Oracle.WebIndented));
    }, iter: 1000, print: value => JsonSerializer.Serialize(value, Oracle.WebIndented));

    [Fact]
    public void A_host_with_the_same_options_runs_the_generated_code()
    {
        Assert.Null(VelithonJsonContract.Of<PlainHolder>().FindMismatch(JsonSerializerOptions.Web));
        Assert.Null(VelithonJsonContract.Of<PlainSnakeHolder>().FindMismatch(Snake));
        Assert.NotNull(VelithonJsonContract.Of<PlainSnakeHolder>().FindMismatch(JsonSerializerOptions.Web));
    }

    // The settings' read against STJ's with the same options: equal values (compared as STJ writes them) or the same error.
    private static void AssertSameReadWith(JsonSerializerOptions options, byte[] json)
    {
        string input = "\nInput: " + Encoding.UTF8.GetString(json);
        PlainSnakeHolder? expected = null;
        Exception? stjError = null;
        try
        {
            expected = JsonSerializer.Deserialize<PlainSnakeHolder>(json, options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            stjError = ex;
        }

        if (stjError is null)
        {
            PlainSnakeHolder? actual = VelithonJson.Deserialize<PlainSnakeHolder>(json);
            AssertBytes(JsonSerializer.SerializeToUtf8Bytes(expected, options), JsonSerializer.SerializeToUtf8Bytes(actual, options));
            return;
        }

        Exception error = Assert.ThrowsAny<Exception>(() => VelithonJson.Deserialize<PlainSnakeHolder>(json));
        Assert.True(stjError.GetType() == error.GetType() && stjError.Message == error.Message, $"STJ: {stjError}\nVelithon: {error}{input}");
        if (stjError is JsonException stjJson)
        {
            var json2 = (JsonException)error;
            Assert.Equal(stjJson.Path, json2.Path);
            Assert.Equal(stjJson.LineNumber, json2.LineNumber);
            Assert.Equal(stjJson.BytePositionInLine, json2.BytePositionInLine);
        }
    }

    private static void AssertBytes(byte[] expected, byte[] actual) =>
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"\nSTJ:      {Oracle.Text(expected)}\nVelithon: {Oracle.Text(actual)}");
}
