using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Velithon.Json.Tests;

/// <summary>
/// The writer's own shortest-round-trip float formatting against the BCL: every value must come out as exactly the
/// bytes <c>float.ToString(InvariantCulture)</c> gives, which is what STJ writes.
/// </summary>
public sealed class SingleWriterTests
{
    private static readonly Gen<float> AnyBits = Gen.UInt.Select(BitConverter.UInt32BitsToSingle).Where(float.IsFinite);

    private static readonly Gen<float> ShortDecimals = Gen.Select(Gen.Int[-9_999_999, 9_999_999], Gen.Int[-20, 20])
        .Select((m, e) => float.Parse(m.ToString(CultureInfo.InvariantCulture) + "E" + e.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
        .Where(float.IsFinite);

    private static readonly Gen<float> Boundaries = Gen.Select(Gen.Int[-45, 38], Gen.Int[-3, 3], Gen.Bool)
        .Select((e, step, negative) =>
        {
            float value = (float)Math.Pow(10, e);
            for (int i = 0; i < Math.Abs(step); i++)
            {
                value = step > 0 ? MathF.BitIncrement(value) : MathF.BitDecrement(value);
            }

            return negative ? -value : value;
        })
        .Where(float.IsFinite);

    [Fact]
    public void Random_bit_patterns_format_like_the_BCL() => AnyBits.Sample(AssertLikeBcl, iter: 300_000);

    [Fact]
    public void Short_decimals_format_like_the_BCL() => ShortDecimals.Sample(AssertLikeBcl, iter: 100_000);

    [Fact]
    public void Powers_of_ten_and_their_neighbours_format_like_the_BCL() => Boundaries.Sample(AssertLikeBcl, iter: 20_000);

    [Fact]
    public void Integers_and_subnormals_format_like_the_BCL()
    {
        Gen.Int[-(1 << 24), 1 << 24].Select(i => (float)i).Sample(AssertLikeBcl, iter: 50_000);
        Gen.UInt[1, (1u << 23) - 1].Select(BitConverter.UInt32BitsToSingle).Sample(AssertLikeBcl, iter: 50_000);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(float.Epsilon)]
    [InlineData(float.MaxValue)]
    [InlineData(float.MinValue)]
    [InlineData(1.17549435E-38f)]
    [InlineData(1e9f)]
    [InlineData(1e10f)]
    [InlineData(123456789f)]
    [InlineData(1e-4f)]
    [InlineData(1e-5f)]
    [InlineData(0.1f)]
    [InlineData(16777216f)]
    [InlineData(-60f)]
    [InlineData(1.5f)]
    public void Edge_values_format_like_the_BCL(float value) => AssertLikeBcl(value);

    [Fact]
    public void Negative_zero_keeps_its_sign() => Assert.Equal("-0", Write(-0f));

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
    public void Writing_floats_allocates_nothing()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        Allocations.AssertNone(() => WriteMany(buffer), 20);

        static void WriteMany(ArrayBufferWriter<byte> buffer)
        {
            buffer.ResetWrittenCount();
            var writer = new VelithonJsonWriter(buffer, VelithonJsonOptions.Default);
            for (int i = 0; i < 1_000; i++)
            {
                writer.WriteNumber((i * 0.731f) + 12.5f);
                writer.WriteNumber(i * 1e-30f);
            }

            writer.Flush();
        }
    }

    private static void AssertLikeBcl(float value)
    {
        string expected = value.ToString(CultureInfo.InvariantCulture);
        string actual = Write(value);
        if (expected != actual)
        {
            Assert.Fail($"0x{BitConverter.SingleToUInt32Bits(value):X8}: expected {expected}, wrote {actual}");
        }
    }

    private static string Write(float value)
    {
        var buffer = new ArrayBufferWriter<byte>(1);
        var writer = new VelithonJsonWriter(buffer, VelithonJsonOptions.Default);
        writer.WriteNumber(value);
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
