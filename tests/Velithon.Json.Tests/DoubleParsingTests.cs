using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// The fast reader's double parsing (Clinger's exact path, Eisel-Lemire, the BCL for what those cannot decide) against
/// System.Text.Json and <c>double.Parse</c>: every JSON number reads to the same bits (beyond the double range that is
/// an infinity: <c>Utf8JsonReader.TryGetDouble</c> reads it so), and every text STJ refuses is refused, so the full
/// reader reports STJ's error. Numbers are written in every JSON
/// layout: plain, with a fraction, with an explicit exponent (either case, with or without '+'), with leading zeros in
/// the fraction, and with their digits truncated or extended past the 19 the fast path holds.
/// </summary>
public sealed class DoubleParsingTests
{
    /// <summary>Any finite double.</summary>
    private static readonly Gen<double> AnyBits = Gen.ULong.Select(BitConverter.UInt64BitsToDouble).Where(double.IsFinite);

    /// <summary>A decimal significand of 1-19 digits (leading digit not zero) and a power of ten across the whole range.</summary>
    private static readonly Gen<(string Digits, int Exponent)> Decimals =
        Gen.Select(Gen.Int[1, 19], Gen.ULong, Gen.OneOf(Gen.Int[-345, 310], Gen.Int[-345, -300], Gen.Int[280, 310], Gen.Int[-30, 30]))
            .Select((count, bits, exponent) => (Significand(count, bits), exponent));

    /// <summary>How a significand and exponent are written: digits after the point, zeros before them, exponent form.</summary>
    private static readonly Gen<Layout> Layouts =
        Gen.Select(Gen.Int[0, 25], Gen.Int[0, 3].Select(z => z == 3 ? 5 : 0), Gen.Int[0, 3], Gen.Bool)
            .Select((fraction, zeros, style, negative) => new Layout(fraction, zeros, style, negative));

    [Fact]
    public void Random_bit_patterns_round_trip_in_every_format() =>
        Gen.Select(AnyBits, Gen.Int[0, 2]).Sample((value, format) =>
        {
            string text = value.ToString(format switch { 0 => "R", 1 => "G17", _ => "E16" }, CultureInfo.InvariantCulture);
            AssertReadsLikeStj(text);
        }, iter: 100_000);

    [Fact]
    public void Random_bit_patterns_truncated_or_extended_read_like_STJ() =>
        Gen.Select(AnyBits, Gen.Int[1, 30], Gen.ULong, Layouts).Sample((value, digitCount, filler, layout) =>
        {
            // The shortest-round-trip digits of a random double, cut or padded (zeros, or random digits) to digitCount:
            // 16-17 digit coordinates, 18-19 digits at the fast path's limit, 20+ beyond it.
            string e = Math.Abs(value).ToString("E16", CultureInfo.InvariantCulture);
            string digits = e[0] + e[2..18];
            int exponent = int.Parse(e[19..], CultureInfo.InvariantCulture) - 16;
            if (digitCount < digits.Length)
            {
                exponent += digits.Length - digitCount;
                digits = digits[..digitCount];
            }
            else
            {
                var padded = new StringBuilder(digits);
                for (int i = digits.Length; i < digitCount; i++)
                {
                    padded.Append((filler & 1) == 0 ? '0' : (char)('0' + (int)((filler >> 8) % 10)));
                    filler = (filler >> 1) | (filler << 63);
                    exponent--;
                }

                digits = padded.ToString();
            }

            AssertReadsLikeStj(layout.Write(value < 0 || layout.Negative, digits, exponent));
        }, iter: 100_000);

    [Fact]
    public void Random_significands_and_exponents_read_like_STJ() =>
        Gen.Select(Decimals, Layouts).Sample((number, layout) =>
            AssertReadsLikeStj(layout.Write(layout.Negative, number.Digits, number.Exponent)), iter: 100_000);

    [Fact]
    public void Halfway_points_between_neighbouring_doubles_read_like_STJ() =>
        // The exact decimal midpoint of two adjacent doubles (ties to even), and the midpoint nudged by one unit in
        // the 19th or 25th digit: the cases where a wrong last bit would show.
        Gen.Select(AnyBits.Where(d => d > 0 && d < double.MaxValue), Gen.Int[-1, 1], Gen.Bool, Layouts).Sample((value, nudge, longer, layout) =>
        {
            string midpoint = ExactMidpoint(value, Math.BitIncrement(value), longer ? 25 : 19, nudge, out int exponent);
            AssertReadsLikeStj(layout.Write(layout.Negative, midpoint, exponent));
        }, iter: 20_000);

    [Fact]
    public void Subnormals_and_the_ends_of_the_range_read_like_STJ() =>
        Gen.Select(Gen.OneOf(Gen.ULong[1, (1UL << 52) + 16], Gen.ULong[0x7FEF_FFFF_FFFF_FF00, 0x7FEF_FFFF_FFFF_FFFF]), Gen.Int[0, 2], Gen.Bool)
            .Sample((bits, format, negative) =>
            {
                double value = BitConverter.UInt64BitsToDouble(bits);
                string text = (negative ? -value : value).ToString(format switch { 0 => "R", 1 => "G17", _ => "E16" }, CultureInfo.InvariantCulture);
                AssertReadsLikeStj(text);
            }, iter: 20_000);

    [Theory]
    [InlineData("9007199254740993")] // 2^53 + 1: halfway, ties to even (down)
    [InlineData("9007199254740995")] // halfway, ties to even (up)
    [InlineData("9007199254740993.0000000000000001")] // just above halfway: up
    [InlineData("9007199254740992.9999999999999999")]
    [InlineData("2.2250738585072011e-308")] // the largest subnormal's neighbourhood
    [InlineData("2.2250738585072012e-308")]
    [InlineData("2.2250738585072014e-308")] // the smallest normal
    [InlineData("2.2250738585072013e-308")] // rounds up into the normals
    [InlineData("1.7976931348623157e308")] // double.MaxValue
    [InlineData("1.7976931348623158e308")] // still MaxValue (below the midpoint to 2^1024)
    [InlineData("1.7976931348623158079e308")]
    [InlineData("1.7976931348623159e308")] // overflows: infinity, as STJ reads it
    [InlineData("-1.7976931348623159e308")]
    [InlineData("1e309")]
    [InlineData("1e400")]
    [InlineData("1e999999999999")]
    [InlineData("4.9e-324")] // double.Epsilon
    [InlineData("5e-324")]
    [InlineData("2.4703282292062327e-324")] // just below half of Epsilon: zero
    [InlineData("2.4703282292062328e-324")] // just above: Epsilon
    [InlineData("2.47032822920623272088e-324")] // exactly half (to 21 digits): ties to even, zero
    [InlineData("1e-400")]
    [InlineData("1e-999999999999")]
    [InlineData("-1e-400")] // negative zero
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("0e999999")]
    [InlineData("-0.000e-5")]
    [InlineData("0.1")]
    [InlineData("0.3")]
    [InlineData("1e23")] // not exactly 1 × 1e23 in binary: beyond the exact-power path
    [InlineData("8.98846567431158e307")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("0.0000000000000000000000000000000000001")]
    [InlineData("1.00000000000000000000000000000000000000000001")]
    [InlineData("9999999999999999999")] // 19 nines: the largest held significand
    [InlineData("99999999999999999999")] // 20
    [InlineData("18446744073709551615")] // 2^64 - 1
    [InlineData("18446744073709551616")]
    [InlineData("-65.613616999999977")] // canada.json
    [InlineData("7.0420557077030374E+17")]
    [InlineData("1E+2")]
    [InlineData("1E-2")]
    [InlineData("1e+0")]
    [InlineData("3.14159265358979323846264338327950288419716939937510")]
    [InlineData("2.2250738585072011e-308000")]
    [InlineData("4.4501477170144023e-308")]
    [InlineData("1.448997445238699")]
    [InlineData("6.631236846766476e-316")]
    [InlineData("4.940656458412e-324")]
    [InlineData("7.3177701707893310e+15")]
    [InlineData("2.225073858507201136057409796709131975934819546351645648e-308")]
    public void Hard_cases_read_like_STJ(string text) => AssertReadsLikeStj(text);

    [Theory]
    [InlineData("01")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("+1")]
    [InlineData("-")]
    [InlineData("1.5e3.2")]
    [InlineData("0x10")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("1_000")]
    public void Invalid_numbers_are_refused_like_STJ(string text) => AssertReadsLikeStj(text);

    [Fact]
    public void Generated_readers_read_every_number_like_STJ() =>
        // Through VelithonJson.Deserialize (the fast path, and the full reader when it gives up): same values, and for
        // numbers beyond the range the same JsonException, path and position.
        Gen.Select(Gen.OneOf(Decimals, AnyBits.Select(Digits)), Layouts, Layouts).Sample((number, x, y) =>
        {
            string json = $$"""{"x":{{x.Write(x.Negative, number.Digits, number.Exponent)}},"y":{{y.Write(y.Negative, number.Digits, number.Exponent)}},"label":null}""";
            ConverterOracleTests.AssertSameRead<ReadOnlyPoint>(Encoding.UTF8.GetBytes(json));
        }, iter: 10_000);

    // ---- float: rounded from the digits directly (through a double it would round twice) ----

    [Fact]
    public void Random_float_bit_patterns_round_trip_in_every_format() =>
        Gen.Select(Gen.UInt.Select(BitConverter.UInt32BitsToSingle).Where(float.IsFinite), Gen.Int[0, 2]).Sample((value, format) =>
            AssertReadsSingleLikeStj(value.ToString(format switch { 0 => "R", 1 => "G9", _ => "E8" }, CultureInfo.InvariantCulture)), iter: 100_000);

    [Fact]
    public void Midpoints_between_floats_and_their_double_neighbours_read_like_STJ() =>
        // The midpoint of two adjacent floats is a double; it and the doubles next to it are exactly where rounding to
        // double first and then to float goes wrong. Written with all their digits ("R" of a double: up to 17).
        Gen.Select(Gen.UInt[0, 0x7F7F_FFFE], Gen.Int[-2, 2], Gen.Bool, Layouts).Sample((bits, step, negative, layout) =>
        {
            double midpoint = ((double)BitConverter.UInt32BitsToSingle(bits) + BitConverter.UInt32BitsToSingle(bits + 1)) / 2;
            for (int i = 0; i < Math.Abs(step); i++)
            {
                midpoint = step > 0 ? Math.BitIncrement(midpoint) : Math.BitDecrement(midpoint);
            }

            (string digits, int exponent) = Digits(midpoint);
            AssertReadsSingleLikeStj(layout.Write(negative, digits, exponent));
            string exact = ExactMidpoint(BitConverter.UInt32BitsToSingle(bits), BitConverter.UInt32BitsToSingle(bits + 1), 30, step, out int exactExponent);
            AssertReadsSingleLikeStj(layout.Write(negative, exact, exactExponent));
        }, iter: 50_000);

    [Fact]
    public void Random_significands_and_exponents_read_as_float_like_STJ() =>
        Gen.Select(Gen.Int[1, 19], Gen.ULong, Gen.OneOf(Gen.Int[-66, 40], Gen.Int[-10, 10]), Layouts)
            .Sample((count, bits, exponent, layout) => AssertReadsSingleLikeStj(layout.Write(layout.Negative, Significand(count, bits), exponent)), iter: 100_000);

    [Theory]
    [InlineData("16777217")] // 2^24 + 1: halfway, ties to even
    [InlineData("16777219")]
    [InlineData("3.4028235e38")] // float.MaxValue
    [InlineData("3.4028236e38")]
    [InlineData("3.40282357e38")] // below the midpoint to 2^128
    [InlineData("3.40282357e38000")]
    [InlineData("3.5e38")] // beyond the float range
    [InlineData("1e39")]
    [InlineData("1.4e-45")] // float.Epsilon
    [InlineData("7.006492321624085e-46")] // just below half of Epsilon
    [InlineData("7.0064923216240862e-46")] // just above
    [InlineData("1e-46")]
    [InlineData("1.1754942e-38")] // the largest subnormal's neighbourhood
    [InlineData("1.17549435e-38")] // the smallest normal
    [InlineData("-0")]
    [InlineData("0.1")]
    [InlineData("1.00000005960464477539062499")] // just below the midpoint 1 + 2^-24
    [InlineData("1.000000059604644775390625")] // the midpoint: ties to even (1)
    [InlineData("1.00000005960464477539062501")]
    [InlineData("1.0000000596046448")] // a double that rounds to the midpoint: double rounding would give 1 + 2^-23
    [InlineData("123456789012345678901234567890")]
    public void Hard_float_cases_read_like_STJ(string text) => AssertReadsSingleLikeStj(text);

    [Fact]
    public void Generated_readers_read_every_float_like_STJ() =>
        Gen.Select(Gen.Int[1, 19], Gen.ULong, Gen.Int[-50, 40], Layouts).Sample((count, bits, exponent, layout) =>
        {
            string json = $$"""{"single":{{layout.Write(layout.Negative, Significand(count, bits), exponent)}},"maybeSingle":1.5}""";
            ConverterOracleTests.AssertSameRead<FastScalars>(Encoding.UTF8.GetBytes(json));
        }, iter: 5_000);

    /// <summary>As <see cref="AssertReadsLikeStj"/>, for float (and <c>float.Parse</c>); a number beyond the float range is left to the full reader.</summary>
    private static void AssertReadsSingleLikeStj(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        float expected;
        try
        {
            expected = JsonSerializer.Deserialize<float>(utf8, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            var refusing = new JsonFastReader(utf8, 64);
            Assert.False(refusing.TrySingle(out float read) && refusing.AtEnd(), $"STJ refuses {text}; the fast reader read {read:R}");
            return;
        }

        float parsed = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.True(
            BitConverter.SingleToInt32Bits(parsed) == BitConverter.SingleToInt32Bits(expected) || SignificantDigits(text) > 19,
            $"{text}: float.Parse 0x{BitConverter.SingleToInt32Bits(parsed):X8}, STJ 0x{BitConverter.SingleToInt32Bits(expected):X8}");
        var reader = new JsonFastReader(utf8, 64);
        Assert.True(reader.TrySingle(out float actual) && reader.AtEnd(), $"STJ reads {text} as {expected:R}; the fast reader gave up");
        Assert.True(
            BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
            $"{text}: STJ {expected:R} (0x{BitConverter.SingleToInt32Bits(expected):X8}), fast reader {actual:R} (0x{BitConverter.SingleToInt32Bits(actual):X8})");
    }

    [Theory]
    [InlineData("9007199254740993.0000", false)] // halfway between 2^53 and 2^53 + 2, 20 significant digits
    [InlineData("90071992547409930000e-4", false)]
    [InlineData("-9007199254740993.000000000000000000", false)]
    [InlineData("16777217.000000000000", true)] // halfway between 2^24 and 2^24 + 2 as a float
    [InlineData("18356997.0000000000000", true)]
    public void Exact_ties_written_with_more_than_19_digits_read_as_STJ_reads_them_not_as_Parse(string text, bool single)
    {
        // STJ (Utf8Parser) rounds these ties away from the even neighbour where double.Parse/float.Parse go to it. STJ
        // is the oracle, so the fast reader must not decide them itself: its 19-digit truncation and that plus one
        // round to different neighbours, and it leaves the number to Utf8Parser.
        if (single)
        {
            Assert.NotEqual(float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), JsonSerializer.Deserialize<float>(text));
            AssertReadsSingleLikeStj(text);
        }
        else
        {
            Assert.NotEqual(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), JsonSerializer.Deserialize<double>(text));
            AssertReadsLikeStj(text);
        }
    }

    /// <summary>
    /// The fast reader returns STJ's bits for every number STJ reads, and refuses every number STJ refuses; the
    /// JsonSerializer call is STJ's own number reading (<c>Utf8JsonReader.GetDouble</c>). Up to 19 significant digits
    /// STJ's bits are also <c>double.Parse</c>'s (longer exact ties differ: see the test above).
    /// </summary>
    private static void AssertReadsLikeStj(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        double expected;
        try
        {
            expected = JsonSerializer.Deserialize<double>(utf8, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            var refusing = new JsonFastReader(utf8, 64);
            Assert.False(refusing.TryDouble(out double read) && refusing.AtEnd(), $"STJ refuses {text}; the fast reader read {read:R}");
            return;
        }

        double parsed = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.True(
            BitConverter.DoubleToInt64Bits(parsed) == BitConverter.DoubleToInt64Bits(expected) || SignificantDigits(text) > 19,
            $"{text}: double.Parse 0x{BitConverter.DoubleToInt64Bits(parsed):X16}, STJ 0x{BitConverter.DoubleToInt64Bits(expected):X16}");
        var reader = new JsonFastReader(utf8, 64);
        Assert.True(reader.TryDouble(out double actual) && reader.AtEnd(), $"STJ reads {text}; the fast reader gave up");
        Assert.True(
            BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{text}: STJ {expected:R} (0x{BitConverter.DoubleToInt64Bits(expected):X16}), fast reader {actual:R} (0x{BitConverter.DoubleToInt64Bits(actual):X16})");
    }

    private static int SignificantDigits(string text)
    {
        int end = text.IndexOfAny(['e', 'E']);
        string digits = (end < 0 ? text : text[..end]).Replace("-", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        return digits.TrimStart('0').Length;
    }

    /// <summary>A random significand of exactly <paramref name="count"/> digits.</summary>
    private static string Significand(int count, ulong bits)
    {
        ulong low = 1;
        for (int i = 1; i < count; i++)
        {
            low *= 10;
        }

        return (low + (bits % (9 * low))).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The shortest round-trip digits of |value| and their power of ten.</summary>
    private static (string Digits, int Exponent) Digits(double value)
    {
        string r = Math.Abs(value).ToString("E16", CultureInfo.InvariantCulture);
        string digits = (r[0] + r[2..18]).TrimEnd('0');
        int exponent = int.Parse(r[19..], CultureInfo.InvariantCulture) - 16 + (17 - Math.Max(digits.Length, 1));
        return (digits.Length == 0 ? "0" : digits, exponent);
    }

    /// <summary>
    /// The exact decimal value of (lower + upper) / 2, cut to <paramref name="digits"/> significant digits (the cut
    /// part is a run of a few more digits that are dropped), plus <paramref name="nudge"/> units in the last digit.
    /// </summary>
    private static string ExactMidpoint(double lower, double upper, int digits, int nudge, out int exponent)
    {
        // Both are m × 2^e; their midpoint is (2m + 1) × 2^(e - 1) with m the lower one's integer significand.
        (System.Numerics.BigInteger m, int e) = Decompose(lower);
        (System.Numerics.BigInteger mu, int eu) = Decompose(upper);
        if (eu > e)
        {
            mu <<= eu - e;
        }

        System.Numerics.BigInteger sum = m + mu; // midpoint = sum × 2^(e - 1)
        int binary = e - 1;
        System.Numerics.BigInteger numerator;
        int decimalExponent;
        if (binary >= 0)
        {
            numerator = sum << binary;
            decimalExponent = 0;
        }
        else
        {
            // sum × 2^binary = sum × 5^-binary × 10^binary: exact in decimal.
            numerator = sum * System.Numerics.BigInteger.Pow(5, -binary);
            decimalExponent = binary;
        }

        string all = numerator.ToString(CultureInfo.InvariantCulture);
        if (all.Length > digits)
        {
            decimalExponent += all.Length - digits;
            all = all[..digits];
        }

        System.Numerics.BigInteger cut = System.Numerics.BigInteger.Parse(all, CultureInfo.InvariantCulture) + nudge;
        exponent = decimalExponent;
        return cut.ToString(CultureInfo.InvariantCulture);
    }

    private static (System.Numerics.BigInteger Significand, int Exponent) Decompose(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & ((1L << 52) - 1);
        return biased == 0 ? (fraction, -1074) : (fraction | (1L << 52), biased - 1075);
    }

    /// <summary>One way of writing digits × 10^exponent as a JSON number.</summary>
    private readonly record struct Layout(int FractionDigits, int LeadingZeros, int Style, bool Negative)
    {
        public string Write(bool negative, string digits, int exponent)
        {
            var text = new StringBuilder();
            if (negative)
            {
                text.Append('-');
            }

            // FractionDigits of the digits go after the point (all of them: "0." first, with LeadingZeros zeros).
            int fraction = Math.Min(FractionDigits, digits.Length);
            int zeros = fraction == digits.Length ? LeadingZeros : 0;
            if (fraction == digits.Length)
            {
                text.Append("0.").Append('0', zeros).Append(digits);
            }
            else
            {
                text.Append(digits, 0, digits.Length - fraction);
                if (fraction > 0)
                {
                    text.Append('.').Append(digits, digits.Length - fraction, fraction);
                }
            }

            long explicitExponent = (long)exponent + fraction + zeros;
            if (explicitExponent != 0 || Style == 3)
            {
                text.Append(Style == 1 ? 'E' : 'e');
                if (Style == 2 && explicitExponent >= 0)
                {
                    text.Append('+');
                }

                text.Append(explicitExponent.ToString(CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }
    }
}
