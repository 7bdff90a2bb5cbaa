using System.Buffers;
using System.Text.Json;
using Velithon.Json;

namespace Velithon.Memory.Tests.Json;

public class JsonAllocationTests
{
    private const int Calls = 1000;

    private static readonly TestOrder Order = new()
    {
        Customer = "ACME <b> é 😀",
        Items = [new TestItem { Id = 1, Name = "one" }, new TestItem { Id = -2, Name = "line\nbreak" }],
        Next = new TestOrder { Customer = "next" },
    };

    [Fact]
    public void Writer_primitives_allocate_nothing_into_a_reused_buffer()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var uri = new Uri("http://example.com/a?b=<c>");
        string text = "plain ascii text";
        string escaped = "needs \"escaping\" <é> 😀 \u0001";
        byte[] bytes = [1, 2, 3, 4, 5, 250];
        DateTime now = new(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc);

        Allocations.AssertNone(
            () =>
            {
                buffer.ResetWrittenCount();
                var writer = new VelithonJsonWriter(buffer, VelithonJsonOptions.Default);
                writer.WriteStartArray();
                writer.WriteNumber(123);
                writer.WriteNumber(-5L);
                writer.WriteNumber(7UL);
                writer.WriteNumber((short)1);
                writer.WriteNumber((byte)2);
                writer.WriteNumber(3.25);
                writer.WriteNumber(0.1f);
                writer.WriteNumber(12.50m);
                writer.WriteString(text);
                writer.WriteString(escaped);
                writer.WriteString('<');
                writer.WriteString(Guid.Empty);
                writer.WriteString(now);
                writer.WriteString(new DateTimeOffset(now.Ticks, TimeSpan.FromHours(2)));
                writer.WriteString(DateOnly.FromDateTime(now));
                writer.WriteString(TimeOnly.FromDateTime(now));
                writer.WriteString(TimeSpan.FromMinutes(90));
                writer.WriteString(uri);
                writer.WriteBase64String(bytes);
                writer.WriteStartObject();
                writer.WritePropertyName(escaped);
                writer.WriteBoolean(true);
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.Flush();
            },
            Calls);
    }

    [Fact]
    public void Serialize_into_a_reused_buffer_allocates_nothing()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        Allocations.AssertNone(
            () =>
            {
                buffer.ResetWrittenCount();
                VelithonJson.Serialize(Order, buffer);
            },
            Calls);
    }

    [Fact]
    public void SerializeToUtf8Bytes_allocates_only_the_result()
    {
        int length = VelithonJson.SerializeToUtf8Bytes(Order).Length;

        // Exactly the result, every call: an array's header is 24 bytes on 64-bit, and its size is rounded up to 8.
        Assert.Equal(Calls * (24L + ((length + 7) & ~7)), Allocations.Measure(() => VelithonJson.SerializeToUtf8Bytes(Order), Calls));
    }

    [Fact]
    public void Interned_strings_allocate_nothing_on_a_hit()
    {
        var options = new VelithonJsonOptions { Interner = new StringInterner() };
        byte[] json = """["admin","Grüße","\u0041dmin-escaped"]"""u8.ToArray();
        Allocations.AssertNone(Read, Calls);

        void Read()
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                JsonRead.InternedString(ref reader, options);
            }
        }
    }

    [Fact]
    public void Reading_numbers_dates_and_names_allocates_nothing()
    {
        byte[] json = """{"a\u0062":1,"n":"12","d":"2024-01-02T03:04:05Z","t":"01:02:03","g":"00000000-0000-0000-0000-000000000000","x":[1,{"y":2}]}"""u8.ToArray();
        Allocations.AssertNone(
            () =>
            {
                var reader = new Utf8JsonReader(json);
                reader.Read();
                Span<byte> scratch = stackalloc byte[128];
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    ReadOnlySpan<byte> name = JsonRead.PropertyName(ref reader, scratch);
                    bool ab = JsonRead.NameEqualsIgnoreCase(name, "AB"u8);
                    reader.Read();
                    switch (name[0])
                    {
                        case (byte)'a': JsonRead.Int32(ref reader); Assert.True(ab); break;
                        case (byte)'n': JsonRead.Int64(ref reader); break;
                        case (byte)'d': JsonRead.DateTime(ref reader); break;
                        case (byte)'t': JsonRead.TimeSpan(ref reader); break;
                        case (byte)'g': JsonRead.Guid(ref reader); break;
                        default: JsonRead.Skip(ref reader); break;
                    }
                }
            },
            Calls);
    }
}
