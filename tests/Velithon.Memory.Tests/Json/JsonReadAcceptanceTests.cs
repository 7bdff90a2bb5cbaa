using System.Text.Json;
using CsCheck;
using Velithon.Json;
using static Velithon.Memory.Tests.Json.JsonTestSupport;

namespace Velithon.Memory.Tests.Json;

/// <summary>Random candidate texts: we accept exactly what STJ Web accepts, with equal values.</summary>
public class JsonReadAcceptanceTests
{
    private static Gen<string> Candidates(string alphabet, int maxLength) =>
        Gen.Select(Gen.String[Gen.Char[alphabet], 0, maxLength], Gen.Int[0, 5])
            .Select((text, mode) => mode switch
            {
                // Escape one character: values are unescaped before parsing.
                0 when text.Length > 0 => "\"\\u" + ((int)text[0]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + text[1..] + "\"",
                1 => text.Length > 0 && alphabet.Contains('0', StringComparison.Ordinal) ? text : "\"" + text + "\"",
                _ => "\"" + text + "\"",
            });

    private const string NumberAlphabet = "0123456789+-.eE NaInfity,x_\t";

    private static void Numbers<T>(ReadFn<T> read, Func<T, T, bool>? equal = null) =>
        Gen.OneOf(
                Candidates(NumberAlphabet, 12),
                Candidates("0123456789", 25),
                Candidates("0123456789.-eE", 8),
                Gen.OneOf<string>("\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"nan\"", "\"+Infinity\"", "\"1e400\"", "1e400", "\"-0\"", "-0", "\"+5\"", "\"\"", "true", "null", "{}", "[]"))
            .Sample(json => SameAcceptance(json, read, equal), iter: 10_000);

    [Fact]
    public void Int32_candidates() => Numbers((ref Utf8JsonReader r) => JsonRead.Int32(ref r));

    [Fact]
    public void UInt32_candidates() => Numbers((ref Utf8JsonReader r) => JsonRead.UInt32(ref r));

    [Fact]
    public void Int64_candidates() => Numbers((ref Utf8JsonReader r) => JsonRead.Int64(ref r));

    [Fact]
    public void UInt64_candidates() => Numbers((ref Utf8JsonReader r) => JsonRead.UInt64(ref r));

    [Fact]
    public void Int16_candidates() => Numbers((ref Utf8JsonReader r) => JsonRead.Int16(ref r));

    [Fact]
    public void UInt16_candidates() => Numbers((ref Utf8JsonReader r) => JsonRead.UInt16(ref r));

    [Fact]
    public void Byte_candidates() => Numbers((ref Utf8JsonReader r) => JsonRead.Byte(ref r));

    [Fact]
    public void SByte_candidates() => Numbers((ref Utf8JsonReader r) => JsonRead.SByte(ref r));

    [Fact]
    public void Double_candidates() => Numbers((ref Utf8JsonReader r) => JsonRead.Double(ref r), (a, b) => a.Equals(b));

    [Fact]
    public void Single_candidates() => Numbers((ref Utf8JsonReader r) => JsonRead.Single(ref r), (a, b) => a.Equals(b));

    [Fact]
    public void Decimal_candidates() => Numbers((ref Utf8JsonReader r) => JsonRead.Decimal(ref r), (a, b) => a == b && a.Scale == b.Scale);

    [Fact]
    public void TimeSpan_candidates() =>
        Candidates("0123456789:.- +", 20).Sample(json => SameAcceptance(json, (ref Utf8JsonReader r) => JsonRead.TimeSpan(ref r)), iter: 10_000);

    [Fact]
    public void TimeOnly_candidates() =>
        Candidates("0123456789:.- ", 18).Sample(json => SameAcceptance(json, (ref Utf8JsonReader r) => JsonRead.TimeOnly(ref r)), iter: 10_000);

    [Fact]
    public void DateOnly_candidates() =>
        Gen.OneOf(Candidates("0123456789-T: ", 12), Gen.Int[1, 9999].Select(y => $"\"{y:0000}-02-29\""), Gen.Int[0, 99].Select(d => $"\"2021-{d / 8:00}-{d % 40:00}\""))
            .Sample(json => SameAcceptance(json, (ref Utf8JsonReader r) => JsonRead.DateOnly(ref r)), iter: 10_000);

    [Fact]
    public void Char_candidates() =>
        Gen.OneOf(Candidates("ab\u00E9\u4E2D", 3), Gen.OneOf<string>("\"\\ud83d\\ude00\"", "\"\uD83D\uDE00\"", "\"\\u0041\"", "\"\"", "1"))
            .Sample(json => SameAcceptance(json, (ref Utf8JsonReader r) => JsonRead.Char(ref r)), iter: 2000);

    [Fact]
    public void Guid_candidates() =>
        Gen.OneOf(
                Gen.Guid.Select(g => "\"" + g.ToString("D") + "\""),
                Gen.Guid.Select(g => "\"" + g.ToString("D").ToUpperInvariant() + "\""),
                Gen.Guid.Select(g => "\"" + g.ToString("B") + "\""),
                Gen.Guid.Select(g => "\"" + g.ToString("N") + "\""),
                Gen.Guid.Select(g => "\"\\u00" + ((int)g.ToString("D")[0]).ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + g.ToString("D")[1..] + "\""))
            .Sample(json => SameAcceptance(json, (ref Utf8JsonReader r) => JsonRead.Guid(ref r)), iter: 2000);

    [Fact]
    public void DateTime_candidates() =>
        Gen.OneOf(Candidates("0123456789-T:.Z+ ", 30), Gen.OneOf<string>("\"2020-01-02\"", "\"2020-01-02T03:04\"", "\"2020-01-02T03:04:05.1234567+01:00\"", "\"2020-01-02T03:04:05Z\"", "\"2020-13-02\""))
            .Sample(
                json =>
                {
                    SameAcceptance(json, (ref Utf8JsonReader r) => JsonRead.DateTime(ref r), (a, b) => a == b && a.Kind == b.Kind);
                    SameAcceptance(json, (ref Utf8JsonReader r) => JsonRead.DateTimeOffset(ref r), (a, b) => a == b && a.Offset == b.Offset);
                },
                iter: 5000);

    [Fact]
    public void Base64_candidates() =>
        Candidates("AQIDBw=+/ _-", 12).Sample(json => SameAcceptance(json, (ref Utf8JsonReader r) => JsonRead.Base64(ref r)!, (a, b) => a.AsSpan().SequenceEqual(b)), iter: 5000);

    [Fact]
    public void Wrong_tokens_are_JsonExceptions()
    {
        foreach (string json in new[] { "true", "1", "\"x\"", "{}", "[]", "null" })
        {
            SameAcceptance(json, (ref Utf8JsonReader r) => JsonRead.Int32(ref r));
            SameAcceptance(json, (ref Utf8JsonReader r) => JsonRead.Boolean(ref r));
            SameAcceptance(json, (ref Utf8JsonReader r) => JsonRead.Guid(ref r));
            SameAcceptance(json, (ref Utf8JsonReader r) => JsonRead.DateTime(ref r));
            SameAcceptance(json, (ref Utf8JsonReader r) => JsonRead.TimeSpan(ref r));
            SameAcceptance(json, (ref Utf8JsonReader r) => JsonRead.Char(ref r));
        }
    }

    [Fact]
    public void Names_compare_like_OrdinalIgnoreCase() =>
        Gen.Select(JsonTestSupport.AnyString.Where(s => s.Length < 12), Gen.Int[0, 3])
            .Sample((s, mode) =>
            {
                string other = mode switch
                {
                    0 => s.ToUpperInvariant(),
                    1 => s.ToLowerInvariant(),
                    2 => s + "x",
                    _ => new string(s.Reverse().ToArray()),
                };
                byte[] a = System.Text.Encoding.UTF8.GetBytes(s);
                byte[] b = System.Text.Encoding.UTF8.GetBytes(other);
                bool expected = string.Equals(System.Text.Encoding.UTF8.GetString(a), System.Text.Encoding.UTF8.GetString(b), StringComparison.OrdinalIgnoreCase);
                Assert.Equal(expected, JsonRead.NameEqualsIgnoreCase(a, b));
            }, iter: 10_000);
}
