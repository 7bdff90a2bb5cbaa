using System.Text;

namespace Velithon.Json.Tests;

/// <summary>
/// Bad input: random damage to valid documents gives a value or a JsonException, never another exception or a hang,
/// and agrees with STJ Web on which inputs are valid; named bad inputs fail with STJ's message, path, line and position.
/// </summary>
public sealed class MalformedInputTests
{
    public static TheoryData<string> Types => new(VelithonCatalogue.Names);

    [Theory]
    [MemberData(nameof(Types))]
    public void Mutated_documents_give_a_value_or_a_JsonException(string type) =>
        Bounded.Run(TimeSpan.FromSeconds(60), inFlight => VelithonCatalogue.Get(type).SurvivesMutations(inFlight));

    [Fact]
    public void The_mutation_count_in_the_docs_is_the_count_checked()
    {
        // docs/json.md ("Limits and errors") gives this number; each type's run above checks that it did its share.
        Assert.Equal(32_000, VelithonCatalogue.MutatedDocumentsPerRun);
    }

    [Theory]
    // depth 65 > the limit of 64
    [InlineData("LinkedNode", "DEPTH65")]
    // missing required members (C# required, [JsonRequired])
    [InlineData("Account", """{"balance":1,"owner":"o"}""")]
    [InlineData("Account", """{"id":"x","balance":1}""")]
    [InlineData("Account", """{"owner":null}""")]
    // wrong token types
    [InlineData("Scalars", """{"int32":"abc"}""")]
    [InlineData("Scalars", """{"int32":true}""")]
    [InlineData("Scalars", """{"int32":null}""")]
    [InlineData("Scalars", """{"bool":1}""")]
    [InlineData("Scalars", """{"bool":"true"}""")]
    [InlineData("Scalars", """{"string":5}""")]
    [InlineData("Scalars", """{"string":{}}""")]
    [InlineData("Scalars", """{"char":"ab"}""")]
    [InlineData("Scalars", """{"char":""}""")]
    [InlineData("Scalars", """{"guid":"not-a-guid"}""")]
    [InlineData("Scalars", """{"dateTime":"2020-13-01T00:00:00"}""")]
    [InlineData("Scalars", """{"dateOnly":"2020-01-01T00:00:00"}""")]
    [InlineData("Scalars", """{"timeSpan":"1:2:3:4:5"}""")]
    [InlineData("Scalars", """{"bytes":"!!not base64"}""")]
    [InlineData("Scalars", """{"uri":7}""")]
    [InlineData("Scalars", "[]")]
    [InlineData("Scalars", "\"x\"")]
    [InlineData("Scalars", "42")]
    [InlineData("Collections", """{"list":{}}""")]
    [InlineData("Collections", """{"array":[1,2,"x"]}""")]
    [InlineData("Collections", """{"dictionary":{"a":1,"b":"x"}}""")]
    [InlineData("Collections", """{"dictionary":[]}""")]
    [InlineData("Person", """{"home":[]}""")]
    [InlineData("Person", """{"homes":[],"friends":{"a":{"position":{"x":"q"}}}}""")]
    [InlineData("Person", """{"friends":{"a":{"friends":{"b":{"position":{"x":true}}}}}}""")]
    [InlineData("Enums", """{"suit":"Joker"}""")]
    [InlineData("Enums", """{"suit":true}""")]
    [InlineData("Enums", """{"color":"Red"}""")]
    [InlineData("Enums", """{"permissions":"Read, Nope"}""")]
    // numbers out of range
    [InlineData("Scalars", """{"byte":256}""")]
    [InlineData("Scalars", """{"sByte":-129}""")]
    [InlineData("Scalars", """{"int32":2147483648}""")]
    [InlineData("Scalars", """{"uInt64":-1}""")]
    [InlineData("Scalars", """{"int64":1.5}""")]
    [InlineData("Scalars", """{"decimal":1e29}""")]
    [InlineData("Scalars", """{"int16":"40000"}""")]
    [InlineData("Scalars", """{"int32":" 1"}""")]
    // invalid UTF-8 (hex escapes are replaced by raw bytes below)
    [InlineData("Scalars", """{"string":"a\xFFb"}""")]
    [InlineData("Scalars", """{"string":"\xC3"}""")]
    // trailing data, truncation, syntax
    [InlineData("Scalars", """{} x""")]
    [InlineData("Scalars", """{}{}""")]
    [InlineData("Scalars", """{"int32":1""")]
    [InlineData("Scalars", "")]
    [InlineData("Scalars", "   ")]
    [InlineData("Scalars", """{"int32":1,}""")]
    [InlineData("Scalars", """{/*c*/"int32":1}""")]
    [InlineData("Scalars", """{'int32':1}""")]
    [InlineData("Scalars", """{"int32":01}""")]
    // positions on later lines
    [InlineData("Scalars", "{\n  \"int32\": 1,\n  \"byte\": 300\n}")]
    [InlineData("Person", "{\r\n\t\"homes\": null,\r\n\t\"position\": {\r\n\t\t\"x\": 1,\r\n\t\t\"y\": true }\r\n}")]
    public void Named_bad_inputs_fail_like_STJ(string type, string json) => VelithonCatalogue.Get(type).FailsLikeStj(Bytes(json));

    [Theory]
    // A bad constructor parameter: STJ names the declaring type in the message ("could not be converted to
    // ...Address"), and so does Velithon.
    [InlineData("Person", """{"homes":[{"zip":1},{"zip":"x"}]}""")]
    [InlineData("Person", "{\r\n\t\"homes\": [\r\n\t\t{ \"zip\": 1 },\r\n\t\t{ \"zip\": true }\r\n\t]\r\n}")]
    [InlineData("PersonRecord", """{"name":"n","age":"x"}""")]
    [InlineData("WithConstructor", """{"id":1,"optional":[]}""")]
    public void Constructor_parameter_errors_fail_like_STJ(string type, string json) => VelithonCatalogue.Get(type).FailsLikeStj(Bytes(json));

    [Theory]
    // STJ accepts these: floating-point overflow reads as infinity; names and skipped values are not UTF-8-validated.
    [InlineData("Scalars", """{"single":1e39}""")]
    [InlineData("Scalars", """{"double":-1e309}""")]
    [InlineData("Scalars", """{"str\xFFing":"a"}""")]
    [InlineData("Scalars", """{"unknown":"\xED\xA0\x80"}""")]
    [InlineData("Address", """{"st\xC3reet":"a"}""")]
    [InlineData("Address", """{"s\u0074\xC3reet":"a","zip":1}""")]
    // and rejects these
    [InlineData("Scalars", """{"string":"\xED\xA0\x80"}""")]
    [InlineData("Scalars", """{"decimal":"1e400"}""")]
    [InlineData("Scalars", """{"int32":"0x10"}""")]
    [InlineData("Scalars", """{"int32":1.0}""")]
    [InlineData("Scalars", """{"double":"NaN"}""")]
    [InlineData("Scalars", """{"char":"\uD800"}""")]
    [InlineData("Scalars", """{"dateTime":"2020-01-01T00:00:00+25:00"}""")]
    [InlineData("Scalars", """{"bytes":"AAA"}""")]
    [InlineData("Scalars", """{"string":"\u00"}""")]
    [InlineData("Enums", """{"suit":"hearts","permissions":"read, WRITE","namedColor":"blue"}""")]
    [InlineData("Enums", """{"suit":3,"permissions":5,"namedColor":"7"}""")]
    [InlineData("Enums", """{"permissions":"Read,Write"}""")]
    [InlineData("Enums", """{"suit":" Hearts "}""")]
    [InlineData("Enums", """{"color":"1"}""")]
    [InlineData("Enums", """{"suit":"Clubs,"}""")]
    [InlineData("Enums", """{"suit":"Clubs, Hearts"}""")]
    [InlineData("Enums", """{"suits":["Spades", "Clubs,"]}""")]
    public void Edge_inputs_read_like_STJ(string type, string json) => VelithonCatalogue.Get(type).ReadsLikeStj(Bytes(json));

    // \xNN in the test data stands for a raw (possibly invalid UTF-8) byte.
    private static byte[] Bytes(string json) =>
        TestInputs.Utf8WithRawBytes(json == "DEPTH65" ? string.Concat(Enumerable.Repeat("{\"next\":", 64)) + "{}" + new string('}', 64) : json);
}
