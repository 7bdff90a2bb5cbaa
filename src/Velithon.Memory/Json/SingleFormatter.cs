namespace Velithon.Json;

/// <summary>
/// Writes a finite <see cref="float"/> as the shortest decimal that parses back to it, in exactly the text
/// <c>float.ToString(CultureInfo.InvariantCulture)</c> (and so System.Text.Json) produces. Ryu's 32-bit variant
/// (see <see cref="DoubleFormatter"/>), with 64-bit powers of five; the layout is the double one with a 9-place limit.
/// </summary>
internal static partial class SingleFormatter
{
    /// <summary>The most bytes <see cref="Write"/> writes: <c>-1.17549435E-38</c> is 15.</summary>
    public const int MaxLength = 24;

    private const int MantissaBits = 23;
    private const int ExponentBias = 127;
    private const int Pow5Bits = 61;
    private const int Pow5InverseBits = 59;

    /// <summary>Writes <paramref name="value"/> (finite) into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes).</summary>
    /// <returns>The number of bytes written.</returns>
    public static int Write(float value, Span<byte> destination)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        uint ieeeMantissa = bits & ((1u << MantissaBits) - 1);
        uint ieeeExponent = (bits >> MantissaBits) & 0xFF;
        int length = 0;
        if ((int)bits < 0)
        {
            destination[0] = (byte)'-';
            length = 1;
        }

        if (ieeeExponent == 0 && ieeeMantissa == 0)
        {
            destination[length] = (byte)'0';
            return length + 1;
        }

        (uint digits, int exponent) = Shortest(ieeeMantissa, ieeeExponent);
        return length + DoubleFormatter.Format(digits, exponent, 9, destination[length..]);
    }

    private static (uint Digits, int Exponent) Shortest(uint ieeeMantissa, uint ieeeExponent)
    {
        int e2;
        uint m2;
        if (ieeeExponent == 0)
        {
            e2 = 1 - ExponentBias - MantissaBits - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = (int)ieeeExponent - ExponentBias - MantissaBits - 2;
            m2 = (1u << MantissaBits) | ieeeMantissa;
        }

        bool acceptBounds = (m2 & 1) == 0;
        uint mv = 4 * m2;
        uint mp = (4 * m2) + 2;
        uint mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;
        uint mm = (4 * m2) - 1 - mmShift;

        uint vr, vp, vm;
        int e10;
        bool vmIsTrailingZeros = false;
        bool vrIsTrailingZeros = false;
        uint lastRemovedDigit = 0;
        if (e2 >= 0)
        {
            int q = DoubleFormatter.Log10Pow2(e2);
            e10 = q;
            int k = Pow5InverseBits + DoubleFormatter.Pow5BitLength(q) - 1;
            int i = -e2 + q + k;
            vr = MulShift(mv, Pow5Inverse[q], i);
            vp = MulShift(mp, Pow5Inverse[q], i);
            vm = MulShift(mm, Pow5Inverse[q], i);
            if (q != 0 && (vp - 1) / 10 <= vm / 10)
            {
                // No digit will be removed below, but rounding needs the one just past the kept ones.
                int l = Pow5InverseBits + DoubleFormatter.Pow5BitLength(q - 1) - 1;
                lastRemovedDigit = MulShift(mv, Pow5Inverse[q - 1], -e2 + q - 1 + l) % 10;
            }

            if (q <= 9)
            {
                if (mv % 5 == 0)
                {
                    vrIsTrailingZeros = IsMultipleOfPowerOf5(mv, q);
                }
                else if (acceptBounds)
                {
                    vmIsTrailingZeros = IsMultipleOfPowerOf5(mm, q);
                }
                else if (IsMultipleOfPowerOf5(mp, q))
                {
                    vp--;
                }
            }
        }
        else
        {
            int q = DoubleFormatter.Log10Pow5(-e2);
            e10 = q + e2;
            int i = -e2 - q;
            int k = DoubleFormatter.Pow5BitLength(i) - Pow5Bits;
            int j = q - k;
            vr = MulShift(mv, Pow5[i], j);
            vp = MulShift(mp, Pow5[i], j);
            vm = MulShift(mm, Pow5[i], j);
            if (q != 0 && (vp - 1) / 10 <= vm / 10)
            {
                j = q - 1 - (DoubleFormatter.Pow5BitLength(i + 1) - Pow5Bits);
                lastRemovedDigit = MulShift(mv, Pow5[i + 1], j) % 10;
            }

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
            else if (q < 31)
            {
                vrIsTrailingZeros = (mv & ((1u << (q - 1)) - 1)) == 0;
            }
        }

        int removed = 0;
        uint output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = vr % 10;
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
                    lastRemovedDigit = vr % 10;
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
            output = vr + (roundUp ? 1u : 0u);
        }
        else
        {
            while (vp / 10 > vm / 10)
            {
                lastRemovedDigit = vr % 10;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }

            output = vr + (vr == vm || lastRemovedDigit >= 5 ? 1u : 0u);
        }

        return (output, e10 + removed);
    }

    /// <summary>(m × factor) >> shift for a 64-bit factor and shift above 32.</summary>
    private static uint MulShift(uint m, ulong factor, int shift)
    {
        ulong low = (ulong)m * (uint)factor;
        ulong high = (ulong)m * (uint)(factor >> 32);
        return (uint)(((low >> 32) + high) >> (shift - 32));
    }

    private static bool IsMultipleOfPowerOf5(uint value, int power)
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
}
