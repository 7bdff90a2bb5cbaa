using System.Text.Json;

namespace Velithon.Json;

/// <summary>
/// Value readers that generated <c>ReadJson</c> methods call. Each takes a reader positioned on the value token and
/// leaves it on the value's last token; each follows System.Text.Json's <see cref="JsonSerializerDefaults.Web"/>
/// reading rules and reports every failure as a <see cref="JsonException"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Method names are the CLR type they read; fixed by the generator contract.")]
public static class JsonRead
{
    private const string Todo = "J1: not implemented yet";

    /// <summary>Reads a JSON <c>true</c> or <c>false</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static bool Boolean(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a <see cref="int"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static int Int32(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a <see cref="uint"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static uint UInt32(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a <see cref="long"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static long Int64(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a <see cref="ulong"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static ulong UInt64(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a <see cref="short"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static short Int16(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a <see cref="ushort"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static ushort UInt16(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a <see cref="byte"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static byte Byte(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a <see cref="sbyte"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static sbyte SByte(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a <see cref="float"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static float Single(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a <see cref="double"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static double Double(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a <see cref="decimal"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static decimal Decimal(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a JSON string, or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static string? String(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a JSON string of exactly one UTF-16 character.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static char Char(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a GUID string.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static System.Guid Guid(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads an ISO 8601 date and time string.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static System.DateTime DateTime(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads an ISO 8601 date, time and offset string.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static System.DateTimeOffset DateTimeOffset(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a <c>yyyy-MM-dd</c> string.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static System.DateOnly DateOnly(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a time of day string.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static System.TimeOnly TimeOnly(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a time span string.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static System.TimeSpan TimeSpan(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a URI string, or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static System.Uri? Uri(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a base64 string, or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static byte[]? Base64(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Reads a JSON string, or <c>null</c>, through <see cref="VelithonJsonOptions.Interner"/>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="options">The options holding the interner.</param>
    /// <returns>The interned value.</returns>
    public static string? InternedString(ref Utf8JsonReader reader, VelithonJsonOptions options) => throw new NotSupportedException(Todo);

    /// <summary>Throws the System.Text.Json-like conversion error unless the reader is on <paramref name="tokenType"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="tokenType">The token expected.</param>
    /// <param name="typeName">The type being read, for the message.</param>
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType tokenType, string typeName) => throw new NotSupportedException(Todo);

    /// <summary>Advances the reader; the end of the data is a <see cref="JsonException"/>.</summary>
    /// <param name="reader">The reader.</param>
    public static void Read(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Skips the current value (or, on a property name, the property's value).</summary>
    /// <param name="reader">The reader.</param>
    public static void Skip(ref Utf8JsonReader reader) => throw new NotSupportedException(Todo);

    /// <summary>Returns the unescaped UTF-8 bytes of the property name the reader is on.</summary>
    /// <param name="reader">The reader, on a property name.</param>
    /// <param name="scratch">Space for an escaped or segmented name.</param>
    /// <returns>The name.</returns>
    public static ReadOnlySpan<byte> PropertyName(ref Utf8JsonReader reader, scoped Span<byte> scratch) => throw new NotSupportedException(Todo);

    /// <summary>Compares two UTF-8 names as System.Text.Json's case-insensitive matching does.</summary>
    /// <param name="utf8Name">The name read.</param>
    /// <param name="candidateUtf8">The member's JSON name.</param>
    /// <returns><see langword="true"/> when they are equal ignoring case.</returns>
    public static bool NameEqualsIgnoreCase(ReadOnlySpan<byte> utf8Name, ReadOnlySpan<byte> candidateUtf8) => throw new NotSupportedException(Todo);

    /// <summary>Creates the error for missing required properties.</summary>
    /// <param name="typeName">The type read.</param>
    /// <param name="jsonNames">The missing names, formatted <c>'a', 'b'</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException MissingRequired(string typeName, string jsonNames) => throw new NotSupportedException(Todo);

    /// <summary>Creates the error for an enum name that is not defined.</summary>
    /// <param name="reader">The reader, on the string.</param>
    /// <param name="enumTypeName">The enum type.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException UnknownEnumName(ref Utf8JsonReader reader, string enumTypeName) => throw new NotSupportedException(Todo);

    /// <summary>Prefixes a property name to the path of <paramref name="inner"/>.</summary>
    /// <param name="inner">The error.</param>
    /// <param name="propertyName">The JSON property name.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException AddPathSegment(JsonException inner, string propertyName) => throw new NotSupportedException(Todo);

    /// <summary>Prefixes an array index to the path of <paramref name="inner"/>.</summary>
    /// <param name="inner">The error.</param>
    /// <param name="index">The index.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException AddPathIndex(JsonException inner, int index) => throw new NotSupportedException(Todo);

    internal const string RethrowableSource = "System.Text.Json.Rethrowable";

    internal static bool IsRethrowable(Exception ex) =>
        ex is InvalidOperationException or FormatException or OverflowException or ArgumentException or IndexOutOfRangeException;

    internal static JsonReadException Wrap(ref Utf8JsonReader reader, Exception inner) =>
        new("The JSON value could not be read: " + inner.Message, reader.BytesConsumed, null, null, inner);

    internal static JsonReadException Error(ref Utf8JsonReader reader, string message) =>
        new(message, reader.BytesConsumed, null, null, null);
}
