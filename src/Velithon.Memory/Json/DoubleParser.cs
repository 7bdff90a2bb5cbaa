using System.Numerics;
using System.Runtime.CompilerServices;

namespace Velithon.Json;

/// <summary>
/// A decimal significand and power of ten to the nearest <see cref="double"/> or <see cref="float"/> (ties to even), as
/// <c>double.Parse</c> and <c>float.Parse</c> round: Clinger's exact path when both operands are exact in the type, otherwise the Eisel-Lemire
/// algorithm (Daniel Lemire, "Number Parsing at a Gigabyte per Second", 2021), which multiplies the significand by a
/// 128-bit power of five (<c>DoubleParser.Tables.cs</c>, written by <c>generate_parse_tables.py</c>). Where the
/// truncated product cannot decide the rounding it says so, and the caller parses the text with the BCL instead.
/// </summary>
internal static partial class DoubleParser
{
    // The two formats: fraction bits, exponent bias, infinity's exponent field, the powers of ten outside which every
    // significand of up to 19 digits is zero or infinity, and the powers of ten for which w × 10^q can fall exactly
    // halfway between two neighbours. A tie needs an odd multiple m of half a unit with MantissaBits + 2 bits: for
    // q >= 0, 5^q < 2^(MantissaBits + 2); for q < 0, w = m × 5^-q < 2^64 with m >= 2^(MantissaBits + 1).
    private const int DoubleMantissaBits = 52, DoubleBias = 1023, DoubleInfinity = 0x7FF, DoubleTiesFrom = -4, DoubleTiesTo = 23;
    private const int SingleMantissaBits = 23, SingleBias = 127, SingleInfinity = 0xFF, SingleTiesFrom = -17, SingleTiesTo = 10;
    private const int SingleSmallestPowerOfTen = -64, SingleLargestPowerOfTen = 38;

    private static readonly double[] ExactPowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private static readonly float[] ExactSinglePowersOfTen = [1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f];

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

        if (!TryEiselLemire(significand, exponent, DoubleMantissaBits, DoubleBias, DoubleInfinity, SmallestPowerOfTen, LargestPowerOfTen, DoubleTiesFrom, DoubleTiesTo, out ulong bits))
        {
            value = 0;
            return false;
        }

        value = BitConverter.UInt64BitsToDouble(negative ? bits | (1UL << 63) : bits);
        return true;
    }

    /// <summary>Rounds ±<paramref name="significand"/> × 10^<paramref name="exponent"/> to a float directly (not through a double, which would round twice).</summary>
    /// <param name="significand">The decimal digits as an integer (all of them: this is the exact value).</param>
    /// <param name="exponent">The power of ten (any value: far outside the float range it is zero or infinity).</param>
    /// <param name="negative">The sign (a negative zero stays negative).</param>
    /// <param name="value">The correctly rounded value; infinity when it overflows.</param>
    /// <returns><see langword="false"/> in the rare cases the 128-bit product cannot decide the rounding.</returns>
    public static bool TryComposeSingle(ulong significand, int exponent, bool negative, out float value)
    {
        if (significand <= 1UL << 24 && exponent >= -10 && exponent <= 10)
        {
            float exact = significand;
            exact = exponent < 0 ? exact / ExactSinglePowersOfTen[-exponent] : exact * ExactSinglePowersOfTen[exponent];
            value = negative ? -exact : exact;
            return true;
        }

        if (!TryEiselLemire(significand, exponent, SingleMantissaBits, SingleBias, SingleInfinity, SingleSmallestPowerOfTen, SingleLargestPowerOfTen, SingleTiesFrom, SingleTiesTo, out ulong bits))
        {
            value = 0;
            return false;
        }

        value = BitConverter.UInt32BitsToSingle(negative ? (uint)bits | (1U << 31) : (uint)bits);
        return true;
    }

    // The bits (sign clear) of w × 10^q rounded to nearest-even in the format the other arguments describe, or false
    // when undecided. Inlined into each caller so that the format's parameters are constants.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryEiselLemire(
        ulong w, int q, int mantissaBits, int exponentBias, int infiniteExponent, int smallestPowerOfTen, int largestPowerOfTen, int tiesFrom, int tiesTo, out ulong bits)
    {
        bits = 0;
        if (w == 0 || q < smallestPowerOfTen)
        {
            return true;
        }

        if (q > largestPowerOfTen)
        {
            bits = (ulong)infiniteExponent << mantissaBits;
            return true;
        }

        // w × 5^q as the top 128 bits of the product of w (normalized) with the 128-bit table entry; the factor 2^q goes
        // into the binary exponent. The result needs mantissaBits + 1 bits plus one to round and one for the product's
        // top bit, so the second (low) multiplication matters only when the bits below those are all ones (a carry
        // from the low half could reach the kept bits).
        int leadingZeros = BitOperations.LeadingZeroCount(w);
        w <<= leadingZeros;
        int index = 2 * (q - SmallestPowerOfTen);
        ulong high = Math.BigMul(w, Pow5[index], out ulong low);
        ulong ignoredBits = ulong.MaxValue >> (mantissaBits + 3);
        if ((high & ignoredBits) == ignoredBits)
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
        int shift = upperBit + 64 - mantissaBits - 3;
        ulong mantissa = high >> shift;

        // floor(q × log2(10)) + 63 is the binary exponent of the normalized 5^q × 2^q table product.
        int power2 = (((152170 + 65536) * q) >> 16) + 63 + upperBit - leadingZeros + exponentBias;
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

            // Rounding up can reach the smallest normal: bit mantissaBits set then is exponent field 1.
            bits = mantissa;
            return true;
        }

        // Exactly halfway between two neighbours (possible only for q in [tiesFrom, tiesTo], where w × 10^q can have a
        // short binary expansion): the product has nothing below the rounding bit, and ties go to even instead of up.
        if (low <= 1 && q >= tiesFrom && q <= tiesTo && (mantissa & 3) == 1 && (mantissa << shift) == high)
        {
            mantissa &= ~1UL;
        }

        mantissa += mantissa & 1;
        mantissa >>= 1;
        if (mantissa >= 2UL << mantissaBits)
        {
            mantissa = 1UL << mantissaBits;
            power2++;
        }

        if (power2 >= infiniteExponent)
        {
            bits = (ulong)infiniteExponent << mantissaBits;
            return true;
        }

        bits = (mantissa & ~(1UL << mantissaBits)) | ((ulong)power2 << mantissaBits);
        return true;
    }
}
