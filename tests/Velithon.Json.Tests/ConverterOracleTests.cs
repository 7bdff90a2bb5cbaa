using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// Custom [JsonConverter]s (member, type, enum type, factory, HandleNull, collection elements, member over type) against
/// STJ reflection with the Web defaults: the same bytes, the same values read, the same errors.
/// </summary>
public sealed class ConverterOracleTests
{
    private static Gen<T?> NullableOf<T>(Gen<T> gen)
        where T : struct => Gen.Frequency((1, Gen.Const((T?)null)), (3, gen.Select(v => (T?)v)));

    private static readonly Gen<Money> MoneyGen =
        Gen.Select(Gen.Long[-100_000_000, 100_000_000], Gen.OneOf("EUR", "USD", "CHF", "JPY"), (cents, currency) => new Money(cents / 100m, currency));

    private static readonly Gen<ServiceLevel> LevelGen = Gen.Frequency(
        (8, Gen.Int[0, 2].Select(i => (ServiceLevel)i)),
        (1, Gen.Int[-3, 9].Select(i => (ServiceLevel)i)));

    private static readonly Gen<string> NameGen = Gen.Char['a', 'z'].Array[1, 8].Select(c => new string(c));

    internal static readonly Gen<Invoice> InvoiceGen = Gen.Select(
        Gen.Select(Gen.Long, NullableOf(Gen.Long), MoneyGen, NullableOf(MoneyGen), MoneyGen),
        Gen.Select(MoneyGen.List[0, 4].Null(), Gen.Select(Gen.OneOf("EUR", "USD", "x.y"), MoneyGen).List[0, 3].Select(l => l.DistinctBy(e => e.Item1).ToDictionary(e => e.Item1, e => e.Item2)).Null(), LevelGen, NullableOf(LevelGen), LevelGen.Array[0, 3].Null()),
        Gen.Select(NameGen.Select(n => new Tag(n)).Null(), Generators.String.Select(t => new Note(t)).Null(), Generators.String.Null()),
        (a, b, c) => new Invoice
        {
            Id = new OrderId(a.Item1),
            ParentId = a.Item2 is { } p ? new OrderId(p) : null,
            Total = a.Item3,
            Discount = a.Item4,
            Gross = a.Item5,
            Lines = b.Item1,
            ByCurrency = b.Item2,
            Level = b.Item3,
            Previous = b.Item4,
            History = b.Item5,
            Tag = c.Item1,
            Note = c.Item2,
            Comment = c.Item3,
        });

    private static readonly Gen<InvoiceBatch> BatchGen = Gen.Select(InvoiceGen.Null(), InvoiceGen.List[0, 3].Null(), (first, rest) => new InvoiceBatch { First = first, Rest = rest });

    private static readonly JsonSerializerOptions Relaxed = new(JsonSerializerOptions.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly VelithonJsonOptions VelithonRelaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Writes_are_byte_identical_to_STJ() => InvoiceGen.Run(value =>
    {
        byte[] expected = Oracle.Serialize(value);
        AssertBytes(expected, VelithonJson.SerializeToUtf8Bytes(value));

        var stingy = new StingyBufferWriter();
        VelithonJson.Serialize(value, stingy);
        AssertBytes(expected, stingy.WrittenBytes);

        AssertBytes(JsonSerializer.SerializeToUtf8Bytes(value, Relaxed), VelithonJson.SerializeToUtf8Bytes(value, VelithonRelaxed));
    }, iter: 3000);

    [Fact]
    public void Nested_writes_are_byte_identical_to_STJ() => BatchGen.Run(value =>
        AssertBytes(Oracle.Serialize(value), VelithonJson.SerializeToUtf8Bytes(value)), iter: 1000);

    [Fact]
    public void Reads_STJ_output_and_its_variants_like_STJ() => Gen.Select(InvoiceGen, InvoiceGen, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item3);
        byte[] json = Oracle.Serialize(t.Item1);
        AssertSameRead<Invoice>(json);
        AssertSameRead<Invoice>(JsonSerializer.SerializeToUtf8Bytes(t.Item1, Oracle.WebIndented));
        AssertSameRead<Invoice>(JsonRewriter.FlipCase(json, random));
        AssertSameRead<Invoice>(JsonRewriter.InsertUnknownMembers(json, random));
        AssertSameRead<Invoice>(JsonRewriter.NumbersAsStrings(json));
        if (JsonRewriter.Concatenate(json, Oracle.Serialize(t.Item2)) is { } duplicates)
        {
            AssertSameRead<Invoice>(duplicates);
        }
    }, iter: 2000, print: t => Oracle.Show(t.Item1));

    [Fact]
    public void Mutated_documents_read_like_STJ() => Gen.Select(BatchGen, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item2);
        byte[] json = Oracle.Serialize(t.Item1);
        for (int i = 0; i < 4; i++)
        {
            AssertSameRead<InvoiceBatch>(Mutator.Mutate(json, random));
        }
    }, iter: 1500, print: t => Oracle.Show(t.Item1));

    [Theory]
    [InlineData("""{"total":"12.50"}""")]
    [InlineData("""{"total":12.5}""")]
    [InlineData("""{"total":null}""")]
    [InlineData("""{"discount":null,"total":"1 EUR"}""")]
    [InlineData("""{"discount":"x"}""")]
    [InlineData("""{"discount":5}""")]
    [InlineData("""{"gross":"1 EUR"}""")]
    [InlineData("""{"gross":{"amount":"x"}}""")]
    [InlineData("""{"id":"7"}""")]
    [InlineData("""{"id":null}""")]
    [InlineData("""{"parentId":null,"id":1.5}""")]
    [InlineData("""{"lines":["1 EUR","2"]}""")]
    [InlineData("""{"lines":[null]}""")]
    [InlineData("""{"byCurrency":{"EUR":"1 EUR","x.y":"z"}}""")]
    [InlineData("""{"level":"high-availability","previous":"gold-plus","history":["basic",1,"GoldPlus"]}""")]
    [InlineData("""{"level":"HighAvailability"}""")]
    [InlineData("""{"level":"nope"}""")]
    [InlineData("""{"previous":null,"level":null}""")]
    [InlineData("""{"tag":null,"note":null}""")]
    [InlineData("""{"tag":5}""")]
    [InlineData("""{"note":"-"}""")]
    [InlineData("""{"note":7}""")]
    [InlineData("""{"total":"1 EUR",""")]
    public void Named_inputs_read_like_STJ(string json) => AssertSameRead<Invoice>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"value":1}""")]
    [InlineData("""{"value":2}""")]
    [InlineData("""{"before":1,"value":3,"after":2}""")]
    [InlineData("""{"value":[1,2],"after":2}""")]
    [InlineData("""{"value":{"a":1},"after":2}""")]
    [InlineData("""{"value":"x"}""")]
    [InlineData("""{"value":null,"after":1}""")]
    [InlineData("""{"value":7,"after":1}""")]
    public void Misbehaving_converters_read_like_STJ(string json)
    {
        AssertSameRead<Probed>(Encoding.UTF8.GetBytes(json));
        AssertSameRead<ProbedOuter>(Encoding.UTF8.GetBytes("{\"inner\":" + json + "}"));
    }

    [Theory]
    [InlineData("""{"value":2}""")]
    [InlineData("""{"value":[1]}""")]
    [InlineData("""{"price":"x"}""")]
    [InlineData("""{"price":1}""")]
    [InlineData("""{"price":null}""")]
    [InlineData("""{"maybe":1}""")]
    [InlineData("""{"maybe":null,"price":"1 EUR","value":5}""")]
    public void Constructor_parameters_with_converters_read_like_STJ(string json) => AssertSameRead<ProbedRecord>(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void An_exception_of_the_converter_leaves_as_it_is()
    {
        byte[] json = """{"value":4}"""u8.ToArray();
        var stj = Assert.Throws<InvalidOperationException>(() => Oracle.Deserialize<Probed>(json));
        var velithon = Assert.Throws<InvalidOperationException>(() => VelithonJson.Deserialize<Probed>(json));
        Assert.Equal(stj.Message, velithon.Message);

        var probed = new Probed { Value = new Probe(4) };
        Assert.Equal(
            Assert.Throws<InvalidOperationException>(() => Oracle.Serialize(probed)).Message,
            Assert.Throws<InvalidOperationException>(() => VelithonJson.SerializeToUtf8Bytes(probed)).Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Write_errors_of_converters_are_STJ_errors(int mode)
    {
        var probed = new Probed { Before = 1, Value = new Probe(mode), After = 2 };
        var stj = Assert.Throws<JsonException>(() => Oracle.Serialize(probed));
        var velithon = Assert.Throws<JsonException>(() => VelithonJson.SerializeToUtf8Bytes(probed));
        Assert.Equal(stj.Message, velithon.Message);
        Assert.Equal(stj.Path, velithon.Path);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Write_errors_of_converters_in_nested_objects_have_STJs_path(int mode)
    {
        var outer = new ProbedOuter { Inner = new Probed { Before = 1, Value = new Probe(mode), After = 2 } };
        var stj = Assert.Throws<JsonException>(() => Oracle.Serialize(outer));
        var velithon = Assert.Throws<JsonException>(() => VelithonJson.SerializeToUtf8Bytes(outer));
        Assert.Equal(stj.Message, velithon.Message);
        Assert.Equal(stj.Path, velithon.Path);

        var batch = new InvoiceBatch { Rest = [new Invoice { Lines = [new Money(1, "EUR")] }] };
        Assert.Equal(Oracle.Serialize(batch), VelithonJson.SerializeToUtf8Bytes(batch));
    }

    [Fact]
    public void With_UseStringEnumConverter_the_options_converter_wins_over_the_enum_types()
    {
        var options = new JsonSerializerOptions(JsonSerializerOptions.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        Gen.Select(LevelGen, LevelGen.List[0, 3].Null(), MoneyGen, (level, history, price) => new LevelsAsNames { Level = level, History = history, Price = price }).Run(value =>
        {
            byte[] expected = JsonSerializer.SerializeToUtf8Bytes(value, options);
            AssertBytes(expected, VelithonJson.SerializeToUtf8Bytes(value));
            string? diff = DeepEqual.Diff(JsonSerializer.Deserialize<LevelsAsNames>(expected, options), VelithonJson.Deserialize<LevelsAsNames>(expected));
            Assert.True(diff is null, diff);
        }, iter: 500);
        Assert.Contains("\"HighAvailability\"", Oracle.Text(VelithonJson.SerializeToUtf8Bytes(new LevelsAsNames { Level = ServiceLevel.HighAvailability })), StringComparison.Ordinal);
    }

    [Fact]
    public void A_converter_that_writes_nothing_is_an_error_where_STJ_writes_invalid_JSON()
    {
        var probed = new Probed { Before = 1, Value = new Probe(5), After = 2 };
        Assert.Equal("{\"before\":1,\"value\":\"after\":2}", Oracle.Text(Oracle.Serialize(probed)));
        var velithon = Assert.Throws<JsonException>(() => VelithonJson.SerializeToUtf8Bytes(probed));
        Assert.Equal("The converter 'Velithon.Json.Tests.Models.ProbeConverter' wrote too much or not enough. Path: $.Value.", velithon.Message);
    }

    [Fact]
    public void A_host_with_the_same_options_runs_the_generated_code_with_STJ_bytes()
    {
        var resolved = new JsonSerializerOptions(JsonSerializerOptions.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver()),
        };
        Assert.IsType<VelithonJsonConverter<Invoice>>(resolved.GetTypeInfo(typeof(Invoice)).Converter);
        InvoiceGen.Run(value =>
        {
            byte[] expected = Oracle.Serialize(value);
            AssertBytes(expected, JsonSerializer.SerializeToUtf8Bytes(value, resolved));
            string? diff = DeepEqual.Diff(Oracle.Deserialize<Invoice>(expected), JsonSerializer.Deserialize<Invoice>(expected, resolved));
            Assert.True(diff is null, diff);
        }, iter: 500);
    }

    private static void AssertBytes(byte[] expected, byte[] actual) =>
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"\nSTJ:      {Oracle.Text(expected)}\nVelithon: {Oracle.Text(actual)}");

    /// <summary>Both read the same value, or both throw the same exception type with the same message, path and position.</summary>
    /// <param name="stjOptions">The options STJ reads with: those the type is compiled for (the Web defaults when null).</param>
    internal static void AssertSameRead<T>(byte[] json, JsonSerializerOptions? stjOptions = null)
        where T : IVelithonJson<T>
    {
        (T? expected, Exception? stjError) = Try(() => stjOptions is null ? Oracle.Deserialize<T>(json) : JsonSerializer.Deserialize<T>(json, stjOptions));
        (T? actual, Exception? error) = Try(() => VelithonJson.Deserialize<T>(json));
        (T? fromSequence, Exception? sequenceError) = Try(() => VelithonJson.Deserialize<T>(new ReadOnlySequence<byte>(json)));
        string input = "\nInput: " + Encoding.UTF8.GetString(json);
        foreach ((T? value, Exception? ex) in new[] { (actual, error), (fromSequence, sequenceError) })
        {
            if (stjError is null)
            {
                Assert.True(ex is null, $"STJ reads it, Velithon threw {ex}{input}");
                string? diff = DeepEqual.Diff(expected, value);
                Assert.True(diff is null, diff + input);
            }
            else
            {
                Assert.True(ex is not null, $"STJ threw {stjError.GetType().Name}: {stjError.Message}; Velithon read a value{input}");
                Assert.True(stjError.GetType() == ex!.GetType(), $"STJ: {stjError}\nVelithon: {ex}{input}");
                Assert.True(stjError.Message == ex.Message, $"STJ: {stjError.Message}\nVelithon: {ex.Message}{input}");
                if (stjError is JsonException stjJson)
                {
                    var json2 = (JsonException)ex;
                    Assert.Equal(stjJson.Path, json2.Path);
                    Assert.Equal(stjJson.LineNumber, json2.LineNumber);
                    Assert.Equal(stjJson.BytePositionInLine, json2.BytePositionInLine);
                }
            }
        }
    }

    private static (T? Value, Exception? Error) Try<T>(Func<T?> read)
    {
        try
        {
            return (read(), null);
        }
        catch (Exception ex)
        {
            return (default, ex);
        }
    }
}
