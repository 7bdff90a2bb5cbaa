using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CsCheck;

namespace Velithon.Json.Tests;

/// <summary>
/// String escaping against System.Text.Json with both encoders the generated code supports: every string value and
/// property name <see cref="VelithonJsonWriter"/> writes must be the bytes <see cref="Utf8JsonWriter"/> and
/// <see cref="JsonSerializer"/> write with the same <see cref="JavaScriptEncoder"/>.
/// </summary>
public sealed class EscapingOracleTests
{
    public static TheoryData<string> Encoders => new() { "Default", "UnsafeRelaxedJsonEscaping" };

    // Pieces of text from every class of characters the encoders treat differently.
    private static readonly Gen<string> Piece = Gen.Frequency(
        (6, Gen.Char[' ', '~'].Select(c => c.ToString())),
        (2, Gen.OneOf("<", ">", "&", "'", "+", "`", "\"", "\\", "/")),
        (2, Gen.Char['\0', '\x1F'].Select(c => c.ToString())),
        (1, Gen.OneOf("\x7F", "\u0080", "\u00A0", "\u00AD", "\u2028", "\u2029", "\uFEFF", "\uFFFD", "\uFFFE", "\uFFFF", "\u0378", "\uE000", "\u200B")),
        (3, Gen.Char['\u0080', '\uD7FF'].Select(c => c.ToString())),
        (1, Gen.Char['\uE000', '\uFFFF'].Select(c => c.ToString())),
        (2, Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32)),
        (1, Gen.Char['\uD800', '\uDFFF'].Select(c => c.ToString())),
        (1, Gen.OneOf("Zoë", "日本語", "😀", "e\u0301", "Ω")));

    private static readonly Gen<string> Short = Piece.Array[0, 40].Select(string.Concat);

    // Long strings cross the relaxed path's 128-unit chunks (a surrogate pair split by a chunk boundary) and the
    // 4096-character direct runs.
    private static readonly Gen<string> Long = Gen.Select(Gen.Int[0, 5000], Piece.Array[0, 400])
        .Select((safe, pieces) => new string('a', safe) + string.Concat(pieces));

    // Runs with nothing the encoder allows: the default escaping reserves room for 256 units at a time, so these cross
    // that boundary, with pairs and lone halves on either side of it.
    private static readonly Gen<string> EscapeRuns = Gen.Frequency(
            (4, Gen.Char['\u0080', '\uD7FF'].Select(c => c.ToString())),
            (2, Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32)),
            (1, Gen.Char['\uD800', '\uDFFF'].Select(c => c.ToString())),
            (1, Gen.OneOf("\n", "\\", "\"", "<", "\u0001")))
        .Array[200, 700].Select(string.Concat);

    private static readonly Gen<string> AnyString = Gen.Frequency((8, Short), (1, Long), (1, EscapeRuns));

    [Theory]
    [MemberData(nameof(Encoders))]
    public void String_values_are_escaped_like_Utf8JsonWriter_and_JsonSerializer(string encoderName)
    {
        JavaScriptEncoder encoder = Encoder(encoderName);
        JsonSerializerOptions serializerOptions = SerializerOptions(encoderName);
        var options = new VelithonJsonOptions { Encoder = encoder };

        AnyString.Sample(
            value =>
            {
                byte[] expected = WithUtf8JsonWriter(encoder, w => w.WriteStringValue(value));
                Assert.Equal(expected, JsonSerializer.SerializeToUtf8Bytes(value, serializerOptions));
                Assert.Equal(expected, WithVelithonWriter(options, (ref VelithonJsonWriter w) => w.WriteString(value)));
                Assert.Equal(expected, WithVelithonWriter(options, (ref VelithonJsonWriter w) => w.WriteString(value.AsSpan())));
            },
            iter: 20_000,
            print: Show);
    }

    [Theory]
    [MemberData(nameof(Encoders))]
    public void Property_names_and_uris_are_escaped_like_Utf8JsonWriter(string encoderName)
    {
        JavaScriptEncoder encoder = Encoder(encoderName);
        var options = new VelithonJsonOptions { Encoder = encoder };

        AnyString.Sample(
            value =>
            {
                byte[] expected = WithUtf8JsonWriter(encoder, w =>
                {
                    w.WriteStartObject();
                    w.WritePropertyName(value);
                    w.WriteNullValue();
                    w.WriteEndObject();
                });
                byte[] actual = WithVelithonWriter(options, (ref VelithonJsonWriter w) =>
                {
                    w.WriteStartObject();
                    w.WritePropertyName(value);
                    w.WriteNull();
                    w.WriteEndObject();
                });
                Assert.Equal(expected, actual);
            },
            iter: 10_000,
            print: Show);

        var uri = new Uri("/a?q=<Zoë>&x='1'+`2`", UriKind.Relative);
        Assert.Equal(
            JsonSerializer.SerializeToUtf8Bytes(uri, SerializerOptions(encoderName)),
            WithVelithonWriter(options, (ref VelithonJsonWriter w) => w.WriteString(uri)));
    }

    [Theory]
    [MemberData(nameof(Encoders))]
    public void Every_char_value_is_escaped_like_JsonSerializer(string encoderName)
    {
        JavaScriptEncoder encoder = Encoder(encoderName);
        JsonSerializerOptions serializerOptions = SerializerOptions(encoderName);
        var options = new VelithonJsonOptions { Encoder = encoder };
        var buffer = new ArrayBufferWriter<byte>();
        for (int c = 0; c <= char.MaxValue; c++)
        {
            buffer.ResetWrittenCount();
            var writer = new VelithonJsonWriter(buffer, options);
            writer.WriteString((char)c);
            writer.Flush();
            byte[] expected = JsonSerializer.SerializeToUtf8Bytes((char)c, serializerOptions);
            Assert.True(expected.AsSpan().SequenceEqual(buffer.WrittenSpan), $"U+{c:X4}: expected {Encoding.UTF8.GetString(expected)}, got {Encoding.UTF8.GetString(buffer.WrittenSpan)}");
        }
    }

    [Fact]
    public void The_two_encoders_differ_where_ASP_NET_Core_and_STJ_Web_differ()
    {
        const string Value = "Zoë <x> & 'y' + `z` \"q\" 😀 \u2028";
        byte[] relaxed = WithVelithonWriter(new VelithonJsonOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }, (ref VelithonJsonWriter w) => w.WriteString(Value));
        byte[] standard = WithVelithonWriter(VelithonJsonOptions.Default, (ref VelithonJsonWriter w) => w.WriteString(Value));

        Assert.Equal("\"Zoë <x> & 'y' + `z` \\\"q\\\" \\uD83D\\uDE00 \\u2028\"", Encoding.UTF8.GetString(relaxed));
        Assert.Equal("\"Zo\\u00EB \\u003Cx\\u003E \\u0026 \\u0027y\\u0027 \\u002B \\u0060z\\u0060 \\u0022q\\u0022 \\uD83D\\uDE00 \\u2028\"", Encoding.UTF8.GetString(standard));
        Assert.Equal(standard, WithVelithonWriter(new VelithonJsonOptions { Encoder = JavaScriptEncoder.Default }, (ref VelithonJsonWriter w) => w.WriteString(Value)));
    }

    [Fact]
    public void Other_encoders_are_refused()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new VelithonJsonOptions { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) });
        Assert.Contains("UnsafeRelaxedJsonEscaping", error.Message, StringComparison.Ordinal);
        Assert.Null(new VelithonJsonOptions { Encoder = null }.Encoder);
        Assert.Same(JavaScriptEncoder.UnsafeRelaxedJsonEscaping, new VelithonJsonOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }.Encoder);
    }

    [Theory]
    [MemberData(nameof(Encoders))]
    public void Writing_strings_that_need_escaping_allocates_nothing(string encoderName)
    {
        var options = new VelithonJsonOptions { Encoder = Encoder(encoderName) };
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        string[] values = ["plain ascii", "Zoë <x> & \"q\" 😀 \u2028 \uD800", new string('é', 300) + "<" + new string('a', 5000)];

        void WriteAll()
        {
            foreach (string value in values)
            {
                buffer.ResetWrittenCount();
                var writer = new VelithonJsonWriter(buffer, options);
                writer.WriteString(value);
                writer.WritePropertyName(value);
                writer.Flush();
            }
        }

        WriteAll();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            WriteAll();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private delegate void VelithonWrite(ref VelithonJsonWriter writer);

    private static readonly JsonSerializerOptions WebDefault = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions WebRelaxed = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonSerializerOptions SerializerOptions(string encoderName) => encoderName == "Default" ? WebDefault : WebRelaxed;

    private static JavaScriptEncoder Encoder(string name) =>
        name == "Default" ? JavaScriptEncoder.Default : JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static byte[] WithUtf8JsonWriter(JavaScriptEncoder encoder, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder, SkipValidation = true }))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] WithVelithonWriter(VelithonJsonOptions options, VelithonWrite write)
    {
        // The stingy writer hands out spans of exactly the size asked for, so every size hint is checked.
        var buffer = new StingyBufferWriter();
        var writer = new VelithonJsonWriter(buffer, options);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenBytes;
    }

    private static string Show(string value) =>
        "\"" + string.Concat(value.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}")) + "\" (" + value.Length + " chars)";
}
