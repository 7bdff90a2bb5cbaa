using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// JsonElement, JsonDocument, JsonNode (and JsonObject, JsonArray, JsonValue) and Memory&lt;byte&gt; members, elements and
/// dictionary values against STJ reflection with the Web defaults: the same bytes (also with the relaxed encoder), the
/// same values read from STJ's output and its variants, the same errors.
/// </summary>
public sealed class DocumentValueOracleTests
{
    private static readonly JsonSerializerOptions Relaxed = new(JsonSerializerOptions.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly VelithonJsonOptions VelithonRelaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Writes_are_byte_identical_to_STJ() => DocumentGenerators.Values.Run(value =>
    {
        AssertBytes(Oracle.Serialize(value), VelithonJson.SerializeToUtf8Bytes(value));

        var stingy = new StingyBufferWriter();
        VelithonJson.Serialize(value, stingy);
        AssertBytes(Oracle.Serialize(value), stingy.WrittenBytes);

        AssertBytes(JsonSerializer.SerializeToUtf8Bytes(value, Relaxed), VelithonJson.SerializeToUtf8Bytes(value, VelithonRelaxed));
    }, iter: 2000);

    [Fact]
    public void Records_and_nested_documents_write_byte_identically() => DocumentGenerators.Holder.Run(value =>
    {
        AssertBytes(Oracle.Serialize(value), VelithonJson.SerializeToUtf8Bytes(value));
        AssertBytes(JsonSerializer.SerializeToUtf8Bytes(value, Relaxed), VelithonJson.SerializeToUtf8Bytes(value, VelithonRelaxed));
    }, iter: 1000);

    [Fact]
    public void Reads_STJ_output_and_its_variants_like_STJ() => Gen.Select(DocumentGenerators.Values, DocumentGenerators.Values, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item3);
        byte[] json = Oracle.Serialize(t.Item1);
        ConverterOracleTests.AssertSameRead<DocumentValues>(json);
        ConverterOracleTests.AssertSameRead<DocumentValues>(JsonSerializer.SerializeToUtf8Bytes(t.Item1, Oracle.WebIndented));
        ConverterOracleTests.AssertSameRead<DocumentValues>(JsonRewriter.FlipCase(json, random));
        ConverterOracleTests.AssertSameRead<DocumentValues>(JsonRewriter.InsertUnknownMembers(json, random));
        ConverterOracleTests.AssertSameRead<DocumentValues>(JsonRewriter.NumbersAsStrings(json));
        if (JsonRewriter.Concatenate(json, Oracle.Serialize(t.Item2)) is { } duplicates)
        {
            ConverterOracleTests.AssertSameRead<DocumentValues>(duplicates);
        }
    }, iter: 1500, print: t => Oracle.Show(t.Item1));

    [Fact]
    public void Arbitrary_documents_in_every_member_read_like_STJ() => Gen.Select(DocumentGenerators.Text(4), Gen.OneOf(
        "element", "maybeElement", "document", "node", "object", "array", "value", "elements", "nodes", "memory", "readOnlyMemory")).Run(t =>
    {
        byte[] json = Encoding.UTF8.GetBytes("{\"" + t.Item2 + "\":" + t.Item1 + "}");
        ConverterOracleTests.AssertSameRead<DocumentValues>(json);
        ConverterOracleTests.AssertSameRead<DocumentHolder>(Encoding.UTF8.GetBytes("{\"inner\":{\"" + t.Item2 + "\":" + t.Item1 + "}}"));
        ConverterOracleTests.AssertSameRead<DocumentRecord>(Encoding.UTF8.GetBytes("{\"id\":1,\"payload\":" + t.Item1 + ",\"extra\":" + t.Item1 + "}"));
    }, iter: 3000, print: t => t.Item2 + ": " + t.Item1);

    [Fact]
    public void Mutated_documents_read_like_STJ() => Gen.Select(DocumentGenerators.Holder, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item2);
        byte[] json = Oracle.Serialize(t.Item1);
        for (int i = 0; i < 4; i++)
        {
            ConverterOracleTests.AssertSameRead<DocumentHolder>(Mutator.Mutate(json, random));
        }
    }, iter: 1000, print: t => Oracle.Show(t.Item1));

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"element":null,"maybeElement":null,"document":null,"node":null,"object":null,"array":null,"value":null}""")]
    [InlineData("""{"elements":[null,1,"x"],"nodes":{"a":null,"b":[null]}}""")]
    [InlineData("""{"object":[1]}""")]
    [InlineData("""{"array":{"a":1}}""")]
    [InlineData("""{"value":{"a":1}}""")]
    [InlineData("""{"value":[]}""")]
    [InlineData("""{"node":{"a":1,"A":2}}""")]
    [InlineData("""{"object":{"a":1,"a":2}}""")]
    [InlineData("""{"element":{"a":1,"a":2}}""")]
    [InlineData("""{"memory":"AQID","readOnlyMemory":""}""")]
    [InlineData("""{"memory":null,"readOnlyMemory":null}""")]
    [InlineData("""{"memory":"AQI","readOnlyMemory":1}""")]
    [InlineData("""{"memory":[1,2]}""")]
    [InlineData("""{"element":[1,{"a":[}]}""")]
    [InlineData("""{"element":01}""")]
    [InlineData("""{"node":tru}""")]
    [InlineData("""{"element":1""")]
    public void Named_inputs_read_like_STJ(string json) => ConverterOracleTests.AssertSameRead<DocumentValues>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"id":1}""")]
    [InlineData("""{"payload":null}""")]
    [InlineData("""{"payload":{"x":[1,2]},"extra":null}""")]
    [InlineData("""{"extra":{"x":1},"Payload":true}""")]
    public void Constructor_parameters_read_like_STJ(string json) => ConverterOracleTests.AssertSameRead<DocumentRecord>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"id":1,"secret":"s","count":3,"name":"x"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"Secret":null,"COUNT":"x"}""")]
    [InlineData("""{"id":"2","name":null}""")]
    public void A_JsonIgnored_positional_parameter_reads_as_its_default_like_STJ(string json) =>
        ConverterOracleTests.AssertSameRead<IgnoredParameterRecord>(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_JsonIgnored_positional_parameter_is_not_written() => Gen.Select(Gen.Int, Generators.NullableString, Gen.Int, Generators.String).Run(t =>
    {
        var value = new IgnoredParameterRecord(t.Item1, t.Item2, t.Item3, t.Item4);
        byte[] json = Oracle.Serialize(value);
        AssertBytes(json, VelithonJson.SerializeToUtf8Bytes(value));
        ConverterOracleTests.AssertSameRead<IgnoredParameterRecord>(json);
    }, iter: 1000);

    [Fact]
    public void A_missing_JsonElement_is_the_default_and_JSON_null_is_a_null_element()
    {
        DocumentValues missing = VelithonJson.Deserialize<DocumentValues>("{}"u8)!;
        Assert.Equal(JsonValueKind.Undefined, missing.Element.ValueKind);
        Assert.Null(missing.MaybeElement);

        DocumentValues nulls = VelithonJson.Deserialize<DocumentValues>("""{"element":null,"maybeElement":null,"document":null,"node":null}"""u8)!;
        Assert.Equal(JsonValueKind.Null, nulls.Element.ValueKind);
        Assert.Null(nulls.MaybeElement);
        Assert.Equal(JsonValueKind.Null, nulls.Document!.RootElement.ValueKind);
        Assert.Null(nulls.Node);
    }

    [Fact]
    public void A_default_JsonElement_fails_to_write_as_in_STJ()
    {
        var value = new DocumentValues();
        Exception stj = Assert.ThrowsAny<Exception>(() => Oracle.Serialize(value));
        Exception velithon = Assert.ThrowsAny<Exception>(() => VelithonJson.SerializeToUtf8Bytes(value));
        Assert.Equal(stj.GetType(), velithon.GetType());
        Assert.Equal(stj.Message, velithon.Message);
    }

    [Fact]
    public void A_document_deeper_than_MaxDepth_fails_to_write_as_in_STJ()
    {
        string deep = new string('[', 70) + new string(']', 70);
        var value = new DocumentValues { Element = JsonDocument.Parse(deep, new JsonDocumentOptions { MaxDepth = 100 }).RootElement };
        Exception stj = Assert.ThrowsAny<Exception>(() => Oracle.Serialize(value));
        Exception velithon = Assert.ThrowsAny<Exception>(() => VelithonJson.SerializeToUtf8Bytes(value));
        Assert.True(stj.GetType() == velithon.GetType() && stj.Message == velithon.Message, $"STJ: {stj}\nVelithon: {velithon}");
    }

    private static void AssertBytes(byte[] expected, byte[] actual) =>
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"\nSTJ:      {Oracle.Text(expected)}\nVelithon: {Oracle.Text(actual)}");
}
