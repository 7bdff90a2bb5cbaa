using System.Text;
using System.Text.Json;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// The generated fast path (<c>TryReadJsonFast</c> over <see cref="JsonFastReader"/>): what it accepts, it reads to
/// exactly what System.Text.Json reads (value by value, against <see cref="Utf8JsonReader"/>'s own getters), it does
/// accept what STJ writes, and every document it gives up on still reads (or fails) like STJ through the full reader.
/// </summary>
public sealed class FastPathTests
{
    private static readonly VelithonCase Fast = VelithonCatalogue.Get(nameof(FastPoco));

    // ---- it is taken ----

    [Fact]
    public void Documents_STJ_writes_take_the_fast_path_and_read_like_STJ()
    {
        int accepted = 0;
        int total = 0;
        Generators.FastPoco.Where(p => !HasLocalTime(p)).Run(value =>
        {
            byte[] json = Oracle.Serialize(value);
            FastPoco? stj = Oracle.Deserialize<FastPoco>(json);
            var reader = new JsonFastReader(json, 64);
            Interlocked.Increment(ref total);
            if (FastPoco.TryReadJsonFast(ref reader, VelithonJsonOptions.Default, out FastPoco? fast) && reader.AtEnd())
            {
                Interlocked.Increment(ref accepted);
                string? diff = DeepEqual.Diff(stj, fast);
                Assert.True(diff is null, diff + "\nInput: " + Oracle.Text(json));
            }
        }, 2000);

        // Local DateTimes (written with an offset, left out here) and lone surrogates in strings go to the full reader.
        Assert.True(accepted * 2 > total, $"the fast path took only {accepted} of {total} documents");
    }

    private static bool HasLocalTime(FastPoco p) =>
        p.Created.Kind == DateTimeKind.Local || p.MaybeCreated?.Kind == DateTimeKind.Local || (p.Children?.Any(HasLocalTime) ?? false);

    [Fact]
    public void The_benchmark_shape_takes_the_fast_path()
    {
        byte[] json = """{"id":1007,"name":"User Name 7","email":"user7@example.com","score":17.617,"active":true,"created":"2024-01-01T19:49:00Z","views":7000000,"price":26.99,"key":"00000007-0007-0000-0102-030405060708","country":"JP"}"""u8.ToArray();
        var reader = new JsonFastReader(json, 64);
        Assert.True(reader.TryStartObject());
        bool first = true;
        int members = 0;
        while (reader.NextMember(ref first, out ReadOnlySpan<byte> name) == 1)
        {
            members++;
            bool read = Encoding.UTF8.GetString(name) switch
            {
                "id" => reader.TryInt32(out _),
                "views" => reader.TryInt64(out _),
                "score" => reader.TryDouble(out _),
                "price" => reader.TryDecimal(out _),
                "active" => reader.TryBoolean(out _),
                "created" => reader.TryDateTime(out _),
                "key" => reader.TryGuid(out _),
                _ => reader.TryString(out _),
            };
            Assert.True(read, Encoding.UTF8.GetString(name));
        }

        Assert.Equal(10, members);
        Assert.True(reader.AtEnd());
    }

    // ---- value by value against Utf8JsonReader ----

    private static readonly Gen<string> Digits = Gen.Char['0', '9'].Array[1, 24].Select(c => new string(c));

    private static readonly Gen<string> NumberText = Gen.Frequency(
        (6, from minus in Gen.Frequency((3, Gen.Const("")), (1, Gen.Const("-")), (1, Gen.OneOf("+", "--", " ")))
            from integer in Gen.Frequency((3, Digits), (1, Gen.OneOf("0", "00", "01", "")))
            from fraction in Gen.Frequency((3, Gen.Const("")), (2, Digits.Select(d => "." + d)), (1, Gen.OneOf(".", ".0", ".00", ".10")))
            from exponent in Gen.Frequency((4, Gen.Const("")), (1, from e in Gen.OneOf("e", "E", "e+", "e-", "E-") from d in Gen.Frequency((3, Gen.Int[0, 400].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))), (1, Gen.Const(""))) select e + d))
            from tail in Gen.Frequency((8, Gen.Const("")), (1, Gen.OneOf(" ", "x", ".", "e", "0", "\"", ",")))
            select minus + integer + fraction + exponent + tail),
        (2, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.Long.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Generators.Double.Select(d => Oracle.Text(JsonSerializer.SerializeToUtf8Bytes(d)))),
        (2, Generators.Decimal.Select(d => Oracle.Text(JsonSerializer.SerializeToUtf8Bytes(d)))),
        (1, Gen.OneOf("2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "-9223372036854775808", "999999999999999999", "1000000000000000000", "-0", "-0.0", "0e0", "1e400", "-1e400", "1e-400", "79228162514264337593543950335", "79228162514264337593543950336", "0.0000000000000000000000000001", "0.00000000000000000000000000001", "123456789012345678", "1234567890123456789", "18446744073709551615", "18446744073709551616", "99999999999999999999", "100000000000000000000", "255", "256", "-128", "-129", "65535", "65536", "4294967295", "4294967296", "3.4028235E+38", "3.4028236E+38", "1e39", "true", "null", "\"1\"")));

    [Fact]
    public void Numbers_read_like_Utf8JsonReader() => NumberText.Run(text =>
    {
        byte[] json = Encoding.UTF8.GetBytes(text);
        Stj<int>(json, (ref Utf8JsonReader r, out int v) => r.TryGetInt32(out v), (ref JsonFastReader r, out int v) => r.TryInt32(out v), (a, b) => a == b, WrittenByStj<int>(text));
        Stj<long>(json, (ref Utf8JsonReader r, out long v) => r.TryGetInt64(out v), (ref JsonFastReader r, out long v) => r.TryInt64(out v), (a, b) => a == b, WrittenByStj<long>(text));
        Stj<double>(json, (ref Utf8JsonReader r, out double v) => r.TryGetDouble(out v), (ref JsonFastReader r, out double v) => r.TryDouble(out v), (a, b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b), WrittenByStj<double>(text));
        Stj<decimal>(json, (ref Utf8JsonReader r, out decimal v) => r.TryGetDecimal(out v), (ref JsonFastReader r, out decimal v) => r.TryDecimal(out v), (a, b) => decimal.GetBits(a).AsSpan().SequenceEqual(decimal.GetBits(b)), WrittenByStj<decimal>(text));
        Stj<float>(json, (ref Utf8JsonReader r, out float v) => r.TryGetSingle(out v), (ref JsonFastReader r, out float v) => r.TrySingle(out v), (a, b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b), WrittenByStj<float>(text));
        Stj<byte>(json, (ref Utf8JsonReader r, out byte v) => r.TryGetByte(out v), (ref JsonFastReader r, out byte v) => r.TryByte(out v), (a, b) => a == b, WrittenByStj<byte>(text));
        Stj<sbyte>(json, (ref Utf8JsonReader r, out sbyte v) => r.TryGetSByte(out v), (ref JsonFastReader r, out sbyte v) => r.TrySByte(out v), (a, b) => a == b, WrittenByStj<sbyte>(text));
        Stj<short>(json, (ref Utf8JsonReader r, out short v) => r.TryGetInt16(out v), (ref JsonFastReader r, out short v) => r.TryInt16(out v), (a, b) => a == b, WrittenByStj<short>(text));
        Stj<ushort>(json, (ref Utf8JsonReader r, out ushort v) => r.TryGetUInt16(out v), (ref JsonFastReader r, out ushort v) => r.TryUInt16(out v), (a, b) => a == b, WrittenByStj<ushort>(text));
        Stj<uint>(json, (ref Utf8JsonReader r, out uint v) => r.TryGetUInt32(out v), (ref JsonFastReader r, out uint v) => r.TryUInt32(out v), (a, b) => a == b, WrittenByStj<uint>(text));
        Stj<ulong>(json, (ref Utf8JsonReader r, out ulong v) => r.TryGetUInt64(out v), (ref JsonFastReader r, out ulong v) => r.TryUInt64(out v), (a, b) => a == b, WrittenByStj<ulong>(text));
    }, 20_000, print: t => t);

    [Fact]
    public void Common_numbers_take_the_fast_path()
    {
        Gen.Int.Run(i => Assert.True(FastAccepts(i, (ref JsonFastReader r) => r.TryInt32(out int v) && v == i)), 2000);
        Gen.Long.Run(l => Assert.True(FastAccepts(l, (ref JsonFastReader r) => r.TryInt64(out long v) && v == l)), 2000);
        Gen.OneOf(long.MinValue, long.MaxValue, long.MinValue + 1, long.MaxValue - 1).Run(l => Assert.True(FastAccepts(l, (ref JsonFastReader r) => r.TryInt64(out long v) && v == l)));
        Gen.Double.Where(double.IsFinite).Run(d => Assert.True(FastAccepts(d, (ref JsonFastReader r) => r.TryDouble(out double v) && v.Equals(d))), 2000);
        Generators.Decimal.Run(d => Assert.True(FastAccepts(d, (ref JsonFastReader r) => r.TryDecimal(out decimal v) && v == d)), 2000);
        Generators.Single.Run(f => Assert.True(FastAccepts(f, (ref JsonFastReader r) => r.TrySingle(out float v) && v.Equals(f))), 2000);
        Gen.Byte.Run(n => Assert.True(FastAccepts(n, (ref JsonFastReader r) => r.TryByte(out byte v) && v == n)), 500);
        Gen.SByte.Run(n => Assert.True(FastAccepts(n, (ref JsonFastReader r) => r.TrySByte(out sbyte v) && v == n)), 500);
        Gen.Short.Run(n => Assert.True(FastAccepts(n, (ref JsonFastReader r) => r.TryInt16(out short v) && v == n)), 1000);
        Gen.UShort.Run(n => Assert.True(FastAccepts(n, (ref JsonFastReader r) => r.TryUInt16(out ushort v) && v == n)), 1000);
        Gen.UInt.Run(n => Assert.True(FastAccepts(n, (ref JsonFastReader r) => r.TryUInt32(out uint v) && v == n)), 2000);
        Gen.ULong.Run(n => Assert.True(FastAccepts(n, (ref JsonFastReader r) => r.TryUInt64(out ulong v) && v == n)), 2000);
    }

    private static readonly Gen<byte[]> StringBytes = Gen.Frequency(
        (4, Generators.String.Select(s => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(s)))),
        (4, Gen.Frequency(
                (6, Gen.Byte[(byte)'a', (byte)'z']),
                (2, Gen.OneOf((byte)'\\', (byte)'"', (byte)'u', (byte)'n', (byte)'/', (byte)'0', (byte)'D', (byte)'8', (byte)'C')),
                (1, Gen.Byte))
            .Array[0, 16]
            .Select(b => (byte[])[(byte)'"', .. b, (byte)'"'])),
        (1, Gen.OneOf(@"""\uD800""", @"""\uD83D\uDE00""", @"""\uDE00""", @"""\uD83D\u0041""", @"""\u00""", @"""\x""", @"""\""", @"""\\""", @"""\/\b\f\n\r\t""", @"""\u0000""", "\"\u00e9\"", "\"a\tb\"", "null", "nul", "\"").Select(Encoding.UTF8.GetBytes)));

    [Fact]
    public void Strings_read_like_Utf8JsonReader() => StringBytes.Run(json =>
        Stj<string?>(
            json,
            (ref Utf8JsonReader r, out string? v) =>
            {
                try
                {
                    v = r.TokenType is JsonTokenType.String or JsonTokenType.Null ? r.GetString() : null;
                    return r.TokenType is JsonTokenType.String or JsonTokenType.Null;
                }
                catch (InvalidOperationException)
                {
                    v = null;
                    return false;
                }
            },
            (ref JsonFastReader r, out string? v) => r.TryString(out v),
            string.Equals,
            v => JsonSerializer.SerializeToUtf8Bytes(v).AsSpan().SequenceEqual(json) && !HasLoneSurrogate(v)), 20_000, print: b => Oracle.Text(b));

    // STJ writes a lone surrogate as \uFFFD, which reads back as another string; the fast path leaves those alone.
    private static bool HasLoneSurrogate(string? s)
    {
        for (int i = 0; s is not null && i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly Gen<string> DateText =
        from year in Gen.Frequency((4, Gen.Int[1, 9999]), (1, Gen.Int[0, 10000]))
        from month in Gen.Frequency((4, Gen.Int[1, 12]), (1, Gen.Int[0, 99]))
        from day in Gen.Frequency((4, Gen.Int[1, 28]), (2, Gen.Int[28, 31]), (1, Gen.Int[0, 99]))
        from hour in Gen.Frequency((4, Gen.Int[0, 23]), (1, Gen.Int[0, 99]))
        from minute in Gen.Frequency((4, Gen.Int[0, 59]), (1, Gen.Int[0, 99]))
        from second in Gen.Frequency((4, Gen.Int[0, 59]), (1, Gen.Int[0, 99]))
        from fraction in Gen.Frequency((3, Gen.Const("")), (3, Gen.Char['0', '9'].Array[1, 9].Select(c => "." + new string(c))), (1, Gen.OneOf(".", ",5")))
        from zone in Gen.Frequency((3, Gen.Const("")), (3, Gen.Const("Z")), (1, Gen.OneOf("z", "+01:00", "-05:30", "+00:00", "+25:00", " ")))
        from separator in Gen.Frequency((8, Gen.Const("T")), (1, Gen.OneOf("t", " ")))
        select FormattableString.Invariant($"\"{year:D4}-{month:D2}-{day:D2}{separator}{hour:D2}:{minute:D2}:{second:D2}{fraction}{zone}\"");

    [Fact]
    public void DateTimes_read_like_Utf8JsonReader() => Gen.Frequency(
            (4, DateText),
            (2, Generators.DateTime.Select(d => Oracle.Text(JsonSerializer.SerializeToUtf8Bytes(d)))),
            (1, Gen.OneOf("\"2024-01-01\"", "\"2024-01-01T00:00\"", "\"2024-02-29T00:00:00\"", "\"2023-02-29T00:00:00\"", "\"2024-01-01T24:00:00\"", "\"2024-01-01T23:59:60\"", "\"\\u0032024-01-01T00:00:00\"", "\"0001-01-01T00:00:00\"", "\"9999-12-31T23:59:59.9999999Z\"")))
        .Run(text => Stj<DateTime>(
            Encoding.UTF8.GetBytes(text),
            (ref Utf8JsonReader r, out DateTime v) =>
            {
                v = default;
                return r.TokenType == JsonTokenType.String && r.TryGetDateTime(out v);
            },
            (ref JsonFastReader r, out DateTime v) => r.TryDateTime(out v),
            (a, b) => a.Ticks == b.Ticks && a.Kind == b.Kind,
            v => v.Kind != DateTimeKind.Local && WrittenByStj<DateTime>(text)(v)), 20_000, print: t => t);

    [Fact]
    public void DateTimeOffsets_read_like_Utf8JsonReader() => Gen.Frequency(
            (4, DateText),
            (2, Generators.DateTimeOffset.Select(d => Oracle.Text(JsonSerializer.SerializeToUtf8Bytes(d)))),
            (1, Gen.OneOf("\"2024-01-01T00:00:00+14:00\"", "\"2024-01-01T00:00:00-14:00\"", "\"2024-01-01T00:00:00+14:01\"", "\"2024-01-01T00:00:00+13:60\"", "\"2024-01-01T00:00:00-00:00\"", "\"2024-01-01T00:00:00+0100\"", "\"2024-01-01T00:00:00+01\"", "\"0001-01-01T00:00:00+00:01\"", "\"0001-01-01T00:00:00-00:01\"", "\"9999-12-31T23:59:59.9999999-00:01\"", "\"9999-12-31T23:59:59.9999999+00:01\"", "\"2024-01-01T00:00:00Z\"")))
        .Run(text => Stj<DateTimeOffset>(
            Encoding.UTF8.GetBytes(text),
            (ref Utf8JsonReader r, out DateTimeOffset v) =>
            {
                v = default;
                return r.TokenType == JsonTokenType.String && r.TryGetDateTimeOffset(out v);
            },
            (ref JsonFastReader r, out DateTimeOffset v) => r.TryDateTimeOffset(out v),
            (a, b) => a.Ticks == b.Ticks && a.Offset == b.Offset,
            WrittenByStj<DateTimeOffset>(text)), 20_000, print: t => t);

    [Fact]
    public void DateTimeOffsets_take_the_fast_path() => Generators.DateTimeOffset.Run(d =>
        Assert.True(FastAccepts(d, (ref JsonFastReader r) => r.TryDateTimeOffset(out DateTimeOffset v) && v.Ticks == d.Ticks && v.Offset == d.Offset)), 5000);

    [Fact]
    public void Documents_STJ_writes_for_the_other_scalars_take_the_fast_path() => Generators.FastScalars.Run(value =>
    {
        byte[] json = Oracle.Serialize(value);
        var reader = new JsonFastReader(json, 64);
        Assert.True(FastScalars.TryReadJsonFast(ref reader, VelithonJsonOptions.Default, out FastScalars? fast) && reader.AtEnd(), Oracle.Text(json));
        string? diff = DeepEqual.Diff(Oracle.Deserialize<FastScalars>(json), fast);
        Assert.True(diff is null, diff + "\nInput: " + Oracle.Text(json));
    }, 2000);

    private static readonly VelithonCase FastScalarsCase = VelithonCatalogue.Get(nameof(FastScalars));

    // Enum names the fast path leaves to the full reader (other case, padding, escapes, flag lists, numbers, unknown
    // names) and the ones it takes: either way the result (or the error) is STJ's.
    [Theory]
    [InlineData("""{"suit":"Hearts","namedColor":"Blue","grants":["ReadWrite","Admin"]}""")]
    [InlineData("""{"suit":"hearts"}""")]
    [InlineData("""{"suit":" Hearts "}""")]
    [InlineData("""{"suit":"H\u0065arts"}""")]
    [InlineData("""{"suit":3}""")]
    [InlineData("""{"suit":"3"}""")]
    [InlineData("""{"grants":["Read, Write","Execute,"]}""")]
    [InlineData("""{"namedColor":"Negative","maybeSuit":null}""")]
    [InlineData("""{"color":-3,"wide":-9223372036854775808,"maybeColor":7}""")]
    [InlineData("""{"suit":"Jokers"}""")]
    [InlineData("""{"suit":""}""")]
    [InlineData("""{"suit":null}""")]
    [InlineData("""{"color":"Red"}""")]
    [InlineData("""{"color":1.0}""")]
    [InlineData("""{"uInt64":-0,"byte":256}""")]
    public void Enum_and_integer_edges_read_like_STJ(string json)
    {
        byte[] bytes = TestInputs.Utf8WithRawBytes(json);
        bool stjReads;
        try
        {
            Oracle.Deserialize<FastScalars>(bytes);
            stjReads = true;
        }
        catch (JsonException)
        {
            stjReads = false;
        }

        if (stjReads)
        {
            FastScalarsCase.ReadsLikeStj(bytes);
        }
        else
        {
            FastScalarsCase.FailsLikeStj(bytes);
        }
    }

    [Fact]
    public void Common_DateTimes_take_the_fast_path() => Generators.DateTime.Where(d => d.Kind != DateTimeKind.Local).Run(d =>
        Assert.True(FastAccepts(d, (ref JsonFastReader r) => r.TryDateTime(out DateTime v) && v.Ticks == d.Ticks && v.Kind == d.Kind)), 5000);

    [Fact]
    public void Guids_read_like_Utf8JsonReader() => Gen.Frequency(
            (3, Gen.Guid.Select(g => "\"" + g.ToString("D") + "\"")),
            (1, Gen.Guid.Select(g => "\"" + g.ToString("D").ToUpperInvariant() + "\"")),
            (1, Gen.Guid.Select(g => "\"" + g.ToString("B") + "\"")),
            (1, Gen.Guid.Select(g => "\"" + g.ToString("N") + "\"")),
            (2, from g in Gen.Guid from at in Gen.Int[0, 35] from c in Gen.OneOf('g', '-', '"', '\\', ' ', 'F', '0', 'a', 'f', 'A', 'G', '/', ':', '@', '`', '9') select "\"" + g.ToString("D").Remove(at, 1).Insert(at, c.ToString()) + "\""),
            (1, Gen.Guid.Select(g => "\"" + g.ToString("D") + "x\"")))
        .Run(text => Stj<Guid>(
            Encoding.UTF8.GetBytes(text),
            (ref Utf8JsonReader r, out Guid v) =>
            {
                v = default;
                return r.TokenType == JsonTokenType.String && r.TryGetGuid(out v);
            },
            (ref JsonFastReader r, out Guid v) => r.TryGuid(out v),
            (a, b) => a == b,
            v => WrittenByStj<Guid>(text)(v) || WrittenByStj<Guid>(text.ToLowerInvariant())(v)), 10_000, print: t => t);

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData(" true ")]
    [InlineData("\r\n\tfalse")]
    [InlineData("tru")]
    [InlineData("truex")]
    [InlineData("False")]
    [InlineData("null")]
    [InlineData("1")]
    public void Booleans_read_like_Utf8JsonReader(string text) => Stj<bool>(
        Encoding.UTF8.GetBytes(text),
        (ref Utf8JsonReader r, out bool v) =>
        {
            v = r.TokenType == JsonTokenType.True;
            return r.TokenType is JsonTokenType.True or JsonTokenType.False;
        },
        (ref JsonFastReader r, out bool v) => r.TryBoolean(out v),
        (a, b) => a == b,
        _ => true); // every literal Utf8JsonReader reads, with any whitespace around it

    // ---- whole documents: the fast path's give-ups still read like STJ ----

    [Theory]
    [InlineData("""{"id":1,"name":"a"}""")]
    [InlineData("""{}""")]
    [InlineData(""" { "id" : 1 , "name" : "a" } """)]
    [InlineData("{\n\t\"id\":\r\n1}")]
    [InlineData("""{"ID":1,"NaMe":"a","PRICE":1.50}""")]
    [InlineData("""{"name":"a","id":1,"views":2,"score":1.5}""")]
    [InlineData("""{"id":1,"id":2,"name":"a","name":null}""")]
    [InlineData("""{"home":{"street":"s","zip":1},"home":null}""")]
    [InlineData("""{"i\u0064":5}""")]
    [InlineData("""{"\u0069d":5,"n\u0061me":"x"}""")]
    [InlineData("""{"id":"5","views":"-7","score":"1.5","price":"2.50","maybeId":"3"}""")]
    [InlineData("""{"score":"NaN"}""")]
    [InlineData("""{"score":"-Infinity"}""")]
    [InlineData("""{"id":2147483648}""")]
    [InlineData("""{"views":9223372036854775807}""")]
    [InlineData("""{"views":9223372036854775808}""")]
    [InlineData("""{"views":-9223372036854775808}""")]
    [InlineData("""{"score":1e400,"price":79228162514264337593543950335}""")]
    [InlineData("""{"price":79228162514264337593543950336}""")]
    [InlineData("""{"price":1.0000000000000000000000000001}""")]
    [InlineData("""{"price":-0,"score":-0}""")]
    [InlineData("""{"price":1.10,"score":1.10}""")]
    [InlineData("""{"price":1e2}""")]
    [InlineData("""{"name":"a\"b\\c\/d\u00e9\uD83D\uDE00\n"}""")]
    [InlineData("""{"name":"\uD800"}""")]
    [InlineData("""{"name":"\uDC00x"}""")]
    [InlineData("""{"name":"a\xFFb"}""")]
    [InlineData("""{"name":"\xC3\xA9"}""")]
    [InlineData("""{"name":"\xED\xA0\x80"}""")]
    [InlineData("""{"country":"\u00e9t\u00e9","name":"\u00e9t\u00e9"}""")]
    [InlineData("""{"unknown":[1,{"a":2}],"id":1}""")]
    [InlineData("""{"id":1,"unknown":"\xFF"}""")]
    [InlineData("""{"zz":"\uD800","id":1}""")]
    [InlineData("""{"zz":"\u00e9\n","id":1}""")]
    [InlineData("""{"zz":"\q","id":1}""")]
    [InlineData("""{"zz":"\u12","id":1}""")]
    [InlineData("""{"zz":{"a":[1,{"b":null}],"c":"\u0041","d":true},"id":1}""")]
    [InlineData("""{"zz":[1,2,],"id":1}""")]
    [InlineData("""{"zz":{"a" 1},"id":1}""")]
    [InlineData("""{"zz":{"a\u0062":1},"id":1}""")]
    [InlineData("""{"zz":01}""")]
    [InlineData("""{"zz":1.e5}""")]
    [InlineData("""{"zz":-1.5e-7,"id":1}""")]
    [InlineData("""{"zz":-}""")]
    [InlineData("""{"zz":truex}""")]
    [InlineData("""{"zz":[[[[[]]]]],"id":1}""")]
    [InlineData("""{"zz":"a\tb"}""")]
    [InlineData("""{"zz":}""")]
    [InlineData("""{"zz":1""")]
    [InlineData("""{"created":"2024-01-01T08:30:00+01:00"}""")]
    [InlineData("""{"created":"2024-01-01T08:30:00.123456789Z"}""")]
    [InlineData("""{"created":"2024-01-01"}""")]
    [InlineData("""{"maybeCreated":null,"maybeId":null,"home":null,"homes":null,"numbers":null,"tags":null,"children":null}""")]
    [InlineData("""{"homes":[null,{"street":null,"city":"c","zip":2},null],"numbers":[],"tags":["a",null]}""")]
    [InlineData("""{"corner":{"x":1,"y":2},"children":[{"id":3,"children":[]},{}]}""")]
    [InlineData("""{"corner":null}""")]
    [InlineData("""{"numbers":[1,2,]}""")]
    [InlineData("""{"numbers":[,1]}""")]
    [InlineData("""{"numbers":[1 2]}""")]
    [InlineData("""{"numbers":[01]}""")]
    [InlineData("""{"numbers":{}}""")]
    [InlineData("""{"id":1,}""")]
    [InlineData("""{"zz":1"id":2}""")]
    [InlineData("""{,"id":1}""")]
    [InlineData("""{"id":1,,"views":2}""")]
    [InlineData("""{"id":1"views":2}""")]
    [InlineData("""{"id":1 ,"views":2}""")]
    [InlineData("""{"id":1, "views":2}""")]
    [InlineData("""{"id":1,"views" :2}""")]
    [InlineData("""{"id":1,"views":2,"id":3,"views":4}""")]
    [InlineData("""{"views":2,"id":1,"views":3,"score":1.5}""")]
    [InlineData("""{"id":1,"views":2,"score":1.5,"price":2.50,"active":true,"name":"n","key":"00000007-0007-0000-0102-030405060708","created":"2024-01-01T08:30:00Z","maybeId":null,"maybeCreated":null}""")]
    [InlineData("""{"id" 1}""")]
    [InlineData("""{"id":1 "name":"a"}""")]
    [InlineData("""{"id":-}""")]
    [InlineData("""{"id":1.}""")]
    [InlineData("""{"id":1.5}""")]
    [InlineData("""{"id":1e1}""")]
    [InlineData("""{"id":+1}""")]
    [InlineData("""{"active":tru}""")]
    [InlineData("""{"active":truee}""")]
    [InlineData("""{"name":nul}""")]
    [InlineData("""{"key":"00000007-0007-0000-0102-030405060708x"}""")]
    [InlineData("""{"key":"{00000007-0007-0000-0102-030405060708}"}""")]
    [InlineData("""{"name":"a	b"}""")]
    [InlineData("""{"id":1}x""")]
    [InlineData("""{"id":1}{}""")]
    [InlineData("""{"id":1}  """)]
    [InlineData("""{"id":1}/**/""")]
    [InlineData("""{/**/"id":1}""")]
    [InlineData("""{'id':1}""")]
    [InlineData("\xEF\xBB\xBF{\"id\":1}")]
    [InlineData("""null""")]
    [InlineData("""[]""")]
    public void Edge_documents_read_like_STJ(string json) => Fast.ReadsLikeStj(TestInputs.Utf8WithRawBytes(json));

    [Theory]
    [InlineData("""{"id":2147483648}""")]
    [InlineData("""{"id":1,"numbers":[1,"x"]}""")]
    [InlineData("""{"children":[{"children":[{"score":true}]}]}""")]
    [InlineData("""{"numbers":[1,2,]}""")]
    [InlineData("""{"name":"\uD800"}""")]
    [InlineData("""{"name":"a\xFFb"}""")]
    [InlineData("{\n  \"id\": 1,\n  \"created\": \"2024-13-01T00:00:00\"\n}")]
    public void Bad_documents_fail_like_STJ(string json) => Fast.FailsLikeStj(TestInputs.Utf8WithRawBytes(json));

    [Theory]
    [InlineData("""{"zz":1"id":2}""")]
    [InlineData("""{"id":1"views":2}""")]
    [InlineData("""{,"id":1}""")]
    [InlineData("""{"id":1,,"views":2}""")]
    public void Missing_or_extra_separators_are_left_to_the_full_reader(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        var reader = new JsonFastReader(utf8, 64);
        Assert.False(FastPoco.TryReadJsonFast(ref reader, VelithonJsonOptions.Default, out _));
    }

    [Fact]
    public void An_expected_member_run_matches_only_with_its_separator()
    {
        // The first member's run has no comma, the others' one. A run with the other separator, or whitespace around
        // the separator or the colon, falls back to comparing the quoted name (still "expected", 2); a run never
        // stands in for a missing comma.
        var reader = new JsonFastReader("{\"a\":1,\"b\":2 , \"c\" : 3,\"d\":4}"u8, 64);
        Assert.True(reader.TryStartObject());
        bool first = true;
        Assert.Equal(2, reader.NextMember(ref first, ",\"a\":"u8, out ReadOnlySpan<byte> name));
        Assert.True(name.IsEmpty);
        Assert.False(first);
        Assert.True(reader.TryInt32(out _));
        Assert.Equal(2, reader.NextMember(ref first, "\"b\":"u8, out _));
        Assert.True(reader.TryInt32(out _));
        Assert.Equal(2, reader.NextMember(ref first, ",\"c\":"u8, out _));
        Assert.True(reader.TryInt32(out int c));
        Assert.Equal(3, c);
        Assert.Equal(1, reader.NextMember(ref first, ",\"x\":"u8, out name));
        Assert.Equal("d", Encoding.UTF8.GetString(name));
        Assert.True(reader.TryInt32(out _));
        Assert.Equal(0, reader.NextMember(ref first, default, out _));

        var missingComma = new JsonFastReader("{\"a\":1\"b\":2}"u8, 64);
        Assert.True(missingComma.TryStartObject());
        first = true;
        Assert.Equal(2, missingComma.NextMember(ref first, "\"a\":"u8, out _));
        Assert.True(missingComma.TryInt32(out _));
        Assert.Equal(-1, missingComma.NextMember(ref first, "\"b\":"u8, out _));

        var leadingComma = new JsonFastReader("{,\"a\":1}"u8, 64);
        Assert.True(leadingComma.TryStartObject());
        first = true;
        Assert.Equal(-1, leadingComma.NextMember(ref first, ",\"a\":"u8, out _));
    }

    // ---- unknown members (skipped on the fast path) and members in any order ----

    private static readonly Gen<byte[]> Utf8Text = Gen.OneOf(
        "true", "false", "null", "tru", "nul", "nulll", "[", "{", "]", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[,]",
        "{\"a\\u0062\":1}", "{\"a\\x\":1}", "{\"a\":1 \"b\":2}", "{1:2}", " [ 1 , { \"a\" : [ ] } ] ", "\"\\uD83D\\uDE00\"", "\"\\uDE00\"",
        "\"00000007-0007-0000-0102-030405060708\"", "\"2024-01-01T00:00:00Z\"", "-", "1.", "01", "1e", "[1 2]", "\"a\tb\"", "'a'", "/**/1")
        .Select(Encoding.UTF8.GetBytes);

    private static Gen<byte[]> UnknownValue(int level) => Gen.Frequency(
        (3, NumberText.Select(Encoding.UTF8.GetBytes)),
        (3, StringBytes),
        (2, Utf8Text),
        (2, level >= 3 ? Gen.Const("[]"u8.ToArray()) : UnknownValue(level + 1).Array[0, 4].Select(items => Join("["u8, items, "]"u8))),
        (2, level >= 3 ? Gen.Const("{}"u8.ToArray()) :
            Gen.Select(Gen.OneOf("a", "id", "name", "b c", "\u00e9", "\\u0061", "\\"), UnknownValue(level + 1))
                .Select((name, value) => (byte[])[.. Encoding.UTF8.GetBytes("\"" + name + "\":"), .. value])
                .Array[0, 4].Select(members => Join("{"u8, members, "}"u8))));

    private static byte[] Join(ReadOnlySpan<byte> open, byte[][] items, ReadOnlySpan<byte> close)
    {
        var bytes = new List<byte>(open.ToArray());
        for (int i = 0; i < items.Length; i++)
        {
            if (i != 0)
            {
                bytes.Add((byte)',');
            }

            bytes.AddRange(items[i]);
        }

        bytes.AddRange(close.ToArray());
        return [.. bytes];
    }

    // STJ's document for the value, its members shuffled (or not), with an unknown member inserted somewhere.
    private static byte[] WithUnknownMember(byte[] json, string name, byte[] unknown, int seed, bool shuffle)
    {
        var random = new Random(seed);
        List<byte[]> members = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject()
            .Select(m => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(m.Key) + ":" + (m.Value?.ToJsonString() ?? "null")))
            .ToList();
        if (shuffle)
        {
            members = [.. members.OrderBy(_ => random.Next())];
        }

        members.Insert(random.Next(members.Count + 1), [.. Encoding.UTF8.GetBytes("\"" + name + "\":"), .. unknown]);
        return Join("{"u8, [.. members], "}"u8);
    }

    [Fact]
    public void Unknown_members_and_any_member_order_read_like_STJ()
    {
        int valid = 0;
        int fast = 0;
        Gen.Select(
                Generators.FastPoco.Where(p => !HasLocalTime(p)),
                Gen.OneOf("zz", "extra", "idd", "nam", "x_y", "ke"),
                UnknownValue(0),
                Gen.Int,
                Gen.Bool)
            .Run(t =>
            {
                (FastPoco value, string name, byte[] unknown, int seed, bool shuffle) = t;
                AssertFastPathAgreesWithStj(WithUnknownMember(Oracle.Serialize(value), name, unknown, seed, shuffle), ref fast, ref valid);
            }, 3000);

        // Lone surrogates, escapes the fast path does not unescape in names, and the like go to the full reader.
        Assert.True(fast * 2 > valid, $"the fast path took only {fast} of {valid} documents STJ reads");
    }

    [Fact]
    public void Any_whitespace_between_tokens_reads_like_STJ()
    {
        // Runs of every length (the reader skips long ones a vector at a time), of the four whitespace bytes, sometimes
        // broken by a control byte JSON does not allow there, around every structural character.
        Gen<string> run = Gen.Frequency(
            (4, Gen.Const(string.Empty)),
            (3, Gen.OneOf(" ", "\n", "\r\n", "\t")),
            (3, Gen.Int[1, 80].Select(n => "\n" + new string(' ', n))),
            (2, Gen.Char[" \t\n\r"].Array[2, 90].Select(chars => new string(chars))),
            (1, Gen.Select(Gen.Char[" \t\n\r"].Array[0, 40], Gen.OneOf('\f', '\v', '\u0000', '\u001f', '\u00a0'), Gen.Char[" \n"].Array[0, 40])
                .Select((before, bad, after) => new string(before) + bad + new string(after))));
        int fast = 0;
        int valid = 0;
        Gen.Select(Generators.FastPoco.Where(p => !HasLocalTime(p)), run.Array[64]).Run(t =>
        {
            (FastPoco value, string[] runs) = t;
            AssertFastPathAgreesWithStj(Respaced(Oracle.Serialize(value), runs), ref fast, ref valid);
        }, 2000);

        Assert.True(fast * 2 > valid, $"the fast path took only {fast} of {valid} documents STJ reads");
    }

    // What the fast path alone accepts, STJ reads, to the same value; and the whole entry point reads (or fails) like
    // STJ. Counts the documents the fast path took and those STJ reads.
    private static void AssertFastPathAgreesWithStj(byte[] json, ref int fast, ref int valid)
    {
        var reader = new JsonFastReader(json, 64);
        bool accepted = FastPoco.TryReadJsonFast(ref reader, VelithonJsonOptions.Default, out FastPoco? read) && reader.AtEnd();
        FastPoco? stj = null;
        bool stjReads = true;
        try
        {
            stj = Oracle.Deserialize<FastPoco>(json);
        }
        catch (JsonException)
        {
            stjReads = false;
        }

        if (accepted)
        {
            Assert.True(stjReads, "the fast path read a document STJ rejects: " + Oracle.Text(json));
            string? diff = DeepEqual.Diff(stj, read);
            Assert.True(diff is null, diff + "\nInput: " + Oracle.Text(json));
            Interlocked.Increment(ref fast);
        }

        if (stjReads)
        {
            Interlocked.Increment(ref valid);
        }

        Fast.ReadsLikeStj(json);
    }

    // The runs, in turn, before and after every structural character outside strings, and at both ends.
    private static byte[] Respaced(byte[] json, string[] runs)
    {
        var text = new StringBuilder();
        int next = 0;
        string Run() => runs[next++ % runs.Length];
        bool inString = false;
        text.Append(Run());
        string source = Encoding.UTF8.GetString(json);
        for (int i = 0; i < source.Length; i++)
        {
            char c = source[i];
            if (inString)
            {
                text.Append(c);
                if (c == '\\')
                {
                    text.Append(source[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                text.Append(c);
            }
            else if (c is '{' or '}' or '[' or ']' or ',' or ':')
            {
                text.Append(Run()).Append(c).Append(Run());
            }
            else
            {
                text.Append(c);
            }
        }

        return Encoding.UTF8.GetBytes(text.Append(Run()).ToString());
    }

    [Fact]
    public void Every_truncation_fails_like_STJ()
    {
        FastPoco value = Generators.FastPoco.Where(p => p.Home is not null && p.Homes is { Count: > 0 } && p.Numbers is { Length: > 0 } && p.Children is { Count: > 0 } && p.Created.Kind != DateTimeKind.Local).Single(p => true, seed: "0000000000001");
        byte[] json = Oracle.Serialize(value);
        // Through the span entry point (a split sequence reports some split literals differently, before and after this path).
        for (int length = 0; length < json.Length; length++)
        {
            byte[] prefix = json[..length];
            JsonException stj = Assert.ThrowsAny<JsonException>(() => Oracle.Deserialize<FastPoco>(prefix));
            JsonException velithon = Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<FastPoco>(prefix));
            Assert.Equal(stj.Message, velithon.Message);
            Assert.Equal(stj.Path, velithon.Path);
            Assert.Equal(stj.BytePositionInLine, velithon.BytePositionInLine);
        }
    }

    [Fact]
    public void Depth_limit_applies_on_the_fast_path()
    {
        // Each level is an object and an array: 32 levels reach depth 64, 33 go past it.
        static byte[] Nested(int levels) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"children\":[", levels)) + "{}" + string.Concat(Enumerable.Repeat("]}", levels)));
        Fast.ReadsLikeStj(Nested(31));
        Fast.FailsLikeStj(Nested(32));
        Fast.FailsLikeStj(Nested(33));
        Assert.NotNull(VelithonJson.Deserialize<FastPoco>(Nested(31)));
        Assert.NotNull(VelithonJson.Deserialize<FastPoco>(Nested(40), new VelithonJsonOptions { MaxDepth = 128 }));
    }

    private delegate bool StjGetter<T>(ref Utf8JsonReader reader, out T value);

    private delegate bool FastGetter<T>(ref JsonFastReader reader, out T value);

    private delegate bool FastCheck(ref JsonFastReader reader);

    // The fast reader may give up on anything, but what it reads must be one whole token that Utf8JsonReader reads,
    // through the getter STJ's converter uses, to the same value. And it must not give up on what it is there for:
    // mustRead says, for the value Utf8JsonReader read, whether the text is a form the fast path takes (the form STJ
    // writes, as a rule).
    private static void Stj<T>(byte[] json, StjGetter<T> stj, FastGetter<T> fast, Func<T, T, bool> same, Func<T, bool> mustRead)
    {
        var reader = new Utf8JsonReader(json);
        T stjValue = default!;
        bool ok;
        try
        {
            ok = reader.Read() && stj(ref reader, out stjValue) && !reader.Read();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Invalid JSON, or a token of another kind (a getter's InvalidOperationException).
            ok = false;
        }

        var fastReader = new JsonFastReader(json, 64);
        if (!fast(ref fastReader, out T fastValue) || !fastReader.AtEnd())
        {
            Assert.False(ok && mustRead(stjValue), $"the fast path gave up on {Oracle.Text(json)}, which it must read (Utf8JsonReader: {stjValue})");
            return;
        }

        Assert.True(ok, $"the fast path read {Oracle.Text(json)} as {fastValue}; Utf8JsonReader does not read it as a {typeof(T).Name}");
        Assert.True(same(stjValue, fastValue), $"{Oracle.Text(json)}: Utf8JsonReader {stjValue}, the fast path {fastValue}");
    }

    // Whether the text is what STJ writes for the value (nothing, for the infinities a float reads as).
    private static Func<T, bool> WrittenByStj<T>(string text) => value =>
    {
        try
        {
            return JsonSerializer.Serialize(value) == text;
        }
        catch (ArgumentException)
        {
            return false;
        }
    };

    private static bool FastAccepts<T>(T value, FastCheck check)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web);
        var reader = new JsonFastReader(json, 64);
        return check(ref reader) && reader.AtEnd();
    }
}
