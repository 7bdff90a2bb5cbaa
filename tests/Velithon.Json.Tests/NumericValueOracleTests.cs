using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// Half, Int128 and UInt128 members, Nullable members, constructor parameters, elements, dictionary values and keys
/// against STJ reflection with the same options (the Web defaults, the General defaults, named literals, written as
/// strings, quoted both ways, and [JsonNumberHandling] on members): the same bytes or the same write error, the same
/// values read from STJ's output and its variants and from arbitrary number texts, or the same JsonException.
/// </summary>
public sealed class NumericValueOracleTests
{
    private static readonly JsonSerializerOptions General = new(JsonSerializerDefaults.General);

    private static readonly JsonSerializerOptions NamedLiterals = new(JsonSerializerDefaults.General) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static readonly JsonSerializerOptions Quoted = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString };

    private static readonly JsonSerializerOptions WrittenAsString = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.WriteAsString };

    private static readonly string[] WebMembers =
    [
        "half", "maybeHalf", "int", "maybeInt", "uInt", "maybeUInt", "quotedHalf", "strictInt",
    ];

    private static readonly string[] WebContainers = ["halves", "ints", "maybeUInts", "uIntsByName", "halvesByInt"];

    [Fact]
    public void Writes_are_byte_identical_to_STJ() => NumericGenerators.Values(NumericGenerators.FiniteHalf).Run(value =>
    {
        AssertSameWrite(value, JsonSerializerOptions.Web);

        var stingy = new StingyBufferWriter();
        VelithonJson.Serialize(value, stingy);
        Assert.Equal(Oracle.Text(Oracle.Serialize(value)), Oracle.Text(stingy.WrittenBytes));
    }, iter: 2000, print: Oracle.Show);

    [Fact]
    public void Non_finite_halves_write_or_fail_like_STJ() =>
        NumericGenerators.Values(NumericGenerators.AnyHalf).Run(value => AssertSameWrite(value, JsonSerializerOptions.Web), iter: 2000, print: Oracle.Show);

    [Fact]
    public void Records_and_nested_values_write_byte_identically() =>
        NumericGenerators.Holder.Run(value => AssertSameWrite(value, JsonSerializerOptions.Web), iter: 1000, print: Oracle.Show);

    [Fact]
    public void Every_number_handling_writes_like_STJ() => NumericGenerators.Shared(NumericGenerators.AnyHalf).Run(t =>
    {
        AssertSameWrite(new StrictNumerics { Half = t.Item1, Int = t.Item2, UInt = t.Item3, Halves = t.Item4, Ints = t.Item5 }, General);
        AssertSameWrite(new NamedLiteralNumerics { Half = t.Item1, Int = t.Item2, UInt = t.Item3, Halves = t.Item4, Ints = t.Item5 }, NamedLiterals);
        AssertSameWrite(new QuotedNumerics { Half = t.Item1, Int = t.Item2, UInt = t.Item3, Halves = t.Item4, Ints = t.Item5 }, Quoted);
        AssertSameWrite(new WrittenAsStringNumerics { Half = t.Item1, Int = t.Item2, UInt = t.Item3, Halves = t.Item4, Ints = t.Item5 }, WrittenAsString);
    }, iter: 2000);

    [Fact]
    public void Reads_STJ_output_and_its_variants_like_STJ() => Gen.Select(NumericGenerators.Values(NumericGenerators.FiniteHalf), NumericGenerators.Values(NumericGenerators.FiniteHalf), Gen.Int).Run(t =>
    {
        var random = new Random(t.Item3);
        byte[] json = Oracle.Serialize(t.Item1);
        ConverterOracleTests.AssertSameRead<NumericValues>(json);
        ConverterOracleTests.AssertSameRead<NumericValues>(JsonSerializer.SerializeToUtf8Bytes(t.Item1, Oracle.WebIndented));
        ConverterOracleTests.AssertSameRead<NumericValues>(JsonRewriter.FlipCase(json, random));
        ConverterOracleTests.AssertSameRead<NumericValues>(JsonRewriter.InsertUnknownMembers(json, random));
        ConverterOracleTests.AssertSameRead<NumericValues>(JsonRewriter.NumbersAsStrings(json));
        if (JsonRewriter.Concatenate(json, Oracle.Serialize(t.Item2)) is { } duplicates)
        {
            ConverterOracleTests.AssertSameRead<NumericValues>(duplicates);
        }
    }, iter: 1500, print: t => Oracle.Show(t.Item1));

    [Fact]
    public void Every_number_handling_reads_STJ_output_and_quoted_numbers_like_STJ() => NumericGenerators.Shared(NumericGenerators.AnyHalf).Run(t =>
    {
        ReadsOwnOutputLikeStj(new StrictNumerics { Half = t.Item1, Int = t.Item2, UInt = t.Item3, Halves = t.Item4, Ints = t.Item5 }, General);
        ReadsOwnOutputLikeStj(new NamedLiteralNumerics { Half = t.Item1, Int = t.Item2, UInt = t.Item3, Halves = t.Item4, Ints = t.Item5 }, NamedLiterals);
        ReadsOwnOutputLikeStj(new QuotedNumerics { Half = t.Item1, Int = t.Item2, UInt = t.Item3, Halves = t.Item4, Ints = t.Item5 }, Quoted);
        ReadsOwnOutputLikeStj(new WrittenAsStringNumerics { Half = t.Item1, Int = t.Item2, UInt = t.Item3, Halves = t.Item4, Ints = t.Item5 }, WrittenAsString);
    }, iter: 1500);

    [Fact]
    public void Records_and_nested_values_read_like_STJ() => Gen.Select(NumericGenerators.Holder, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item2);
        byte[] json = Oracle.Serialize(t.Item1);
        ConverterOracleTests.AssertSameRead<NumericHolder>(json);
        ConverterOracleTests.AssertSameRead<NumericHolder>(JsonRewriter.NumbersAsStrings(json));
        ConverterOracleTests.AssertSameRead<NumericHolder>(JsonRewriter.FlipCase(json, random));
    }, iter: 1000, print: t => Oracle.Show(t.Item1));

    [Fact]
    public void Arbitrary_number_texts_in_every_member_read_like_STJ() => Gen.Select(NumericGenerators.NumberToken, Gen.OneOf(WebMembers)).Run(t =>
    {
        ConverterOracleTests.AssertSameRead<NumericValues>(Utf8("{\"" + t.Item2 + "\":" + t.Item1 + "}"));
        ConverterOracleTests.AssertSameRead<NumericHolder>(Utf8("{\"inner\":{\"" + t.Item2 + "\":" + t.Item1 + "}}"));
    }, iter: 4000, print: t => t.Item2 + ": " + t.Item1);

    [Fact]
    public void Arbitrary_number_texts_in_elements_values_and_parameters_read_like_STJ() => Gen.Select(NumericGenerators.NumberToken, Gen.OneOf(WebContainers), Gen.Int[0, 2]).Run(t =>
    {
        string inner = t.Item2 is "uIntsByName" or "halvesByInt" ? "{\"1\":" + t.Item1 + "}" : "[1," + t.Item1 + "]";
        ConverterOracleTests.AssertSameRead<NumericValues>(Utf8("{\"" + t.Item2 + "\":" + inner + "}"));
        string parameter = t.Item3 switch { 0 => "id", 1 => "ratio", _ => "big" };
        ConverterOracleTests.AssertSameRead<NumericRecord>(Utf8("{\"" + parameter + "\":" + t.Item1 + "}"));
        ConverterOracleTests.AssertSameRead<NumericHolder>(Utf8("{\"records\":[{\"id\":1},{\"" + parameter + "\":" + t.Item1 + "}]}"));
    }, iter: 4000, print: t => t.Item2 + ": " + t.Item1);

    [Fact]
    public void Arbitrary_number_texts_read_like_STJ_under_every_number_handling() => Gen.Select(NumericGenerators.NumberToken, Gen.OneOf("Half", "Int", "UInt", "Halves", "Ints")).Run(t =>
    {
        string value = t.Item2 switch { "Halves" => "[" + t.Item1 + "]", "Ints" => "{\"a\":" + t.Item1 + "}", _ => t.Item1 };
        byte[] general = Utf8("{\"" + t.Item2 + "\":" + value + "}");
        byte[] web = Utf8("{\"" + JsonNamingPolicy.CamelCase.ConvertName(t.Item2) + "\":" + value + "}");
        ConverterOracleTests.AssertSameRead<StrictNumerics>(general, General);
        ConverterOracleTests.AssertSameRead<NamedLiteralNumerics>(general, NamedLiterals);
        ConverterOracleTests.AssertSameRead<QuotedNumerics>(web, Quoted);
        ConverterOracleTests.AssertSameRead<WrittenAsStringNumerics>(web, WrittenAsString);
    }, iter: 4000, print: t => t.Item2 + ": " + t.Item1);

    [Fact]
    public void Arbitrary_keys_read_like_STJ() => Gen.Select(NumericGenerators.NumberText, Gen.OneOf("byHalf", "byUInt", "halvesByInt")).Run(t =>
    {
        string key = JsonSerializer.Serialize(t.Item1);
        ConverterOracleTests.AssertSameRead<NumericValues>(Utf8("{\"" + t.Item2 + "\":{\"1\":" + (t.Item2 == "byUInt" ? "\"a\"" : "1") + "," + key + ":" + (t.Item2 == "byUInt" ? "\"b\"" : "2") + "}}"));
    }, iter: 3000, print: t => t.Item2 + ": " + t.Item1);

    [Fact]
    public void Type_arguments_of_generic_types_write_and_read_like_STJ() => Gen.Select(NumericGenerators.Pages, Gen.Int).Run(t =>
    {
        AssertSameWrite(t.Item1, JsonSerializerOptions.Web);
        byte[] json = Oracle.Serialize(t.Item1);
        ConverterOracleTests.AssertSameRead<NumericPages>(json);
        ConverterOracleTests.AssertSameRead<NumericPages>(JsonRewriter.NumbersAsStrings(json));
        ConverterOracleTests.AssertSameRead<NumericPages>(JsonRewriter.FlipCase(json, new Random(t.Item2)));
        if (t.Item1.Halves is { } page)
        {
            AssertSameRootWrite(page);
            ConverterOracleTests.AssertSameRead<Page<Half>>(Oracle.Serialize(page));
        }
    }, iter: 1500, print: t => Oracle.Show(t.Item1));

    [Fact]
    public void Arbitrary_number_texts_in_type_arguments_read_like_STJ() => Gen.Select(NumericGenerators.NumberToken, Gen.Int[0, 3]).Run(t =>
    {
        string json = t.Item2 switch
        {
            0 => "{\"halves\":{\"items\":[" + t.Item1 + "]}}",
            1 => "{\"ints\":{\"first\":" + t.Item1 + "}}",
            2 => "{\"ints\":{\"byKey\":{\"a\":" + t.Item1 + "}}}",
            // Not ApiResponse's constructor parameter: there the error names the argument's type, not the declaring
            // type as STJ does (a known difference of generic types, docs/json.md).
            _ => "{\"ints\":{\"tail\":[null," + t.Item1 + "]}}",
        };
        ConverterOracleTests.AssertSameRead<NumericPages>(Utf8(json));
        if (t.Item2 == 0)
        {
            ConverterOracleTests.AssertSameRead<Page<Half>>(Utf8("{\"first\":" + t.Item1 + "}"));
        }
    }, iter: 3000, print: t => t.Item2 + ": " + t.Item1);

    [Fact]
    public void Mutated_documents_read_like_STJ() => Gen.Select(NumericGenerators.Holder, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item2);
        byte[] json = Oracle.Serialize(t.Item1);
        for (int i = 0; i < 4; i++)
        {
            ConverterOracleTests.AssertSameRead<NumericHolder>(Mutator.Mutate(json, random));
        }
    }, iter: 1000, print: t => Oracle.Show(t.Item1));

    [Theory]
    [InlineData("""{"half":65504,"int":-170141183460469231731687303715884105728,"uInt":340282366920938463463374607431768211455}""")]
    [InlineData("""{"half":65520}""")]
    [InlineData("""{"half":1e-10,"maybeHalf":-1e-10}""")]
    [InlineData("""{"half":"1,000","int":" 12 ","uInt":"+7"}""")]
    [InlineData("""{"half":"NaN","maybeHalf":"-Infinity"}""")]
    [InlineData("""{"half":"nan"}""")]
    [InlineData("""{"half":"+Infinity"}""")]
    [InlineData("""{"int":1e3}""")]
    [InlineData("""{"int":1.0}""")]
    [InlineData("""{"int":170141183460469231731687303715884105728}""")]
    [InlineData("""{"uInt":-1}""")]
    [InlineData("""{"uInt":"-0"}""")]
    [InlineData("""{"maybeInt":null,"maybeUInt":null,"maybeHalf":null}""")]
    [InlineData("""{"int":null}""")]
    [InlineData("""{"half":true}""")]
    [InlineData("""{"strictInt":"1"}""")]
    [InlineData("""{"quotedHalf":"Infinity"}""")]
    [InlineData("""{"quotedHalf":"\u0031.5"}""")]
    [InlineData("""{"halves":[1,"2",null]}""")]
    [InlineData("""{"byHalf":{"NaN":1,"-0":2,"1e1":3}}""")]
    [InlineData("""{"byHalf":{"70000":1}}""")]
    [InlineData("""{"halvesByInt":{" 5":1,"x":2}}""")]
    [InlineData("""{"byUInt":{"-1":"a"}}""")]
    public void Named_inputs_read_like_STJ(string json) => ConverterOracleTests.AssertSameRead<NumericValues>(Utf8(json));

    [Theory]
    [InlineData("halvesByInt", "1")]
    [InlineData("byHalf", "1")]
    [InlineData("byUInt", "\"a\"")]
    public void A_key_that_is_not_UTF8_fails_like_STJ_under_the_previous_key(string member, string value)
    {
        byte[] json = Utf8("{\"" + member + "\":{\"5\":" + value + ",\"1#2\":" + value + "}}");
        json[Array.IndexOf(json, (byte)'#')] = 0xFF;
        ConverterOracleTests.AssertSameRead<NumericValues>(json);
    }

    private static void ReadsOwnOutputLikeStj<T>(T value, JsonSerializerOptions options)
        where T : IVelithonJson<T>
    {
        byte[] json;
        try
        {
            json = JsonSerializer.SerializeToUtf8Bytes(value, options);
        }
        catch (JsonException)
        {
            return;
        }

        ConverterOracleTests.AssertSameRead<T>(json, options);
        ConverterOracleTests.AssertSameRead<T>(JsonRewriter.NumbersAsStrings(json), options);
    }

    /// <summary>The same bytes, or the same exception type and message.</summary>
    internal static void AssertSameWrite<T>(T value, JsonSerializerOptions options)
        where T : IVelithonJson<T>
    {
        (byte[]? expected, Exception? stjError) = Try(() => JsonSerializer.SerializeToUtf8Bytes(value, options));
        (byte[]? actual, Exception? error) = Try(() => VelithonJson.SerializeToUtf8Bytes(value));
        if (stjError is not null)
        {
            Assert.True(error is not null, $"STJ threw {stjError}; Velithon wrote {(actual is null ? null : Oracle.Text(actual))}");
            Assert.True(stjError.GetType() == error!.GetType(), $"STJ: {stjError}\nVelithon: {error}");
            Assert.Equal(stjError.Message, error.Message);
            return;
        }

        Assert.True(error is null, $"STJ wrote {Oracle.Text(expected!)}; Velithon threw {error}");
        Assert.Equal(Oracle.Text(expected!), Oracle.Text(actual!));
    }

    private static void AssertSameRootWrite(Page<Half> page) =>
        Assert.Equal(Oracle.Text(Oracle.Serialize(page)), Oracle.Text(VelithonJson.SerializeToUtf8Bytes(page)));

    private static (TResult? Value, Exception? Error) Try<TResult>(Func<TResult> run)
    {
        try
        {
            return (run(), null);
        }
        catch (Exception ex)
        {
            return (default, ex);
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
