using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Velithon.Json.Tests;

/// <summary>
/// The writer's own shortest-round-trip double formatting (Ryu digits, .NET's "R" layout) against the BCL: every value
/// must come out as exactly the bytes <c>double.ToString(InvariantCulture)</c> gives, which is what STJ writes.
/// </summary>
public sealed class DoubleWriterTests
{
    private static readonly Gen<double> AnyBits = Gen.ULong.Select(BitConverter.UInt64BitsToDouble).Where(double.IsFinite);

    /// <summary>Values people write: a few digits scaled by a power of ten (prices, scores, coordinates).</summary>
    private static readonly Gen<double> ShortDecimals = Gen.Select(Gen.Long[-99_999_999_999, 99_999_999_999], Gen.Int[-30, 30])
        .Select((m, e) => double.Parse(m.ToString(CultureInfo.InvariantCulture) + "E" + e.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    /// <summary>Around the layout switches (1e17, 1e-4, 2^53) and the ends of the range, with their neighbours.</summary>
    private static readonly Gen<double> Boundaries = Gen.Select(Gen.Int[-325, 308], Gen.Int[-3, 3], Gen.Bool)
        .Select((e, step, negative) =>
        {
            double value = Math.Pow(10, e);
            for (int i = 0; i < Math.Abs(step); i++)
            {
                value = step > 0 ? Math.BitIncrement(value) : Math.BitDecrement(value);
            }

            return negative ? -value : value;
        })
        .Where(double.IsFinite);

    /// <summary>
    /// Whole numbers of millionths and fewer decimals (the writer's shortcut past Ryu), up to and past its limits of 15
    /// digits and 10^9, with the doubles next to them, which the shortcut must leave to Ryu.
    /// </summary>
    private static readonly Gen<double> Millionths = Gen.Select(
            Gen.OneOf(Gen.Long[1, 999_999], Gen.Long[1, 999_999_999_999_999], Gen.Long[999_999_999_999_000, 1_000_000_000_000_999], Gen.Long[1, long.MaxValue]),
            Gen.Int[0, 9],
            Gen.Int[-2, 2],
            Gen.Bool)
        .Select((m, decimals, step, negative) =>
        {
            double value = double.Parse(m.ToString(CultureInfo.InvariantCulture) + "E-" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            for (int i = 0; i < Math.Abs(step); i++)
            {
                value = step > 0 ? Math.BitIncrement(value) : Math.BitDecrement(value);
            }

            return negative ? -value : value;
        });

    [Fact]
    public void Millionths_and_their_neighbours_format_like_the_BCL() => Millionths.Sample(AssertLikeBcl, iter: 200_000);

    [Fact]
    public void Runs_of_long_and_short_doubles_through_one_writer_format_like_the_BCL() =>
        Gen.OneOf(Millionths, AnyBits, ShortDecimals).Array[1, 200].Sample(values =>
        {
            // One writer for the whole run: the millionths shortcut backs off after long doubles and must come back.
            var buffer = new ArrayBufferWriter<byte>(256);
            var writer = new VelithonJsonWriter(buffer, VelithonJsonOptions.Default);
            var expected = new StringBuilder();
            foreach (double value in values)
            {
                writer.WriteNumber(value);
                writer.WriteRaw(","u8);
                expected.Append(value.ToString(CultureInfo.InvariantCulture)).Append(',');
            }

            writer.Flush();
            Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(buffer.WrittenSpan));
        }, iter: 2_000);

    [Fact]
    public void Random_bit_patterns_format_like_the_BCL() => AnyBits.Sample(AssertLikeBcl, iter: 200_000);

    [Fact]
    public void Short_decimals_format_like_the_BCL() => ShortDecimals.Sample(AssertLikeBcl, iter: 100_000);

    [Fact]
    public void Powers_of_ten_and_their_neighbours_format_like_the_BCL() => Boundaries.Sample(AssertLikeBcl, iter: 50_000);

    [Fact]
    public void Integers_format_like_the_BCL() =>
        Gen.OneOf(Gen.Long.Select(l => (double)l), Gen.Long[-(1L << 53), 1L << 53].Select(l => (double)l)).Sample(AssertLikeBcl, iter: 50_000);

    [Fact]
    public void Subnormals_format_like_the_BCL() =>
        Gen.ULong[1, (1UL << 52) - 1].Select(BitConverter.UInt64BitsToDouble).Sample(AssertLikeBcl, iter: 50_000);

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.Epsilon)]
    [InlineData(-double.Epsilon)]
    [InlineData(double.MaxValue)]
    [InlineData(double.MinValue)]
    [InlineData(2.2250738585072014E-308)] // smallest normal
    [InlineData(2.225073858507201E-308)] // largest subnormal
    [InlineData(9007199254740992.0)] // 2^53
    [InlineData(9007199254740994.0)]
    [InlineData(1e15)]
    [InlineData(1e16)]
    [InlineData(1e17)]
    [InlineData(12345678901234567e1)]
    [InlineData(999999999999999.9)]
    [InlineData(123456789012345.67)]
    [InlineData(1e-4)]
    [InlineData(9.99999999999999E-05)]
    [InlineData(1e-5)]
    [InlineData(1e21)]
    [InlineData(1e22)]
    [InlineData(1e23)]
    [InlineData(0.1)]
    [InlineData(0.30000000000000004)]
    [InlineData(2.0)]
    [InlineData(-60.0)]
    [InlineData(1.5)]
    [InlineData(100.0)]
    public void Edge_values_format_like_the_BCL(double value) => AssertLikeBcl(value);

    [Fact]
    public void Negative_zero_keeps_its_sign() => Assert.Equal("-0", Write(-0.0));

    [Fact]
    public void Output_is_what_STJ_writes()
    {
        var stj = new ArrayBufferWriter<byte>();
        Gen.Frequency((3, AnyBits), (3, ShortDecimals), (1, Boundaries)).Sample(value =>
        {
            stj.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(stj))
            {
                writer.WriteNumberValue(value);
            }

            Assert.Equal(Encoding.UTF8.GetString(stj.WrittenSpan), Write(value));
        }, iter: 5_000, threads: 1);
    }

    [Fact]
    public void Doubles_written_while_the_buffer_grows_are_intact()
    {
        // Starting at one byte, the output grows under the writer many times, between and within values.
        var buffer = new ArrayBufferWriter<byte>(1);
        var writer = new VelithonJsonWriter(buffer, VelithonJsonOptions.Default);
        var expected = new StringBuilder();
        for (int i = 0; i < 500; i++)
        {
            double value = (i * 0.731) - 97.25;
            writer.WriteNumber(value);
            writer.WriteRaw(","u8);
            expected.Append(value.ToString(CultureInfo.InvariantCulture)).Append(',');
        }

        writer.Flush();
        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Writing_doubles_allocates_nothing()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        Allocations.AssertNone(() => WriteMany(buffer), 20);

        static void WriteMany(ArrayBufferWriter<byte> buffer)
        {
            buffer.ResetWrittenCount();
            var writer = new VelithonJsonWriter(buffer, VelithonJsonOptions.Default);
            for (int i = 0; i < 1_000; i++)
            {
                writer.WriteNumber((i * 0.731) + 12.5);
                writer.WriteNumber(i * 1e-300);
            }

            writer.Flush();
        }
    }

    private static void AssertLikeBcl(double value)
    {
        string expected = value.ToString(CultureInfo.InvariantCulture);
        string actual = Write(value);
        if (expected != actual)
        {
            Assert.Fail($"0x{BitConverter.DoubleToUInt64Bits(value):X16}: expected {expected}, wrote {actual}");
        }
    }

    private static string Write(double value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        var writer = new VelithonJsonWriter(buffer, VelithonJsonOptions.Default);
        writer.WriteNumber(value);
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
