using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Velithon.Json;

/// <summary>
/// Dictionary keys other than strings, written and read as System.Text.Json writes and reads them as property names.
/// Integer and <see cref="Guid"/> keys are formatted here (their text has nothing to escape); every other key type goes
/// through System.Text.Json's own built-in converter (<c>WriteAsPropertyName</c> / <c>ReadAsPropertyName</c>), whose
/// formats, escaping and accepted inputs differ from the same type's values in places (<c>True</c> for a boolean key,
/// <c>"NaN"</c> accepted for a double key, enum keys always written as names).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonDictionaryKeys
{
    // Quote, 20 digits and a sign, quote, colon; a GUID's 36 characters fit too.
    private const int MaxSimpleKeyLength = 40;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static readonly JsonSerializerOptions?[] OptionsByPolicy = new JsonSerializerOptions?[6];

    /// <summary>Writes an integer key (<c>"-12":</c>).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="key">The key.</param>
    public static void Write(ref VelithonJsonWriter writer, long key)
    {
        Span<byte> span = stackalloc byte[MaxSimpleKeyLength];
        span[0] = (byte)'"';
        Utf8Formatter.TryFormat(key, span[1..], out int written);
        WriteSimple(ref writer, span, written);
    }

    /// <summary>Writes an unsigned integer key (<c>"12":</c>).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="key">The key.</param>
    public static void Write(ref VelithonJsonWriter writer, ulong key)
    {
        Span<byte> span = stackalloc byte[MaxSimpleKeyLength];
        span[0] = (byte)'"';
        Utf8Formatter.TryFormat(key, span[1..], out int written);
        WriteSimple(ref writer, span, written);
    }

    /// <summary>Writes a GUID key in the "D" format.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="key">The key.</param>
    public static void Write(ref VelithonJsonWriter writer, Guid key)
    {
        Span<byte> span = stackalloc byte[MaxSimpleKeyLength];
        span[0] = (byte)'"';
        Utf8Formatter.TryFormat(key, span[1..], out int written);
        WriteSimple(ref writer, span, written);
    }

    /// <summary>
    /// Writes a key of a type System.Text.Json has a built-in key converter for (<see cref="bool"/>, <see cref="char"/>,
    /// floating-point and decimal numbers, <see cref="Half"/>, <see cref="Int128"/>, <see cref="UInt128"/>, dates and times,
    /// <see cref="Uri"/>, <see cref="Version"/>), with that converter.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="key">The key.</param>
    /// <exception cref="ArgumentException">A NaN or infinite floating-point key (as in System.Text.Json).</exception>
    public static void Write<TKey>(ref VelithonJsonWriter writer, TKey key)
        where TKey : notnull =>
        WriteThrough(ref writer, KeyConverter<TKey>.Value, key, Options(JsonKnownNamingPolicy.Unspecified));

    /// <summary>
    /// Writes an enum key as System.Text.Json does (with the options' enum converter or none alike): the name (a
    /// <c>[JsonStringEnumMemberName]</c> as written, other names through the dictionary key policy), <c>"A, B"</c> for
    /// flags, the number for other values.
    /// </summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="key">The key.</param>
    /// <param name="policy">The dictionary key policy.</param>
    public static void WriteEnum<TEnum>(ref VelithonJsonWriter writer, TEnum key, JsonKnownNamingPolicy policy)
        where TEnum : struct, Enum
    {
        JsonSerializerOptions options = Options(policy);
        WriteThrough(ref writer, EnumKeyConverter<TEnum>.Get(policy, options), key, options);
    }

    /// <summary>
    /// Reads the key the reader is on (a property name) as System.Text.Json's built-in converter for
    /// <typeparamref name="TKey"/> reads it; a key it rejects is System.Text.Json's conversion error.
    /// </summary>
    /// <typeparam name="TKey">The key type (an integer, <see cref="bool"/>, <see cref="char"/>, a floating-point or decimal number, a date or time, <see cref="Guid"/>, <see cref="Uri"/> or <see cref="Version"/>).</typeparam>
    /// <param name="reader">The reader, on a property name.</param>
    /// <param name="typeName">The key type as System.Text.Json names it, for the message.</param>
    /// <returns>The key.</returns>
    /// <exception cref="JsonException">The key is not a <typeparamref name="TKey"/>.</exception>
    public static TKey Read<TKey>(ref Utf8JsonReader reader, string typeName)
        where TKey : notnull =>
        ReadThrough(ref reader, KeyConverter<TKey>.Value, Options(JsonKnownNamingPolicy.Unspecified), typeName);

    /// <summary>Reads an enum key as System.Text.Json does: a name (ignoring case) or a number.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="reader">The reader, on a property name.</param>
    /// <param name="typeName">The enum type as System.Text.Json names it, for the message.</param>
    /// <param name="policy">The dictionary key policy.</param>
    /// <returns>The key.</returns>
    /// <exception cref="JsonException">The key is neither a name nor a number of <typeparamref name="TEnum"/>.</exception>
    public static TEnum ReadEnum<TEnum>(ref Utf8JsonReader reader, string typeName, JsonKnownNamingPolicy policy)
        where TEnum : struct, Enum
    {
        JsonSerializerOptions options = Options(policy);
        return ReadThrough(ref reader, EnumKeyConverter<TEnum>.Get(policy, options), options, typeName);
    }

    /// <summary>
    /// The property name the reader is on, as the JSON path names it (System.Text.Json's path segment for the entry): its
    /// text, invalid UTF-8 replaced. Never throws.
    /// </summary>
    /// <param name="reader">The reader, on a property name.</param>
    /// <returns>The name.</returns>
    public static string Name(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            byte[] raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
            return Encoding.UTF8.GetString(raw);
        }
    }

    /// <summary>
    /// The property name the reader is on, as the JSON path names it, for a key of <paramref name="typeName"/>: a name that
    /// is not valid UTF-8 (or holds a lone surrogate escape) fails as System.Text.Json fails it, with the conversion error
    /// of the key type, before the name becomes part of the path.
    /// </summary>
    /// <param name="reader">The reader, on a property name.</param>
    /// <param name="typeName">The key type as System.Text.Json names it, for the message.</param>
    /// <returns>The name.</returns>
    /// <exception cref="JsonException">The name cannot be read as a string.</exception>
    public static string Name(ref Utf8JsonReader reader, string typeName)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException ex)
        {
            throw JsonRead.ConversionError(ref reader, typeName, ex);
        }
    }

    private static void WriteSimple(ref VelithonJsonWriter writer, scoped Span<byte> span, int written)
    {
        span[written + 1] = (byte)'"';
        span[written + 2] = (byte)':';
        writer.WriteRaw(span[..(written + 3)]);
    }

    private static void WriteThrough<TKey>(ref VelithonJsonWriter writer, JsonConverter<TKey> converter, TKey key, JsonSerializerOptions options)
        where TKey : notnull
    {
        ArrayBufferWriter<byte> buffer = t_buffer ??= new ArrayBufferWriter<byte>(64);
        buffer.ResetWrittenCount();
        Utf8JsonWriter json = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        json.Reset(buffer);

        // Written alone, the property name comes out as "name": (no separator, no indentation).
        converter.WriteAsPropertyName(json, key, options);
        json.Flush();
        writer.WriteRaw(buffer.WrittenSpan);
    }

    private static TKey ReadThrough<TKey>(ref Utf8JsonReader reader, JsonConverter<TKey> converter, JsonSerializerOptions options, string typeName)
    {
        try
        {
            return converter.ReadAsPropertyName(ref reader, typeof(TKey), options)!;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or OverflowException or ArgumentException)
        {
            throw JsonRead.ConversionError(ref reader, typeName, ex);
        }
    }

    // The Web defaults with a dictionary key policy (the only setting key converters read), one instance per policy.
    private static JsonSerializerOptions Options(JsonKnownNamingPolicy policy)
    {
        int index = (int)policy;
        return OptionsByPolicy[index] ??= new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DictionaryKeyPolicy = JsonKeyNaming.Policy(policy),
        };
    }

    private static class EnumKeyConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly JsonConverter<TEnum>?[] ByPolicy = new JsonConverter<TEnum>?[6];

        // Racing threads may each create one: any of them does (they are created from equal settings).
        public static JsonConverter<TEnum> Get(JsonKnownNamingPolicy policy, JsonSerializerOptions options) =>
            ByPolicy[(int)policy] ??= JsonMetadataServices.GetEnumConverter<TEnum>(options);
    }

    private static class KeyConverter<TKey>
    {
        public static readonly JsonConverter<TKey> Value = (JsonConverter<TKey>)Create();

        private static JsonConverter Create()
        {
            Type type = typeof(TKey);
            return type == typeof(bool) ? JsonMetadataServices.BooleanConverter
                : type == typeof(byte) ? JsonMetadataServices.ByteConverter
                : type == typeof(sbyte) ? JsonMetadataServices.SByteConverter
                : type == typeof(short) ? JsonMetadataServices.Int16Converter
                : type == typeof(ushort) ? JsonMetadataServices.UInt16Converter
                : type == typeof(int) ? JsonMetadataServices.Int32Converter
                : type == typeof(uint) ? JsonMetadataServices.UInt32Converter
                : type == typeof(long) ? JsonMetadataServices.Int64Converter
                : type == typeof(ulong) ? JsonMetadataServices.UInt64Converter
                : type == typeof(float) ? JsonMetadataServices.SingleConverter
                : type == typeof(double) ? JsonMetadataServices.DoubleConverter
                : type == typeof(decimal) ? JsonMetadataServices.DecimalConverter
                : type == typeof(char) ? JsonMetadataServices.CharConverter
                : type == typeof(Guid) ? JsonMetadataServices.GuidConverter
                : type == typeof(DateTime) ? JsonMetadataServices.DateTimeConverter
                : type == typeof(DateTimeOffset) ? JsonMetadataServices.DateTimeOffsetConverter
                : type == typeof(DateOnly) ? JsonMetadataServices.DateOnlyConverter
                : type == typeof(TimeOnly) ? JsonMetadataServices.TimeOnlyConverter
                : type == typeof(TimeSpan) ? JsonMetadataServices.TimeSpanConverter
                : type == typeof(Uri) ? JsonMetadataServices.UriConverter
                : type == typeof(Version) ? JsonMetadataServices.VersionConverter
                : type == typeof(Half) ? JsonMetadataServices.HalfConverter
                : type == typeof(Int128) ? JsonMetadataServices.Int128Converter
                : type == typeof(UInt128) ? JsonMetadataServices.UInt128Converter
                : throw new NotSupportedException($"'{type}' is not a dictionary key type the generated code writes.");
        }
    }
}
