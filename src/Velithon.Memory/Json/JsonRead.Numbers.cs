using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json;

public static partial class JsonRead
{
    /// <summary>Reads a <see cref="int"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Int32(ref Utf8JsonReader reader) => Int32(ref reader, "System.Int32");

    /// <summary>Reads a <see cref="int"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    public static int Int32(ref Utf8JsonReader reader, string typeName) => Integer<int>(ref reader, typeName);

    /// <summary>Reads a <see cref="uint"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint UInt32(ref Utf8JsonReader reader) => UInt32(ref reader, "System.UInt32");

    /// <summary>Reads a <see cref="uint"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    public static uint UInt32(ref Utf8JsonReader reader, string typeName) => Integer<uint>(ref reader, typeName);

    /// <summary>Reads a <see cref="long"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Int64(ref Utf8JsonReader reader) => Int64(ref reader, "System.Int64");

    /// <summary>Reads a <see cref="long"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    public static long Int64(ref Utf8JsonReader reader, string typeName) => Integer<long>(ref reader, typeName);

    /// <summary>Reads a <see cref="ulong"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong UInt64(ref Utf8JsonReader reader) => UInt64(ref reader, "System.UInt64");

    /// <summary>Reads a <see cref="ulong"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    public static ulong UInt64(ref Utf8JsonReader reader, string typeName) => Integer<ulong>(ref reader, typeName);

    /// <summary>Reads a <see cref="short"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short Int16(ref Utf8JsonReader reader) => Int16(ref reader, "System.Int16");

    /// <summary>Reads a <see cref="short"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    public static short Int16(ref Utf8JsonReader reader, string typeName) => Integer<short>(ref reader, typeName);

    /// <summary>Reads a <see cref="ushort"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort UInt16(ref Utf8JsonReader reader) => UInt16(ref reader, "System.UInt16");

    /// <summary>Reads a <see cref="ushort"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    public static ushort UInt16(ref Utf8JsonReader reader, string typeName) => Integer<ushort>(ref reader, typeName);

    /// <summary>Reads a <see cref="byte"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Byte(ref Utf8JsonReader reader) => Byte(ref reader, "System.Byte");

    /// <summary>Reads a <see cref="byte"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    public static byte Byte(ref Utf8JsonReader reader, string typeName) => Integer<byte>(ref reader, typeName);

    /// <summary>Reads a <see cref="sbyte"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static sbyte SByte(ref Utf8JsonReader reader) => SByte(ref reader, "System.SByte");

    /// <summary>Reads a <see cref="sbyte"/> from a JSON number or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    public static sbyte SByte(ref Utf8JsonReader reader, string typeName) => Integer<sbyte>(ref reader, typeName);

    // The eight integer types share System.Text.Json's rule: a JSON number in the type's range, or (as the generated
    // code asks only when the number handling allows it) a JSON string that is exactly such a number. The type tests
    // are constants for each T, so each instantiation is the straight-line code of its type.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Integer<T>(ref Utf8JsonReader reader, string typeName)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (TryGetInteger(ref reader, out T value))
            {
                return value;
            }
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            ReadOnlySpan<byte> text = Unescaped(ref reader, stackalloc byte[ScratchLength], typeName);
            if (TryParseInteger(text, out T value, out int consumed) && consumed == text.Length)
            {
                return value;
            }
        }

        throw ConversionError(ref reader, typeName);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryGetInteger<T>(ref Utf8JsonReader reader, out T value)
        where T : unmanaged, IBinaryInteger<T>
    {
        bool read;
        if (typeof(T) == typeof(int)) { read = reader.TryGetInt32(out int v); value = Unsafe.As<int, T>(ref v); }
        else if (typeof(T) == typeof(uint)) { read = reader.TryGetUInt32(out uint v); value = Unsafe.As<uint, T>(ref v); }
        else if (typeof(T) == typeof(long)) { read = reader.TryGetInt64(out long v); value = Unsafe.As<long, T>(ref v); }
        else if (typeof(T) == typeof(ulong)) { read = reader.TryGetUInt64(out ulong v); value = Unsafe.As<ulong, T>(ref v); }
        else if (typeof(T) == typeof(short)) { read = reader.TryGetInt16(out short v); value = Unsafe.As<short, T>(ref v); }
        else if (typeof(T) == typeof(ushort)) { read = reader.TryGetUInt16(out ushort v); value = Unsafe.As<ushort, T>(ref v); }
        else if (typeof(T) == typeof(byte)) { read = reader.TryGetByte(out byte v); value = Unsafe.As<byte, T>(ref v); }
        else if (typeof(T) == typeof(sbyte)) { read = reader.TryGetSByte(out sbyte v); value = Unsafe.As<sbyte, T>(ref v); }
        else { throw new UnreachableException(); }

        return read;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseInteger<T>(ReadOnlySpan<byte> text, out T value, out int consumed)
        where T : unmanaged, IBinaryInteger<T>
    {
        bool parsed;
        if (typeof(T) == typeof(int)) { parsed = Utf8Parser.TryParse(text, out int v, out consumed); value = Unsafe.As<int, T>(ref v); }
        else if (typeof(T) == typeof(uint)) { parsed = Utf8Parser.TryParse(text, out uint v, out consumed); value = Unsafe.As<uint, T>(ref v); }
        else if (typeof(T) == typeof(long)) { parsed = Utf8Parser.TryParse(text, out long v, out consumed); value = Unsafe.As<long, T>(ref v); }
        else if (typeof(T) == typeof(ulong)) { parsed = Utf8Parser.TryParse(text, out ulong v, out consumed); value = Unsafe.As<ulong, T>(ref v); }
        else if (typeof(T) == typeof(short)) { parsed = Utf8Parser.TryParse(text, out short v, out consumed); value = Unsafe.As<short, T>(ref v); }
        else if (typeof(T) == typeof(ushort)) { parsed = Utf8Parser.TryParse(text, out ushort v, out consumed); value = Unsafe.As<ushort, T>(ref v); }
        else if (typeof(T) == typeof(byte)) { parsed = Utf8Parser.TryParse(text, out byte v, out consumed); value = Unsafe.As<byte, T>(ref v); }
        else if (typeof(T) == typeof(sbyte)) { parsed = Utf8Parser.TryParse(text, out sbyte v, out consumed); value = Unsafe.As<sbyte, T>(ref v); }
        else { throw new UnreachableException(); }

        return parsed;
    }

    // The three names System.Text.Json reads into a floating-point type from a string, in exactly these spellings.
    private static bool TryNamedLiteral<T>(ReadOnlySpan<byte> text, out T value)
        where T : IFloatingPointIeee754<T>
    {
        if (text.SequenceEqual("NaN"u8))
        {
            value = T.NaN;
            return true;
        }

        if (text.SequenceEqual("Infinity"u8))
        {
            value = T.PositiveInfinity;
            return true;
        }

        if (text.SequenceEqual("-Infinity"u8))
        {
            value = T.NegativeInfinity;
            return true;
        }

        value = T.Zero;
        return false;
    }

    /// <summary>
    /// Reads a <see cref="float"/> from a JSON number or a JSON string holding one; as in System.Text.Json a string may
    /// also hold exactly <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c>, but not a number that overflows.
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Single(ref Utf8JsonReader reader) => Single(ref reader, "System.Single");

    /// <summary>
    /// Reads a <see cref="float"/> from a JSON number or a JSON string holding one; as in System.Text.Json a string may
    /// also hold exactly <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c>, but not a number that overflows.
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one).</exception>
    public static float Single(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetSingle(out float value))
            {
                return value;
            }
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            ReadOnlySpan<byte> text = Unescaped(ref reader, stackalloc byte[ScratchLength], typeName);
            if (TryNamedLiteral(text, out float named))
            {
                return named;
            }

            if (Utf8Parser.TryParse(text, out float value, out int consumed) && consumed == text.Length && float.IsFinite(value))
            {
                return value;
            }
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>
    /// Reads a <see cref="double"/> from a JSON number or a JSON string holding one; as in System.Text.Json a string may
    /// also hold exactly <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c>, but not a number that overflows.
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Double(ref Utf8JsonReader reader) => Double(ref reader, "System.Double");

    /// <summary>
    /// Reads a <see cref="double"/> from a JSON number or a JSON string holding one; as in System.Text.Json a string may
    /// also hold exactly <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c>, but not a number that overflows.
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one).</exception>
    public static double Double(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetDouble(out double value))
            {
                return value;
            }
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            ReadOnlySpan<byte> text = Unescaped(ref reader, stackalloc byte[ScratchLength], typeName);
            if (TryNamedLiteral(text, out double named))
            {
                return named;
            }

            if (Utf8Parser.TryParse(text, out double value, out int consumed) && consumed == text.Length && double.IsFinite(value))
            {
                return value;
            }
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>
    /// Reads a <see cref="double"/> as System.Text.Json does with <paramref name="handling"/>: a JSON number; a JSON string
    /// holding a number (or <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>) with <see cref="JsonNumberHandling.AllowReadingFromString"/>;
    /// only those three names with <see cref="JsonNumberHandling.AllowNamedFloatingPointLiterals"/> alone; no string otherwise.
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message.</param>
    /// <param name="handling">The number handling.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string <paramref name="handling"/> allows).</exception>
    public static double Double(ref Utf8JsonReader reader, string typeName, JsonNumberHandling handling)
    {
        if (reader.TokenType != JsonTokenType.String || (handling & JsonNumberHandling.AllowReadingFromString) != 0)
        {
            return Double(ref reader, typeName);
        }

        if ((handling & JsonNumberHandling.AllowNamedFloatingPointLiterals) != 0)
        {
            ReadOnlySpan<byte> text = Unescaped(ref reader, stackalloc byte[ScratchLength], typeName);
            if (TryNamedLiteral(text, out double named))
            {
                return named;
            }
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads a <see cref="float"/> as System.Text.Json does with <paramref name="handling"/> (see <see cref="Double(ref Utf8JsonReader, string, JsonNumberHandling)"/>).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message.</param>
    /// <param name="handling">The number handling.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string <paramref name="handling"/> allows).</exception>
    public static float Single(ref Utf8JsonReader reader, string typeName, JsonNumberHandling handling)
    {
        if (reader.TokenType != JsonTokenType.String || (handling & JsonNumberHandling.AllowReadingFromString) != 0)
        {
            return Single(ref reader, typeName);
        }

        if ((handling & JsonNumberHandling.AllowNamedFloatingPointLiterals) != 0)
        {
            ReadOnlySpan<byte> text = Unescaped(ref reader, stackalloc byte[ScratchLength], typeName);
            if (TryNamedLiteral(text, out float named))
            {
                return named;
            }
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads a <see cref="decimal"/> from a JSON number or a JSON string holding one (exponents allowed).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Decimal(ref Utf8JsonReader reader) => Decimal(ref reader, "System.Decimal");

    /// <summary>Reads a <see cref="decimal"/> from a JSON number or a JSON string holding one (exponents allowed).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    public static decimal Decimal(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetDecimal(out decimal value))
            {
                return value;
            }
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            ReadOnlySpan<byte> text = Unescaped(ref reader, stackalloc byte[ScratchLength], typeName);
            if (Utf8Parser.TryParse(text, out decimal value, out int consumed) && consumed == text.Length)
            {
                return value;
            }
        }

        throw ConversionError(ref reader, typeName);
    }
}
