using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Velithon.Json;

public ref partial struct JsonFastReader
{
    /// <summary>Reads a JSON integer (no fraction, no exponent, at most 10 digits) in the range of <see cref="int"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryInt32(out int value)
    {
        value = 0;
        int start = SkipWhitespaceAndGet();
        if (!TryInteger(start, 10, out ulong magnitude, out bool negative, out int end))
        {
            return false;
        }

        long signed = negative ? -(long)magnitude : (long)magnitude;
        if (signed is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        value = (int)signed;
        _position = end;
        return true;
    }

    /// <summary>Reads a JSON integer (no fraction, no exponent) in the range of <see cref="long"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryInt64(out long value)
    {
        value = 0;
        int start = SkipWhitespaceAndGet();

        // 19 digits cannot wrap a ulong; the magnitude may then be one more than long.MaxValue when negative.
        if (!TryInteger(start, 19, out ulong magnitude, out bool negative, out int end)
            || magnitude > (negative ? (ulong)long.MaxValue + 1 : long.MaxValue))
        {
            return false;
        }

        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        _position = end;
        return true;
    }

    /// <summary>Reads a JSON integer (no sign) in the range of <see cref="byte"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryByte(out byte value)
    {
        bool read = TryUnsigned(3, byte.MaxValue, out ulong result);
        value = (byte)result;
        return read;
    }

    /// <summary>Reads a JSON integer in the range of <see cref="sbyte"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TrySByte(out sbyte value)
    {
        bool read = TrySmallInteger(sbyte.MinValue, sbyte.MaxValue, 3, out int result);
        value = (sbyte)result;
        return read;
    }

    /// <summary>Reads a JSON integer in the range of <see cref="short"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryInt16(out short value)
    {
        bool read = TrySmallInteger(short.MinValue, short.MaxValue, 5, out int result);
        value = (short)result;
        return read;
    }

    /// <summary>Reads a JSON integer (no sign) in the range of <see cref="ushort"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryUInt16(out ushort value)
    {
        bool read = TryUnsigned(5, ushort.MaxValue, out ulong result);
        value = (ushort)result;
        return read;
    }

    /// <summary>Reads a JSON integer (no sign, at most 10 digits) in the range of <see cref="uint"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryUInt32(out uint value)
    {
        bool read = TryUnsigned(10, uint.MaxValue, out ulong result);
        value = (uint)result;
        return read;
    }

    /// <summary>Reads a JSON integer (no sign) in the range of <see cref="ulong"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryUInt64(out ulong value) => TryUnsigned(20, ulong.MaxValue, out value);

    /// <summary>Reads a JSON number as a <see cref="float"/>, rounded as System.Text.Json rounds it.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TrySingle(out float value)
    {
        value = 0;
        int start = SkipWhitespaceAndGet();
        if (!TryNumber(start, out NumberShape shape))
        {
            return false;
        }

        // Rounded from the decimal digits straight to float (parsing to double first would round twice); beyond the
        // float range it is an infinity, as Utf8JsonReader.TryGetSingle reads it.
        if (!TryComposeSingle(in shape, out value)
            && (!Utf8Parser.TryParse(_json[start..shape.End], out value, out int consumed, shape.HasExponent ? 'e' : default)
                || consumed != shape.End - start))
        {
            return false;
        }

        _position = shape.End;
        return true;
    }

    /// <summary>Reads a JSON number as a <see cref="double"/>, rounded as System.Text.Json rounds it.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryDouble(out double value)
    {
        value = 0;
        int start = SkipWhitespaceAndGet();
        if (!TryNumber(start, out NumberShape shape))
        {
            return false;
        }

        // STJ's values: correctly rounded, as double.Parse; a number beyond the double range is an infinity
        // (Utf8JsonReader.TryGetDouble reads it so).
        if (!TryComposeDouble(in shape, out value)
            && (!Utf8Parser.TryParse(_json[start..shape.End], out value, out int consumed, shape.HasExponent ? 'e' : default)
                || consumed != shape.End - start))
        {
            return false;
        }

        _position = shape.End;
        return true;
    }

    // The digits and exponent to a double without the text, or false where only the BCL's full parse can decide.
    private static bool TryComposeDouble(in NumberShape shape, out double value)
    {
        if (shape.Digits <= 19)
        {
            return DoubleParser.TryCompose(shape.Mantissa, PowerOfTen(in shape, 0), shape.Negative, out value);
        }

        // Only the first 19 digits are held: the number lies between them and them plus one unit of the last one, and
        // when both ends round to the same double so does everything between.
        int truncated = PowerOfTen(in shape, shape.Digits - 19);
        return DoubleParser.TryCompose(shape.Mantissa, truncated, shape.Negative, out value)
            && DoubleParser.TryCompose(shape.Mantissa + 1, truncated, shape.Negative, out double upper)
            && BitConverter.DoubleToUInt64Bits(value) == BitConverter.DoubleToUInt64Bits(upper);
    }

    // As TryComposeDouble, for float.
    private static bool TryComposeSingle(in NumberShape shape, out float value)
    {
        if (shape.Digits <= 19)
        {
            return DoubleParser.TryComposeSingle(shape.Mantissa, PowerOfTen(in shape, 0), shape.Negative, out value);
        }

        int truncated = PowerOfTen(in shape, shape.Digits - 19);
        return DoubleParser.TryComposeSingle(shape.Mantissa, truncated, shape.Negative, out value)
            && DoubleParser.TryComposeSingle(shape.Mantissa + 1, truncated, shape.Negative, out float upper)
            && BitConverter.SingleToUInt32Bits(value) == BitConverter.SingleToUInt32Bits(upper);
    }

    // The power of ten of the held mantissa (with `dropped` digits after it not held). The exponent can be as long as
    // the text; far outside [-342, 308] every value is zero or infinity anyway, so it is clamped well beyond that.
    private static int PowerOfTen(in NumberShape shape, int dropped) =>
        (int)Math.Clamp((long)shape.Exponent - shape.FractionDigits + dropped, -100_000, 100_000);

    /// <summary>Reads a JSON number as a <see cref="decimal"/> (trailing zeros of the fraction kept, as System.Text.Json keeps them).</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryDecimal(out decimal value)
    {
        value = 0;
        int start = SkipWhitespaceAndGet();
        if (!TryNumber(start, out NumberShape shape))
        {
            return false;
        }

        if (!shape.HasExponent && shape.Digits <= 18 && shape.Mantissa != 0)
        {
            value = new decimal((int)shape.Mantissa, (int)(shape.Mantissa >> 32), 0, shape.Negative, (byte)shape.FractionDigits);
        }
        else if (!Utf8Parser.TryParse(_json[start..shape.End], out value, out int consumed, shape.HasExponent ? 'e' : default)
            || consumed != shape.End - start)
        {
            return false;
        }

        _position = shape.End;
        return true;
    }

    private bool TrySmallInteger(int min, int max, int maxDigits, out int value)
    {
        value = 0;
        int start = SkipWhitespaceAndGet();
        if (!TryInteger(start, maxDigits, out ulong magnitude, out bool negative, out int end))
        {
            return false;
        }

        int signed = negative ? -(int)magnitude : (int)magnitude;
        if (signed < min || signed > max)
        {
            return false;
        }

        value = signed;
        _position = end;
        return true;
    }

    // Any minus sign (even "-0") gives up: the full reader decides what unsigned types make of it.
    private bool TryUnsigned(int maxDigits, ulong max, out ulong value)
    {
        value = 0;
        int start = SkipWhitespaceAndGet();
        if (!TryInteger(start, maxDigits, out ulong magnitude, out bool negative, out int end) || negative)
        {
            return false;
        }

        // Twenty digits may have wrapped around 2^64 while accumulating: compare the text with ulong.MaxValue's instead.
        if (end - start == 20 ? _json.Slice(start, 20).SequenceCompareTo("18446744073709551615"u8) > 0 : magnitude > max)
        {
            return false;
        }

        value = magnitude;
        _position = end;
        return true;
    }

    // -?(0|[1-9][0-9]*) with at most maxDigits digits, not followed by a fraction, an exponent or another digit.
    private readonly bool TryInteger(int start, int maxDigits, out ulong magnitude, out bool negative, out int end)
    {
        ReadOnlySpan<byte> json = _json;
        magnitude = 0;
        end = start;
        negative = end < json.Length && json[end] == (byte)'-';
        if (negative)
        {
            end++;
        }

        int first = end;
        while (end < json.Length && (uint)(json[end] - '0') <= 9)
        {
            magnitude = (magnitude * 10) + (uint)(json[end] - '0');
            end++;
        }

        int digits = end - first;
        if (digits == 0 || digits > maxDigits || (digits > 1 && json[first] == (byte)'0'))
        {
            return false;
        }

        return end == json.Length || json[end] is not ((byte)'.' or (byte)'e' or (byte)'E');
    }

    // The JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?. The mantissa holds the first 19 digits
    // (integer and fraction part together); Digits counts them all; Exponent is the explicit one (saturated).
    private readonly bool TryNumber(int start, out NumberShape shape)
    {
        ReadOnlySpan<byte> json = _json;
        shape = default;
        int at = start;
        if (at < json.Length && json[at] == (byte)'-')
        {
            shape.Negative = true;
            at++;
        }

        int first = at;
        ulong mantissa = 0;
        int digits = 0;
        while (at < json.Length && (uint)(json[at] - '0') <= 9)
        {
            if (++digits <= 19)
            {
                mantissa = (mantissa * 10) + (uint)(json[at] - '0');
            }

            at++;
        }

        if (at == first || (at - first > 1 && json[first] == (byte)'0'))
        {
            return false;
        }

        if (at < json.Length && json[at] == (byte)'.')
        {
            at++;
            int fractionStart = at;
            while (at < json.Length && (uint)(json[at] - '0') <= 9)
            {
                if (++digits <= 19)
                {
                    mantissa = (mantissa * 10) + (uint)(json[at] - '0');
                }

                at++;
            }

            if (at == fractionStart)
            {
                return false;
            }

            shape.FractionDigits = at - fractionStart;
        }

        if (at < json.Length && (json[at] | 0x20) == (byte)'e')
        {
            at++;
            bool negativeExponent = false;
            if (at < json.Length && json[at] is (byte)'+' or (byte)'-')
            {
                negativeExponent = json[at] == (byte)'-';
                at++;
            }

            int exponentStart = at;
            int exponent = 0;
            while (at < json.Length && (uint)(json[at] - '0') <= 9)
            {
                // Saturates: beyond a million every double is zero or infinity.
                if (exponent < 1_000_000)
                {
                    exponent = (exponent * 10) + (json[at] - '0');
                }

                at++;
            }

            if (at == exponentStart)
            {
                return false;
            }

            shape.HasExponent = true;
            shape.Exponent = negativeExponent ? -exponent : exponent;
        }

        shape.Mantissa = mantissa;
        shape.Digits = digits;
        shape.End = at;
        return true;
    }

    private struct NumberShape
    {
        public bool Negative;
        public bool HasExponent;
        public int Exponent;
        public ulong Mantissa;
        public int Digits;
        public int FractionDigits;
        public int End;
    }
}
