using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json;

/// <summary>
/// Value readers that generated <c>ReadJson</c> methods call. Each takes a reader positioned on the value token and
/// leaves it on the value's last token; each follows System.Text.Json's <see cref="JsonSerializerDefaults.Web"/>
/// reading rules (numbers may also come as JSON strings, with no surrounding whitespace) and reports every failure as
/// a <see cref="JsonException"/> ("The JSON value could not be converted to System.Int32.").
/// </summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Method names are the CLR type they read; fixed by the generator contract.")]
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class JsonRead
{
    private const int ScratchLength = 128;

    /// <summary>Reads a JSON <c>true</c> or <c>false</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a boolean.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Boolean(ref Utf8JsonReader reader) => Boolean(ref reader, "System.Boolean");

    /// <summary>Reads a JSON <c>true</c> or <c>false</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Boolean]</c> for a nullable member.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a boolean.</exception>
    public static bool Boolean(ref Utf8JsonReader reader, string typeName) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw ConversionError(ref reader, typeName),
    };

    /// <summary>Throws the System.Text.Json-like conversion error unless the reader is on <paramref name="tokenType"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="tokenType">The token expected.</param>
    /// <param name="typeName">The type being read, for the message.</param>
    /// <exception cref="JsonException">The reader is on another token.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType tokenType, string typeName)
    {
        if (reader.TokenType != tokenType)
        {
            throw ConversionError(ref reader, typeName);
        }
    }

    /// <summary>Advances the reader; the end of the data is a <see cref="JsonException"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <exception cref="JsonException">The input is invalid JSON or ends here.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            ThrowEndOfData(ref reader);
        }
    }

    /// <summary>Skips the current value (or, on a property name, the property's value).</summary>
    /// <param name="reader">The reader.</param>
    /// <exception cref="JsonException">The input is invalid JSON or ends inside the value.</exception>
    public static void Skip(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            ThrowEndOfData(ref reader);
        }
    }

    /// <summary>
    /// Returns the unescaped UTF-8 bytes of the property name the reader is on: the reader's own bytes when the name
    /// is neither escaped nor split across segments, otherwise a copy in <paramref name="scratch"/> (or, when the
    /// name does not fit, in a new array). Like System.Text.Json, the bytes are not validated as UTF-8 (an unknown
    /// name with invalid UTF-8 is skipped, not rejected); only a <c>\u</c> escape of a lone surrogate is an error.
    /// </summary>
    /// <param name="reader">The reader, on a property name.</param>
    /// <param name="scratch">Space for an escaped or segmented name (generated code passes 128 stack bytes).</param>
    /// <returns>The name; it may point into <paramref name="scratch"/>, so use it only while the scratch is alive.</returns>
    /// <exception cref="JsonException">The name holds an invalid escape (a lone surrogate).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> PropertyName(ref Utf8JsonReader reader, scoped Span<byte> scratch) =>
        PropertyName(ref reader, scratch, "System.String");

    /// <summary>
    /// Returns the unescaped UTF-8 bytes of the property name the reader is on, as
    /// <see cref="PropertyName(ref Utf8JsonReader, Span{byte})"/> does; an invalid escape fails with System.Text.Json's
    /// message for the object being read ("The JSON value could not be converted to Demo.Person.").
    /// </summary>
    /// <param name="reader">The reader, on a property name.</param>
    /// <param name="scratch">Space for an escaped or segmented name.</param>
    /// <param name="typeName">The type whose members are being matched, for the error message.</param>
    /// <returns>The name; it may point into <paramref name="scratch"/>, so use it only while the scratch is alive.</returns>
    /// <exception cref="JsonException">The name holds an invalid escape (a lone surrogate).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> PropertyName(ref Utf8JsonReader reader, scoped Span<byte> scratch, string typeName)
    {
        // The common case (a plain name in one segment) stays inline in the generated member loop.
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        return CopyPropertyName(ref reader, scratch, typeName);
    }

    /// <summary>
    /// Fails as System.Text.Json does when the first property name of an object read as the value of a
    /// <see cref="Nullable{T}"/> holds an invalid escape (a lone surrogate): System.Text.Json names the nullable type
    /// there (its frame still describes the member), and the object's own type for every later name. Call it with the
    /// reader on the object's start; it reads ahead on a copy, so the reader does not move.
    /// </summary>
    /// <param name="reader">The reader, on the value (anything but an object start is left to the object reader).</param>
    /// <param name="nullableType">The nullable type, e.g. <c>typeof(Demo.Size?)</c>: named only when the read fails, so a
    /// generic type's member (<c>Box&lt;T&gt;?</c>) is named as closed at run time without a string made on every read.</param>
    /// <exception cref="JsonException">The first property name holds an invalid escape.</exception>
    public static void FirstNameInNullable(ref Utf8JsonReader reader, Type nullableType)
    {
        ArgumentNullException.ThrowIfNull(nullableType);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }

        // Only an escaped name can fail; a copy of the reader finds out without moving the caller's. A reader that
        // runs out of data (a partial block) or meets malformed input leaves the real read to report it.
        Utf8JsonReader ahead = reader;
        try
        {
            if (!ahead.Read() || ahead.TokenType != JsonTokenType.PropertyName || !ahead.ValueIsEscaped)
            {
                return;
            }
        }
        catch (JsonException)
        {
            return;
        }

        try
        {
            _ = CopyPropertyName(ref ahead, stackalloc byte[ScratchLength], string.Empty);
        }
        catch (JsonReadException)
        {
            throw ConversionError(ref ahead, nullableType.ToString());
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ReadOnlySpan<byte> CopyPropertyName(ref Utf8JsonReader reader, scoped Span<byte> scratch, string typeName)
    {
        long length = reader.ValueLength();
        Span<byte> target = length <= scratch.Length ? scratch : new byte[length];
        if (reader.HasValueSequence)
        {
            reader.ValueSequence.CopyTo(target);
        }
        else
        {
            reader.ValueSpan.CopyTo(target);
        }

        int written = (int)length;
        if (reader.ValueIsEscaped && !JsonText.TryUnescapeInPlace(target[..written], out written))
        {
            throw ConversionError(ref reader, typeName);
        }

        // The copy lives in the caller's scratch; callers use it only while that is alive.
        return MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetReference(target), written);
    }

    /// <summary>
    /// Reads the property name the reader is on as a string, for dictionary keys; unlike member names these are
    /// validated (invalid UTF-8 or a lone surrogate fails as in System.Text.Json: "could not be converted to System.String").
    /// </summary>
    /// <param name="reader">The reader, on a property name.</param>
    /// <returns>The key.</returns>
    /// <exception cref="JsonException">The name is not valid UTF-8, or holds an invalid escape.</exception>
    public static string DictionaryKey(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            throw ConversionError(ref reader, "System.String");
        }

        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw ConversionError(ref reader, "System.String", ex);
        }
    }

    /// <summary>
    /// Compares two UTF-8 names as System.Text.Json's case-insensitive property matching does:
    /// <see cref="StringComparison.OrdinalIgnoreCase"/> on their UTF-16 forms, with an ASCII fast path.
    /// </summary>
    /// <param name="utf8Name">The name read.</param>
    /// <param name="candidateUtf8">The member's JSON name.</param>
    /// <returns><see langword="true"/> when they are equal ignoring case.</returns>
    public static bool NameEqualsIgnoreCase(ReadOnlySpan<byte> utf8Name, ReadOnlySpan<byte> candidateUtf8)
    {
        if (System.Text.Ascii.IsValid(utf8Name) && System.Text.Ascii.IsValid(candidateUtf8))
        {
            return System.Text.Ascii.EqualsIgnoreCase(utf8Name, candidateUtf8);
        }

        return NonAsciiEqualsIgnoreCase(utf8Name, candidateUtf8);
    }

    /// <summary>
    /// Starts reading an object, as generated <c>ReadJson</c> methods do first: throws System.Text.Json's conversion
    /// error unless the reader is on <see cref="JsonTokenType.StartObject"/>, and a <see cref="JsonException"/> when the
    /// thread's stack could not hold another nesting level (past the first 16 levels, each asks
    /// <see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>): reading recurses once per nested object, so a
    /// deep document on a thread with a small stack fails with an error instead of overflowing the stack, whatever the
    /// depth limit.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The type being read, for the message.</param>
    /// <exception cref="JsonException">The reader is on another token, or the stack is too small for this level.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StartObject(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ConversionError(ref reader, typeName);
        }

        if (!JsonStack.HasRoomAt(reader.CurrentDepth))
        {
            ThrowInsufficientStack(ref reader);
        }
    }

    private static long ValueLength(this ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;

    // The unescaped bytes of the current string token; a copy lives in scratch (or a new array if it does not fit).
    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader, scoped Span<byte> scratch, string typeName)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        return CopyUnescaped(ref reader, scratch, typeName);
    }

    private static ReadOnlySpan<byte> CopyUnescaped(ref Utf8JsonReader reader, scoped Span<byte> scratch, string typeName)
    {
        long length = reader.ValueLength();
        Span<byte> target = length <= scratch.Length ? scratch : new byte[length];
        int written;
        try
        {
            written = reader.CopyString(target);
        }
        catch (InvalidOperationException ex)
        {
            throw ConversionError(ref reader, typeName, ex);
        }

        // The copy lives in the caller's scratch; callers use it only while that is alive.
        return MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetReference(target), written);
    }

    private static bool NonAsciiEqualsIgnoreCase(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        char[]? rented = null;
        int total = left.Length + right.Length;
        Span<char> chars = total <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(total));
        try
        {
            int leftLength = Encoding.UTF8.GetChars(left, chars);
            int rightLength = Encoding.UTF8.GetChars(right, chars[leftLength..]);
            return chars[..leftLength].Equals(chars.Slice(leftLength, rightLength), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
