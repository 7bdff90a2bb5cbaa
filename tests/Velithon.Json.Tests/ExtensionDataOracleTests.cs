using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// [JsonExtensionData] members against STJ reflection with the options each type is compiled for: the same bytes (entries
/// after the declared members, keys as they are, also with the relaxed encoder), the same values from STJ's output and
/// its variants (recased names, unknown members anywhere with escaped and non-ASCII names, duplicates, trailing commas and
/// comments where allowed), read back to the same bytes, and the same errors for damaged documents.
/// </summary>
public sealed class ExtensionDataOracleTests
{
    private static readonly JsonSerializerOptions Web = JsonSerializerOptions.Web;

    private static readonly JsonSerializerOptions General = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.KebabCaseUpper,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly JsonSerializerOptions WebDisallow = new(JsonSerializerOptions.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    private static readonly JsonSerializerOptions Lenient = new(JsonSerializerOptions.Web)
    {
        IncludeFields = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly JsonSerializerOptions Populating = new(JsonSerializerOptions.Web) { PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate };

    private static readonly JsonSerializerOptions Relaxed = new(JsonSerializerOptions.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly VelithonJsonOptions VelithonRelaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Keys: ordinary, non-ASCII and escaped ones (Generators.Key), and the declared members' names (written twice, as STJ does).
    private static readonly Gen<string> ExtensionKey = Gen.Frequency(
        (6, Generators.Key),
        (1, Gen.OneOf("id", "Id", "name", "NAME", "tags", "ignored", "readOnly", "writeOnly", "extra", "Extra", "title", "child", "renamed-extra", "first_name", "age", "FirstName", "")));

    private static readonly Gen<object?> ObjectValue = Gen.Frequency(
        (5, DocumentGenerators.Element.Select(e => (object?)e)),
        (1, Generators.String.Select(s => (object?)s)),
        (1, Gen.Int.Select(i => (object?)i)),
        (1, Generators.Double.Where(double.IsFinite).Select(d => (object?)d)),
        (1, Gen.Bool.Select(b => (object?)b)),
        (1, Gen.Guid.Select(g => (object?)g)),
        (1, Gen.Const((object?)null)));

    private static Gen<Dictionary<string, T>?> Entries<T>(Gen<T> value) =>
        Gen.Select(ExtensionKey, value).List[0, 5].Select(l => l.DistinctBy(e => e.Item1).ToDictionary(e => e.Item1, e => e.Item2)).Null(0.2)!;

    private static readonly Gen<ExtensionElements> Elements = Gen.Select(
        Gen.Int, Generators.NullableString, Gen.Int.List[0, 3].Null(0.3), Generators.NullableString, Entries(DocumentGenerators.Element),
        (id, name, tags, writeOnly, extra) => new ExtensionElements { Id = id, Name = name, Tags = tags, Ignored = 5, WriteOnly = writeOnly, Extra = extra });

    private static readonly Gen<ExtensionObjects> Objects = Gen.Select(
        Generators.NullableString, Elements.Null(0.3), Entries(ObjectValue),
        (title, child, extra) => new ExtensionObjects { Title = title, Child = child, Extra = extra });

    private static readonly Gen<ExtensionGeneral> GeneralValues = Gen.Select(
        Generators.NullableString, Gen.Frequency((1, Gen.Const((int?)null)), (3, Gen.Int.Select(i => (int?)i))), Gen.Select(Generators.Key, Gen.Int).List[0, 3].Select(l => l.DistinctBy(e => e.Item1).ToDictionary(e => e.Item1, e => e.Item2)).Null(0.3),
        Entries(ObjectValue.Where(v => v is not null).Select(v => v!)),
        (first, age, scores, extra) => new ExtensionGeneral { FirstName = first, Age = age, Scores = scores, Extra = extra });

    private static readonly Gen<ExtensionRecord> Records = Gen.Select(Gen.Int, Generators.NullableString, Entries(DocumentGenerators.Element),
        (id, name, extra) => new ExtensionRecord(id, name) { Extra = extra });

    private static readonly Gen<ExtensionGetOnly> GetOnly = Gen.Select(Gen.Int, Entries(ObjectValue.Where(v => v is not null).Select(v => v!)), (id, extra) =>
    {
        var value = new ExtensionGetOnly { Id = id };
        foreach (var entry in extra ?? [])
        {
            value.Extra[entry.Key] = entry.Value;
        }

        return value;
    });

    private static readonly Gen<ExtensionField> Fields = Gen.Select(Gen.Int, Entries(ObjectValue), (id, extra) => new ExtensionField { Id = id, Extra = extra });

    private static readonly Gen<ExtensionHolder> Holders = Gen.Select(Elements.List[0, 3].Null(0.2), Objects.Null(0.2), Records.Null(0.2),
        (items, objects, record) => new ExtensionHolder { Items = items, Objects = objects, Record = record });

    [Fact]
    public void Writes_are_byte_identical_to_STJ_with_Web_defaults_and_the_relaxed_encoder() => Gen.Select(Elements, Objects, Records, Holders).Run(t =>
    {
        AssertSameWrite(t.Item1, Web);
        AssertSameWrite(t.Item2, Web);
        AssertSameWrite(t.Item3, Web);
        AssertSameWrite(t.Item4, Web);
        AssertBytes(JsonSerializer.SerializeToUtf8Bytes(t.Item4, Relaxed), VelithonJson.SerializeToUtf8Bytes(t.Item4, VelithonRelaxed));
    }, iter: 1500);

    [Fact]
    public void Writes_are_byte_identical_to_STJ_with_General_a_naming_policy_WhenWritingNull_and_IncludeFields() => Gen.Select(GeneralValues, GetOnly, Fields).Run(t =>
    {
        AssertSameWrite(t.Item1, General);
        AssertSameWrite(t.Item2, WebDisallow);
        AssertSameWrite(t.Item3, Lenient);
    }, iter: 1500);

    [Fact]
    public void Reads_STJ_output_and_its_variants_like_STJ() => Gen.Select(Holders, Holders, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item3);
        byte[] json = Oracle.Serialize(t.Item1);
        AssertSameRead<ExtensionHolder>(json, Web);
        AssertSameRead<ExtensionHolder>(JsonSerializer.SerializeToUtf8Bytes(t.Item1, Oracle.WebIndented), Web);
        AssertSameRead<ExtensionHolder>(JsonRewriter.FlipCase(json, random), Web);
        AssertSameRead<ExtensionHolder>(JsonRewriter.InsertUnknownMembers(json, random), Web);
        AssertSameRead<ExtensionHolder>(JsonRewriter.NumbersAsStrings(json), Web);
        if (JsonRewriter.Concatenate(json, Oracle.Serialize(t.Item2)) is { } duplicates)
        {
            AssertSameRead<ExtensionHolder>(duplicates, Web);
        }
    }, iter: 1500, print: t => Oracle.Show(t.Item1));

    [Fact]
    public void Reads_with_other_options_like_STJ() => Gen.Select(GeneralValues, GetOnly, Fields, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item4);
        foreach (byte[] json in Variants(JsonSerializer.SerializeToUtf8Bytes(t.Item1, General), random))
        {
            AssertSameRead<ExtensionGeneral>(json, General);
        }

        foreach (byte[] json in Variants(JsonSerializer.SerializeToUtf8Bytes(t.Item2, WebDisallow), random))
        {
            AssertSameRead<ExtensionGetOnly>(json, WebDisallow);
        }

        byte[] fields = JsonSerializer.SerializeToUtf8Bytes(t.Item3, Lenient);
        foreach (byte[] json in Variants(fields, random))
        {
            AssertSameRead<ExtensionField>(json, Lenient);
        }

        AssertSameRead<ExtensionField>(Encoding.UTF8.GetBytes(LenientText(Encoding.UTF8.GetString(fields))), Lenient);
    }, iter: 1000);

    [Fact]
    public void Arbitrary_unknown_members_anywhere_read_like_STJ() => Gen.Select(Gen.Select(ExtensionKey, Gen.Bool, DocumentGenerators.Text(3)).Array[0, 5], Gen.Int[0, 5], Gen.Int).Run(t =>
    {
        var members = t.Item1.Select(m => JsonName(m.Item1, m.Item2) + ":" + m.Item3).ToList();
        members.Insert(Math.Min(t.Item2, members.Count), "\"id\":" + t.Item3);
        string body = string.Join(",", members);
        AssertSameRead<ExtensionElements>(Encoding.UTF8.GetBytes("{" + body + "}"), Web);
        AssertSameRead<ExtensionObjects>(Encoding.UTF8.GetBytes("{" + body + "}"), Web);
        AssertSameRead<ExtensionRecord>(Encoding.UTF8.GetBytes("{" + body + "}"), Web);
        AssertSameRead<ExtensionGeneral>(Encoding.UTF8.GetBytes("{" + body + "}"), General);
        AssertSameRead<ExtensionGetOnly>(Encoding.UTF8.GetBytes("{" + body + "}"), WebDisallow);
        AssertSameRead<ExtensionField>(Encoding.UTF8.GetBytes("{" + body + "}"), Lenient);
        AssertSameRead<ExtensionHolder>(Encoding.UTF8.GetBytes("{\"items\":[{" + body + "}],\"objects\":{\"child\":{" + body + "}}}"), Web);
    }, iter: 2000, print: t => string.Join(",", t.Item1.Select(m => m.Item1 + ":" + m.Item3)));

    [Fact]
    public void Mutated_and_truncated_documents_read_like_STJ() => Gen.Select(Holders, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item2);
        byte[] json = Oracle.Serialize(t.Item1);
        for (int i = 0; i < 4; i++)
        {
            byte[] mutated = Mutator.Mutate(json, random);
            AssertOnlyJsonException<ExtensionHolder>(mutated);
            AssertSameRead<ExtensionHolder>(mutated, Web);
        }

        for (int length = 0; length < json.Length; length += 1 + (json.Length / 16))
        {
            AssertOnlyJsonException<ExtensionHolder>(json.AsSpan(0, length).ToArray());
            AssertSameRead<ExtensionHolder>(json.AsSpan(0, length).ToArray(), Web);
        }
    }, iter: 1000, print: t => Oracle.Show(t.Item1));

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"x":1,"x":2,"X":3}""")]
    [InlineData("""{"extra":{"a":1},"Extra":[1]}""")]
    [InlineData("""{"ignored":1,"IGNORED":2,"readOnly":3,"ReadOnly":4,"writeOnly":"w","WRITEONLY":5,"other":6}""")]
    [InlineData("""{"id":1,"b":null,"c":{"d":[1,2,{"e":null}]}}""")]
    [InlineData("""{"\u00e9":1,"\u0041":2,"a\"b":3,"\ud83d\ude00":4}""")]
    [InlineData("""{"x":[1,}""")]
    [InlineData("""{"x":01}""")]
    [InlineData("""{"x":1""")]
    [InlineData("""{"x":1,"id":"nope"}""")]
    [InlineData("""{"x":tru}""")]
    public void Named_inputs_read_like_STJ(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        AssertSameRead<ExtensionElements>(utf8, Web);
        AssertSameRead<ExtensionObjects>(utf8, Web);
        AssertSameRead<ExtensionRecord>(utf8, Web);
        AssertSameRead<ExtensionGeneral>(utf8, General);
        AssertSameRead<ExtensionGetOnly>(utf8, WebDisallow);
        AssertSameRead<ExtensionField>(utf8, Lenient);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"numbers":[2],"x":1,"child":{"a":1,"seed":2,"y":[3]},"initial":"again","Z":null}""")]
    [InlineData("""{"child":{"y":1,"Y":2},"child":{"y":3}}""")]
    [InlineData("""{"x":{"a":[1,{}]},"numbers":null}""")]
    [InlineData("""{"child":{"a":"x"}}""")]
    [InlineData("""{"child":{"q":[}}""")]
    public void Populated_types_read_like_STJ(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        AssertSameRead<ExtensionPopulated>(utf8, Populating);
        AssertSameRead<ExtensionMemberPopulated>(utf8, Web);
    }

    [Fact]
    public void Populated_types_read_arbitrary_unknown_members_like_STJ() => Gen.Select(Gen.Select(ExtensionKey, Gen.Bool, DocumentGenerators.Text(2)).Array[0, 4], Gen.Int[0, 4]).Run(t =>
    {
        var members = t.Item1.Select(m => JsonName(m.Item1, m.Item2) + ":" + m.Item3).ToList();
        members.Insert(Math.Min(t.Item2, members.Count), "\"numbers\":[5,6]");
        string body = string.Join(",", members);
        AssertSameRead<ExtensionPopulated>(Encoding.UTF8.GetBytes("{" + body + ",\"child\":{" + body + "}}"), Populating);
        AssertSameRead<ExtensionMemberPopulated>(Encoding.UTF8.GetBytes("{" + body + "}"), Web);
        var value = new ExtensionPopulated();
        value.Child.Extra["k"] = JsonDocument.Parse(t.Item1.Length == 0 ? "1" : t.Item1[0].Item3).RootElement;
        AssertSameWrite(value, Populating);
    }, iter: 1000, print: t => string.Join(",", t.Item1.Select(m => m.Item1 + ":" + m.Item3)));

    [Fact]
    public void An_invalid_UTF8_name_becomes_a_replacement_character_key_as_in_STJ()
    {
        byte[] json = [(byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}'];
        AssertSameRead<ExtensionElements>(json, Web);
        Assert.Equal("\uFFFD", Assert.Single(VelithonJson.Deserialize<ExtensionElements>(json)!.Extra!).Key);
    }

    [Fact]
    public void Values_are_read_as_STJ_reads_them_and_entries_go_into_the_current_dictionary()
    {
        ExtensionObjects objects = VelithonJson.Deserialize<ExtensionObjects>("""{"a":null,"b":{"c":1},"a":2}"""u8)!;
        Assert.IsType<Dictionary<string, object?>>(objects.Extra);
        Assert.Equal(["a", "b"], objects.Extra!.Keys);
        Assert.Equal(JsonValueKind.Number, Assert.IsType<JsonElement>(objects.Extra["a"]).ValueKind);

        Assert.Null(VelithonJson.Deserialize<ExtensionObjects>("""{"a":null}"""u8)!.Extra!["a"]);
        Assert.Null(VelithonJson.Deserialize<ExtensionObjects>("""{"title":"t"}"""u8)!.Extra);

        ExtensionRecord record = VelithonJson.Deserialize<ExtensionRecord>("""{"id":1,"more":2}"""u8)!;
        Assert.Equal(["initial", "more"], record.Extra!.Keys);

        Assert.Empty(VelithonJson.Deserialize<ExtensionGetOnly>("""{"id":1,"more":2}"""u8)!.Extra);
    }

    [Fact]
    public void A_default_JsonElement_value_fails_to_write_as_in_STJ()
    {
        var value = new ExtensionElements { Extra = new() { ["k"] = default } };
        Exception stj = Assert.ThrowsAny<Exception>(() => Oracle.Serialize(value));
        Exception velithon = Assert.ThrowsAny<Exception>(() => VelithonJson.SerializeToUtf8Bytes(value));
        Assert.Equal(stj.GetType(), velithon.GetType());
        Assert.Equal(stj.Message, velithon.Message);
    }

    [Fact]
    public void A_value_deeper_than_MaxDepth_fails_to_write_as_in_STJ()
    {
        string deep = new string('[', 70) + new string(']', 70);
        var value = new ExtensionElements { Extra = new() { ["k"] = JsonDocument.Parse(deep, new JsonDocumentOptions { MaxDepth = 100 }).RootElement } };
        Exception stj = Assert.ThrowsAny<Exception>(() => Oracle.Serialize(value));
        Exception velithon = Assert.ThrowsAny<Exception>(() => VelithonJson.SerializeToUtf8Bytes(value));
        Assert.True(stj.GetType() == velithon.GetType() && stj.Message == velithon.Message, $"STJ: {stj}\nVelithon: {velithon}");
    }

    private static IEnumerable<byte[]> Variants(byte[] json, Random random)
    {
        yield return json;
        yield return JsonRewriter.FlipCase(json, random);
        yield return JsonRewriter.InsertUnknownMembers(json, random);
        yield return JsonRewriter.NumbersAsStrings(json);
        if (JsonRewriter.Concatenate(json, json) is { } duplicates)
        {
            yield return duplicates;
        }
    }

    // Comments after every comma and colon and trailing commas before every closing bracket (outside strings).
    private static string LenientText(string json)
    {
        var builder = new StringBuilder();
        bool inString = false;
        for (int i = 0; i < json.Length; i++)
        {
            char c = json[i];
            if (inString)
            {
                builder.Append(c);
                if (c == '\\')
                {
                    builder.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c is '}' or ']' && i > 0 && json[i - 1] is not '{' and not '[')
            {
                builder.Append(',');
            }

            builder.Append(c);
            if (c == '"')
            {
                inString = true;
            }
            else if (c is ',' or ':')
            {
                builder.Append("/* c */");
            }
        }

        return builder.ToString();
    }

    private static string JsonName(string name, bool escaped) =>
        escaped ? JsonSerializer.Serialize(name) : JsonSerializer.Serialize(name, Relaxed);

    private static void AssertSameWrite<T>(T value, JsonSerializerOptions options)
        where T : IVelithonJson<T>
    {
        AssertBytes(JsonSerializer.SerializeToUtf8Bytes(value, options), VelithonJson.SerializeToUtf8Bytes(value));
        var stingy = new StingyBufferWriter();
        VelithonJson.Serialize(value, stingy);
        AssertBytes(JsonSerializer.SerializeToUtf8Bytes(value, options), stingy.WrittenBytes);
    }

    // The same value or error as STJ (ConverterOracleTests.AssertSameRead), and the same bytes when both are written
    // again: extension entries in the same order.
    private static void AssertSameRead<T>(byte[] json, JsonSerializerOptions options)
        where T : IVelithonJson<T>
    {
        ConverterOracleTests.AssertSameRead<T>(json, options);
        T? expected;
        try
        {
            expected = JsonSerializer.Deserialize<T>(json, options);
        }
        catch (Exception)
        {
            return; // the same exception from both: checked above
        }

        T? actual = VelithonJson.Deserialize<T>(json);
        string? stjText = TryWrite(() => JsonSerializer.SerializeToUtf8Bytes(expected, options));
        string? velithonText = TryWrite(() => JsonSerializer.SerializeToUtf8Bytes(actual, options));
        Assert.True(stjText == velithonText, $"\nSTJ:      {stjText}\nVelithon: {velithonText}\nInput: {Encoding.UTF8.GetString(json)}");
    }

    private static string TryWrite(Func<byte[]> write)
    {
        try
        {
            return Encoding.UTF8.GetString(write());
        }
        catch (Exception ex)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }

    private static void AssertOnlyJsonException<T>(byte[] json)
        where T : IVelithonJson<T>
    {
        try
        {
            VelithonJson.Deserialize<T>(json);
        }
        catch (JsonException)
        {
        }
    }

    private static void AssertBytes(byte[] expected, byte[] actual) =>
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"\nSTJ:      {Oracle.Text(expected)}\nVelithon: {Oracle.Text(actual)}");
}
