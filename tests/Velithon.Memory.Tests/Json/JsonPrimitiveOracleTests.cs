using System.Text;
using System.Text.Json;
using CsCheck;
using Velithon.Json;
using static Velithon.Memory.Tests.Json.JsonTestSupport;

namespace Velithon.Memory.Tests.Json;

public class JsonPrimitiveOracleTests
{
    private static readonly Gen<double> Doubles = Gen.OneOf(
        Gen.Double,
        Gen.Long.Select(BitConverter.Int64BitsToDouble).Where(double.IsFinite),
        Gen.OneOf<double>(0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 1e-320, 0.1, 1e20, 1e21, 123456789012345680.0));

    private static readonly Gen<float> Singles = Gen.OneOf(
        Gen.Float,
        Gen.Int.Select(BitConverter.Int32BitsToSingle).Where(float.IsFinite),
        Gen.OneOf<float>(0f, -0f, float.Epsilon, float.MaxValue, float.MinValue, 0.1f, 1e-40f));

    private static readonly Gen<DateTime> DateTimes =
        Gen.Select(Gen.Long[DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks], Gen.Int[0, 2], Gen.Int[0, 3])
            .Select((ticks, kind, trim) =>
            {
                ticks -= ticks % (trim switch { 0 => 1, 1 => 10_000, 2 => 10_000_000, _ => 1000 });
                var value = new DateTime(ticks, (DateTimeKind)kind);

                // Local times near the ends of the range may not have an offset representation.
                return kind == 2 && (ticks < TimeSpan.TicksPerDay * 2 || ticks > DateTime.MaxValue.Ticks - (TimeSpan.TicksPerDay * 2))
                    ? new DateTime(ticks, DateTimeKind.Utc)
                    : value;
            });

    private static readonly Gen<DateTimeOffset> DateTimeOffsets =
        Gen.Select(Gen.Long[DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay], Gen.Int[-14 * 60, 14 * 60], Gen.Int[0, 2])
            .Select((ticks, minutes, trim) => new DateTimeOffset(ticks - (ticks % (trim == 0 ? 1 : 10_000_000)), TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Strings_match_STJ() =>
        Oracle(AnyString, (ref VelithonJsonWriter w, string v) => w.WriteString(v), (ref Utf8JsonReader r) => JsonRead.String(ref r)!, 20_000);

    [Fact]
    public void Char_spans_match_STJ() =>
        Oracle(AnyString, (ref VelithonJsonWriter w, string v) => w.WriteString(v.AsSpan()), (ref Utf8JsonReader r) => JsonRead.String(ref r)!, 2000);

    [Fact]
    public void Chars_match_STJ() =>
        Oracle(AnyChar.Where(c => !char.IsSurrogate(c)), (ref VelithonJsonWriter w, char v) => w.WriteString(v), (ref Utf8JsonReader r) => JsonRead.Char(ref r));

    [Fact]
    public void Lone_surrogate_chars_write_like_STJ()
    {
        for (char c = '\uD800'; c <= '\uDFFF'; c += (char)0x41)
        {
            AssertSameBytes(JsonSerializer.SerializeToUtf8Bytes(c, JsonSerializerOptions.Web), Write(c, (ref VelithonJsonWriter w, char v) => w.WriteString(v)));
        }
    }

    [Fact]
    public void Interned_strings_match_STJ()
    {
        var options = new VelithonJsonOptions { Interner = new StringInterner() };
        Oracle(AnyString.Where(s => s.Length < 100), (ref VelithonJsonWriter w, string v) => w.WriteString(v), (ref Utf8JsonReader r) => JsonRead.InternedString(ref r, options)!, 5000);
    }

    [Fact]
    public void Property_names_match_STJ_dictionary_keys() =>
        AnyString.Sample(
            key =>
            {
                var dictionary = new Dictionary<string, int> { [key] = 1 };
                byte[] expected = JsonSerializer.SerializeToUtf8Bytes(dictionary, JsonSerializerOptions.Web);
                byte[] actual = Write(key, (ref VelithonJsonWriter w, string k) =>
                {
                    w.WriteStartObject();
                    w.WritePropertyName(k);
                    w.WriteNumber(1);
                    w.WriteEndObject();
                });
                AssertSameBytes(expected, actual);

                var reader = new Utf8JsonReader(expected);
                reader.Read();
                reader.Read();
                string stjKey = JsonSerializer.Deserialize<Dictionary<string, int>>(expected, JsonSerializerOptions.Web)!.Keys.Single();
                Assert.Equal(stjKey, Encoding.UTF8.GetString(JsonRead.PropertyName(ref reader, stackalloc byte[16])));
            },
            iter: 5000);

    [Fact]
    public void Int32_matches_STJ() => Oracle(Gen.Int, (ref VelithonJsonWriter w, int v) => w.WriteNumber(v), (ref Utf8JsonReader r) => JsonRead.Int32(ref r));

    [Fact]
    public void UInt32_matches_STJ() => Oracle(Gen.UInt, (ref VelithonJsonWriter w, uint v) => w.WriteNumber(v), (ref Utf8JsonReader r) => JsonRead.UInt32(ref r));

    [Fact]
    public void Int64_matches_STJ() => Oracle(Gen.Long, (ref VelithonJsonWriter w, long v) => w.WriteNumber(v), (ref Utf8JsonReader r) => JsonRead.Int64(ref r));

    [Fact]
    public void UInt64_matches_STJ() => Oracle(Gen.ULong, (ref VelithonJsonWriter w, ulong v) => w.WriteNumber(v), (ref Utf8JsonReader r) => JsonRead.UInt64(ref r));

    [Fact]
    public void Int16_matches_STJ() => Oracle(Gen.Short, (ref VelithonJsonWriter w, short v) => w.WriteNumber(v), (ref Utf8JsonReader r) => JsonRead.Int16(ref r));

    [Fact]
    public void UInt16_matches_STJ() => Oracle(Gen.UShort, (ref VelithonJsonWriter w, ushort v) => w.WriteNumber(v), (ref Utf8JsonReader r) => JsonRead.UInt16(ref r));

    [Fact]
    public void Byte_matches_STJ() => Oracle(Gen.Byte, (ref VelithonJsonWriter w, byte v) => w.WriteNumber(v), (ref Utf8JsonReader r) => JsonRead.Byte(ref r));

    [Fact]
    public void SByte_matches_STJ() => Oracle(Gen.SByte, (ref VelithonJsonWriter w, sbyte v) => w.WriteNumber(v), (ref Utf8JsonReader r) => JsonRead.SByte(ref r));

    [Fact]
    public void Double_matches_STJ() =>
        Oracle(Doubles, (ref VelithonJsonWriter w, double v) => w.WriteNumber(v), (ref Utf8JsonReader r) => JsonRead.Double(ref r), 20_000, (a, b) => a.Equals(b) && double.IsNegative(a) == double.IsNegative(b));

    [Fact]
    public void Single_matches_STJ() =>
        Oracle(Singles, (ref VelithonJsonWriter w, float v) => w.WriteNumber(v), (ref Utf8JsonReader r) => JsonRead.Single(ref r), 20_000, (a, b) => a.Equals(b) && float.IsNegative(a) == float.IsNegative(b));

    [Fact]
    public void Decimal_matches_STJ() =>
        Oracle(
            Gen.OneOf(Gen.Decimal, Gen.OneOf<decimal>(0m, -0m, 0.0m, -0.000m, 1.50m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m)),
            (ref VelithonJsonWriter w, decimal v) => w.WriteNumber(v),
            (ref Utf8JsonReader r) => JsonRead.Decimal(ref r),
            10_000,
            (a, b) => a == b && a.Scale == b.Scale);

    [Fact]
    public void Not_finite_numbers_throw_like_STJ()
    {
        foreach (double value in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var expected = Assert.ThrowsAny<ArgumentException>(() => JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web));
            var actual = Assert.ThrowsAny<ArgumentException>(() => Write(value, (ref VelithonJsonWriter w, double v) => w.WriteNumber(v)));
            Assert.Equal(expected.GetType(), actual.GetType());
            Assert.Equal(expected.Message, actual.Message);
            Assert.Throws(expected.GetType(), () => Write((float)value, (ref VelithonJsonWriter w, float v) => w.WriteNumber(v)));
        }
    }

    [Fact]
    public void Booleans_and_null_match_STJ()
    {
        AssertSameBytes(JsonSerializer.SerializeToUtf8Bytes(true, JsonSerializerOptions.Web), Write(true, (ref VelithonJsonWriter w, bool v) => w.WriteBoolean(v)));
        AssertSameBytes(JsonSerializer.SerializeToUtf8Bytes(false, JsonSerializerOptions.Web), Write(false, (ref VelithonJsonWriter w, bool v) => w.WriteBoolean(v)));
        AssertSameBytes("null"u8.ToArray(), Write<string?>(null, (ref VelithonJsonWriter w, string? v) => w.WriteString(v)));
        AssertSameBytes("null"u8.ToArray(), Write<Uri?>(null, (ref VelithonJsonWriter w, Uri? v) => w.WriteString(v)));
        Assert.True(Read("true"u8, (ref Utf8JsonReader r) => JsonRead.Boolean(ref r)));
        Assert.False(Read("false"u8, (ref Utf8JsonReader r) => JsonRead.Boolean(ref r)));
        Assert.Null(Read("null"u8, (ref Utf8JsonReader r) => JsonRead.String(ref r)));
        Assert.Throws<JsonReadException>(() => Read("\"true\""u8, (ref Utf8JsonReader r) => JsonRead.Boolean(ref r)));
    }

    [Fact]
    public void Guids_match_STJ() => Oracle(Gen.Guid, (ref VelithonJsonWriter w, Guid v) => w.WriteString(v), (ref Utf8JsonReader r) => JsonRead.Guid(ref r), 2000);

    [Fact]
    public void DateTimes_match_STJ() =>
        Oracle(DateTimes, (ref VelithonJsonWriter w, DateTime v) => w.WriteString(v), (ref Utf8JsonReader r) => JsonRead.DateTime(ref r), 10_000, (a, b) => a == b && a.Kind == b.Kind);

    [Fact]
    public void DateTimeOffsets_match_STJ() =>
        Oracle(DateTimeOffsets, (ref VelithonJsonWriter w, DateTimeOffset v) => w.WriteString(v), (ref Utf8JsonReader r) => JsonRead.DateTimeOffset(ref r), 10_000, (a, b) => a == b && a.Offset == b.Offset);

    [Fact]
    public void DateOnlys_match_STJ() =>
        Oracle(Gen.Int[DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber].Select(DateOnly.FromDayNumber), (ref VelithonJsonWriter w, DateOnly v) => w.WriteString(v), (ref Utf8JsonReader r) => JsonRead.DateOnly(ref r));

    [Fact]
    public void TimeOnlys_match_STJ() =>
        Oracle(Gen.OneOf(Gen.Long[0, TimeOnly.MaxValue.Ticks], Gen.Long[0, 86399].Select(s => s * TimeSpan.TicksPerSecond)).Select(t => new TimeOnly(t)), (ref VelithonJsonWriter w, TimeOnly v) => w.WriteString(v), (ref Utf8JsonReader r) => JsonRead.TimeOnly(ref r));

    [Fact]
    public void TimeSpans_match_STJ() =>
        Oracle(Gen.OneOf(Gen.Long.Select(t => new TimeSpan(t)), Gen.Int.Select(s => TimeSpan.FromSeconds(s))), (ref VelithonJsonWriter w, TimeSpan v) => w.WriteString(v), (ref Utf8JsonReader r) => JsonRead.TimeSpan(ref r));

    [Fact]
    public void Uris_match_STJ() =>
        Oracle(
            Gen.OneOf(
                AnyString.Select(s => "http://example.com/" + Uri.EscapeDataString(s.Replace('\uFFFE', 'x')) + "?q=<&>"),
                Gen.String[0, 20].Select(s => "rel/" + s)).Select(s => Uri.TryCreate(s, UriKind.RelativeOrAbsolute, out Uri? u) ? u : new Uri("x", UriKind.Relative)),
            (ref VelithonJsonWriter w, Uri v) => w.WriteString(v),
            (ref Utf8JsonReader r) => JsonRead.Uri(ref r)!,
            2000);

    [Fact]
    public void Base64_matches_STJ() =>
        Oracle(
            Gen.OneOf(Gen.Byte.Array[0, 50], Gen.Byte.Array[3000, 7000]),
            (ref VelithonJsonWriter w, byte[] v) => w.WriteBase64String(v),
            (ref Utf8JsonReader r) => JsonRead.Base64(ref r)!,
            1000,
            (a, b) => a.AsSpan().SequenceEqual(b));

    [Fact]
    public void Long_strings_with_escapes_match_STJ()
    {
        string text = string.Concat(Enumerable.Repeat("abc<def>\"ghi\u00E9\uD83D\uDE00\n", 3000)) + new string('x', 10_000);
        AssertSameBytes(JsonSerializer.SerializeToUtf8Bytes(text, JsonSerializerOptions.Web), Write(text, (ref VelithonJsonWriter w, string v) => w.WriteString(v)));
        Assert.Equal(text, Read(JsonSerializer.SerializeToUtf8Bytes(text, JsonSerializerOptions.Web), (ref Utf8JsonReader r) => JsonRead.String(ref r)));
    }
}
