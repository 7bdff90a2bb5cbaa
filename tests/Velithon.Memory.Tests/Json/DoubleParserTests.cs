using System.Globalization;
using System.Numerics;
using CsCheck;
using Velithon.Json;

namespace Velithon.Memory.Tests.Json;

/// <summary>
/// <see cref="DoubleParser"/> on its own: whenever it decides, it gives <c>double.Parse</c>'s bits, and it decides
/// nearly always (the BCL fallback is for the rare products the 128-bit table cannot settle), so the JSON reader's
/// fast path really is the Eisel-Lemire one and not the fallback. The reader-level oracle tests against
/// System.Text.Json are in Velithon.Json.Tests (DoubleParsingTests).
/// </summary>
public class DoubleParserTests
{
    private static readonly Gen<ulong> Significands = Gen.Int[1, 19].SelectMany(digits =>
    {
        ulong low = 1;
        for (int i = 1; i < digits; i++)
        {
            low *= 10;
        }

        return Gen.ULong[low, (low * 10) - 1];
    });

    [Fact]
    public void Random_significands_and_exponents_compose_to_double_Parse_bits()
    {
        int undecided = 0;
        Gen.Select(Significands, Gen.OneOf(Gen.Int[-345, 310], Gen.Int[-30, 30]), Gen.Bool).Sample((w, q, negative) =>
        {
            if (!DoubleParser.TryCompose(w, q, negative, out double value))
            {
                Interlocked.Increment(ref undecided);
                return;
            }

            string text = (negative ? "-" : "") + w.ToString(CultureInfo.InvariantCulture) + "e" + q.ToString(CultureInfo.InvariantCulture);
            AssertBits(text, value);
        }, iter: 200_000);

        Assert.True(undecided < 20, $"{undecided} of 200,000 left to the BCL");
    }

    [Fact]
    public void Seventeen_digits_of_random_doubles_compose_to_the_double()
    {
        int undecided = 0;
        Gen.ULong.Select(BitConverter.UInt64BitsToDouble).Where(double.IsFinite).Sample(value =>
        {
            // "E16": 17 significant digits, as canada.json's coordinates have.
            string text = Math.Abs(value).ToString("E16", CultureInfo.InvariantCulture);
            ulong w = ulong.Parse(text[0] + text[2..18], CultureInfo.InvariantCulture);
            int q = int.Parse(text[19..], CultureInfo.InvariantCulture) - 16;
            if (!DoubleParser.TryCompose(w, q, double.IsNegative(value), out double composed))
            {
                Interlocked.Increment(ref undecided);
                return;
            }

            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(composed));
        }, iter: 200_000);

        Assert.True(undecided < 20, $"{undecided} of 200,000 left to the BCL");
    }

    [Fact]
    public void Random_significands_and_exponents_compose_to_float_Parse_bits()
    {
        int undecided = 0;
        Gen.Select(Significands, Gen.OneOf(Gen.Int[-66, 40], Gen.Int[-12, 12]), Gen.Bool).Sample((w, q, negative) =>
        {
            if (!DoubleParser.TryComposeSingle(w, q, negative, out float value))
            {
                Interlocked.Increment(ref undecided);
                return;
            }

            string text = (negative ? "-" : "") + w.ToString(CultureInfo.InvariantCulture) + "e" + q.ToString(CultureInfo.InvariantCulture);
            float expected = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(
                BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(value),
                $"{text}: float.Parse 0x{BitConverter.SingleToInt32Bits(expected):X8}, DoubleParser 0x{BitConverter.SingleToInt32Bits(value):X8}");
        }, iter: 200_000);

        Assert.True(undecided < 20, $"{undecided} of 200,000 left to the BCL");
    }

    [Fact]
    public void Float_midpoints_compose_to_the_even_neighbour()
    {
        // The midpoint of m × 2^e and (m + 1) × 2^e is (2m + 1) × 2^(e - 1), exact in decimal as (2m + 1) × 5^(1 - e)
        // × 10^(e - 1): a 19-digit significand for the floats of exponent field 135..189 (2^-15 .. 2^63), all of which
        // the tie check (powers of ten -17..10) has to settle to the even neighbour.
        int composed = 0;
        Gen.UInt[135U << 23, (190U << 23) - 2].Sample(bits =>
        {
            int e = (int)(bits >> 23) - 150;
            BigInteger twice = (2 * (BigInteger)((bits & 0x7F_FFFF) | 0x80_0000)) + 1;
            BigInteger w = e - 1 >= 0 ? twice << (e - 1) : twice * BigInteger.Pow(5, 1 - e);
            int q = Math.Min(e - 1, 0);
            if (w > ulong.MaxValue)
            {
                return;
            }

            Assert.True(DoubleParser.TryComposeSingle((ulong)w, q, false, out float value));
            Interlocked.Increment(ref composed);
            string text = w.ToString(CultureInfo.InvariantCulture) + "e" + q.ToString(CultureInfo.InvariantCulture);
            float expected = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(
                BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(value),
                $"{text}: float.Parse 0x{BitConverter.SingleToInt32Bits(expected):X8}, DoubleParser 0x{BitConverter.SingleToInt32Bits(value):X8}");
            Assert.Equal(0, BitConverter.SingleToInt32Bits(value) & 1);
        }, iter: 100_000);

        Assert.True(composed > 50_000, $"only {composed} midpoints fit 64 bits");
    }

    [Theory]
    [InlineData(0UL, 0, false)]
    [InlineData(0UL, 0, true)]
    [InlineData(0UL, 400, false)]
    [InlineData(1UL, -400, true)] // negative zero
    [InlineData(1UL, 400, false)] // infinity
    [InlineData(9007199254740993UL, 0, false)] // ties to even
    [InlineData(9007199254740995UL, 0, false)]
    [InlineData(17976931348623157UL, 292, false)] // double.MaxValue
    [InlineData(17976931348623159UL, 292, false)] // infinity
    [InlineData(49UL, -325, false)] // double.Epsilon
    [InlineData(24703282292062327UL, -340, false)] // zero
    [InlineData(24703282292062328UL, -340, false)] // double.Epsilon
    [InlineData(22250738585072011UL, -324, false)] // the subnormal/normal boundary
    [InlineData(22250738585072013UL, -324, false)]
    [InlineData(9999999999999999999UL, 308, false)]
    [InlineData(9999999999999999999UL, -343, false)]
    [InlineData(1UL, 23, false)] // 1e23: beyond the exact powers
    public void Edge_cases_compose_to_double_Parse_bits(ulong w, int q, bool negative)
    {
        Assert.True(DoubleParser.TryCompose(w, q, negative, out double value));
        AssertBits((negative ? "-" : "") + w.ToString(CultureInfo.InvariantCulture) + "e" + q.ToString(CultureInfo.InvariantCulture), value);
    }

    private static void AssertBits(string text, double value)
    {
        double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.True(
            BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value),
            $"{text}: double.Parse 0x{BitConverter.DoubleToInt64Bits(expected):X16}, DoubleParser 0x{BitConverter.DoubleToInt64Bits(value):X16}");
    }
}
