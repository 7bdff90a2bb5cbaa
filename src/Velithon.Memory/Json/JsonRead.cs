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

/// <summary>
/// Value readers that generated <c>ReadJson</c> methods call. Each takes a reader positioned on the value token and
/// leaves it on the value's last token; each follows System.Text.Json's <see cref="JsonSerializerDefaults.Web"/>
/// reading rules (numbers may also come as JSON strings, with no surrounding whitespace) and reports every failure as
/// a <see cref="JsonException"/> ("The JSON value could not be converted to System.Int32.").
/// </summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Method names are the CLR type they read; fixed by the generator contract.")]
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

    /// <summary>Reads a JSON string, or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or the string is not valid UTF-8/UTF-16.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? String(ref Utf8JsonReader reader) => String(ref reader, "System.String");

    /// <summary>Reads a JSON string, or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. the declaring type for a constructor parameter (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or the string is not valid UTF-8/UTF-16.</exception>
    public static string? String(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw ConversionError(ref reader, typeName);
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException ex)
        {
            throw ConversionError(ref reader, typeName, ex);
        }
    }

    /// <summary>
    /// Reads a JSON string, or <c>null</c>, through <see cref="VelithonJsonOptions.Interner"/>: a string already interned
    /// is returned without allocating. Escaped strings are unescaped into a stack or pooled buffer first.
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="options">The options holding the interner.</param>
    /// <returns>The interned value.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or the string is not valid UTF-8/UTF-16.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? InternedString(ref Utf8JsonReader reader, VelithonJsonOptions options) => InternedString(ref reader, options, "System.String");

    /// <summary>
    /// Reads a JSON string, or <c>null</c>, through <see cref="VelithonJsonOptions.Interner"/>, as
    /// <see cref="InternedString(ref Utf8JsonReader, VelithonJsonOptions)"/> does.
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="options">The options holding the interner.</param>
    /// <param name="typeName">The type named in the error message, e.g. the declaring type for a constructor parameter (as System.Text.Json names it).</param>
    /// <returns>The interned value.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or the string is not valid UTF-8/UTF-16.</exception>
    public static string? InternedString(ref Utf8JsonReader reader, VelithonJsonOptions options, string typeName)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw ConversionError(ref reader, typeName);
        }

        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            ReadOnlySpan<byte> raw = reader.ValueSpan;
            if (!System.Text.Unicode.Utf8.IsValid(raw))
            {
                throw ConversionError(ref reader, typeName);
            }

            return options.Interner.InternUtf8(raw);
        }

        int length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        byte[]? rented = null;
        Span<byte> buffer = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            int written;
            try
            {
                written = reader.CopyString(buffer);
            }
            catch (InvalidOperationException ex)
            {
                throw ConversionError(ref reader, typeName, ex);
            }

            ReadOnlySpan<byte> text = buffer[..written];
            if (!System.Text.Unicode.Utf8.IsValid(text))
            {
                throw ConversionError(ref reader, typeName);
            }

            return options.Interner.InternUtf8(text);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Reads a JSON string of exactly one UTF-16 character.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a string of one UTF-16 character.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char Char(ref Utf8JsonReader reader) => Char(ref reader, "System.Char");

    /// <summary>Reads a JSON string of exactly one UTF-16 character.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a string of one UTF-16 character.</exception>
    public static char Char(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.String && reader.ValueLength() is >= 1 and <= 6)
        {
            Span<char> chars = stackalloc char[6];
            try
            {
                if (reader.CopyString(chars) == 1)
                {
                    return chars[0];
                }
            }
            catch (InvalidOperationException ex)
            {
                throw ConversionError(ref reader, typeName, ex);
            }
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads a GUID string in the "D" format (either case).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Guid Guid(ref Utf8JsonReader reader) => Guid(ref reader, "System.Guid");

    /// <summary>Reads a GUID string in the "D" format (either case).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    public static Guid Guid(ref Utf8JsonReader reader, string typeName)
    {
        try
        {
            if (reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out Guid value))
            {
                return value;
            }
        }
        catch (InvalidOperationException ex)
        {
            // An escape that is not valid UTF-16 (a lone surrogate): System.Text.Json's conversion error, as for other strings.
            throw ConversionError(ref reader, typeName, ex);
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads an ISO 8601-1:2019 date and time string (System.Text.Json's extended profile).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DateTime DateTime(ref Utf8JsonReader reader) => DateTime(ref reader, "System.DateTime");

    /// <summary>Reads an ISO 8601-1:2019 date and time string (System.Text.Json's extended profile).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    public static DateTime DateTime(ref Utf8JsonReader reader, string typeName)
    {
        try
        {
            if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out DateTime value))
            {
                return value;
            }
        }
        catch (InvalidOperationException ex)
        {
            // An escape that is not valid UTF-16 (a lone surrogate): System.Text.Json's conversion error, as for other strings.
            throw ConversionError(ref reader, typeName, ex);
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads an ISO 8601-1:2019 date, time and offset string (System.Text.Json's extended profile).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DateTimeOffset DateTimeOffset(ref Utf8JsonReader reader) => DateTimeOffset(ref reader, "System.DateTimeOffset");

    /// <summary>Reads an ISO 8601-1:2019 date, time and offset string (System.Text.Json's extended profile).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    public static DateTimeOffset DateTimeOffset(ref Utf8JsonReader reader, string typeName)
    {
        try
        {
            if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out DateTimeOffset value))
            {
                return value;
            }
        }
        catch (InvalidOperationException ex)
        {
            // An escape that is not valid UTF-16 (a lone surrogate): System.Text.Json's conversion error, as for other strings.
            throw ConversionError(ref reader, typeName, ex);
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads a <c>yyyy-MM-dd</c> string.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string, or not a valid date.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DateOnly DateOnly(ref Utf8JsonReader reader) => DateOnly(ref reader, "System.DateOnly");

    /// <summary>Reads a <c>yyyy-MM-dd</c> string.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string, or not a valid date.</exception>
    public static DateOnly DateOnly(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.String && reader.ValueLength() is >= 10 and <= 60)
        {
            ReadOnlySpan<byte> s = Unescaped(ref reader, stackalloc byte[64], typeName);
            if (s.Length == 10 && s[4] == (byte)'-' && s[7] == (byte)'-'
                && TryDigits(s[..4], out int year) && TryDigits(s.Slice(5, 2), out int month) && TryDigits(s.Slice(8, 2), out int day)
                && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= System.DateTime.DaysInMonth(year, month))
            {
                return new DateOnly(year, month, day);
            }
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads a time of day string, <c>hh:mm[:ss[.fffffff]]</c> as System.Text.Json accepts it.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TimeOnly TimeOnly(ref Utf8JsonReader reader) => TimeOnly(ref reader, "System.TimeOnly");

    /// <summary>Reads a time of day string, <c>hh:mm[:ss[.fffffff]]</c> as System.Text.Json accepts it.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    public static TimeOnly TimeOnly(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.String && reader.ValueLength() is >= 1 and <= 16 * 6)
        {
            ReadOnlySpan<byte> s = Unescaped(ref reader, stackalloc byte[16 * 6], typeName);
            int separator = s.IndexOfAny((byte)'.', (byte)':');
            if (s.Length > 0 && char.IsAsciiDigit((char)s[0]) && separator >= 0 && s[separator] == (byte)':'
                && Utf8Parser.TryParse(s, out TimeSpan time, out int consumed, 'c') && consumed == s.Length
                && time >= System.TimeSpan.Zero && time < System.TimeSpan.FromDays(1))
            {
                return System.TimeOnly.FromTimeSpan(time);
            }
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads a time span string in the constant format, <c>[-][d.]hh:mm[:ss[.fffffff]]</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TimeSpan TimeSpan(ref Utf8JsonReader reader) => TimeSpan(ref reader, "System.TimeSpan");

    /// <summary>Reads a time span string in the constant format, <c>[-][d.]hh:mm[:ss[.fffffff]]</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    public static TimeSpan TimeSpan(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.String && reader.ValueLength() is >= 1 and <= 26 * 6)
        {
            ReadOnlySpan<byte> s = Unescaped(ref reader, stackalloc byte[26 * 6], typeName);
            if (s.Length > 0 && (char.IsAsciiDigit((char)s[0]) || s[0] == (byte)'-')
                && Utf8Parser.TryParse(s, out TimeSpan value, out int consumed, 'c') && consumed == s.Length)
            {
                return value;
            }
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads a URI string (absolute or relative), or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or not a URI.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Uri? Uri(ref Utf8JsonReader reader) => Uri(ref reader, "System.Uri");

    /// <summary>Reads a URI string (absolute or relative), or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. the declaring type for a constructor parameter (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or not a URI.</exception>
    public static Uri? Uri(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw ConversionError(ref reader, typeName);
        }

        string? text;
        try
        {
            text = reader.GetString();
        }
        catch (InvalidOperationException ex)
        {
            throw ConversionError(ref reader, typeName, ex);
        }

        if (System.Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out Uri? value))
        {
            return value;
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads a base64 string, or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or not base64.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte[]? Base64(ref Utf8JsonReader reader) => Base64(ref reader, "System.Byte[]");

    /// <summary>Reads a base64 string, or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. the declaring type for a constructor parameter (as System.Text.Json names it).</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or not base64.</exception>
    public static byte[]? Base64(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.String && reader.TryGetBytesFromBase64(out byte[]? value))
        {
            return value;
        }

        throw ConversionError(ref reader, typeName);
    }

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
        if (reader.ValueIsEscaped && !TryUnescapeInPlace(target[..written], out written))
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

    /// <summary>Creates the System.Text.Json error for missing required properties.</summary>
    /// <param name="typeName">The type read, e.g. <c>Demo.Person</c>.</param>
    /// <param name="jsonNames">The missing names, formatted <c>'a', 'b'</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException MissingRequired(string typeName, string jsonNames) =>
        new JsonReadException(
            $"JSON deserialization for type '{typeName}' was missing required properties including: {jsonNames}.", -1, null, null, null)
        {
            // System.Text.Json sets Path, LineNumber and BytePositionInLine on this error but leaves its message alone.
            AppendPathInformation = false,
        };

    /// <summary>
    /// Creates System.Text.Json's error (<c>RespectNullableAnnotations</c>) for a null read into a member that does not
    /// allow null; the member's name as the path's last segment, the position after the value, come from the caller's
    /// exception filter and entry point, as for any error below a member.
    /// </summary>
    /// <param name="jsonName">The member's JSON name.</param>
    /// <param name="typeName">The type read, e.g. <c>Demo.Person</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException NullMember(string jsonName, string typeName) =>
        new JsonReadException(
            $"The property or field '{jsonName}' on type '{typeName}' doesn't allow setting null values. Consider updating its nullability annotation.", -1, null, null, null);

    /// <summary>
    /// Creates System.Text.Json's error (<c>RespectNullableAnnotations</c>) for a null read into a member of a type read
    /// through a constructor with parameters: System.Text.Json sets such members after the object's end, so the error is
    /// raised there (the position after <c>}</c>), naming the member as the document wrote it.
    /// </summary>
    /// <param name="name">The property name as written in the document (the path's last segment).</param>
    /// <param name="jsonName">The member's JSON name.</param>
    /// <param name="typeName">The type read, e.g. <c>Demo.Person</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException NullMemberAtEnd(string name, string jsonName, string typeName)
    {
        JsonException error = NullMember(jsonName, typeName);
        JsonReadException.Record(error, name, 0);
        return error;
    }

    /// <summary>
    /// Creates System.Text.Json's error (<c>JsonObjectCreationHandling.Populate</c>) for JSON <see langword="null"/> read
    /// into a populated member that cannot be set (get-only): not a <see cref="JsonException"/>, and without a path, as in
    /// System.Text.Json.
    /// </summary>
    /// <param name="typeName">The member's type, e.g. <c>System.Collections.Generic.List`1[System.Int32]</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static InvalidOperationException PopulateNull(string typeName)
    {
        var error = new InvalidOperationException($"Unable to assign 'null' to the property or field of type '{typeName}'.");

        // Leaves the read as it is (the entry points wrap other InvalidOperationExceptions in a JsonException).
        ConverterExceptions.Mark(error);
        return error;
    }

    /// <summary>
    /// Creates System.Text.Json's error (<c>JsonObjectCreationHandling.Populate</c>) for a member declared as a collection
    /// interface whose current value is read-only (an array in an <c>IList&lt;T&gt;</c>, ...). System.Text.Json appends the
    /// path and position to this message; the generated code throws it without them.
    /// </summary>
    /// <param name="typeName">The member's declared type, e.g. <c>System.Collections.Generic.IList`1[System.Int32]</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static NotSupportedException CannotPopulate(string typeName) =>
        new($"The collection type '{typeName}' is abstract, an interface, or is read only, and could not be instantiated and populated.");

    /// <summary>
    /// Creates System.Text.Json's error (<c>RespectNullableAnnotations</c>) for a null read into a constructor parameter
    /// that does not allow null.
    /// </summary>
    /// <param name="parameterName">The parameter's name as declared.</param>
    /// <param name="typeName">The type read, e.g. <c>Demo.Person</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException NullParameter(string parameterName, string typeName) =>
        new JsonReadException(
            $"The constructor parameter '{parameterName}' on type '{typeName}' doesn't allow null values. Consider updating its nullability annotation.", -1, null, null, null);

    /// <summary>
    /// Creates System.Text.Json's error for a property no member maps to, with <c>UnmappedMemberHandling.Disallow</c>:
    /// thrown on the name (before its value is read), with the name as the last path segment; as in System.Text.Json the
    /// message carries no path or position, which are set on the exception.
    /// </summary>
    /// <param name="name">The unescaped UTF-8 property name.</param>
    /// <param name="typeName">The type read, e.g. <c>Demo.Person</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException UnmappedMember(ReadOnlySpan<byte> name, string typeName)
    {
        string property = Encoding.UTF8.GetString(name);
        var error = new JsonReadException(
            $"The JSON property '{property}' could not be mapped to any .NET member contained in type '{typeName}'.", -1, null, null, null)
        {
            AppendPathInformation = false,
        };
        JsonReadException.Record(error, property, 0);
        return error;
    }

    /// <summary>Creates the error for an enum name that is not defined (System.Text.Json's conversion error).</summary>
    /// <param name="reader">The reader, on the string.</param>
    /// <param name="enumTypeName">The enum type.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException UnknownEnumName(ref Utf8JsonReader reader, string enumTypeName) =>
        ConversionError(ref reader, enumTypeName);

    /// <summary>
    /// Records a property name in the JSON path of a read error on its way out (<c>.name</c>, or <c>['na.me']</c> for
    /// names with special characters, as System.Text.Json writes paths). Generated code calls it from an exception
    /// filter, <c>catch (JsonException e) when (JsonRead.RecordPathSegment(e, name)) { throw; }</c>: it returns
    /// <see langword="false"/>, so the filter never catches. The error passes every nesting level without being caught
    /// and rethrown (one throw however deep the document; a rethrow per level would need stack for every level at once),
    /// and <see cref="VelithonJson"/> builds the path once from what the levels recorded. Line and position are kept.
    /// </summary>
    /// <param name="error">The error passing through.</param>
    /// <param name="propertyName">The JSON property name; <see langword="null"/> records nothing.</param>
    /// <returns>Always <see langword="false"/>.</returns>
    public static bool RecordPathSegment(JsonException error, string? propertyName)
    {
        if (error is not null && propertyName is not null)
        {
            JsonReadException.Record(error, propertyName, 0);
        }

        return false;
    }

    /// <summary>
    /// Records an array index (<c>[3]</c>) in the JSON path of a read error on its way out, from an exception filter, as
    /// <see cref="RecordPathSegment"/> does.
    /// </summary>
    /// <param name="error">The error passing through.</param>
    /// <param name="index">The index.</param>
    /// <returns>Always <see langword="false"/>.</returns>
    public static bool RecordPathIndex(JsonException error, int index)
    {
        if (error is not null)
        {
            JsonReadException.Record(error, null, index);
        }

        return false;
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

    internal static bool IsRethrowable(Exception ex) =>
        ex is InvalidOperationException or FormatException or OverflowException or InvalidCastException or IndexOutOfRangeException
        && !ConverterExceptions.IsMarked(ex);

    internal static JsonReadException Wrap(ref Utf8JsonReader reader, Exception inner) =>
        new("The JSON value could not be read: " + inner.Message, reader.BytesConsumed, null, null, inner);

    internal static JsonReadException Error(ref Utf8JsonReader reader, string message) =>
        new(message, reader.BytesConsumed, null, null, null);

    internal static JsonReadException ConversionError(ref Utf8JsonReader reader, string typeName, Exception? inner = null) =>
        new($"The JSON value could not be converted to {typeName}.", reader.BytesConsumed, null, null, inner);

    private static long ValueLength(this ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInsufficientStack(ref Utf8JsonReader reader) =>
        throw Error(
            ref reader,
            string.Create(
                CultureInfo.InvariantCulture,
                $"The JSON value could not be read: the thread's stack cannot hold a nesting depth of {reader.CurrentDepth + 1} (the maximum configured depth is {(reader.CurrentState.Options.MaxDepth is > 0 and int max ? max : VelithonJsonOptions.DefaultMaxDepth)}; read it on a thread with a larger stack, or lower the depth limit)."));

    [DoesNotReturn]
    private static void ThrowEndOfData(ref Utf8JsonReader reader) =>
        throw Error(ref reader, "The JSON input ended unexpectedly: expected more data.");

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

    // Decodes the JSON escapes of a string the reader has already checked for escape syntax, in place (the decoded form
    // is never longer). Raw bytes are copied as they are, without UTF-8 validation; a \u escape of a lone surrogate
    // (or a high surrogate not followed by a \u low surrogate) fails, as System.Text.Json's unescaping does.
    internal static bool TryUnescapeInPlace(Span<byte> text, out int written)
    {
        int read = 0;
        written = 0;
        while (read < text.Length)
        {
            byte current = text[read];
            if (current != (byte)'\\')
            {
                text[written++] = current;
                read++;
                continue;
            }

            if (read + 1 >= text.Length)
            {
                return false;
            }

            byte escape = text[read + 1];
            read += 2;
            switch (escape)
            {
                case (byte)'"':
                case (byte)'\\':
                case (byte)'/':
                    text[written++] = escape;
                    break;
                case (byte)'b':
                    text[written++] = (byte)'\b';
                    break;
                case (byte)'f':
                    text[written++] = (byte)'\f';
                    break;
                case (byte)'n':
                    text[written++] = (byte)'\n';
                    break;
                case (byte)'r':
                    text[written++] = (byte)'\r';
                    break;
                case (byte)'t':
                    text[written++] = (byte)'\t';
                    break;
                case (byte)'u':
                    if (!TryHex4(text, read, out int scalar))
                    {
                        return false;
                    }

                    read += 4;
                    if (char.IsLowSurrogate((char)scalar))
                    {
                        return false;
                    }

                    if (char.IsHighSurrogate((char)scalar))
                    {
                        if (read + 6 > text.Length || text[read] != (byte)'\\' || text[read + 1] != (byte)'u'
                            || !TryHex4(text, read + 2, out int low) || !char.IsLowSurrogate((char)low))
                        {
                            return false;
                        }

                        read += 6;
                        scalar = char.ConvertToUtf32((char)scalar, (char)low);
                    }

                    // At most 4 bytes from at least 6 read: the write never overtakes the read.
                    written += new Rune(scalar).EncodeToUtf8(text[written..]);
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private static bool TryHex4(ReadOnlySpan<byte> text, int start, out int value)
    {
        value = 0;
        if (start + 4 > text.Length)
        {
            return false;
        }

        for (int i = start; i < start + 4; i++)
        {
            int digit = HexDigit(text[i]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (byte b in digits)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
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
