using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
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
    public static int Int32(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt32(out int value))
            {
                return value;
            }
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            ReadOnlySpan<byte> text = Unescaped(ref reader, stackalloc byte[ScratchLength], typeName);
            if (Utf8Parser.TryParse(text, out int value, out int consumed) && consumed == text.Length)
            {
                return value;
            }
        }

        throw ConversionError(ref reader, typeName);
    }

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
    public static uint UInt32(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetUInt32(out uint value))
            {
                return value;
            }
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            ReadOnlySpan<byte> text = Unescaped(ref reader, stackalloc byte[ScratchLength], typeName);
            if (Utf8Parser.TryParse(text, out uint value, out int consumed) && consumed == text.Length)
            {
                return value;
            }
        }

        throw ConversionError(ref reader, typeName);
    }

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
    public static long Int64(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out long value))
            {
                return value;
            }
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            ReadOnlySpan<byte> text = Unescaped(ref reader, stackalloc byte[ScratchLength], typeName);
            if (Utf8Parser.TryParse(text, out long value, out int consumed) && consumed == text.Length)
            {
                return value;
            }
        }

        throw ConversionError(ref reader, typeName);
    }

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
    public static ulong UInt64(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetUInt64(out ulong value))
            {
                return value;
            }
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            ReadOnlySpan<byte> text = Unescaped(ref reader, stackalloc byte[ScratchLength], typeName);
            if (Utf8Parser.TryParse(text, out ulong value, out int consumed) && consumed == text.Length)
            {
                return value;
            }
        }

        throw ConversionError(ref reader, typeName);
    }

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
    public static short Int16(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt16(out short value))
            {
                return value;
            }
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            ReadOnlySpan<byte> text = Unescaped(ref reader, stackalloc byte[ScratchLength], typeName);
            if (Utf8Parser.TryParse(text, out short value, out int consumed) && consumed == text.Length)
            {
                return value;
            }
        }

        throw ConversionError(ref reader, typeName);
    }

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
    public static ushort UInt16(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetUInt16(out ushort value))
            {
                return value;
            }
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            ReadOnlySpan<byte> text = Unescaped(ref reader, stackalloc byte[ScratchLength], typeName);
            if (Utf8Parser.TryParse(text, out ushort value, out int consumed) && consumed == text.Length)
            {
                return value;
            }
        }

        throw ConversionError(ref reader, typeName);
    }

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
    public static byte Byte(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetByte(out byte value))
            {
                return value;
            }
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            ReadOnlySpan<byte> text = Unescaped(ref reader, stackalloc byte[ScratchLength], typeName);
            if (Utf8Parser.TryParse(text, out byte value, out int consumed) && consumed == text.Length)
            {
                return value;
            }
        }

        throw ConversionError(ref reader, typeName);
    }

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
    public static sbyte SByte(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetSByte(out sbyte value))
            {
                return value;
            }
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            ReadOnlySpan<byte> text = Unescaped(ref reader, stackalloc byte[ScratchLength], typeName);
            if (Utf8Parser.TryParse(text, out sbyte value, out int consumed) && consumed == text.Length)
            {
                return value;
            }
        }

        throw ConversionError(ref reader, typeName);
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
            if (text.SequenceEqual("NaN"u8))
            {
                return float.NaN;
            }

            if (text.SequenceEqual("Infinity"u8))
            {
                return float.PositiveInfinity;
            }

            if (text.SequenceEqual("-Infinity"u8))
            {
                return float.NegativeInfinity;
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
            if (text.SequenceEqual("NaN"u8))
            {
                return double.NaN;
            }

            if (text.SequenceEqual("Infinity"u8))
            {
                return double.PositiveInfinity;
            }

            if (text.SequenceEqual("-Infinity"u8))
            {
                return double.NegativeInfinity;
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
            if (text.SequenceEqual("NaN"u8))
            {
                return double.NaN;
            }

            if (text.SequenceEqual("Infinity"u8))
            {
                return double.PositiveInfinity;
            }

            if (text.SequenceEqual("-Infinity"u8))
            {
                return double.NegativeInfinity;
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
            if (text.SequenceEqual("NaN"u8))
            {
                return float.NaN;
            }

            if (text.SequenceEqual("Infinity"u8))
            {
                return float.PositiveInfinity;
            }

            if (text.SequenceEqual("-Infinity"u8))
            {
                return float.NegativeInfinity;
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
