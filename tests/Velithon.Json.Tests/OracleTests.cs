using System.Text;
using System.Text.Json;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// The acceptance test of the generated serializers: for every catalogue type and thousands of random values, Velithon
/// writes exactly what STJ Web writes, reads back what STJ reads, and reads every variation STJ Web accepts.
/// </summary>
public sealed class OracleTests
{
    public static TheoryData<string> Types => new(VelithonCatalogue.Names);

    public static TheoryData<string, string> Variations
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string type in VelithonCatalogue.Names)
            {
                foreach (string variation in new[] { "numbers-as-strings", "case-insensitive", "unknown-members", "duplicates-last-wins", "indented" })
                {
                    data.Add(type, variation);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Serialize_is_byte_identical_to_STJ_Web(string type) => VelithonCatalogue.Get(type).SerializeMatchesStj();

    [Theory]
    [MemberData(nameof(Types))]
    public void Deserialize_equals_STJ_and_round_trips(string type) => VelithonCatalogue.Get(type).DeserializeMatchesStjAndRoundTrips();

    [Theory]
    [MemberData(nameof(Types))]
    public void STJ_converter_bridge_matches(string type) => VelithonCatalogue.Get(type).ConverterBridgeMatchesStj();

    [Theory]
    [MemberData(nameof(Variations))]
    public void Reads_what_STJ_Web_reads(string type, string variation) => VelithonCatalogue.Get(type).ReadsVariation(variation);

    [Fact]
    public void Null_top_level_value()
    {
        Assert.Equal("null"u8.ToArray(), VelithonJson.SerializeToUtf8Bytes<Address>(null!));
        Assert.Null(VelithonJson.Deserialize<Address>("null"u8));
        Assert.Null(VelithonJson.Deserialize<Address>(" \r\n null \t"u8));
    }

    [Theory]
    [InlineData("null")]
    [InlineData(" \r\n null \t")]
    [InlineData("null,")]
    [InlineData("null x")]
    [InlineData("null null")]
    [InlineData("\n  null,\"x\":1}")]
    public void Null_for_a_struct_root_fails_like_STJ(string json)
    {
        // STJ refuses a JSON null for a value type with its conversion error at the null, before it looks at what follows.
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        RootOracleTests.AssertSameError(() => JsonSerializer.Deserialize<PointRecord>(utf8, JsonSerializerOptions.Web), () => VelithonJson.Deserialize<PointRecord>(utf8));
        RootOracleTests.AssertSameError(() => JsonSerializer.Deserialize<PointRecord>(utf8, JsonSerializerOptions.Web), () => VelithonJson.Deserialize<PointRecord>(TestInputs.Split(utf8, 1)));
        RootOracleTests.AssertSameError(
            () => JsonSerializer.DeserializeAsync<PointRecord>(new MemoryStream(utf8), JsonSerializerOptions.Web).AsTask().GetAwaiter().GetResult(),
            () => VelithonJson.DeserializeAsync<PointRecord>(new MemoryStream(utf8)).AsTask().GetAwaiter().GetResult());
    }

    [Fact]
    public void Absent_members_keep_initializer_and_parameter_defaults()
    {
        Account account = VelithonJson.Deserialize<Account>("""{"id":"a","balance":1.5,"owner":null}"""u8)!;
        Assert.Equal("EUR", account.Currency);
        Assert.Equal(1, account.Version);

        WithConstructor created = VelithonJson.Deserialize<WithConstructor>("""{"id":3}"""u8)!;
        Assert.Equal(42, created.Optional);
        DeepEqual.AssertEqual(Oracle.Deserialize<WithConstructor>("""{"id":3}"""u8), created);
    }

    [Fact]
    public void Ignored_members_are_neither_written_nor_read()
    {
        var value = new Annotated { Ignored = "x", AlwaysIgnored = 5 };
        string json = Encoding.UTF8.GetString(VelithonJson.SerializeToUtf8Bytes(value));
        Assert.DoesNotContain("\"ignored\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("alwaysIgnored", json, StringComparison.Ordinal);
        Annotated read = VelithonJson.Deserialize<Annotated>("""{"ignored":"x","alwaysIgnored":5,"getOnly":9}"""u8)!;
        Assert.Null(read.Ignored);
        Assert.Equal(0, read.AlwaysIgnored);
    }

    [Theory]
    [InlineData("\uD800")]
    [InlineData("a\uDC00b")]
    [InlineData("\uDBFF\uDBFF")]
    public void Lone_surrogates_are_written_like_STJ(string text)
    {
        var value = new Address(text, null, 0);
        byte[]? expected = null;
        Exception? stjError = null;
        try
        {
            expected = Oracle.Serialize(value);
        }
        catch (ArgumentException ex)
        {
            stjError = ex;
        }

        if (stjError is null)
        {
            Assert.Equal(Encoding.UTF8.GetString(expected!), Encoding.UTF8.GetString(VelithonJson.SerializeToUtf8Bytes(value)));
        }
        else
        {
            Assert.Throws(stjError.GetType(), () => VelithonJson.SerializeToUtf8Bytes(value));
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_numbers_fail_like_STJ(double number)
    {
        var value = new ReadOnlyPoint(number, 0, null);
        Exception stj = Assert.ThrowsAny<Exception>(() => Oracle.Serialize(value));
        Exception velithon = Assert.ThrowsAny<Exception>(() => VelithonJson.SerializeToUtf8Bytes(value));
        Assert.IsType(stj.GetType(), velithon);
    }

    [Fact]
    public void A_default_ImmutableArray_fails_like_STJ()
    {
        // STJ Web (reflection) lets ImmutableArray<T>'s own InvalidOperationException escape; Velithon throws the same.
        var value = new Collections { Immutable = default };
        Exception stj = Assert.ThrowsAny<Exception>(() => Oracle.Serialize(value));
        Exception velithon = Assert.ThrowsAny<Exception>(() => VelithonJson.SerializeToUtf8Bytes(value));
        Assert.IsType<InvalidOperationException>(stj);
        Assert.IsType(stj.GetType(), velithon);
        Assert.Equal(stj.Message, velithon.Message);
    }

    [Fact]
    public void Writing_deeper_than_the_limit_fails_like_STJ()
    {
        // STJ writes at most 63 nested objects under MaxDepth 64; 64 nested LinkedNodes is a "possible object cycle".
        LinkedNode? head = null;
        for (int i = 0; i < 64; i++)
        {
            head = new LinkedNode { Value = "v", Next = head };
        }

        JsonException stj = Assert.Throws<JsonException>(() => Oracle.Serialize(head));
        JsonException velithon = Assert.ThrowsAny<JsonException>(() => VelithonJson.SerializeToUtf8Bytes(head!));
        Assert.StartsWith("A possible object cycle was detected", velithon.Message, StringComparison.Ordinal);
        Assert.StartsWith("A possible object cycle was detected", stj.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_64_levels_and_honours_a_larger_MaxDepth()
    {
        string deep64 = string.Concat(Enumerable.Repeat("{\"next\":", 63)) + "{}" + new string('}', 63);
        DeepEqual.AssertEqual(Oracle.Deserialize<LinkedNode>(Encoding.UTF8.GetBytes(deep64)), VelithonJson.Deserialize<LinkedNode>(Encoding.UTF8.GetBytes(deep64)));

        string deep100 = string.Concat(Enumerable.Repeat("{\"next\":", 99)) + "{}" + new string('}', 99);
        Assert.Throws<JsonException>(() => VelithonJson.Deserialize<LinkedNode>(Encoding.UTF8.GetBytes(deep100)));
        LinkedNode? read = VelithonJson.Deserialize<LinkedNode>(Encoding.UTF8.GetBytes(deep100), new VelithonJsonOptions { MaxDepth = 128 });
        int count = 0;
        for (LinkedNode? n = read; n is not null; n = n.Next)
        {
            count++;
        }

        Assert.Equal(100, count);
    }
}
