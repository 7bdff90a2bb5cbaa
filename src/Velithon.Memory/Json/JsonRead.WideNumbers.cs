using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json;

// Half, Int128 and UInt128, read as System.Text.Json's converters for them read: the token's text (a number's raw
// bytes, a string's unescaped bytes) parsed by the type's own UTF-8 parser with the invariant culture. That parser is
// laxer than the one for the other numbers: strings may hold surrounding whitespace, and a Half string digit groups.
public static partial class JsonRead
{
    private const NumberStyles HalfStyles = NumberStyles.Float | NumberStyles.AllowThousands;

    /// <summary>
    /// Reads a <see cref="System.Half"/> from a JSON number or a JSON string holding one (or exactly <c>NaN</c>,
    /// <c>Infinity</c> or <c>-Infinity</c>), as System.Text.Json does with <see cref="JsonNumberHandling.AllowReadingFromString"/>:
    /// a number out of range, which the parser makes an infinity, is an error.
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string holding one) in the range of the type.</exception>
    public static Half Half(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            ReadOnlySpan<byte> text = Unescaped(ref reader, stackalloc byte[ScratchLength], typeName);
            if (TryNamedLiteral(text, out Half named))
            {
                return named;
            }

            if (TryParseHalf(text, out Half value))
            {
                return value;
            }
        }
        else if (reader.TokenType == JsonTokenType.Number && TryParseHalf(NumberText(ref reader, stackalloc byte[ScratchLength]), out Half value))
        {
            return value;
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>
    /// Reads a <see cref="System.Half"/> as System.Text.Json does with <paramref name="handling"/>: a JSON number; a JSON
    /// string holding a number (or <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>) with <see cref="JsonNumberHandling.AllowReadingFromString"/>;
    /// only those three names with <see cref="JsonNumberHandling.AllowNamedFloatingPointLiterals"/> alone; no string otherwise.
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message.</param>
    /// <param name="handling">The number handling.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a number (or a string <paramref name="handling"/> allows).</exception>
    public static Half Half(ref Utf8JsonReader reader, string typeName, JsonNumberHandling handling)
    {
        if (reader.TokenType != JsonTokenType.String || (handling & JsonNumberHandling.AllowReadingFromString) != 0)
        {
            return Half(ref reader, typeName);
        }

        if ((handling & JsonNumberHandling.AllowNamedFloatingPointLiterals) != 0
            && TryNamedLiteral(Unescaped(ref reader, stackalloc byte[ScratchLength], typeName), out Half named))
        {
            return named;
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads an <see cref="System.Int128"/> from a JSON integer or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not an integer (or a string holding one) in the range of the type.</exception>
    public static Int128 Int128(ref Utf8JsonReader reader, string typeName)
    {
        ReadOnlySpan<byte> text = WideNumberText(ref reader, stackalloc byte[ScratchLength], typeName);
        if (System.Int128.TryParse(text, CultureInfo.InvariantCulture, out Int128 value))
        {
            return value;
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads a <see cref="System.UInt128"/> from a JSON integer or a JSON string holding one.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not an integer (or a string holding one) in the range of the type.</exception>
    public static UInt128 UInt128(ref Utf8JsonReader reader, string typeName)
    {
        ReadOnlySpan<byte> text = WideNumberText(ref reader, stackalloc byte[ScratchLength], typeName);
        if (System.UInt128.TryParse(text, CultureInfo.InvariantCulture, out UInt128 value))
        {
            return value;
        }

        throw ConversionError(ref reader, typeName);
    }

    // The parser accepts any casing of the names and "+Infinity"; System.Text.Json keeps only its three exact spellings.
    private static bool TryParseHalf(ReadOnlySpan<byte> text, out Half value) =>
        System.Half.TryParse(text, HalfStyles, CultureInfo.InvariantCulture, out value)
        && (!System.Half.IsNaN(value) || text.SequenceEqual("NaN"u8))
        && (!System.Half.IsPositiveInfinity(value) || text.SequenceEqual("Infinity"u8))
        && (!System.Half.IsNegativeInfinity(value) || text.SequenceEqual("-Infinity"u8));

    private static ReadOnlySpan<byte> WideNumberText(ref Utf8JsonReader reader, scoped Span<byte> scratch, string typeName) => reader.TokenType switch
    {
        JsonTokenType.Number => NumberText(ref reader, scratch),
        JsonTokenType.String => Unescaped(ref reader, scratch, typeName),
        _ => throw ConversionError(ref reader, typeName),
    };

    // A number token's bytes, copied when the reader holds them in several segments.
    private static ReadOnlySpan<byte> NumberText(ref Utf8JsonReader reader, scoped Span<byte> scratch)
    {
        if (!reader.HasValueSequence)
        {
            return reader.ValueSpan;
        }

        long length = reader.ValueSequence.Length;
        Span<byte> target = length <= scratch.Length ? scratch[..(int)length] : new byte[length];
        reader.ValueSequence.CopyTo(target);

        // The copy lives in the caller's scratch; callers use it only while that is alive.
        return MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetReference(target), target.Length);
    }
}
