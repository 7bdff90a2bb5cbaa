using System.Globalization;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// Half (every bit pattern: subnormals, extremes, -0, NaN and the infinities), Int128 and UInt128 (all 128 bits, the
/// extremes, small values) and Version (2 to 4 components) values, and number texts as they may come in JSON.
/// </summary>
internal static class NumericGenerators
{
    public static readonly Gen<Half> AnyHalf = Gen.Frequency(
        (6, Gen.UShort.Select(BitConverter.UInt16BitsToHalf)),
        (1, Gen.OneOf(Half.MaxValue, Half.MinValue, Half.Epsilon, Half.NegativeZero, Half.Zero, Half.One, Half.NaN, Half.PositiveInfinity, Half.NegativeInfinity)));

    public static readonly Gen<Half> FiniteHalf = AnyHalf.Where(Half.IsFinite);

    public static readonly Gen<Int128> Int128 = Gen.Frequency(
        (4, Gen.Select(Gen.ULong, Gen.ULong).Select(t => new Int128(t.Item1, t.Item2))),
        (2, Gen.Long.Select(l => (Int128)l)),
        (1, Gen.OneOf(System.Int128.MinValue, System.Int128.MaxValue, System.Int128.Zero, System.Int128.NegativeOne)));

    public static readonly Gen<UInt128> UInt128 = Gen.Frequency(
        (4, Gen.Select(Gen.ULong, Gen.ULong).Select(t => new UInt128(t.Item1, t.Item2))),
        (2, Gen.ULong.Select(l => (UInt128)l)),
        (1, Gen.OneOf(System.UInt128.MinValue, System.UInt128.MaxValue, System.UInt128.One)));

    public static readonly Gen<Version> Version = Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue].Array[4]).Select(t => t.Item1 switch
    {
        0 => new Version(t.Item2[0], t.Item2[1]),
        1 => new Version(t.Item2[0], t.Item2[1], t.Item2[2]),
        2 => new Version(t.Item2[0] % 100, t.Item2[1] % 100, t.Item2[2] % 100, t.Item2[3] % 100),
        _ => new Version(t.Item2[0], t.Item2[1], t.Item2[2], t.Item2[3]),
    });

    private static Gen<Dictionary<TKey, TValue>?> DictionaryOf<TKey, TValue>(Gen<TKey> key, Gen<TValue> value)
        where TKey : notnull =>
        Gen.Select(key, value).Array[0, 4].Select(entries =>
        {
            var d = new Dictionary<TKey, TValue>();
            foreach ((TKey k, TValue v) in entries)
            {
                d[k] = v;
            }

            return d;
        }).Null(0.2);

    /// <summary>Web-default values (finite Halves: STJ refuses to write the others without named literals).</summary>
    public static Gen<NumericValues> Values(Gen<Half> half) =>
        from h in half
        from mh in half.Nullable()
        from i in Int128
        from mi in Int128.Nullable()
        from u in UInt128
        from mu in UInt128.Nullable()
        from halves in half.List[0, 4].Null(0.2)
        from ints in Int128.Array[0, 4].Null(0.2)
        from maybeUInts in UInt128.Nullable().List[0, 4].Null(0.2)
        from uintsByName in DictionaryOf(Gen.String[0, 5], UInt128)
        from halvesByInt in DictionaryOf(Int128, half)
        from byHalf in DictionaryOf(AnyHalf, Gen.Int)
        from byUInt in DictionaryOf(UInt128, Gen.String[0, 4])
        from quoted in AnyHalf
        from strict in Int128
        select new NumericValues
        {
            Half = h, MaybeHalf = mh, Int = i, MaybeInt = mi, UInt = u, MaybeUInt = mu, Halves = halves, Ints = ints,
            MaybeUInts = maybeUInts, UIntsByName = uintsByName, HalvesByInt = halvesByInt, ByHalf = byHalf, ByUInt = byUInt,
            QuotedHalf = quoted, StrictInt = strict,
        };

    public static readonly Gen<NumericRecord> Record =
        Gen.Select(Int128, FiniteHalf, UInt128.Nullable()).Select(t => new NumericRecord(t.Item1, t.Item2, t.Item3));

    public static readonly Gen<NumericHolder> Holder =
        Gen.Select(Values(FiniteHalf).Null(0.2), Record.List[0, 3].Null(0.2)).Select(t => new NumericHolder { Inner = t.Item1, Records = t.Item2 });

    /// <summary>The members the option variants share, as (Half, Int, UInt, Halves, Ints).</summary>
    public static Gen<(Half, Int128?, UInt128, List<Half>?, Dictionary<string, Int128>?)> Shared(Gen<Half> half) =>
        Gen.Select(half, Int128.Nullable(), UInt128, half.List[0, 4].Null(0.2), DictionaryOf(Gen.String[0, 4], Int128));

    private static Gen<Page<T>?> PageOf<T>(Gen<T> item) =>
        Gen.Select(Gen.Int[0, 9], item.List[0, 3], item, item.Array[0, 2].Null(0.3), DictionaryOf(Gen.String[0, 3], item))
            .Select(t => new Page<T> { Number = t.Item1, Items = t.Item2, First = t.Item3, Tail = t.Item4, ByKey = t.Item5, Highlight = t.Item3 })
            .Null(0.2);

    public static readonly Gen<NumericPages> Pages =
        Gen.Select(PageOf(FiniteHalf), PageOf(Int128.Nullable()), Gen.Select(Gen.Bool, UInt128).Select(t => new ApiResponse<UInt128>(t.Item1, t.Item2, null)).Null(0.2))
            .Select(t => new NumericPages { Halves = t.Item1, Ints = t.Item2, Response = t.Item3 });

    public static readonly Gen<VersionValues> Versions =
        from v in Version.Null(0.2)
        from vs in Version.Null(0.2).List[0, 4].Null(0.2)
        from byName in DictionaryOf(Gen.String[0, 4], Version.Null(0.2))
        from byVersion in DictionaryOf(Version, Gen.Int)
        select new VersionValues { Version = v, Versions = vs, ByName = byName, ByVersion = byVersion };

    /// <summary>
    /// Texts a number may come as: numbers in every JSON form (exponents, leading zeros, beyond the range of the type),
    /// the names of the non-finite values in several spellings, whitespace, digit groups, signs, hexadecimal, garbage.
    /// </summary>
    public static readonly Gen<string> NumberText = Gen.Frequency(
        (3, Gen.OneOf(
            "0", "-0", "1", "-1", "01", "00", "1.0", "1.5", "-0.0", "1e3", "1E3", "1e+3", "1e-3", "1E-07", "6E-08", "65504", "65519.99",
            "65520", "-65520", "1e10", "-1e10", "1e-10", "5.960464477539063E-08", "2.9802322387695312E-08", ".5", "5.", "+5", "--5",
            "170141183460469231731687303715884105727", "170141183460469231731687303715884105728",
            "-170141183460469231731687303715884105728", "-170141183460469231731687303715884105729",
            "340282366920938463463374607431768211455", "340282366920938463463374607431768211456", "1000000000000000000000000000000000000000000",
            "NaN", "nan", "NAN", "Infinity", "infinity", "-Infinity", "+Infinity", "-infinity", "∞", "-∞",
            " 1", "1 ", " 1 ", "\t2", "1,000", "1,0,0", ",1", "0x10", "1_000", "1e", "e1", "", " ", "-", "1.2.3", "١", "１")),
        (2, Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture))),
        (2, FiniteHalf.Select(h => h.ToString(CultureInfo.InvariantCulture))),
        (2, Int128.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.Char["0123456789+-.eE ,NaIfinty"].Array[1, 12].Select(c => new string(c))));

    /// <summary>A number text as a JSON value: raw (often not valid JSON), quoted, or quoted with an escape.</summary>
    public static readonly Gen<string> NumberToken = Gen.Select(NumberText, Gen.Int[0, 3]).Select(t => t.Item2 switch
    {
        0 => t.Item1.Length == 0 ? "\"\"" : t.Item1,
        1 => "\"" + t.Item1 + "\"",
        2 => t.Item1.Length == 0 ? "\"\\u0020\"" : "\"\\u" + ((int)t.Item1[0]).ToString("x4", CultureInfo.InvariantCulture) + t.Item1[1..] + "\"",
        _ => "\"" + t.Item1.Replace("\"", "\\\"") + "\"",
    });
}
