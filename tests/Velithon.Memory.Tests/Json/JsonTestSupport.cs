using System.Buffers;
using System.ComponentModel;
using System.Text;
using System.Text.Json;
using CsCheck;
using Velithon.Json;

namespace Velithon.Memory.Tests.Json;

internal delegate void WriteFn<in T>(ref VelithonJsonWriter writer, T value);

internal delegate T ReadFn<out T>(ref Utf8JsonReader reader);

internal static class JsonTestSupport
{
    // Every UTF-16 unit is reachable: ASCII (controls and HTML-sensitive characters included) is weighted up,
    // surrogates come both paired and alone.
    public static readonly Gen<char> AnyChar = Gen.OneOf(
        Gen.Int[0, 0x7F].Select(i => (char)i),
        Gen.Int[0, 0xFFFF].Select(i => (char)i),
        Gen.Int[0xD800, 0xDFFF].Select(i => (char)i));

    public static readonly Gen<string> AnyString = Gen.OneOf(
        AnyChar.Array[0, 40].Select(chars => new string(chars)),
        Gen.Int[0x10000, 0x10FFFF].Array[0, 8].Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32))),
        Gen.Int[0x20, 0x7E].Array[0, 300].Select(cps => new string(cps.Select(c => (char)c).ToArray())));

    public static byte[] Write<T>(T value, WriteFn<T> write, VelithonJsonOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new VelithonJsonWriter(buffer, options ?? VelithonJsonOptions.Default);
        write(ref writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static T Read<T>(ReadOnlySpan<byte> json, ReadFn<T> read)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        T value = read(ref reader);
        if (reader.Read())
        {
            throw new JsonException("More than one value.");
        }

        return value;
    }

    public static void AssertSameBytes(byte[] expected, byte[] actual) =>
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));

    /// <summary>Writer output equals STJ's, and reading STJ's output gives STJ's value.</summary>
    public static void Oracle<T>(Gen<T> gen, WriteFn<T> write, ReadFn<T> read, long iterations = 5000, Func<T, T, bool>? equal = null)
    {
        equal ??= EqualityComparer<T>.Default.Equals;
        gen.Sample(
            value =>
            {
                byte[] expected = JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web);
                AssertSameBytes(expected, Write(value, write));
                T fromStj = JsonSerializer.Deserialize<T>(expected, JsonSerializerOptions.Web)!;
                T ours = Read(expected, read);
                Assert.True(equal(fromStj, ours), $"read {ours} != STJ {fromStj} from {Encoding.UTF8.GetString(expected)}");
            },
            iter: iterations);
    }

    /// <summary>Both accept the JSON with equal values, or both reject it (ours with JsonException).</summary>
    public static void SameAcceptance<T>(string json, ReadFn<T> read, Func<T, T, bool>? equal = null)
    {
        equal ??= EqualityComparer<T>.Default.Equals;
        T? expected = default;
        bool stjAccepts;
        try
        {
            expected = JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web);
            stjAccepts = true;
        }
        catch (JsonException)
        {
            stjAccepts = false;
        }

        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        try
        {
            T actual = Read(utf8, read);
            Assert.True(stjAccepts, $"we accept {json} as {actual}, STJ rejects it");
            Assert.True(equal(expected!, actual), $"{json}: ours {actual}, STJ {expected}");
        }
        catch (JsonException) when (!stjAccepts)
        {
        }
        catch (JsonException ex)
        {
            Assert.Fail($"we reject {json} ({ex.Message}), STJ reads {expected}");
        }
    }
}

/// <summary>Hand-written the way the generator writes it: one object with an int and a string.</summary>
public sealed class TestItem : IVelithonJson<TestItem>
{
    public int Id { get; set; }

    public string? Name { get; set; }

    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void WriteJson(ref VelithonJsonWriter writer, TestItem value)
    {
        writer.WriteStartObject();
        writer.WriteRaw("\"id\":"u8);
        writer.WriteNumber(value.Id);
        writer.WriteRaw(",\"name\":"u8);
        writer.WriteString(value.Name);
        writer.WriteEndObject();
    }

    [EditorBrowsable(EditorBrowsableState.Never)]
    public static TestItem ReadJson(ref Utf8JsonReader reader, VelithonJsonOptions options)
    {
        JsonRead.StartObject(ref reader, "Velithon.Memory.Tests.Json.TestItem");
        var item = new TestItem();
        Span<byte> scratch = stackalloc byte[128];
        while (true)
        {
            JsonRead.Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            ReadOnlySpan<byte> name = JsonRead.PropertyName(ref reader, scratch);
            int member = Match(name);

            // STJ's path shows the name as read unless it matched exactly.
            string? raw = member < 0 || !name.SequenceEqual(member == 0 ? "id"u8 : "name"u8) ? Encoding.UTF8.GetString(name) : null;
            try
            {
                // Inside the try: a reader error on the value (depth, bad token) is reported at this property, as STJ does.
                JsonRead.Read(ref reader);
                switch (member)
                {
                    case 0: item.Id = JsonRead.Int32(ref reader); break;
                    case 1: item.Name = JsonRead.String(ref reader); break;
                    default: JsonRead.Skip(ref reader); break;
                }
            }
            catch (JsonException ex) when (JsonRead.RecordPathSegment(ex, raw ?? (member == 0 ? "id" : "name")))
            {
                throw; // not reached: the filter records the path segment and lets the error pass
            }
        }

        return item;
    }

    private static int Match(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("id"u8) ? 0
        : name.SequenceEqual("name"u8) ? 1
        : JsonRead.NameEqualsIgnoreCase(name, "id"u8) ? 0
        : JsonRead.NameEqualsIgnoreCase(name, "name"u8) ? 1
        : -1;

    public override bool Equals(object? obj) => obj is TestItem other && other.Id == Id && other.Name == Name;

    public override int GetHashCode() => HashCode.Combine(Id, Name);
}

/// <summary>Hand-written the way the generator writes it: a list of nested objects, and a self reference (cycles).</summary>
public sealed class TestOrder : IVelithonJson<TestOrder>
{
    public string? Customer { get; set; }

    public List<TestItem>? Items { get; set; }

    public TestOrder? Next { get; set; }

    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void WriteJson(ref VelithonJsonWriter writer, TestOrder value)
    {
        writer.WriteStartObject();
        writer.WriteRaw("\"customer\":"u8);
        writer.WriteString(value.Customer);
        writer.WriteRaw(",\"items\":"u8);
        if (value.Items is { } items)
        {
            writer.WriteStartArray();
            for (int i = 0; i < items.Count; i++)
            {
                if (i != 0)
                {
                    writer.WriteRaw(","u8);
                }

                if (items[i] is { } item)
                {
                    TestItem.WriteJson(ref writer, item);
                }
                else
                {
                    writer.WriteNull();
                }
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNull();
        }

        writer.WriteRaw(",\"next\":"u8);
        if (value.Next is { } next)
        {
            WriteJson(ref writer, next);
        }
        else
        {
            writer.WriteNull();
        }

        writer.WriteEndObject();
    }

    [EditorBrowsable(EditorBrowsableState.Never)]
    public static TestOrder ReadJson(ref Utf8JsonReader reader, VelithonJsonOptions options)
    {
        JsonRead.StartObject(ref reader, "Velithon.Memory.Tests.Json.TestOrder");
        var order = new TestOrder();
        Span<byte> scratch = stackalloc byte[128];
        while (true)
        {
            JsonRead.Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            ReadOnlySpan<byte> name = JsonRead.PropertyName(ref reader, scratch);
            int member = Match(name);

            // STJ's path shows the name as read unless it matched exactly.
            string? raw = member < 0 || !name.SequenceEqual(member switch { 0 => "customer"u8, 1 => "items"u8, _ => "next"u8 }) ? Encoding.UTF8.GetString(name) : null;
            try
            {
                JsonRead.Read(ref reader);
                switch (member)
                {
                    case 0:
                        order.Customer = JsonRead.InternedString(ref reader, options);
                        break;
                    case 1:
                        order.Items = ReadItems(ref reader, options);
                        break;
                    case 2:
                        order.Next = reader.TokenType == JsonTokenType.Null ? null : ReadJson(ref reader, options);
                        break;
                    default:
                        JsonRead.Skip(ref reader);
                        break;
                }
            }
            catch (JsonException ex) when (JsonRead.RecordPathSegment(ex, raw ?? (member switch { 0 => "customer", 1 => "items", _ => "next" })))
            {
                throw; // not reached
            }
        }

        return order;
    }

    private static int Match(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("customer"u8) ? 0
        : name.SequenceEqual("items"u8) ? 1
        : name.SequenceEqual("next"u8) ? 2
        : JsonRead.NameEqualsIgnoreCase(name, "customer"u8) ? 0
        : JsonRead.NameEqualsIgnoreCase(name, "items"u8) ? 1
        : JsonRead.NameEqualsIgnoreCase(name, "next"u8) ? 2
        : -1;

    private static List<TestItem>? ReadItems(ref Utf8JsonReader reader, VelithonJsonOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        JsonRead.Expect(ref reader, JsonTokenType.StartArray, "System.Collections.Generic.List`1[Velithon.Memory.Tests.Json.TestItem]");
        var list = new List<TestItem>();
        while (true)
        {
            JsonRead.Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return list;
            }

            try
            {
                list.Add(reader.TokenType == JsonTokenType.Null ? null! : TestItem.ReadJson(ref reader, options));
            }
            catch (JsonException ex) when (JsonRead.RecordPathIndex(ex, list.Count))
            {
                throw; // not reached
            }
        }
    }

    public override bool Equals(object? obj) =>
        obj is TestOrder other && other.Customer == Customer && Equals(other.Next, Next)
        && (other.Items is null ? Items is null : Items is not null && other.Items.SequenceEqual(Items));

    public override int GetHashCode() => HashCode.Combine(Customer, Items?.Count);
}
