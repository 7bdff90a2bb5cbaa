using System.Collections.Immutable;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>CsCheck generators for every catalogue type: full Unicode, extreme numbers, all DateTimeKinds, nulls, deep nesting.</summary>
internal static class Generators
{
    // ---- strings ----
    private static readonly Gen<string> Ascii = Gen.Char['\0', '\x7F'].Array[0, 24].Select(chars => new string(chars));

    private static readonly Gen<int> ScalarValue = Gen.Frequency(
        (3, Gen.Int[0x80, 0x7FF]),
        (3, Gen.Int[0x800, 0xFFFF].Where(c => c is < 0xD800 or > 0xDFFF)),
        (3, Gen.Int[0x10000, 0x10FFFF]),
        (1, Gen.Int[0, 0x7F]));

    private static readonly Gen<string> Unicode = ScalarValue.Array[0, 12].Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32)));

    private static readonly Gen<string> Special = Gen.OneOf(
        "", " ", "<script>alert('x')</script>", "a&b+c`d\\e\"f/g", "\u2028\u2029", "\uFEFF\u00A0\u00AD",
        "\U0001F600\U0001F469\u200D\U0001F4BB", "\t\r\n\b\f\u0000\u001F\u007F", "caf\u00E9 na\u0131ve \u00DF", "null", "123", "\"");

    private static readonly Gen<string> Long = Gen.Frequency(
        (3, Gen.Char['\x20', '\x7E'].Array[100, 3000].Select(chars => new string(chars))),
        (1, Unicode.Array[20, 200].Select(string.Concat)));

    /// <summary>Valid UTF-16: ASCII incl. control chars, any Unicode scalar incl. surrogate pairs, specials, long ones.</summary>
    public static readonly Gen<string> ValidString = Gen.Frequency((5, Ascii), (4, Unicode), (2, Special), (1, Long));

    // Lone high and low surrogates among letters and pairs (two lone halves next to each other may form a pair). STJ
    // writes each lone one as \uFFFD, so these do not round trip: STJ is the oracle for them, and round trips
    // compare through DeepEqual.DiffThroughJson.
    private static readonly Gen<string> LoneSurrogates = Gen.Frequency(
            (3, Gen.Char['a', 'z'].Select(c => c.ToString())),
            (2, Gen.Char['\uD800', '\uDBFF'].Select(c => c.ToString())),
            (2, Gen.Char['\uDC00', '\uDFFF'].Select(c => c.ToString())),
            (2, Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32)))
        .Array[1, 10].Select(string.Concat);

    /// <summary>Non-null strings: <see cref="ValidString"/>, and one in thirteen with lone surrogates.</summary>
    public static readonly Gen<string> String = Gen.Frequency((12, ValidString), (1, LoneSurrogates));

    /// <summary>Strings or null.</summary>
    public static readonly Gen<string?> NullableString = String.Null(0.15);

    /// <summary>
    /// Short strings that make sensible dictionary keys (duplicates are dropped by the dictionary generator). Valid
    /// UTF-16 only: two keys with lone surrogates can become one key once written.
    /// </summary>
    public static readonly Gen<string> Key = Gen.Frequency((3, Ascii), (2, Unicode), (1, Special));

    // ---- numbers ----
    public static readonly Gen<double> Double = Gen.Frequency(
        (6, Gen.Double.Where(double.IsFinite)),
        (2, Gen.Long.Select(l => (double)l)),
        (2, Gen.OneOf(0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 1e-300, 0.1, 1e21, 1e-7, 1e15, 123456789012345680000.0, 5e-324, 0.30000000000000004)));

    public static readonly Gen<float> Single = Gen.Frequency(
        (6, Gen.Single.Where(float.IsFinite)),
        (2, Gen.Int.Select(i => (float)i)),
        (2, Gen.OneOf(0f, -0f, float.Epsilon, float.MaxValue, float.MinValue, 1e-30f, 0.1f, 1e21f, 16777217f, 3.4028235E+38f)));

    public static readonly Gen<decimal> Decimal = Gen.Frequency(
        (6, Gen.Decimal),
        (2, Gen.Long.Select(l => (decimal)l)),
        (2, Gen.OneOf(0m, 0.0m, -0.000m, 1.10m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, 79228162514264337593543950.335m)));

    /// <summary>Any UTF-16 unit: ASCII weighted up, and surrogates (STJ writes a lone one as \uFFFD).</summary>
    public static readonly Gen<char> Char = Gen.Frequency(
        (3, Gen.Char['\0', '\x7F']),
        (2, Gen.Char.Where(c => !char.IsSurrogate(c))),
        (1, Gen.Char['\uD800', '\uDFFF']));

    // ---- dates and times ----
    // The machine zone's offset changes (DST) in 2015-2030, as local times: none under UTC. Under a zone with DST
    // (TZ=America/St_Johns: -03:30/-02:30), values within three hours of them, where local times are skipped or
    // repeated, are one in ten generated DateTimes.
    internal static readonly System.DateTime[] LocalOffsetChanges = FindLocalOffsetChanges();

    private static readonly Gen<DateTime> AnyDateTime = Gen.Frequency(
        (8, Gen.DateTime),
        (1, Gen.OneOf(System.DateTime.MinValue, System.DateTime.MaxValue, System.DateTime.UnixEpoch, new DateTime(2024, 2, 29, 23, 59, 59, 999))));

    public static readonly Gen<DateTime> DateTime = Gen.Select(
        LocalOffsetChanges.Length == 0
            ? AnyDateTime
            : Gen.Frequency(
                (9, AnyDateTime),
                (1, Gen.Select(Gen.Int[0, LocalOffsetChanges.Length - 1], Gen.Long[-3 * System.TimeSpan.TicksPerHour, 3 * System.TimeSpan.TicksPerHour], (i, offset) => LocalOffsetChanges[i].AddTicks(offset)))),
        Gen.Enum<DateTimeKind>(),
        Gen.Int[0, 3],
        (d, kind, trim) => System.DateTime.SpecifyKind(trim switch
        {
            0 => new DateTime(d.Ticks - (d.Ticks % System.TimeSpan.TicksPerSecond)),
            1 => new DateTime(d.Ticks - (d.Ticks % System.TimeSpan.TicksPerMillisecond)),
            _ => d,
        }, kind))
        // Local values that fall off the calendar once the machine's offset is applied cannot round trip through any serializer.
        .Where(d => d.Kind != DateTimeKind.Local || (d.Ticks > System.TimeSpan.TicksPerDay && d.Ticks < System.DateTime.MaxValue.Ticks - System.TimeSpan.TicksPerDay));

    private static DateTime[] FindLocalOffsetChanges()
    {
        var changes = new List<DateTime>();
        TimeZoneInfo zone = TimeZoneInfo.Local;
        var utc = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        System.TimeSpan previous = zone.GetUtcOffset(utc);
        for (; utc.Year < 2031; utc = utc.AddMinutes(30))
        {
            System.TimeSpan offset = zone.GetUtcOffset(utc);
            if (offset != previous)
            {
                changes.Add(System.DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(utc, zone), DateTimeKind.Unspecified));
                previous = offset;
            }
        }

        return [.. changes];
    }

    public static readonly Gen<DateTimeOffset> DateTimeOffset = Gen.Select(
        Gen.Long[System.DateTime.MinValue.Ticks + System.TimeSpan.TicksPerDay, System.DateTime.MaxValue.Ticks - System.TimeSpan.TicksPerDay],
        Gen.Frequency((3, Gen.Int[-14 * 60, 14 * 60]), (1, Gen.Const(0))),
        Gen.Bool,
        (ticks, minutes, trim) => new DateTimeOffset(trim ? ticks - (ticks % System.TimeSpan.TicksPerSecond) : ticks, System.TimeSpan.FromMinutes(minutes)));

    public static readonly Gen<TimeSpan> TimeSpan = Gen.Frequency(
        (6, Gen.TimeSpan),
        (2, Gen.Long[-System.TimeSpan.TicksPerDay * 3, System.TimeSpan.TicksPerDay * 3].Select(t => new TimeSpan(t))),
        (1, Gen.OneOf(System.TimeSpan.MinValue, System.TimeSpan.MaxValue, System.TimeSpan.Zero, System.TimeSpan.FromSeconds(1), System.TimeSpan.FromTicks(-1))));

    public static readonly Gen<DateOnly> DateOnly = Gen.Int[System.DateOnly.MinValue.DayNumber, System.DateOnly.MaxValue.DayNumber].Select(System.DateOnly.FromDayNumber);

    public static readonly Gen<TimeOnly> TimeOnly = Gen.Frequency(
        (4, Gen.Long[0, System.TimeOnly.MaxValue.Ticks].Select(t => new TimeOnly(t))),
        (2, Gen.Int[0, 86399].Select(s => new TimeOnly(s * System.TimeSpan.TicksPerSecond))),
        (1, Gen.OneOf(System.TimeOnly.MinValue, System.TimeOnly.MaxValue)));

    // ---- others ----
    public static readonly Gen<Uri?> Uri = Gen.Frequency(
        (3, ValidString.Select(s => new Uri("https://example.com/" + System.Uri.EscapeDataString(s) + "?q=1&r=%20#frag", UriKind.Absolute))),
        (2, ValidString.Select(s => new Uri(System.Uri.EscapeDataString(s), UriKind.Relative))),
        (1, Gen.OneOf("http://user:pw@host:8080/p/a/t/h?query=string#hash", "urn:isbn:0451450523", "file:///C:/temp/x.txt", "/relative/path", "mailto:a@b.c")
            .Select(s => new Uri(s, UriKind.RelativeOrAbsolute))))
        .Null(0.15);

    public static readonly Gen<byte[]?> Bytes = Gen.Frequency((5, Gen.Byte.Array[0, 64]), (1, Gen.Byte.Array[500, 2000])).Null(0.2);

    public static readonly Gen<Color> Color = Gen.Frequency((4, Gen.Enum<Color>()), (1, Gen.Int.Select(i => (Color)i)));

    public static readonly Gen<Wide> Wide = Gen.Frequency((2, Gen.Enum<Wide>()), (1, Gen.Long.Select(l => (Wide)l)));

    public static readonly Gen<Suit> Suit = Gen.Frequency((4, Gen.Enum<Suit>()), (1, Gen.Byte.Select(b => (Suit)b)));

    public static readonly Gen<Permissions> Permissions = Gen.Frequency(
        (3, Gen.Enum<Permissions>()),
        (3, Gen.Int[0, 7].Select(i => (Permissions)i)),
        (1, Gen.Int.Select(i => (Permissions)i)),
        (1, Gen.Int[0, 127].Select(i => (Permissions)i)));

    private static Gen<List<T>?> ListOf<T>(Gen<T> element, int max = 8) =>
        Gen.Frequency((6, element.List[0, max]), (1, element.List[50, 200])).Null(0.15)!;

    private static Gen<Dictionary<string, T>?> DictionaryOf<T>(Gen<T> value, int max = 6) =>
        Gen.Select(Key, value).Array[0, max]
            .Select(pairs =>
            {
                var d = new Dictionary<string, T>(StringComparer.Ordinal);
                foreach ((string k, T v) in pairs)
                {
                    d.TryAdd(k, v);
                }

                return d;
            })
            .Null(0.15)!;

    // ---- catalogue types ----
    public static readonly Gen<Scalars> Scalars =
        from b in Gen.Bool
        from u8 in Gen.Byte
        from i8 in Gen.SByte
        from i16 in Gen.Short
        from u16 in Gen.UShort
        from i32 in Gen.Int
        from u32 in Gen.UInt
        from i64 in Gen.Long
        from u64 in Gen.ULong
        from f in Single
        from d in Double
        from m in Decimal
        from c in Char
        from s in NullableString
        from g in Gen.Guid
        from dt in DateTime
        from dto in DateTimeOffset
        from date in DateOnly
        from time in TimeOnly
        from span in TimeSpan
        from uri in Uri
        from bytes in Bytes
        select new Scalars
        {
            Bool = b, Byte = u8, SByte = i8, Int16 = i16, UInt16 = u16, Int32 = i32, UInt32 = u32, Int64 = i64, UInt64 = u64,
            Single = f, Double = d, Decimal = m, Char = c, String = s, Guid = g, DateTime = dt, DateTimeOffset = dto,
            DateOnly = date, TimeOnly = time, TimeSpan = span, Uri = uri, Bytes = bytes,
        };

    public static readonly Gen<Nullables> Nullables =
        from b in Gen.Bool.Nullable()
        from u8 in Gen.Byte.Nullable()
        from i8 in Gen.SByte.Nullable()
        from i16 in Gen.Short.Nullable()
        from u16 in Gen.UShort.Nullable()
        from i32 in Gen.Int.Nullable()
        from u32 in Gen.UInt.Nullable()
        from i64 in Gen.Long.Nullable()
        from u64 in Gen.ULong.Nullable()
        from f in Single.Nullable()
        from d in Double.Nullable()
        from m in Decimal.Nullable()
        from c in Char.Nullable()
        from g in Gen.Guid.Nullable()
        from dt in DateTime.Nullable()
        from dto in DateTimeOffset.Nullable()
        from date in DateOnly.Nullable()
        from time in TimeOnly.Nullable()
        from span in TimeSpan.Nullable()
        from color in Color.Nullable()
        from suit in Suit.Nullable()
        select new Nullables
        {
            Bool = b, Byte = u8, SByte = i8, Int16 = i16, UInt16 = u16, Int32 = i32, UInt32 = u32, Int64 = i64, UInt64 = u64,
            Single = f, Double = d, Decimal = m, Char = c, Guid = g, DateTime = dt, DateTimeOffset = dto,
            DateOnly = date, TimeOnly = time, TimeSpan = span, Color = color, Suit = suit,
        };

    public static readonly Gen<Enums> Enums =
        from color in Color
        from wide in Wide
        from suit in Suit
        from perms in Permissions
        from named in Color
        from maybe in Suit.Nullable()
        from suits in ListOf(Suit)
        from colors in Color.Array[0, 6].Null(0.2)
        select new Enums { Color = color, Wide = wide, Suit = suit, Permissions = perms, NamedColor = named, MaybeSuit = maybe, Suits = suits, Colors = colors };

    public static readonly Gen<Address> Address = Gen.Select(NullableString, NullableString, Gen.Int, (s, c, z) => new Address(s, c, z));

    public static readonly Gen<Point> Point = Gen.Select(Gen.Int, Gen.Int, Double, Gen.Int, (x, y, w, n) => new Point { X = x, Y = y, Weight = w, NotSerialized = 0 });

    public static readonly Gen<PointRecord> PointRecord = Gen.Select(Gen.Int, Gen.Int, (x, y) => new PointRecord(x, y));

    public static readonly Gen<ReadOnlyPoint> ReadOnlyPoint = Gen.Select(Double, Double, NullableString, (x, y, l) => new ReadOnlyPoint(x, y, l));

    public static readonly Gen<Collections> Collections =
        from array in Gen.Int.Array[0, 10].Null(0.15)
        from list in ListOf(NullableString)
        from ro in ListOf(Double)
        from ilist in ListOf(Gen.Long)
        from icoll in ListOf(Gen.Guid)
        from en in ListOf(Gen.Int)
        from imm in NullableString.Array[0, 6]
        from ne in ListOf(Gen.Int.Nullable())
        from jagged in ListOf(Gen.Int.List[0, 4], 4)
        from addresses in Address.Null(0.2).Array[0, 4].Null(0.2)
        from dict in DictionaryOf(Gen.Int)
        from rodict in DictionaryOf(NullableString)
        from idict in DictionaryOf(Address.Null(0.2))
        from dlists in DictionaryOf(DateTime.List[0, 3], 3)
        select new Collections
        {
            Array = array, List = list, ReadOnlyList = ro, IList = ilist, ICollection = icoll, Enumerable = en,
            Immutable = ImmutableArray.Create(imm), NullableElements = ne, Jagged = jagged, Addresses = addresses,
            Dictionary = dict, ReadOnlyDictionary = rodict, IDictionary = idict, DictionaryOfLists = dlists,
        };

    private static Gen<Person> PersonAt(int level) =>
        from id in Gen.Int
        from name in NullableString
        from home in Address.Null(0.3)
        from homes in ListOf(Address, 4)
        from position in Point
        from maybe in Point.Nullable()
        from corner in PointRecord
        from friends in level >= 2 ? Gen.Const((Dictionary<string, Person>?)null) : DictionaryOf(PersonAt(level + 1), 3)
        select new Person { Id = id, Name = name, Home = home, Homes = homes, Position = position, MaybePosition = maybe, Corner = corner, Friends = friends };

    public static readonly Gen<Person> Person = PersonAt(0);

    /// <summary>Trees up to 31 levels (63 JSON levels: object + children array per level), bushy near the root only.</summary>
    public static readonly Gen<TreeNode> TreeNode = Gen.Int[0, 31].SelectMany(depth => TreeOfDepth(depth, 0));

    private static Gen<TreeNode> TreeOfDepth(int remaining, int level) =>
        remaining == 0
            ? Gen.Int.Select(v => new TreeNode { Value = v, Children = null })
            : Gen.Select(Gen.Int, TreeOfDepth(remaining - 1, level + 1).List[0, level < 3 ? 3 : 1], Gen.Bool, (v, children, emptyAsNull) =>
                new TreeNode { Value = v, Children = children.Count == 0 && emptyAsNull ? null : children });

    /// <summary>Linked lists of 1 to 63 nodes: STJ writes at most 63 nested objects under the default limit of 64 (it reads 64).</summary>
    public static readonly Gen<LinkedNode> LinkedNode = Gen.Int[1, 63].SelectMany(n => NullableString.Array[n].Select(values =>
    {
        LinkedNode? head = null;
        for (int i = values.Length - 1; i >= 0; i--)
        {
            head = new LinkedNode { Value = values[i], Next = head };
        }

        return head!;
    }));

    public static readonly Gen<PersonRecord> PersonRecord =
        from name in String
        from age in Gen.Int
        from home in Address.Null(0.3)
        from tags in ListOf(String, 5)
        from nick in NullableString
        select new PersonRecord(name, age, home, tags) { Nickname = nick };

    public static readonly Gen<Account> Account =
        from id in String
        from balance in Decimal
        from owner in NullableString
        from currency in String
        from version in Gen.Int
        select new Account { Id = id, Balance = balance, Owner = owner, Currency = currency, Version = version };

    public static readonly Gen<Annotated> Annotated =
        from renamed in Gen.Int
        from escaping in NullableString
        from never in NullableString
        from skipNull in NullableString
        from skipNullValue in Gen.Int.Nullable()
        from skipDefault in Gen.Frequency((1, Gen.Const(0)), (2, Gen.Int))
        from skipDefaultRef in NullableString
        from guid in Gen.Frequency((1, Gen.Const(Guid.Empty)), (2, Gen.Guid))
        from last in Gen.Int
        from first in Gen.Int
        from internalIncluded in NullableString
        from field in Gen.Int
        select new Annotated
        {
            Renamed = renamed, NeedsEscaping = escaping, NeverIgnored = never, SkipWhenNull = skipNull, SkipWhenNullValue = skipNullValue,
            SkipWhenDefault = skipDefault, SkipWhenDefaultReference = skipDefaultRef, SkipWhenDefaultGuid = guid, Last = last, First = first,
            InternalIncluded = internalIncluded, IncludedField = field,
        };

    public static readonly Gen<WithConstructor> WithConstructor = Gen.Select(Gen.Int, NullableString, Gen.Int, NullableString,
        (id, name, optional, settable) => new WithConstructor(id, name, optional) { Settable = settable });

    public static readonly Gen<Tagged> Tagged = Gen.Select(Gen.OneOf("admin", "user", "guest", "ü-ber\u00E9", "esc\"aped").Null(0.1), Gen.Int, (r, n) => new Tagged { Role = r, N = n });

    public static readonly Gen<TaggedList> TaggedList = ListOf(Tagged, 20).Select(items => new TaggedList { Items = items });

    public static readonly Gen<AllocationFree> AllocationFree =
        from id in Gen.Int
        from name in NullableString
        from score in Double
        from price in Decimal
        from created in DateTime
        from updated in DateTimeOffset
        from key in Gen.Guid
        from elapsed in TimeSpan
        from color in Color
        from suit in Suit
        from payload in Bytes
        from numbers in Gen.Int.Array[0, 10].Null(0.2)
        from addresses in ListOf(Address, 4)
        from counts in DictionaryOf(Gen.Int)
        from position in Point
        select new AllocationFree
        {
            Id = id, Name = name, Score = score, Price = price, Created = created, Updated = updated, Key = key, Elapsed = elapsed,
            Color = color, Suit = suit, Payload = payload, Numbers = numbers, Addresses = addresses, Counts = counts, Position = position,
        };

    public static readonly Gen<PrivateMembers> PrivateMembers = Gen.Select(Gen.Int, Gen.Int, NullableString, Models.PrivateMembers.Create);

    private static Gen<FastPoco> FastPocoAt(int level) =>
        from id in Gen.Int
        from views in Gen.Frequency((3, Gen.Long), (2, Gen.Long[-1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L]))
        from score in Double
        from price in Decimal
        from active in Gen.Bool
        from name in NullableString
        from key in Gen.Guid
        from created in DateTime
        from maybeId in Gen.Int.Nullable()
        from maybeCreated in DateTime.Nullable()
        from country in Gen.OneOf("FR", "DE", "US", "JP", "\u00e9t\u00e9").Null(0.2)
        from home in Address.Null(0.3)
        from homes in ListOf(Address.Null(0.2), 4)
        from corner in PointRecord
        from numbers in Gen.Int.Array[0, 6].Null(0.2)
        from tags in ListOf(NullableString, 4)
        // Children: 0 to 3, without ListOf's 50-200 branch. With it, one document in eight held ~125 children, each with
        // its own 50-200 homes or tags: ~210 KB per document on average (up to ~3 MB), which made every FastPoco
        // property spend its time in the generator and in STJ rather than in the code under test (the mutation property
        // ran ~45 s against its 60 s bound).
        from children in level >= 1 ? Gen.Const((List<FastPoco>?)null) : FastPocoAt(level + 1).List[0, 3].Null(0.15)
        select new FastPoco
        {
            Id = id, Views = views, Score = score, Price = price, Active = active, Name = name, Key = key, Created = created,
            MaybeId = maybeId, MaybeCreated = maybeCreated, Country = country, Home = home, Homes = homes, Corner = corner,
            Numbers = numbers, Tags = tags, Children = children,
        };

    public static readonly Gen<FastPoco> FastPoco = FastPocoAt(0);

    public static readonly Gen<FastScalars> FastScalars =
        from u8 in Gen.Byte
        from i8 in Gen.SByte
        from i16 in Gen.Short
        from u16 in Gen.UShort
        from u32 in Gen.UInt
        from u64 in Gen.ULong
        from f in Single
        from when in DateTimeOffset
        from maybe in Single.Nullable()
        from history in DateTimeOffset.List[0, 5].Null(0.2)
        from color in Color
        from wide in Wide
        from maybeColor in Color.Nullable()
        from colors in Color.List[0, 5].Null(0.2)
        from suit in Gen.Enum<Suit>()
        from maybeSuit in Gen.Enum<Suit>().Nullable()
        from namedColor in Gen.Enum<Color>()
        from grants in Gen.Enum<Permissions>().List[0, 4].Null(0.2)
        select new FastScalars
        {
            Byte = u8, SByte = i8, Int16 = i16, UInt16 = u16, UInt32 = u32, UInt64 = u64, Single = f, When = when,
            MaybeSingle = maybe, History = history, Color = color, Wide = wide, MaybeColor = maybeColor, Colors = colors,
            Suit = suit, MaybeSuit = maybeSuit, NamedColor = namedColor, Grants = grants,
        };
}
