using System.Numerics;
using System.Runtime.CompilerServices;

namespace Velithon.Json;

/// <summary>Decimal digits written two at a time from a pair table, for the number and date formatters.</summary>
internal static class DecimalDigits
{
    private static ReadOnlySpan<byte> Pairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>10^0 .. 10^19.</summary>
    // Arrays here and in the other formatters rather than ReadOnlySpan<T> properties over static data: for T other
    // than byte, unoptimized (Debug) code runs RuntimeHelpers.CreateSpan, which allocates on every call.
    public static readonly ulong[] PowersOf10 =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ];

    /// <summary>Writes <paramref name="value"/> (0 to 99) as two digits at <paramref name="at"/>.</summary>
    // Inlined into the digit loops it made decimals about a tenth faster.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WritePair(Span<byte> destination, int at, uint value)
    {
        ReadOnlySpan<byte> pair = Pairs.Slice((int)value * 2, 2);
        destination[at] = pair[0];
        destination[at + 1] = pair[1];
    }

    /// <summary>Writes the low <c>destination.Length</c> digits of <paramref name="value"/>, zero-padded on the left.</summary>
    public static void WriteFixed(Span<byte> destination, uint value)
    {
        int end = destination.Length;
        while (end >= 2)
        {
            uint rest = value / 100;
            end -= 2;
            WritePair(destination, end, (uint)(value - (rest * 100)));
            value = rest;
        }

        if (end == 1)
        {
            destination[0] = (byte)('0' + (value % 10));
        }
    }

    /// <summary>Writes the low <c>destination.Length</c> digits of <paramref name="value"/>, zero-padded on the left.</summary>
    public static void WriteFixed(Span<byte> destination, ulong value)
    {
        int end = destination.Length;
        while (value > uint.MaxValue)
        {
            ulong rest = value / 100;
            end -= 2;
            WritePair(destination, end, (uint)(value - (rest * 100)));
            value = rest;
        }

        WriteFixed(destination[..end], (uint)value);
    }

    /// <summary>The number of decimal digits of <paramref name="value"/> (1 for 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Count(ulong value)
    {
        // Setting the low bit keeps the digit count (an all-nines number is odd) and makes 0 count as one digit.
        value |= 1;

        // Estimated from log2 (1233 / 4096 is just above log10(2)), the count is right or one short.
        int estimate = ((BitOperations.Log2(value) + 1) * 1233) >> 12;
        return estimate + (value >= PowersOf10[estimate] ? 1 : 0);
    }
}
