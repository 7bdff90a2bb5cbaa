using System.Runtime.CompilerServices;

namespace Velithon.Json;

/// <summary>
/// Writes a finite <see cref="double"/> as the shortest decimal that parses back to it, in exactly the text
/// <c>double.ToString(CultureInfo.InvariantCulture)</c> (and so System.Text.Json) produces: plain digits while the
/// decimal point lies within 17 places and the value is at least 1e-4, <c>1.2345E+20</c> /
/// <c>1E-05</c> otherwise; <c>-0</c> for negative zero.
/// </summary>
/// <remarks>
/// The digits come from Ryu (Ulf Adams, "Ryū: fast float-to-string conversion", PLDI 2018): the interval of decimals
/// that round to the value is scaled by a 128-bit power of five, and digits are removed while both ends still differ.
/// The BCL's own shortest formatting produces the same digits; this is 1.5–2× faster for typical values and about 4×
/// for integers (a Stopwatch loop against <c>double.TryFormat</c>; <c>JsonWriterBenchmarks</c> has the writer-level figure).
/// </remarks>
internal static partial class DoubleFormatter
{
    /// <summary>The most bytes <see cref="Write"/> writes: <c>-2.2250738585072014E-308</c> is 24.</summary>
    public const int MaxLength = 32;

    private const int MantissaBits = 52;
    private const int ExponentBias = 1023;
    private const int Pow5Bits = 125;
    private const int Pow5InverseBits = 125;
    private const int MillionthsExponent = 6;

    /// <summary>Writes <paramref name="value"/> (finite) into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes).</summary>
    /// <param name="value">The value.</param>
    /// <param name="destination">Where to write.</param>
    /// <param name="shortcutMisses">
    /// The writer's count of doubles in a row the millionths shortcut did not take: after eight it is tried only for
    /// every 32nd, so a document of long doubles (coordinates) does not pay for it on each.
    /// </param>
    /// <returns>The number of bytes written.</returns>
    public static int Write(double value, Span<byte> destination, ref uint shortcutMisses)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        ulong ieeeMantissa = bits & ((1UL << MantissaBits) - 1);
        uint ieeeExponent = (uint)(bits >> MantissaBits) & 0x7FF;
        int length = 0;
        if ((long)bits < 0)
        {
            destination[0] = (byte)'-';
            length = 1;
        }

        if (ieeeExponent == 0 && ieeeMantissa == 0)
        {
            destination[length] = (byte)'0';
            return length + 1;
        }

        (ulong digits, int exponent) = TryIntegral(ieeeMantissa, ieeeExponent, out ulong integral)
            ? StripTrailingZeros(integral)
            : TryShortcut(value, ref shortcutMisses, out ulong millionths)
                ? StripTrailingZeros(millionths, -MillionthsExponent)
                : Shortest(ieeeMantissa, ieeeExponent);
        return length + Format(digits, exponent, 17, destination[length..]);
    }

    /// <summary>An integer below 2^53 needs no interval arithmetic: its digits are its own, less trailing zeros.</summary>
    private static bool TryIntegral(ulong ieeeMantissa, uint ieeeExponent, out ulong integral)
    {
        int e2 = (int)ieeeExponent - ExponentBias - MantissaBits;
        ulong m2 = (1UL << MantissaBits) | ieeeMantissa;
        if (e2 > 0 || e2 < -MantissaBits || (m2 & ((1UL << -e2) - 1)) != 0)
        {
            integral = 0;
            return false;
        }

        integral = m2 >> -e2;
        return true;
    }

    /// <summary>The millionths shortcut, unless the writer's last doubles were long (see <see cref="Write"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryShortcut(double value, ref uint misses, out ulong millionths)
    {
        uint seen = misses;
        if ((seen < 8 || (seen & 31) == 0) && TryMillionths(Math.Abs(value), out millionths))
        {
            misses = 0;
            return true;
        }

        misses = seen + 1;
        millionths = 0;
        return false;
    }

    /// <summary>
    /// A value that is a whole number of millionths below 10^15 (prices, scores, rates, most coordinates people type) is
    /// written as that decimal, without Ryu. It is the shortest text: no two decimals of at most 15 significant digits
    /// parse to the same double (DBL_DIG), so no shorter one can parse to it. The product is only a guess, rounded
    /// twice; the division back, which IEEE rounds correctly, proves it, and a guess far from a whole number (every
    /// value with more digits, almost always) is refused before dividing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryMillionths(double magnitude, out ulong millionths)
    {
        const double Scale = 1e6;
        const double Tolerance = 8.8817841970012523E-16; // 2^-50: a few units in the last place of the product
        double scaled = magnitude * Scale;
        double rounded = Math.Round(scaled);
        if (magnitude < 1e9 && Math.Abs(scaled - rounded) <= scaled * Tolerance && rounded / Scale == magnitude)
        {
            millionths = (ulong)rounded;
            return true;
        }

        millionths = 0;
        return false;
    }

    private static (ulong Digits, int Exponent) StripTrailingZeros(ulong value, int exponent = 0)
    {
        while (true)
        {
            ulong quotient = value / 10;
            if (value - (quotient * 10) != 0)
            {
                return (value, exponent);
            }

            value = quotient;
            exponent++;
        }
    }

    /// <summary>The shortest digits (and their power of ten) that round to the double with these fields.</summary>
    private static (ulong Digits, int Exponent) Shortest(ulong ieeeMantissa, uint ieeeExponent)
    {
        int e2;
        ulong m2;
        if (ieeeExponent == 0)
        {
            e2 = 1 - ExponentBias - MantissaBits - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = (int)ieeeExponent - ExponentBias - MantissaBits - 2;
            m2 = (1UL << MantissaBits) | ieeeMantissa;
        }

        // Round-half-even on the binary side: an even mantissa owns both ends of its rounding interval.
        bool acceptBounds = (m2 & 1) == 0;
        ulong mv = 4 * m2;
        // The lower neighbour is closer (half the gap) only at a power of two whose exponent is not the smallest.
        uint mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;

        ulong vr, vp, vm;
        int e10;
        bool vmIsTrailingZeros = false;
        bool vrIsTrailingZeros = false;
        if (e2 >= 0)
        {
            int q = Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            e10 = q;
            int k = Pow5InverseBits + Pow5BitLength(q) - 1;
            int i = -e2 + q + k;
            ReadOnlySpan<ulong> multiplier = Pow5Inverse.AsSpan(2 * q, 2);
            vr = MulShift(4 * m2, multiplier, i);
            vp = MulShift((4 * m2) + 2, multiplier, i);
            vm = MulShift((4 * m2) - 1 - mmShift, multiplier, i);
            if (q <= 21)
            {
                // Only here can the scaled bounds be exact integers, whose trailing zeros change the rounding.
                if (mv % 5 == 0)
                {
                    vrIsTrailingZeros = IsMultipleOfPowerOf5(mv, q);
                }
                else if (acceptBounds)
                {
                    vmIsTrailingZeros = IsMultipleOfPowerOf5(mv - 1 - mmShift, q);
                }
                else if (IsMultipleOfPowerOf5(mv + 2, q))
                {
                    vp--;
                }
            }
        }
        else
        {
            int q = Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            e10 = q + e2;
            int i = -e2 - q;
            int k = Pow5BitLength(i) - Pow5Bits;
            int j = q - k;
            ReadOnlySpan<ulong> multiplier = Pow5.AsSpan(2 * i, 2);
            vr = MulShift(4 * m2, multiplier, j);
            vp = MulShift((4 * m2) + 2, multiplier, j);
            vm = MulShift((4 * m2) - 1 - mmShift, multiplier, j);
            if (q <= 1)
            {
                vrIsTrailingZeros = true;
                if (acceptBounds)
                {
                    vmIsTrailingZeros = mmShift == 1;
                }
                else
                {
                    vp--;
                }
            }
            else if (q < 63)
            {
                vrIsTrailingZeros = (mv & ((1UL << q) - 1)) == 0;
            }
        }

        int removed = 0;
        ulong output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            // The rare exact case: track whether everything removed was zero, for round-half-even and the lower bound.
            uint lastRemovedDigit = 0;
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = (uint)(vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }

            if (vmIsTrailingZeros)
            {
                while (vm % 10 == 0)
                {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = (uint)(vr % 10);
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    removed++;
                }
            }

            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0)
            {
                lastRemovedDigit = 4;
            }

            bool roundUp = (vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5;
            output = vr + (roundUp ? 1UL : 0UL);
        }
        else
        {
            // The common case: only the most significant removed digit decides the rounding. Digits go eight, four,
            // two and one at a time (division by constants) rather than one per loop turn as in the reference code,
            // which matters for short values such as prices, where some fourteen digits are removed.
            bool roundUp = false;
            while (TryRemove(ref vr, ref vp, ref vm, 100_000_000, 10_000_000, ref roundUp))
            {
                removed += 8;
            }

            if (TryRemove(ref vr, ref vp, ref vm, 10_000, 1_000, ref roundUp))
            {
                removed += 4;
            }

            if (TryRemove(ref vr, ref vp, ref vm, 100, 10, ref roundUp))
            {
                removed += 2;
            }

            if (TryRemove(ref vr, ref vp, ref vm, 10, 1, ref roundUp))
            {
                removed++;
            }

            output = vr + (vr == vm || roundUp ? 1UL : 0UL);
        }

        return (output, e10 + removed);
    }

    /// <summary>
    /// Drops the lowest digits (<paramref name="power"/> = 10^n, <paramref name="lowerPower"/> = 10^(n-1)) from all three
    /// while the bounds still differ above them; <paramref name="roundUp"/> becomes "the highest dropped digit is 5 or more".
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryRemove(ref ulong vr, ref ulong vp, ref ulong vm, ulong power, ulong lowerPower, ref bool roundUp)
    {
        ulong vpQuotient = vp / power;
        ulong vmQuotient = vm / power;
        if (vpQuotient <= vmQuotient)
        {
            return false;
        }

        ulong highest = vr / lowerPower;
        ulong quotient = highest / 10;
        roundUp = highest - (quotient * 10) >= 5;
        vr = quotient;
        vp = vpQuotient;
        vm = vmQuotient;
        return true;
    }

    /// <summary>(m × multiplier) >> shift, where the multiplier is a 128-bit (low, high) pair and shift is above 64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulShift(ulong m, ReadOnlySpan<ulong> multiplier, int shift)
    {
        ulong high0 = Math.BigMul(m, multiplier[0], out _);
        ulong high1 = Math.BigMul(m, multiplier[1], out ulong low1);
        ulong sum = high0 + low1;
        if (sum < high0)
        {
            high1++;
        }

        int distance = shift - 64;
        return (high1 << (64 - distance)) | (sum >> distance);
    }

    private static bool IsMultipleOfPowerOf5(ulong value, int power)
    {
        int count = 0;
        while (value % 5 == 0)
        {
            value /= 5;
            if (++count >= power)
            {
                return true;
            }
        }

        return count >= power;
    }

    /// <summary>ceil(log2(5^e)) for e ≥ 1 (1 for e = 0).</summary>
    internal static int Pow5BitLength(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    /// <summary>floor(log10(2^e)) for 0 ≤ e ≤ 1650.</summary>
    internal static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    /// <summary>floor(log10(5^e)) for 0 ≤ e ≤ 2620.</summary>
    internal static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    /// <summary>
    /// Lays out digits × 10^exponent the way .NET's round-trip "G" format does: plain while the decimal point lies
    /// within <paramref name="plainLimit"/> places (the type's round-trip digit count: 17 for double, 9 for float) and
    /// the value is at least 1e-4, scientific otherwise.
    /// </summary>
    internal static int Format(ulong digits, int exponent, int plainLimit, Span<byte> destination)
    {
        int count = DecimalDigits.Count(digits);
        int scale = count + exponent; // the decimal point sits after this many digits
        if (scale > plainLimit || scale < -3)
        {
            return FormatScientific(digits, count, scale - 1, destination);
        }

        if (scale <= 0)
        {
            // 0.000ddd
            int zeros = -scale;
            destination[0] = (byte)'0';
            destination[1] = (byte)'.';
            destination.Slice(2, zeros).Fill((byte)'0');
            DecimalDigits.WriteFixed(destination.Slice(2 + zeros, count), digits);
            return 2 + zeros + count;
        }

        if (scale >= count)
        {
            // ddd000
            DecimalDigits.WriteFixed(destination[..count], digits);
            destination[count..scale].Fill((byte)'0');
            return scale;
        }

        // ddd.ddd
        int fractionCount = count - scale;
        ulong power = DecimalDigits.PowersOf10[fractionCount];
        ulong integral = digits / power;
        DecimalDigits.WriteFixed(destination[..scale], integral);
        destination[scale] = (byte)'.';
        DecimalDigits.WriteFixed(destination.Slice(scale + 1, fractionCount), digits - (integral * power));
        return count + 1;
    }

    private static int FormatScientific(ulong digits, int count, int exponent, Span<byte> destination)
    {
        // d.dddE+XX: digits written one place right, then the first moved left over the point.
        int length;
        if (count == 1)
        {
            destination[0] = (byte)('0' + digits);
            length = 1;
        }
        else
        {
            DecimalDigits.WriteFixed(destination.Slice(1, count), digits);
            destination[0] = destination[1];
            destination[1] = (byte)'.';
            length = count + 1;
        }

        destination[length++] = (byte)'E';
        destination[length++] = exponent < 0 ? (byte)'-' : (byte)'+';
        uint magnitude = (uint)Math.Abs(exponent);
        int exponentDigits = magnitude >= 100 ? 3 : 2;
        DecimalDigits.WriteFixed(destination.Slice(length, exponentDigits), magnitude);
        return length + exponentDigits;
    }
}
