using System.Buffers;
using System.Text;
using System.Text.Json;
using CsCheck;
using static Velithon.Memory.Tests.Json.JsonTestSupport;

namespace Velithon.Memory.Tests.Json;

public class VelithonJsonEntryPointTests
{
    private static readonly Gen<TestItem> Items =
        Gen.Select(Gen.Int, AnyString.Where(s => s.Length < 20), Gen.Bool)
            .Select((id, name, hasName) => new TestItem { Id = id, Name = hasName ? name : null });

    private static readonly Gen<TestOrder> Orders =
        Gen.Select(AnyString.Where(s => s.Length < 20), Items.List[0, 5], Gen.Int[0, 3])
            .Select((customer, items, mode) => new TestOrder
            {
                Customer = mode == 0 ? null : customer,
                Items = mode == 1 ? null : items,
                Next = mode == 2 ? new TestOrder { Customer = customer } : null,
            });

    private static TestOrder Sample() => new()
    {
        Customer = "ACME <b>",
        Items = [new TestItem { Id = 1, Name = "one" }, new TestItem { Id = 2, Name = null }],
        Next = new TestOrder { Customer = "next" },
    };

    [Fact]
    public void All_serialize_paths_match_STJ_and_read_back() =>
        Orders.Sample(
            order =>
            {
                byte[] expected = JsonSerializer.SerializeToUtf8Bytes(order, JsonSerializerOptions.Web);
                AssertSameBytes(expected, VelithonJson.SerializeToUtf8Bytes(order));

                var buffer = new ArrayBufferWriter<byte>();
                VelithonJson.Serialize(order, buffer);
                AssertSameBytes(expected, buffer.WrittenSpan.ToArray());

                // Lone surrogates are written as U+FFFD, so compare with what STJ reads back rather than with the input.
                TestOrder? stj = JsonSerializer.Deserialize<TestOrder>(expected, JsonSerializerOptions.Web);
                Assert.Equal(stj, VelithonJson.Deserialize<TestOrder>(expected));
                Assert.Equal(stj, VelithonJson.Deserialize<TestOrder>(new ReadOnlySequence<byte>(expected)));
            },
            iter: 3000);

    [Fact]
    public void Large_values_grow_the_pooled_buffer()
    {
        var order = new TestOrder { Customer = new string('c', 200_000), Items = [.. Enumerable.Range(0, 5000).Select(i => new TestItem { Id = i, Name = "n" + i })] };
        byte[] expected = JsonSerializer.SerializeToUtf8Bytes(order, JsonSerializerOptions.Web);
        AssertSameBytes(expected, VelithonJson.SerializeToUtf8Bytes(order));
        AssertSameBytes(expected, VelithonJson.SerializeToUtf8Bytes(order));
        Assert.Equal(order, VelithonJson.Deserialize<TestOrder>(expected));
    }

    [Fact]
    public void Null_top_level_writes_and_reads_null()
    {
        Assert.Equal("null"u8.ToArray(), VelithonJson.SerializeToUtf8Bytes<TestOrder>(null!));
        Assert.Null(VelithonJson.Deserialize<TestOrder>("null"u8));
        Assert.Null(VelithonJson.Deserialize<TestOrder>(new ReadOnlySequence<byte>("  null  "u8.ToArray())));
    }

    [Fact]
    public void Reading_a_multi_segment_sequence_matches_the_span()
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(Sample(), JsonSerializerOptions.Web);
        for (int split = 1; split < json.Length; split += 3)
        {
            ReadOnlySequence<byte> sequence = TestInputs.Split(json, split);
            Assert.Equal(Sample(), VelithonJson.Deserialize<TestOrder>(sequence));
        }
    }

    [Fact]
    public void Case_insensitive_names_unknown_members_and_escaped_names_are_read_like_STJ()
    {
        const string json = """{"CUSTOMER":"a","extra":{"x":[1,2,{"y":null}]},"items":[{"ID":5,"N\u0061me":"x","Id":6}],"next":null}""";
        var ours = VelithonJson.Deserialize<TestOrder>(Encoding.UTF8.GetBytes(json))!;
        Assert.Equal("a", ours.Customer);
        Assert.Equal(6, ours.Items![0].Id);
        Assert.Equal("x", ours.Items[0].Name);
        Assert.Equal(JsonSerializer.Deserialize<TestOrder>(json, JsonSerializerOptions.Web), ours);
    }

    [Fact]
    public void Converter_bridge_writes_and_reads_inside_JsonSerializer()
    {
        var wrapper = new Wrapper { Order = Sample(), Orders = [Sample(), null], Tag = "t" };
        byte[] expected = JsonSerializer.SerializeToUtf8Bytes(wrapper, JsonSerializerOptions.Web);

        var viaConverter = new JsonSerializerOptions(JsonSerializerOptions.Web);
        viaConverter.Converters.Add(new VelithonJsonConverter<TestOrder>());
        AssertSameBytes(expected, JsonSerializer.SerializeToUtf8Bytes(wrapper, viaConverter));
        Wrapper back = JsonSerializer.Deserialize<Wrapper>(expected, viaConverter)!;
        Assert.Equal(wrapper.Order, back.Order);
        Assert.Equal(wrapper.Orders, back.Orders);

        var viaFactory = new JsonSerializerOptions(JsonSerializerOptions.Web);
        viaFactory.Converters.Add(new VelithonJsonConverterFactory());
        AssertSameBytes(expected, JsonSerializer.SerializeToUtf8Bytes(wrapper, viaFactory));
        Assert.Equal(wrapper.Order, JsonSerializer.Deserialize<Wrapper>(expected, viaFactory)!.Order);
        Assert.True(new VelithonJsonConverterFactory().CanConvert(typeof(TestItem)));
        Assert.False(new VelithonJsonConverterFactory().CanConvert(typeof(Wrapper)));
    }

    [Fact]
    public void Converter_bridge_errors_carry_the_STJ_path()
    {
        var options = new JsonSerializerOptions(JsonSerializerOptions.Web);
        options.Converters.Add(new VelithonJsonConverter<TestOrder>());
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Wrapper>("""{"tag":"t","order":{"items":[{"id":"x"}]}}""", options));
        Assert.Equal("$.order", ex.Path);
        Assert.Contains("$.items[0].id", ex.InnerException!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"customer":"a","items":[{"id":1},{"id":"x"}]}""")]
    [InlineData("{\n  \"customer\": \"a\",\n  \"items\": [\n    {\"id\": 1},\n    {\"id\": true}\n  ]\n}")]
    [InlineData("{\r\n\"items\":[{\"id\":1,\"name\":\"é\"},\r\n {\"name\":5}]}")]
    [InlineData("""{"next":{"next":{"items":{}}}}""")]
    [InlineData("""{"items":[{"id":1}],"next":{"customer":1}}""")]
    [InlineData("[]")]
    [InlineData("""{"items":[{"id":1.5}]}""")]
    [InlineData("""{"items":[{"ID":"99999999999"}]}""")]
    public void Errors_match_STJ_message_path_line_and_position(string json)
    {
        var expected = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<TestOrder>(json, JsonSerializerOptions.Web));
        var actual = Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<TestOrder>(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(expected.Path, actual.Path);
        Assert.Equal(expected.LineNumber, actual.LineNumber);
        Assert.Equal(expected.BytePositionInLine, actual.BytePositionInLine);
        Assert.Equal(expected.Message, actual.Message);

        var fromSequence = Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<TestOrder>(TestInputs.Split(Encoding.UTF8.GetBytes(json), 3)));
        Assert.Equal(expected.Message, fromSequence.Message);
    }

    [Theory]
    [InlineData("""{"customer":"a"} x""")]
    [InlineData("""{"customer":"a"}{}""")]
    [InlineData("""{"customer":"a"},""")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("""{"customer":"a",}""")]
    [InlineData("""{"customer":"a"/*c*/}""")]
    public void Invalid_documents_are_JsonExceptions_with_STJ_position(string json)
    {
        var expected = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<TestOrder>(json, JsonSerializerOptions.Web));
        var actual = Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<TestOrder>(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(expected.LineNumber, actual.LineNumber);
        Assert.Equal(expected.BytePositionInLine, actual.BytePositionInLine);
        Assert.StartsWith(expected.Message[..expected.Message.IndexOf(" Path:", StringComparison.Ordinal)], actual.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_is_a_JsonException()
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(Sample(), JsonSerializerOptions.Web);
        for (int length = 0; length < json.Length; length++)
        {
            byte[] prefix = json[..length];
            Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<TestOrder>(prefix));
            Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<TestOrder>(new ReadOnlySequence<byte>(prefix)));
        }
    }

    [Fact]
    public void Random_corruption_is_read_or_rejected_like_STJ()
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(Sample(), JsonSerializerOptions.Web);
        int accepted = 0;
        Gen.Select(Gen.Int[0, json.Length - 1], Gen.Byte, Gen.Int[0, json.Length - 1], Gen.Byte).Sample((i, b, j, c) =>
        {
            byte[] copy = (byte[])json.Clone();
            copy[i] = b;
            copy[j] = c;
            (TestOrder? expected, Exception? stjError) = Try(() => JsonSerializer.Deserialize<TestOrder>(copy, JsonSerializerOptions.Web));
            (TestOrder? actual, Exception? error) = Try(() => VelithonJson.Deserialize<TestOrder>(copy));
            (TestOrder? fromSequence, Exception? sequenceError) = Try(() => VelithonJson.Deserialize<TestOrder>(TestInputs.Split(copy, 3)));
            string input = Convert.ToHexString(copy);
            Assert.True(stjError is null or JsonException, $"STJ threw {stjError}");
            Assert.True(error is null or JsonException, $"Velithon threw {error} for {input}");
            if (stjError is null)
            {
                Assert.True(error is null, $"STJ reads it, Velithon threw {error?.Message} for {input}");
                Assert.True(sequenceError is null, $"STJ reads it, Velithon (sequence) threw {sequenceError?.Message} for {input}");
                Assert.Equal(expected, actual);
                Assert.Equal(expected, fromSequence);
                Interlocked.Increment(ref accepted);
            }
            else
            {
                Assert.True(error is JsonException && sequenceError is JsonException, $"STJ rejects it ({stjError.Message}), Velithon read it: {input}");
            }
        }, iter: 20_000);

        // Most corruptions break the document, but not all (a changed letter of a string value): both outcomes are covered.
        Assert.InRange(accepted, 100, 19_900);
    }

    private static (TestOrder? Value, Exception? Error) Try(Func<TestOrder?> read)
    {
        try
        {
            return (read(), null);
        }
#pragma warning disable CA1031 // any exception is a result to compare here
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (null, ex);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public void Invalid_UTF8_in_strings_is_a_JsonException(byte[] bad)
    {
        foreach (string member in new[] { "customer", "xname" })
        {
            byte[] json = [.. "{\"items\":[{\"id\":1,\"name\":\"a"u8, .. bad, .. "\"}],\""u8, .. Encoding.UTF8.GetBytes(member), .. "\":\"b"u8, .. bad, .. "\"}"u8];
            Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<TestOrder>(json));
        }

        byte[] escaped = [.. "{\"customer\":\"\\u0041"u8, .. bad, .. "\"}"u8];
        Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<TestOrder>(escaped));
        Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<TestOrder>("{\"customer\":\"\\ud800\"}"u8));
    }

    [Fact]
    public void Read_depth_is_limited_by_the_options()
    {
        string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"next\":", depth)) + "null" + new string('}', depth);

        Assert.NotNull(VelithonJson.Deserialize<TestOrder>(Encoding.UTF8.GetBytes(Nested(64))));
        var expected = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<TestOrder>(Nested(65), JsonSerializerOptions.Web));
        var actual = Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<TestOrder>(Encoding.UTF8.GetBytes(Nested(65))));
        Assert.Equal(expected.Message, actual.Message);

        var shallow = new VelithonJsonOptions { MaxDepth = 3 };
        Assert.NotNull(VelithonJson.Deserialize<TestOrder>(Encoding.UTF8.GetBytes(Nested(3)), shallow));
        Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<TestOrder>(Encoding.UTF8.GetBytes(Nested(4)), shallow));
        Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<TestOrder>(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("[", 100_000))), shallow));
    }

    [Fact]
    public void Write_depth_is_limited_and_cycles_fail_like_STJ()
    {
        var cycle = new TestOrder { Customer = "loop" };
        cycle.Next = cycle;
        var expected = Assert.Throws<JsonException>(() => JsonSerializer.SerializeToUtf8Bytes(cycle, JsonSerializerOptions.Web));
        var actual = Assert.Throws<JsonException>(() => VelithonJson.SerializeToUtf8Bytes(cycle));
        Assert.StartsWith("A possible object cycle was detected.", expected.Message, StringComparison.Ordinal);
        Assert.StartsWith("A possible object cycle was detected.", actual.Message, StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => VelithonJson.Serialize(cycle, new ArrayBufferWriter<byte>(), new VelithonJsonOptions { MaxDepth = 10 }));

        var deep = new TestOrder();
        for (int i = 0; i < 63; i++)
        {
            deep = new TestOrder { Next = deep };
        }

        AssertSameBytes(JsonSerializer.SerializeToUtf8Bytes(deep, JsonSerializerOptions.Web), VelithonJson.SerializeToUtf8Bytes(deep));

        // The pooled writer is usable again after a failure.
        AssertSameBytes(JsonSerializer.SerializeToUtf8Bytes(Sample(), JsonSerializerOptions.Web), VelithonJson.SerializeToUtf8Bytes(Sample()));
    }

    [Fact]
    public void Missing_required_formats_like_STJ()
    {
        JsonException ex = Velithon.Json.JsonRead.MissingRequired("Demo.Person", "'id', 'name'");
        Assert.Equal("JSON deserialization for type 'Demo.Person' was missing required properties including: 'id', 'name'.", ex.Message);
    }

    public sealed class Wrapper
    {
        public string? Tag { get; set; }

        public TestOrder? Order { get; set; }

        public List<TestOrder?>? Orders { get; set; }
    }
}
