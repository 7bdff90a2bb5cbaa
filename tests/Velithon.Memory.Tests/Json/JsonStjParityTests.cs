using System.Buffers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Velithon.Json;
using static Velithon.Memory.Tests.Json.JsonTestSupport;

namespace Velithon.Memory.Tests.Json;

/// <summary>Corners where the runtime has to behave exactly like STJ Web: depth on write, names, error type names.</summary>
public class JsonStjParityTests
{
    [Theory]
    [InlineData(62, true)]
    [InlineData(63, true)]
    [InlineData(64, true)]
    [InlineData(65, true)]
    [InlineData(63, false)]
    [InlineData(64, false)]
    [InlineData(65, false)]
    [InlineData(66, false)]
    public void Writing_at_the_depth_limit_fails_exactly_where_STJ_does(int nested, bool withValue)
    {
        // STJ checks before every non-null value (not before nulls): an object may open at depth 63, but a string
        // inside it (depth 64) is a "possible object cycle"; with only null members 64 nested objects are written.
        TestOrder? order = null;
        for (int i = 0; i < nested; i++)
        {
            order = new TestOrder { Customer = withValue ? "c" : null, Next = order };
        }

        byte[]? expected = null;
        JsonException? stjError = null;
        try
        {
            expected = JsonSerializer.SerializeToUtf8Bytes(order, JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            stjError = ex;
        }

        if (stjError is null)
        {
            AssertSameBytes(expected!, VelithonJson.SerializeToUtf8Bytes(order!));
        }
        else
        {
            JsonException ours = Assert.Throws<JsonException>(() => VelithonJson.SerializeToUtf8Bytes(order!));

            // STJ adds " Path: $.next…" on write; the rest of the message is the same.
            Assert.StartsWith(ours.Message, stjError.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_smaller_MaxDepth_limits_values_the_same_way()
    {
        var options = new VelithonJsonOptions { MaxDepth = 2 };
        var two = new TestOrder { Next = new TestOrder() };
        Assert.NotNull(VelithonJson.SerializeToUtf8Bytes(two, options));
        var valueAtTwo = new TestOrder { Next = new TestOrder { Customer = "c" } };
        Assert.Throws<JsonException>(() => VelithonJson.SerializeToUtf8Bytes(valueAtTwo, options));
        var stj = new JsonSerializerOptions(JsonSerializerOptions.Web) { MaxDepth = 2 };
        Assert.NotNull(JsonSerializer.SerializeToUtf8Bytes(two, stj));
        Assert.Throws<JsonException>(() => JsonSerializer.SerializeToUtf8Bytes(valueAtTwo, stj));
    }

    public static TheoryData<byte[]> NamesWithInvalidUtf8
    {
        get
        {
            byte[] a = [.. "{\"a"u8, 0xFF, .. "b\":1}"u8];
            byte[] b = [.. "{\"a\\u0074"u8, 0xC3, .. "\":1}"u8];
            byte[] c = [.. "{\""u8, 0xED, 0xA0, 0x80, .. "\\n\":1}"u8];
            return new TheoryData<byte[]> { a, b, c };
        }
    }

    [Theory]
    [MemberData(nameof(NamesWithInvalidUtf8))]
    public void Property_names_are_not_UTF8_validated(byte[] json)
    {
        // STJ skips such unknown members; the name bytes come back as they are (escapes decoded), span or segments.
        byte[] expected = RawName(json);
        Assert.Equal(expected, NameFrom(new ReadOnlySequence<byte>(json)));
        for (int size = 1; size <= 4; size++)
        {
            Assert.Equal(expected, NameFrom(TestInputs.Split(json, size)));
        }

        Assert.Equal(new TestItem(), VelithonJson.Deserialize<TestItem>(json));
        Assert.Equal(new TestItem(), VelithonJson.Deserialize<TestItem>(TestInputs.Split(json, 3)));
    }

    [Fact]
    public void Escaped_names_decode_like_STJ() =>
        AnyString.Where(s => s.Length < 40).Sample(name =>
        {
            // STJ escapes non-ASCII, control and HTML characters: a mix of \uXXXX, surrogate pairs and short escapes.
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, int> { [name] = 1 });
            byte[] utf8 = Encoding.UTF8.GetBytes(name);
            Assert.Equal(utf8, NameFrom(new ReadOnlySequence<byte>(json)));
            Assert.Equal(utf8, NameFrom(TestInputs.Split(json, 5)));
        }, iter: 5000);

    [Theory]
    [InlineData("{\"\\ud800\":1}", 10)]
    [InlineData("{\"\\udc00x\":1}", 11)]
    [InlineData("{\"\\ud800\\u0041\":1}", 16)]
    [InlineData("{\"\\ud800x\":1}", 11)]
    public void Lone_surrogate_escapes_in_names_fail_naming_the_object_type(string json, int position)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        reader.Read();
        JsonException ex;
        try
        {
            JsonRead.PropertyName(ref reader, stackalloc byte[32], "Demo.Person");
            throw new InvalidOperationException("no error");
        }
        catch (JsonException caught)
        {
            ex = caught;
        }

        Assert.StartsWith("The JSON value could not be converted to Demo.Person.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(position, reader.BytesConsumed);
    }

    [Fact]
    public void Dictionary_keys_are_validated_like_STJ()
    {
        byte[] bad = [.. "{\"a"u8, 0xFF, .. "\":1}"u8];
        JsonException stj = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, int>>(bad, JsonSerializerOptions.Web));
        var reader = new Utf8JsonReader(bad);
        reader.Read();
        reader.Read();
        string message;
        try
        {
            JsonRead.DictionaryKey(ref reader);
            throw new InvalidOperationException("no error");
        }
        catch (JsonException ex)
        {
            message = ex.Message;
        }

        Assert.StartsWith(message, stj.Message, StringComparison.Ordinal);

        var good = new Utf8JsonReader("{\"k\\u00e9y\":1}"u8);
        good.Read();
        good.Read();
        Assert.Equal("k\u00e9y", JsonRead.DictionaryKey(ref good));
    }

    [Fact]
    public void Nullable_members_name_the_nullable_type_like_STJ()
    {
        Check<int?>("\"abc\"", (ref Utf8JsonReader r) => JsonRead.Int32(ref r, "System.Nullable`1[System.Int32]"));
        Check<bool?>("1", (ref Utf8JsonReader r) => JsonRead.Boolean(ref r, "System.Nullable`1[System.Boolean]"));
        Check<Guid?>("\"x\"", (ref Utf8JsonReader r) => JsonRead.Guid(ref r, "System.Nullable`1[System.Guid]"));
        Check<DateTime?>("1", (ref Utf8JsonReader r) => JsonRead.DateTime(ref r, "System.Nullable`1[System.DateTime]"));
        Check<char?>("\"ab\"", (ref Utf8JsonReader r) => JsonRead.Char(ref r, "System.Nullable`1[System.Char]"));
        Check<decimal?>("\"1e400\"", (ref Utf8JsonReader r) => JsonRead.Decimal(ref r, "System.Nullable`1[System.Decimal]"));
        Check<Uri>("7", (ref Utf8JsonReader r) => JsonRead.Uri(ref r)!);
        Check<int>("true", (ref Utf8JsonReader r) => JsonRead.Int32(ref r));

        static void Check<T>(string json, ReadFn<T> read)
        {
            JsonException stj = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web));
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            reader.Read();
            string message;
            try
            {
                read(ref reader);
                throw new InvalidOperationException("no error");
            }
            catch (JsonException ex)
            {
                message = ex.Message;
            }

            Assert.StartsWith(message, stj.Message, StringComparison.Ordinal);
        }
    }

    private static byte[] NameFrom(ReadOnlySequence<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();
        return JsonRead.PropertyName(ref reader, stackalloc byte[8]).ToArray();
    }

    // The bytes between the first two unescaped quotes, with the few escapes the test data uses decoded.
    private static byte[] RawName(byte[] json)
    {
        int end = Array.IndexOf(json, (byte)'"', 2);
        string escaped = Encoding.Latin1.GetString(json, 2, end - 2);
        return Encoding.Latin1.GetBytes(escaped.Replace("\\u0074", "t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal));
    }
}
