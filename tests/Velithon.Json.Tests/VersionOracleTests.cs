using System.Text;
using System.Text.Json;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// Version members, elements, dictionary values, keys and constructor parameters against STJ reflection with the Web
/// defaults: the same bytes, the same values read from STJ's output and from arbitrary version texts, the same errors.
/// </summary>
public sealed class VersionOracleTests
{
    // Version texts as they may come: valid with 2 to 4 components, too few or too many, signs, whitespace, overflow, escapes.
    private static readonly Gen<string> VersionText = Gen.Frequency(
        (3, NumericGenerators.Version.Select(v => v.ToString())),
        (3, Gen.OneOf(
            "1", "1.", "1.2", "1.2.3.4.5", "1..2", ".1.2", "-1.2", "1.-2", "+1.2", " 1.2", "1.2 ", "1 .2", "01.002", "1.2.2147483648",
            "2147483647.2147483647", "1,2", "a.b", "", "1.2\\u002e3", "\\u0031.2", "١.٢", "1.2.3.4\\u0000")),
        (2, Gen.Char["0123456789.-+ x"].Array[0, 12].Select(c => new string(c))));

    [Fact]
    public void Writes_are_byte_identical_to_STJ() => NumericGenerators.Versions.Run(value =>
    {
        NumericValueOracleTests.AssertSameWrite(value, JsonSerializerOptions.Web);
        NumericValueOracleTests.AssertSameWrite(new VersionRecord(1, value.Version), JsonSerializerOptions.Web);
    }, iter: 2000, print: Oracle.Show);

    [Fact]
    public void Reads_STJ_output_and_its_variants_like_STJ() => Gen.Select(NumericGenerators.Versions, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item2);
        byte[] json = Oracle.Serialize(t.Item1);
        ConverterOracleTests.AssertSameRead<VersionValues>(json);
        ConverterOracleTests.AssertSameRead<VersionValues>(JsonRewriter.FlipCase(json, random));
        ConverterOracleTests.AssertSameRead<VersionValues>(JsonRewriter.InsertUnknownMembers(json, random));
        ConverterOracleTests.AssertSameRead<VersionRecord>(Oracle.Serialize(new VersionRecord(3, t.Item1.Version)));
    }, iter: 1500, print: t => Oracle.Show(t.Item1));

    [Fact]
    public void Arbitrary_version_texts_read_like_STJ() => Gen.Select(VersionText, Gen.Int[0, 4]).Run(t =>
    {
        string value = "\"" + t.Item1 + "\"";
        string json = t.Item2 switch
        {
            0 => "{\"version\":" + value + "}",
            1 => "{\"versions\":[null," + value + "]}",
            2 => "{\"byName\":{\"a\":" + value + "}}",
            3 => "{\"byVersion\":{\"1.0\":1," + value + ":2}}",
            _ => "{\"id\":1,\"version\":" + value + "}",
        };
        if (t.Item2 == 4)
        {
            ConverterOracleTests.AssertSameRead<VersionRecord>(Encoding.UTF8.GetBytes(json));
        }
        else
        {
            ConverterOracleTests.AssertSameRead<VersionValues>(Encoding.UTF8.GetBytes(json));
        }
    }, iter: 3000, print: t => t.Item2 + ": " + t.Item1);

    [Theory]
    [InlineData("""{"version":1}""")]
    [InlineData("""{"version":1.2}""")]
    [InlineData("""{"version":{}}""")]
    [InlineData("""{"version":null,"versions":null,"byName":null,"byVersion":null}""")]
    [InlineData("""{"versions":[1]}""")]
    [InlineData("""{"byVersion":{"1.2":1,"1.2.0":2,"1.2":3}}""")]
    [InlineData("""{"byVersion":{"x":1}}""")]
    [InlineData("""{"byVersion":{"1.2":null}}""")]
    public void Named_inputs_read_like_STJ(string json) => ConverterOracleTests.AssertSameRead<VersionValues>(Encoding.UTF8.GetBytes(json));
}
