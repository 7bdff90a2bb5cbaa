using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CsCheck;
using Velithon.Json.Tests.Integration;

namespace Velithon.Json.Tests;

/// <summary>
/// Options the generated code honours (Web, Web with the relaxed encoder, comments and trailing commas, a depth
/// limit): through <see cref="VelithonJsonConverter{T}"/> and through <see cref="VelithonJsonTypeInfoResolver"/>, every
/// generated value is written as STJ (reflection) writes it with the same options, and read back to what STJ reads.
/// </summary>
public sealed class StjBridgeOracleTests
{
    public static TheoryData<string> Configurations => new() { "web", "relaxed" };

    private static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.String[Gen.Char[' ', '~'], 0, 12]),
        (1, Gen.OneOf("Zoë <x> & 'y'", "日本語 😀", "\"q\" \\ / \u2028", "\uD800 lone", "+`&", "")));

    private static readonly Gen<Address> Addresses = Gen.Select(Text, Text.Null()).Select((city, zip) => new Address(city, zip));

    private static readonly Gen<Contact> Contacts = Gen.Select(
            Gen.Int,
            Text,
            Gen.Enum<Tier>(),
            Addresses.List[0, 3],
            Gen.Dictionary(Text, Gen.Int)[0, 3].Null(),
            Gen.Double.Where(double.IsFinite))
        .Select((id, name, tier, addresses, scores, ratio) => new Contact(id, name, tier, addresses, scores, ratio));

    [Theory]
    [MemberData(nameof(Configurations))]
    public void The_converter_writes_and_reads_like_STJ(string configuration)
    {
        JsonSerializerOptions stj = Stj(configuration);
        JsonSerializerOptions bridged = Stj(configuration);
        bridged.Converters.Add(new VelithonJsonConverter<Contact>());
        bridged.Converters.Add(new VelithonJsonConverter<Address>());

        Contacts.Sample(
            contact =>
            {
                byte[] expected = JsonSerializer.SerializeToUtf8Bytes(contact, stj);
                Assert.Equal(expected, JsonSerializer.SerializeToUtf8Bytes(contact, bridged));
                Assert.Equal(
                    JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize<Contact>(expected, stj), stj),
                    JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize<Contact>(expected, bridged), stj));
            },
            iter: 3_000);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void The_resolver_serves_types_and_collections_of_them_like_STJ(string configuration)
    {
        JsonSerializerOptions stj = Stj(configuration);
        JsonSerializerOptions resolved = Stj(configuration);
        resolved.TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver());

        Assert.IsType<VelithonJsonConverter<Contact>>(resolved.GetTypeInfo(typeof(Contact)).Converter);

        Contacts.Array[0, 4].Sample(
            contacts =>
            {
                var list = contacts.ToList();
                var map = contacts.Select((c, i) => (c, i)).ToDictionary(p => "k<" + p.i, p => p.c);
                AssertRoundTrip(contacts, stj, resolved);
                AssertRoundTrip(list, stj, resolved);
                AssertRoundTrip<IEnumerable<Contact>>(list, stj, resolved);
                AssertRoundTrip<IReadOnlyList<Contact>>(list, stj, resolved);
                AssertRoundTrip(map, stj, resolved);
                AssertRoundTrip(contacts.FirstOrDefault(), stj, resolved);
            },
            iter: 1_000);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_read_as_STJ_reads_them()
    {
        JsonSerializerOptions stj = Stj("comments-and-trailing-commas");
        JsonSerializerOptions bridged = Resolved("comments-and-trailing-commas");
        const string Json = """
            // a contact
            { "id": 1, /* the name */ "name": "a", "tier": 1,
              "addresses": [ { "city": "x", "zip": null, }, ],
              "scores": { "s": 2, }, "ratio": 0.25, }
            """;

        Contact expected = JsonSerializer.Deserialize<Contact>(Json, stj)!;
        Contact actual = JsonSerializer.Deserialize<Contact>(Json, bridged)!;

        Assert.IsType<VelithonJsonConverter<Contact>>(bridged.GetTypeInfo(typeof(Contact)).Converter);
        Assert.Equal(JsonSerializer.Serialize(expected, stj), JsonSerializer.Serialize(actual, stj));

        // Without those settings the same document is rejected by both.
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Contact>(Json, Stj("web")));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Contact>(Json, Resolved("web")));
    }

    [Theory]
    [InlineData(5, 4)]
    [InlineData(5, 5)]
    [InlineData(5, 9)]
    [InlineData(100, 90)]
    public void The_depth_limit_is_STJs(int maxDepth, int length)
    {
        JsonSerializerOptions stj = Stj("web");
        stj.MaxDepth = maxDepth;
        JsonSerializerOptions resolved = Resolved("web");
        resolved.MaxDepth = maxDepth;
        Link chain = Link.Chain(length);
        List<Link> inList = [chain];

        AssertSameOutcome(() => JsonSerializer.SerializeToUtf8Bytes(chain, stj), () => JsonSerializer.SerializeToUtf8Bytes(chain, resolved));
        AssertSameOutcome(() => JsonSerializer.SerializeToUtf8Bytes(inList, stj), () => JsonSerializer.SerializeToUtf8Bytes(inList, resolved));
    }

    [Fact]
    public void A_relaxed_resolver_writes_what_ASP_NET_Core_writes()
    {
        var contact = new Contact(1, "Zoë <x> & 'y'", Tier.Basic, [], null, 1);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(contact, Resolved("relaxed"));

        Assert.Equal("""{"id":1,"name":"Zoë <x> & 'y'","tier":0,"addresses":[],"scores":null,"ratio":1}""", Encoding.UTF8.GetString(json));
        Assert.Equal(json, VelithonJson.SerializeToUtf8Bytes(contact, new VelithonJsonOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static void AssertRoundTrip<T>(T value, JsonSerializerOptions stj, JsonSerializerOptions resolved)
    {
        byte[] expected = JsonSerializer.SerializeToUtf8Bytes(value, stj);
        Assert.Equal(expected, JsonSerializer.SerializeToUtf8Bytes(value, resolved));

        // Read back as STJ reads it (compared through STJ's output: a lone surrogate reads back as U+FFFD, which the
        // relaxed encoder then writes as it is).
        Assert.Equal(
            JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize<T>(expected, stj), stj),
            JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize<T>(expected, resolved), stj));
    }

    private static void AssertSameOutcome(Func<byte[]> expected, Func<byte[]> actual)
    {
        byte[]? expectedBytes = null;
        Exception? expectedError = null;
        try
        {
            expectedBytes = expected();
        }
        catch (JsonException ex)
        {
            expectedError = ex;
        }

        if (expectedError is null)
        {
            Assert.Equal(expectedBytes, actual());
        }
        else
        {
            // STJ's own cycle error ends with the path it was writing; the generated code's has no path (docs/json.md).
            JsonException error = Assert.Throws<JsonException>(() => actual());
            string message = expectedError.Message;
            int path = message.IndexOf(" Path: ", StringComparison.Ordinal);
            Assert.Equal(path < 0 ? message : message[..path], error.Message);
        }
    }

    private static JsonSerializerOptions Stj(string configuration)
    {
        JsonSerializerOptions options = ContractMismatchTests.Options(configuration);
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        return options;
    }

    private static JsonSerializerOptions Resolved(string configuration)
    {
        JsonSerializerOptions options = ContractMismatchTests.Options(configuration);
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver());
        return options;
    }
}
