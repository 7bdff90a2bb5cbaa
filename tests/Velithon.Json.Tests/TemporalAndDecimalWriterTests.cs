using System.Buffers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Xunit.Abstractions;

namespace Velithon.Json.Tests;

/// <summary>
/// <see cref="VelithonJsonWriter"/>'s own DateTime, DateTimeOffset and decimal formatting writes exactly the bytes
/// <see cref="Utf8JsonWriter"/> writes for the same value, over the whole value ranges and at the edges, and allocates
/// nothing.
/// </summary>
[Collection(nameof(AllocationTests))]
public sealed class TemporalAndDecimalWriterTests(ITestOutputHelper output)
{
    private static readonly long[] FractionUnits = [TimeSpan.TicksPerSecond, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    // Ticks anywhere in [min, max], cut to 0..7 fraction digits (whole seconds, 1 to 7 digits, trailing zeros kept).
    private static Gen<long> Ticks(long min, long max) => Gen.Select(
        Gen.Long[min, max],
        Gen.Frequency((1, Gen.Const(-1)), (3, Gen.Int[0, 7])),
        (ticks, digits) => digits < 0 ? ticks : Math.Max(min, ticks - (ticks % FractionUnits[digits])));

    private static readonly DateTime[] EdgeDateTimes =
    [
        DateTime.MinValue,
        DateTime.MaxValue,
        DateTime.UnixEpoch,
        new(1, 1, 1, 0, 0, 0, 1),
        new(1, 12, 31, 23, 59, 59),
        new(2000, 2, 29),
        new(2024, 2, 29, 23, 59, 59, 999),
        new(1900, 2, 28, 12, 0, 0),
        new(9996, 2, 29, 0, 0, 1),
        new DateTime(2023, 12, 31).AddTicks(TimeSpan.TicksPerDay - 1),
        new DateTime(2024, 7, 1, 8, 9, 10).AddTicks(1),
        new DateTime(2024, 7, 1, 8, 9, 10).AddTicks(1_000_000),
        new DateTime(2024, 7, 1, 8, 9, 10).AddTicks(1_234_500),
        new DateTime(2024, 7, 1, 8, 9, 10).AddTicks(9_999_990),
        new DateTime(9999, 12, 31, 23, 59, 59),
    ];

    private static readonly Gen<DateTime> DateTimes = Gen.Select(
        Gen.Frequency((20, Ticks(0, DateTime.MaxValue.Ticks)), (1, Gen.OneOf(EdgeDateTimes).Select(d => d.Ticks))),
        Gen.Enum<DateTimeKind>(),
        (ticks, kind) => new DateTime(ticks, kind));

    private static readonly Gen<DateTimeOffset> DateTimeOffsets =
        from minutes in Gen.Frequency((6, Gen.Int[-14 * 60, 14 * 60]), (1, Gen.OneOf(0, -1, 1, -14 * 60, 14 * 60, 330, -570)))
        let offset = TimeSpan.FromMinutes(minutes)

        // The UTC time (clock minus offset) must be in range too.
        from ticks in Gen.Frequency(
            (20, Ticks(Math.Max(0, offset.Ticks), Math.Min(DateTime.MaxValue.Ticks, DateTime.MaxValue.Ticks + offset.Ticks))),
            (1, Gen.OneOf(Math.Max(0, offset.Ticks), Math.Min(DateTime.MaxValue.Ticks, DateTime.MaxValue.Ticks + offset.Ticks))))
        select new DateTimeOffset(ticks, offset);

    private static readonly Gen<ulong> Mantissa64 = Gen.Frequency(
        (4, Gen.ULong),
        (2, Gen.ULong[0, 9]),
        (2, Gen.Int[1, 19].SelectMany(digits => Gen.ULong[0, PowerOf10(digits) - 1])),
        (2, Gen.ULong[ulong.MaxValue - 1000, ulong.MaxValue]),
        (1, Gen.ULong[9_999_999_999_999_999_000, 10_000_000_000_000_001_000]));

    // (mantissa, scale, sign) triples: 64-bit mantissas (the fast path), then 65 to 96 bits (the fallback), just past 2^64 too.
    private static readonly Gen<decimal> Decimals = Gen.Frequency(
        (3, Generators.Decimal),
        (6, Gen.Select(Mantissa64, Gen.Byte[0, 28], Gen.Bool, (m, scale, negative) => new decimal((int)m, (int)(m >> 32), 0, negative, scale))),
        (1, Gen.Select(Gen.Int, Gen.Int, Gen.Int, Gen.Byte[0, 28], Gen.Bool, (lo, mid, hi, scale, negative) => new decimal(lo, mid, hi, negative, scale))),
        (1, Gen.Select(Gen.UInt[0, 1000], Gen.Byte[0, 28], Gen.Bool, (lo, scale, negative) => new decimal((int)lo, 0, 1, negative, scale))));

    /// <summary>
    /// Local DateTimes take the machine zone's offset for them (TimeZoneInfo.Local), so under UTC this is one offset;
    /// CI runs the tests under other zones too (TZ=America/St_Johns: -03:30 and -02:30 with DST; TZ=Asia/Kolkata:
    /// +05:30). Every ten minutes within three hours of each offset change in 2015-2030 (skipped and repeated local
    /// times), and one Local time a week otherwise: written like Utf8JsonWriter with the zone's offset, and read back
    /// (JsonRead.DateTime) like STJ reads it.
    /// </summary>
    [Fact]
    public void Local_DateTimes_around_the_zones_offset_changes_write_and_read_like_STJ()
    {
        TimeZoneInfo zone = TimeZoneInfo.Local;
        output.WriteLine($"TimeZoneInfo.Local: {zone.Id}, base offset {zone.BaseUtcOffset}, {Generators.LocalOffsetChanges.Length} offset changes in 2015-2030");
        Assert.True(
            Generators.LocalOffsetChanges.Length > 0 == zone.GetAdjustmentRules().Any(r => r.DaylightDelta != TimeSpan.Zero && r.DateEnd.Year >= 2015),
            "the offset changes found do not match the zone's DST rules");
        var values = new List<DateTime>();
        foreach (DateTime change in Generators.LocalOffsetChanges)
        {
            for (int minutes = -180; minutes <= 180; minutes += 10)
            {
                values.Add(DateTime.SpecifyKind(change.AddMinutes(minutes), DateTimeKind.Local));
            }
        }

        for (var week = new DateTime(2015, 1, 1, 1, 30, 0, DateTimeKind.Local); week.Year < 2031; week = week.AddDays(7))
        {
            values.Add(week);
        }

        foreach (DateTime local in values)
        {
            string written = Velithon(local);
            AssertSame(Stj(w => w.WriteStringValue(local)), written, $"DateTime({local.Ticks}, Local) in {zone.Id}");
            TimeSpan offset = zone.GetUtcOffset(local);
            Assert.EndsWith(FormattableString.Invariant($"{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}\""), written, StringComparison.Ordinal);

            DateTime expected = JsonSerializer.Deserialize<DateTime>(written, JsonSerializerOptions.Web);
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(written));
            reader.Read();
            DateTime read = JsonRead.DateTime(ref reader);
            Assert.True(expected.Ticks == read.Ticks && expected.Kind == read.Kind, $"{written}: STJ read {expected:O} ({expected.Kind}), JsonRead {read:O} ({read.Kind})");
            Assert.Null(DeepEqual.DiffThroughJson(local, read));
        }
    }

    [Fact]
    public void DateTimes_write_like_Utf8JsonWriter() =>
        DateTimes.Run(d => AssertSame(Stj(w => w.WriteStringValue(d)), Velithon(d), $"DateTime({d.Ticks}, {d.Kind})"), 100_000);

    [Fact]
    public void Edge_DateTimes_write_like_Utf8JsonWriter()
    {
        foreach (DateTime edge in EdgeDateTimes)
        {
            foreach (DateTimeKind kind in Enum.GetValues<DateTimeKind>())
            {
                var d = DateTime.SpecifyKind(edge, kind);
                AssertSame(Stj(w => w.WriteStringValue(d)), Velithon(d), $"DateTime({d.Ticks}, {d.Kind})");
            }
        }

        Assert.Equal("\"9999-12-31T23:59:59.9999999Z\"", Velithon(DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc)));
        Assert.Equal("\"0001-01-01T00:00:00\"", Velithon(DateTime.MinValue));
        Assert.Equal("\"2024-07-01T08:09:10.12345\"", Velithon(new DateTime(2024, 7, 1, 8, 9, 10).AddTicks(1_234_500)));
    }

    [Fact]
    public void DateTimeOffsets_write_like_Utf8JsonWriter() =>
        DateTimeOffsets.Run(d => AssertSame(Stj(w => w.WriteStringValue(d)), Velithon(d), $"DateTimeOffset({d.Ticks}, {d.Offset})"), 100_000);

    [Fact]
    public void Edge_DateTimeOffsets_write_like_Utf8JsonWriter()
    {
        DateTimeOffset[] edges =
        [
            DateTimeOffset.MinValue,
            DateTimeOffset.MaxValue,
            DateTimeOffset.UnixEpoch,
            new(DateTime.MinValue.AddHours(14), TimeSpan.FromHours(14)),
            new(DateTime.MaxValue.AddHours(-14), TimeSpan.FromHours(-14)),
            new(2024, 2, 29, 23, 59, 59, 999, TimeSpan.FromMinutes(-1)),
            new(2024, 2, 29, 0, 0, 0, TimeSpan.FromMinutes(345)),
        ];
        foreach (DateTimeOffset d in edges)
        {
            AssertSame(Stj(w => w.WriteStringValue(d)), Velithon(d), $"DateTimeOffset({d.Ticks}, {d.Offset})");
        }

        Assert.Equal("\"0001-01-01T00:00:00+00:00\"", Velithon(DateTimeOffset.MinValue));
        Assert.Equal("\"2024-02-29T23:59:59.999-00:01\"", Velithon(edges[5]));
    }

    [Fact]
    public void Decimals_write_like_Utf8JsonWriter() =>
        Decimals.Run(d => AssertSame(Stj(w => w.WriteNumberValue(d)), Velithon(d), Describe(d)), 100_000);

    [Fact]
    public void Decimal_digit_counts_and_scales_write_like_Utf8JsonWriter()
    {
        // Every digit count of a 64-bit mantissa, at its bounds, at every scale, both signs.
        List<ulong> mantissas = [0, ulong.MaxValue, ulong.MaxValue - 1];
        for (int digits = 0; digits <= 19; digits++)
        {
            ulong power = PowerOf10(digits);
            mantissas.AddRange([power - 1, power, power + 1]);
        }

        foreach (ulong m in mantissas)
        {
            for (byte scale = 0; scale <= 28; scale++)
            {
                foreach (bool negative in (ReadOnlySpan<bool>)[false, true])
                {
                    var d = new decimal((int)m, (int)(m >> 32), 0, negative, scale);
                    AssertSame(Stj(w => w.WriteNumberValue(d)), Velithon(d), Describe(d));
                }
            }
        }

        foreach (decimal d in (ReadOnlySpan<decimal>)[decimal.MaxValue, decimal.MinValue, decimal.One, decimal.MinusOne, 0.0000000000000000000000000001m, -7.9228162514264337593543950335m])
        {
            AssertSame(Stj(w => w.WriteNumberValue(d)), Velithon(d), Describe(d));
        }
    }

    [Fact]
    public void Zero_keeps_its_scale_and_drops_its_sign()
    {
        for (byte scale = 0; scale <= 28; scale++)
        {
            string expected = scale == 0 ? "0" : "0." + new string('0', scale);
            foreach (bool negative in (ReadOnlySpan<bool>)[false, true])
            {
                var d = new decimal(0, 0, 0, negative, scale);
                Assert.Equal(expected, Stj(w => w.WriteNumberValue(d)));
                Assert.Equal(expected, Velithon(d));
            }
        }

        Assert.Equal("-0.05", Velithon(-0.05m));
        Assert.Equal("1.50", Velithon(1.50m));
    }

    [Fact]
    public void Runs_of_values_write_like_Utf8JsonWriter_when_the_buffer_runs_out_between_them() =>
        Gen.Select(DateTimes.Array[0, 40], DateTimeOffsets.Array[0, 40], Decimals.Array[0, 40]).Run(values =>
        {
            (DateTime[] dates, DateTimeOffset[] offsets, decimal[] decimals) = values;
            string expected = Stj(w =>
            {
                w.WriteStartArray();
                Array.ForEach(dates, w.WriteStringValue);
                Array.ForEach(offsets, w.WriteStringValue);
                Array.ForEach(decimals, w.WriteNumberValue);
                w.WriteEndArray();
            });

            // Spans of exactly the size asked for: nearly every value starts on a fresh span after a flush.
            var buffer = new StingyBufferWriter();
            var writer = new VelithonJsonWriter(buffer, VelithonJsonOptions.Default);
            writer.WriteStartArray();
            bool first = true;
            foreach (DateTime d in dates)
            {
                Separate(ref writer, ref first);
                writer.WriteString(d);
            }

            foreach (DateTimeOffset d in offsets)
            {
                Separate(ref writer, ref first);
                writer.WriteString(d);
            }

            foreach (decimal d in decimals)
            {
                Separate(ref writer, ref first);
                writer.WriteNumber(d);
            }

            writer.WriteEndArray();
            writer.Flush();
            Assert.Equal(expected, Encoding.UTF8.GetString(buffer.WrittenBytes));
        }, 5_000);

    [Fact]
    public void Writing_dates_and_decimals_into_a_reused_buffer_allocates_nothing()
    {
        DateTime[] dates = DateTimes.Array[1000].Single();
        DateTimeOffset[] offsets = DateTimeOffsets.Array[1000].Single();
        decimal[] decimals = Decimals.Array[1000].Single();
        var buffer = new ArrayBufferWriter<byte>(1 << 17);
        long allocated = Allocations.Measure(() => WriteAll(buffer, dates, offsets, decimals), 5);
        output.WriteLine($"{allocated} bytes allocated writing 1,000 each of DateTime, DateTimeOffset and decimal, 5 times");
        Assert.Equal(0, allocated);
    }

    private static void Separate(ref VelithonJsonWriter writer, ref bool first)
    {
        if (!first)
        {
            writer.WriteRaw(","u8);
        }

        first = false;
    }

    private static void WriteAll(ArrayBufferWriter<byte> buffer, DateTime[] dates, DateTimeOffset[] offsets, decimal[] decimals)
    {
        buffer.ResetWrittenCount();
        var writer = new VelithonJsonWriter(buffer, VelithonJsonOptions.Default);
        foreach (DateTime d in dates)
        {
            writer.WriteString(d);
        }

        foreach (DateTimeOffset d in offsets)
        {
            writer.WriteString(d);
        }

        foreach (decimal d in decimals)
        {
            writer.WriteNumber(d);
        }

        writer.Flush();
    }

    private static ulong PowerOf10(int exponent)
    {
        ulong power = 1;
        for (int i = 0; i < exponent; i++)
        {
            power *= 10;
        }

        return power;
    }

    private static string Describe(decimal d)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(d, bits);
        return FormattableString.Invariant($"decimal(lo {(uint)bits[0]}, mid {(uint)bits[1]}, hi {(uint)bits[2]}, negative {decimal.IsNegative(d)}, scale {d.Scale})");
    }

    private static void AssertSame(string expected, string actual, string value) =>
        Assert.True(expected == actual, $"{value}: Utf8JsonWriter wrote {expected}, VelithonJsonWriter wrote {actual}");

    private static string Stj(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Velithon(DateTime value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        var writer = new VelithonJsonWriter(buffer, VelithonJsonOptions.Default);
        writer.WriteString(value);
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Velithon(DateTimeOffset value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        var writer = new VelithonJsonWriter(buffer, VelithonJsonOptions.Default);
        writer.WriteString(value);
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Velithon(decimal value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        var writer = new VelithonJsonWriter(buffer, VelithonJsonOptions.Default);
        writer.WriteNumber(value);
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
