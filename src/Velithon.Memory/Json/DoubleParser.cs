using System.Numerics;

namespace Velithon.Json;

/// <summary>
/// A decimal significand and power of ten to the nearest <see cref="double"/> (ties to even), as
/// <c>double.Parse</c> rounds: Clinger's exact path when both operands are doubles, otherwise the Eisel-Lemire
/// algorithm (Daniel Lemire, "Number Parsing at a Gigabyte per Second", 2021), which multiplies the significand by a
/// 128-bit power of five (<c>DoubleParser.Tables.cs</c>, written by <c>generate_parse_tables.py</c>). Where the
/// truncated product cannot decide the rounding it says so, and the caller parses the text with the BCL instead.
/// </summary>
internal static partial class DoubleParser
{
    private const int MantissaBits = 52;
    private const int ExponentBias = 1023;
    private const int InfiniteExponent = 0x7FF;

    private static readonly double[] ExactPowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Rounds ±<paramref name="significand"/> × 10^<paramref name="exponent"/> to a double.</summary>
    /// <param name="significand">The decimal digits as an integer (all of them: this is the exact value).</param>
    /// <param name="exponent">The power of ten (any value: far outside the double range it is zero or infinity).</param>
    /// <param name="negative">The sign (a negative zero stays negative, as <c>double.Parse("-0")</c>).</param>
    /// <param name="value">The correctly rounded value; infinity when it overflows.</param>
    /// <returns><see langword="false"/> in the rare cases the 128-bit product cannot decide the rounding.</returns>
    public static bool TryCompose(ulong significand, int exponent, bool negative, out double value)
    {
        // Both operands exact doubles: one IEEE multiplication or division rounds correctly.
        if (significand <= 1UL << 53 && exponent >= -22 && exponent <= 22)
        {
            double exact = significand;
            exact = exponent < 0 ? exact / ExactPowersOfTen[-exponent] : exact * ExactPowersOfTen[exponent];
            value = negative ? -exact : exact;
            return true;
        }

        if (!TryEiselLemire(significand, exponent, out ulong bits))
        {
            value = 0;
            return false;
        }

        value = BitConverter.UInt64BitsToDouble(negative ? bits | (1UL << 63) : bits);
        return true;
    }

    /// <summary>The bits (sign clear) of w × 10^q rounded to nearest-even, or false when undecided.</summary>
    private static bool TryEiselLemire(ulong w, int q, out ulong bits)
    {
        bits = 0;
        if (w == 0 || q < SmallestPowerOfTen)
        {
            return true;
        }

        if (q > LargestPowerOfTen)
        {
            bits = (ulong)InfiniteExponent << MantissaBits;
            return true;
        }

        // w × 5^q as the top 128 bits of the product of w (normalized) with the 128-bit table entry; the factor 2^q goes
        // into the binary exponent. The result needs 52 + 1 bits plus one to round and one for the product's top bit,
        // so the second (low) multiplication matters only when the 9 bits below those are all ones (a carry from the
        // low half could reach the kept bits).
        int leadingZeros = BitOperations.LeadingZeroCount(w);
        w <<= leadingZeros;
        int index = 2 * (q - SmallestPowerOfTen);
        ulong high = Math.BigMul(w, Pow5[index], out ulong low);
        const ulong IgnoredBits = ulong.MaxValue >> (MantissaBits + 3);
        if ((high & IgnoredBits) == IgnoredBits)
        {
            ulong correction = Math.BigMul(w, Pow5[index + 1], out _);
            low += correction;
            if (correction > low)
            {
                high++;
            }
        }

        // Still all ones below: the bits beyond the table could carry up. Exact for -27 <= q <= 55 (5^q fits the table
        // exactly, or 5^-q fits 64 bits and the 128-bit reciprocal is precise enough); elsewhere leave it to the BCL.
        if (low == ulong.MaxValue && (q < -27 || q > 55))
        {
            return false;
        }

        int upperBit = (int)(high >> 63);
        int shift = upperBit + 64 - MantissaBits - 3;
        ulong mantissa = high >> shift;

        // floor(q × log2(10)) + 63 is the binary exponent of the normalized 5^q × 2^q table product.
        int power2 = (((152170 + 65536) * q) >> 16) + 63 + upperBit - leadingZeros + ExponentBias;
        if (power2 <= 0)
        {
            // Subnormal (or zero): shift down to the fixed exponent, then round (no exact ties are possible this low).
            if (-power2 + 1 >= 64)
            {
                return true;
            }

            mantissa >>= -power2 + 1;
            mantissa += mantissa & 1;
            mantissa >>= 1;

            // Rounding up can reach the smallest normal: bit 52 set then is exponent field 1.
            bits = mantissa;
            return true;
        }

        // Exactly halfway between two doubles (possible only for -4 <= q <= 23, where w × 10^q can have a short binary
        // expansion): the product has nothing below the rounding bit, and ties go to even instead of up.
        if (low <= 1 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && (mantissa << shift) == high)
        {
            mantissa &= ~1UL;
        }

        mantissa += mantissa & 1;
        mantissa >>= 1;
        if (mantissa >= 2UL << MantissaBits)
        {
            mantissa = 1UL << MantissaBits;
            power2++;
        }

        if (power2 >= InfiniteExponent)
        {
            bits = (ulong)InfiniteExponent << MantissaBits;
            return true;
        }

        bits = (mantissa & ~(1UL << MantissaBits)) | ((ulong)power2 << MantissaBits);
        return true;
    }
}
