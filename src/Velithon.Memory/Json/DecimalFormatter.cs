using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace Velithon.Json;

/// <summary>
/// Writes a <see cref="decimal"/> exactly as System.Text.Json does (<see cref="Utf8Formatter"/>'s "G" form): every
/// digit of the mantissa with the point placed by the scale, so the scale shows (<c>1.50</c>, <c>0.00</c>,
/// <c>-0.05</c>), and no sign on a zero. Mantissas that fit 64 bits are written here; wider ones go to
/// <see cref="Utf8Formatter"/>.
/// </summary>
internal static class DecimalFormatter
{
    /// <summary>The longest output: a sign, <c>0.</c> and 28 fraction digits (or 29 digits and a point).</summary>
    public const int MaxLength = 1 + 2 + 28;

    /// <summary>Writes <paramref name="value"/> as a JSON number.</summary>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <param name="value">The value.</param>
    /// <returns>The bytes written.</returns>
    public static int Write(decimal value, Span<byte> destination)
    {
        // An inline array rather than stackalloc: a method with stackalloc is compiled once, fully optimized but
        // without tiering's profile, and the stackalloc itself cost more than the rest for small decimals.
        Bits bits = default;
        decimal.GetBits(value, bits);
        if (bits[2] != 0)
        {
            Utf8Formatter.TryFormat(value, destination, out int written);
            return written;
        }

        ulong mantissa = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        int flags = bits[3];
        int scale = (flags >> 16) & 0xFF;
        int at = 0;
        if (mantissa != 0 && flags < 0)
        {
            destination[at++] = (byte)'-';
        }

        int digits = DecimalDigits.Count(mantissa);
        if (scale == 0)
        {
            DecimalDigits.WriteFixed(destination.Slice(at, digits), mantissa);
            return at + digits;
        }

        if (scale >= digits)
        {
            // 0.000ddd: the scale counts the leading zeros of the fraction too.
            destination[at] = (byte)'0';
            destination[at + 1] = (byte)'.';
            int zeros = scale - digits;
            destination.Slice(at + 2, zeros).Fill((byte)'0');
            DecimalDigits.WriteFixed(destination.Slice(at + 2 + zeros, digits), mantissa);
            return at + 2 + scale;
        }

        // ddd.ddd: write the digits one byte further on, then move the integer part back to open the gap for the point
        // (a byte loop: for these few bytes it beats CopyTo's memmove call, and dividing by a power of ten).
        int integerDigits = digits - scale;
        DecimalDigits.WriteFixed(destination.Slice(at + 1, digits), mantissa);
        for (int i = at; i < at + integerDigits; i++)
        {
            destination[i] = destination[i + 1];
        }

        destination[at + integerDigits] = (byte)'.';
        return at + digits + 1;
    }

    [InlineArray(4)]
    private struct Bits
    {
#pragma warning disable IDE0051, IDE0044, S1144, CA1823 // The element the inline array repeats.
        private int _element;
#pragma warning restore IDE0051, IDE0044, S1144, CA1823
    }
}
