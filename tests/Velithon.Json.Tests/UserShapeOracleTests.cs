using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using Velithon.Json.Tests.UserShapes;

namespace Velithon.Json.Tests;

/// <summary>
/// DTO shapes an API author writes (Models/UserShapes.cs), each compared with STJ reflection under the same options:
/// bytes over generated values, STJ's output read back, and its variants (recased names, unknown members, quoted
/// numbers, duplicates, reordered members, every member, members left out, nulls in place of values, random damage)
/// read to STJ's value or failing with STJ's error, message, path and position.
/// </summary>
public sealed class UserShapeOracleTests
{
    public static TheoryData<string> Types => new(UserShapeCatalogue.Names);

    public static TheoryData<string, string> Variants
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string type in UserShapeCatalogue.Names)
            {
                foreach (string variant in new[] { "as-written", "recased", "unknown-members", "quoted-numbers", "duplicates", "reordered", "extra-members", "all-members", "dropped-members", "nulls", "mutated" })
                {
                    // JSON null into a populated get-only member is STJ's InvalidOperationException, not a JsonException:
                    // Null_into_a_populated_get_only_member_fails_like_STJ checks it.
                    if (!(type == nameof(Basket) && variant == "nulls"))
                    {
                        data.Add(type, variant);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Serialize_is_byte_identical_to_STJ(string type) => UserShapeCatalogue.Get(type).SerializeMatchesStj();

    [Theory]
    [MemberData(nameof(Variants))]
    public void Reads_like_STJ(string type, string variant) => UserShapeCatalogue.Get(type).ReadsLikeStj(variant);

    [Theory]
    [MemberData(nameof(Types))]
    public void A_host_with_the_same_options_runs_the_generated_code(string type) => UserShapeCatalogue.Get(type).HostWithTheSameOptionsRunsTheGeneratedCode();

    [Theory]
    [InlineData("""{"populated":null}""")]
    [InlineData("""{"owner":"o","populatedMap":null}""")]
    [InlineData("""{"items":null,"counts":null,"fixed":null,"populated":[1,2]}""")]
    public void Null_into_a_populated_get_only_member_fails_like_STJ(string json)
    {
        (Basket? expected, Exception? stjError) = Outcome(() => JsonSerializer.Deserialize<Basket>(json, JsonSerializerOptions.Web));
        (Basket? actual, Exception? error) = Outcome(() => VelithonJson.Deserialize<Basket>(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.Equal(stjError?.GetType(), error?.GetType());
        Assert.Equal(stjError?.Message, error?.Message);
        Assert.Null(DeepEqual.Diff(expected, actual));
    }

    /// <summary>
    /// The hidden-member shapes the generator refuses (VLG103, HiddenMemberDiagnosticTests): STJ writes the hidden base
    /// member beside (or instead of) the hiding one, so one set of bytes from the derived member alone would differ.
    /// </summary>
    [Fact]
    public void STJ_writes_hidden_members_the_generator_refuses()
    {
        Assert.Equal("""{"years":2,"name":"b","age":1}""", JsonSerializer.Serialize(new RenamedHider(), JsonSerializerOptions.Web));
        Assert.Equal("""{"name":"b","age":1}""", JsonSerializer.Serialize(new IgnoredHider(), JsonSerializerOptions.Web));
        Assert.Equal("""{"name":"b","age":1}""", JsonSerializer.Serialize(new PrivateHider(), JsonSerializerOptions.Web));
        RenamedHider read = JsonSerializer.Deserialize<RenamedHider>("""{"years":5,"age":7}""", JsonSerializerOptions.Web)!;
        Assert.Equal((5L, 7), (read.Age, ((HiddenBase)read).Age));
    }

    /// <summary>
    /// [JsonRequired] on a member without a setter (VLG103, RequiredWithoutSetterDiagnosticTests): STJ refuses the
    /// contract for writing and reading, also when a constructor parameter binds the member.
    /// </summary>
    [Fact]
    public void STJ_refuses_JsonRequired_without_a_setter()
    {
        foreach (Action use in new Action[]
        {
            () => JsonSerializer.Serialize(new RequiredGetOnly(1), JsonSerializerOptions.Web),
            () => JsonSerializer.Deserialize<RequiredGetOnly>("""{"a":1}""", JsonSerializerOptions.Web),
        })
        {
            InvalidOperationException error = Assert.Throws<InvalidOperationException>(use);
            Assert.Equal($"JsonPropertyInfo 'a' defined in type '{typeof(RequiredGetOnly)}' is marked required but does not specify a setter.", error.Message);
        }
    }

    public sealed class RequiredGetOnly(int a)
    {
        [JsonRequired]
        public int A { get; } = a;
    }

    private static (T? Value, Exception? Error) Outcome<T>(Func<T?> read)
    {
        try
        {
            return (read(), null);
        }
#pragma warning disable CA1031 // any exception is a result to compare here
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (default, ex);
        }
    }

    public class HiddenBase
    {
        public string? Name { get; set; } = "b";

        public int Age { get; set; } = 1;
    }

    public sealed class RenamedHider : HiddenBase
    {
        [JsonPropertyName("years")]
        public new long Age { get; set; } = 2;
    }

    public sealed class IgnoredHider : HiddenBase
    {
        [JsonIgnore]
        public new int Name { get; set; } = 3;
    }

    public sealed class PrivateHider : HiddenBase
    {
        private new int Age { get; set; } = 5;

        public override string ToString() => Age.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The shapes with their generators and the STJ options their settings describe.</summary>
internal static class UserShapeCatalogue
{
    private static JsonSerializerOptions Web() => new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, ProfileCase> Cases = new ProfileCase[]
    {
        Web(UserShapeGenerators.OrderLine),
        Web(UserShapeGenerators.OrderedItem),
        Web(UserShapeGenerators.Included),
        Web(UserShapeGenerators.Signup),
        Web(UserShapeGenerators.Dog),
        Web(UserShapeGenerators.Basket),
        Web(UserShapeGenerators.Ticket),
        Web(UserShapeGenerators.Slot),
        Web(UserShapeGenerators.Money),
        Web(UserShapeGenerators.Measurement),
        Web(UserShapeGenerators.Quoted),
        new ProfileCase<QuotedType>(UserShapeGenerators.QuotedType, Web, 1000, isWeb: true, typeNumberHandling: true),
        Web(UserShapeGenerators.Keyed, 500),
        Web(UserShapeGenerators.PurchaseFeed, 300),
        Web(UserShapeGenerators.Route),
        new ProfileCase<CaseTwins>(UserShapeGenerators.CaseTwins, () => new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNameCaseInsensitive = false }, 1000),
        Web(UserShapeGenerators.OddNames),
        Web(UserShapeGenerators.Keywords),
        Web(UserShapeGenerators.Bag, 500),
        Web(UserShapeGenerators.Feed, 500),
        Web(UserShapeGenerators.Ignores),
        Web(UserShapeGenerators.Settings),
        new ProfileCase<GeneralInvoice>(UserShapeGenerators.GeneralInvoice, () => new JsonSerializerOptions(JsonSerializerDefaults.General), 1000),
        Web(UserShapeGenerators.Tagged),
        Web(MoreUserShapeGenerators.EnumCases),
        Web(MoreUserShapeGenerators.OddDefaults),
        Web(MoreUserShapeGenerators.Computed),
        Web(MoreUserShapeGenerators.Customer),
        Web(MoreUserShapeGenerators.Range),
        Web(MoreUserShapeGenerators.Matrix, 300),
    }.ToDictionary(c => c.Name);

    public static IEnumerable<string> Names => Cases.Keys;

    public static ProfileCase Get(string name) => Cases[name];

    private static ProfileCase Web<T>(Gen<T> gen, int iterations = 1000)
        where T : IVelithonJson<T> => new ProfileCase<T>(gen, Web, iterations, isWeb: true);
}

/// <summary>CsCheck generators for Models/UserShapes.cs.</summary>
internal static class UserShapeGenerators
{
    private static readonly Gen<string?> Text = Generators.NullableString;

    private static readonly Gen<Stage> Stage = Gen.Frequency((4, Gen.Enum<Stage>()), (1, Gen.Int.Select(i => (Stage)i)));

    private static readonly Gen<Grants> Grants = Gen.Frequency((4, Gen.Int[0, 7].Select(i => (Grants)i)), (1, Gen.Int.Select(i => (Grants)i)));

    private static readonly Gen<Currency> Currency = Gen.Frequency((4, Gen.Enum<Currency>()), (1, Gen.Int[-3, 20].Select(i => (Currency)i)));

    private static readonly Gen<decimal> ExtremeDecimal = Gen.Frequency(
        (4, Generators.Decimal),
        (1, Gen.OneOf(decimal.MaxValue, decimal.MinValue, decimal.One / 3, -decimal.One / 3, new decimal(0, 0, 0, true, 5), new decimal(0, 0, 0, false, 28), 1e-28m, -1e-28m, 79228162514264337593543950335m, 0.5m, -0.0000001m)));

    private static readonly Gen<double> AnyDouble = Gen.Frequency((6, Generators.Double), (1, Gen.OneOf(double.NaN, double.PositiveInfinity, double.NegativeInfinity)));

    private static readonly Gen<float> AnyFloat = Gen.Frequency((6, Generators.Single), (1, Gen.OneOf(float.NaN, float.PositiveInfinity, float.NegativeInfinity)));

    private static Gen<List<T>?> ListOf<T>(Gen<T> element, int max = 5) => element.List[0, max].Null(0.2)!;

    private static Gen<Dictionary<TKey, TValue>?> MapOf<TKey, TValue>(Gen<TKey> key, Gen<TValue> value, int max = 5)
        where TKey : notnull => CollectionGenerators.MapOf(key, value, max);

    public static readonly Gen<OrderLine> OrderLine =
        from sku in Generators.String
        from quantity in Gen.Int
        from price in ExtremeDecimal
        from note in Text
        from currency in Currency
        from discount in Generators.Double
        from mark in Generators.Char
        from batch in Gen.Long.Nullable(0.3)
        select new OrderLine(sku, quantity, price, note, currency, discount, mark, batch);

    public static readonly Gen<OrderedItem> OrderedItem =
        from id in Gen.Int
        from created in Generators.DateTimeOffset
        from author in Text
        from name in Text
        from tag in Text
        from price in Generators.Decimal
        from active in Gen.Bool
        select new OrderedItem { Id = id, CreatedAt = created, CreatedBy = author, Name = name, Tag = tag, Price = price, Active = active };

    public static readonly Gen<Included> Included =
        from count in Gen.Int
        from @internal in Gen.Long
        from secret in Text
        from hidden in ListOf(Gen.Int)
        from visible in Text
        select UserShapes.Included.Create(count, @internal, secret, hidden, visible);

    public static readonly Gen<Signup> Signup =
        from email in Generators.String
        from age in Gen.Int
        from name in Generators.String
        from referrer in Gen.Int.Nullable(0.3)
        from newsletter in Gen.Bool
        select new Signup(email, age) { Name = name, Referrer = referrer, Newsletter = newsletter };

    public static readonly Gen<Dog> Dog =
        from baseName in Text
        from name in Gen.Int
        from legs in Gen.Int
        from sound in Text
        from secret in Text
        from age in Gen.Long
        from baseAge in Gen.Int
        select MakeDog(baseName, name, legs, sound, secret, age, baseAge);

    private static Dog MakeDog(string? baseName, int name, int legs, string? sound, string? secret, long age, int baseAge)
    {
        var dog = new Dog { Name = name, Legs = legs, Sound = sound, Secret = secret, Age = age };
        ((Animal)dog).Name = baseName;
        ((Animal)dog).Age = baseAge;
        return dog;
    }

    public static readonly Gen<Basket> Basket =
        from items in Generators.String.List[0, 4]
        from counts in MapOf(Generators.Key, Gen.Int)
        from populated in Gen.Int.List[0, 4]
        from map in MapOf(Generators.Key, Text)
        from owner in Text
        select MakeBasket(items, counts, populated, map, owner);

    private static Basket MakeBasket(List<string> items, Dictionary<string, int>? counts, List<int> populated, Dictionary<string, string?>? map, string? owner)
    {
        var basket = new Basket { Owner = owner };
        basket.Items.AddRange(items);
        foreach (KeyValuePair<string, int> pair in counts ?? [])
        {
            basket.Counts[pair.Key] = pair.Value;
        }

        basket.Populated.AddRange(populated);
        foreach (KeyValuePair<string, string?> pair in map ?? [])
        {
            basket.PopulatedMap[pair.Key] = pair.Value;
        }

        return basket;
    }

    public static readonly Gen<Ticket> Ticket =
        from stage in Stage
        from next in Stage.Nullable(0.3)
        from grants in Grants
        from named in Grants
        from maybe in Grants.Nullable(0.3)
        from history in ListOf(Stage)
        from byUser in MapOf(Generators.Key, Grants)
        select new Ticket { Stage = stage, Next = next, Grants = grants, NamedGrants = named, MaybeGrants = maybe, History = history, ByUser = byUser };

    public static readonly Gen<Slot> Slot =
        from day in Generators.DateOnly
        from start in Generators.TimeOnly
        from length in Generators.TimeSpan
        from code in Generators.Char
        from link in Generators.Uri
        from api in NumericGenerators.Version.Null(0.2)
        from blob in Generators.Bytes
        from delta in Gen.SByte
        from port in Gen.UShort
        from ratio in NumericGenerators.FiniteHalf
        from until in Generators.DateOnly.Nullable(0.3)
        select new Slot(day, start, length, code, link, api, blob, delta, port, ratio, until);

    public static readonly Gen<Money> Money =
        from amount in ExtremeDecimal
        from tax in ExtremeDecimal.Nullable(0.3)
        from parts in ListOf(ExtremeDecimal)
        select new Money(amount, tax, parts);

    public static readonly Gen<Measurement> Measurement =
        from value in AnyDouble
        from maybe in AnyFloat.Nullable(0.3)
        from samples in ListOf(AnyDouble)
        from plain in Generators.Double
        select new Measurement { Value = value, Maybe = maybe, Samples = samples, Plain = plain };

    public static readonly Gen<Quoted> Quoted =
        from count in Gen.Int
        from price in ExtremeDecimal
        from big in Gen.Long.Nullable(0.3)
        from ids in ListOf(Gen.ULong)
        from strict in Gen.Int
        from plain in Gen.Short
        select new Quoted { Count = count, Price = price, Big = big, Ids = ids, Strict = strict, Plain = plain };

    public static readonly Gen<QuotedType> QuotedType =
        from count in Gen.Int
        from ratio in AnyDouble
        from small in Gen.Byte.Nullable(0.3)
        from strict in Gen.Int
        from scores in MapOf(Generators.Key, AnyFloat)
        select new QuotedType { Count = count, Ratio = ratio, Small = small, Strict = strict, Scores = scores };

    public static readonly Gen<Keyed> Keyed =
        from byCurrency in MapOf(Currency, Gen.Int.Nullable(0.3))
        from byStage in MapOf(Stage, Text)
        from byGrant in MapOf(Grants, Gen.Bool.Nullable(0.3))
        from byGuid in MapOf(Gen.Guid, Generators.Decimal.Nullable(0.3))
        from byTime in MapOf(Generators.DateTime, Generators.Double.Nullable(0.3))
        from byDay in MapOf(Generators.DateOnly, Money.Null(0.3))
        from byNumber in MapOf(Gen.Long, Generators.TimeSpan.Nullable(0.3))
        select new Keyed
        {
            ByCurrency = byCurrency,
            ByStage = byStage,
            ByGrant = byGrant,
            ByGuid = byGuid,
            ByTime = byTime,
            ByDay = byDay,
            ByNumber = byNumber is null ? null : new SortedDictionary<long, TimeSpan?>(byNumber),
        };

    private static Gen<Envelope<T>> EnvelopeOf<T>(Gen<T> data) =>
        from ok in Gen.Bool
        from value in data
        from error in Text
        from meta in MapOf(Generators.Key, Generators.String, 3)
        select new Envelope<T> { Ok = ok, Data = value, Error = error, Meta = meta };

    private static Gen<Paged<T>> PagedOf<T>(Gen<T> item) =>
        from items in item.List[0, 4]
        from total in Gen.Int
        from next in Text
        select new Paged<T>(items, total, next);

    private static readonly Gen<Purchase> Purchase =
        from id in Gen.Guid
        from total in Generators.Decimal
        from stage in Stage
        from lines in OrderLine.List[0, 3].Null(0.3)
        select new Purchase(id, total, stage, lines);

    public static readonly Gen<PurchaseFeed> PurchaseFeed =
        from response in EnvelopeOf(PagedOf(Purchase).Null(0.2)).Null(0.1)
        from deep in EnvelopeOf(PagedOf(EnvelopeOf(Gen.Int.Nullable(0.3)).Null(0.2)).Null(0.2)).Null(0.2)
        select new PurchaseFeed { Response = response!, Deep = deep! };

    private static readonly Gen<Coord> Coord =
        from lat in Generators.Double
        from lon in Generators.Double
        from label in Text
        select new Coord(lat, lon) { Label = label };

    public static readonly Gen<Route> Route =
        from start in Coord
        from to in Coord.Nullable(0.3)
        from stops in ListOf(Coord)
        select new Route { From = start, To = to, Stops = stops };

    public static readonly Gen<CaseTwins> CaseTwins =
        from value in Gen.Int
        from shout in Gen.Int
        from mixed in Text
        select new CaseTwins { Value = value, Shout = shout, Mixed = mixed };

    public static readonly Gen<Keywords> Keywords =
        from @class in Gen.Int
        from @event in Text
        from @default in Gen.Enum<KeywordKind>()
        from @params in Gen.Int.List[0, 3].Null()
        from @event2 in Gen.Int
        from @string in Text
        from hasRecord in Gen.Bool
        select new Keywords { @class = @class, @event = @event, @default = @default, @params = @params, @record = hasRecord ? new KeywordRecord(@event2, @string) : null };

    public static readonly Gen<OddNames> OddNames =
        from quoted in Gen.Int
        from unicode in Text
        from empty in Gen.Int
        from dollar in Gen.Int
        from control in Gen.Bool
        from longName in Gen.Int
        select new OddNames
        {
            Quoted = quoted,
            Unicode = unicode,
            Empty = empty,
            Dollar = dollar,
            Control = control,
            AVeryLongPropertyNameThatAnApiAuthorMightWriteWhenMirroringSomeLegacySchemaWithoutAbbreviationsAtAllAndThenSomeMoreWordsToPassTheHundredAndTwentyEightCharacterMark = longName,
        };

    private static readonly Gen<object?> AnyObject = Gen.Frequency(
        (2, Gen.Int.Select(i => (object?)i)),
        (2, Generators.String.Select(s => (object?)s)),
        (1, Generators.Double.Select(d => (object?)d)),
        (1, Generators.Decimal.Select(d => (object?)d)),
        (1, Gen.Long.Select(l => (object?)l)),
        (1, Gen.Bool.Select(b => (object?)b)),
        (1, Gen.Guid.Select(g => (object?)g)),
        (1, Generators.DateTimeOffset.Select(d => (object?)d)),
        (1, Gen.Bool.Select(_ => (object?)null)),
        (1, Gen.Const<object?>(new object())),
        (1, Gen.Int.Array[0, 3].Select(a => (object?)JsonSerializer.SerializeToElement(new { n = a, s = "x\u00e9" }))));

    public static readonly Gen<Bag> Bag =
        from payload in AnyObject
        from items in ListOf(AnyObject)
        from extra in MapOf(Generators.Key, AnyObject)
        select new Bag(payload, items, extra);

    public static readonly Gen<Feed> Feed =
        from items in Generators.String.List[0, 4]
        from counts in MapOf(Generators.Key, Gen.Int)
        from seen in ListOf(Gen.Guid)
        from groups in MapOf(Gen.Int, Text.List[0, 3].Select(l => (IReadOnlyList<string?>)l))
        from currencies in ListOf(Currency)
        select new Feed(items, counts)
        {
            Seen = seen,
            Groups = groups,
            Currencies = currencies is null ? null : new HashSet<Currency>(currencies),
        };

    public static readonly Gen<Ignores> Ignores =
        from ints in Gen.Frequency((1, Gen.Const(0)), (2, Gen.Int)).Array[8]
        from refs in Text.Array[6]
        from date in Gen.Frequency((1, Gen.Const(default(DateTime))), (2, Generators.DateTime))
        from nullable in Gen.Frequency((1, Gen.Const<int?>(0)), (2, Gen.Int.Nullable(0.3)))
        from coord in Gen.Frequency((1, Gen.Const(default(Coord))), (2, Coord))
        from money in Generators.Decimal.Nullable(0.4)
        from list in ListOf(Gen.Int)
        select new Ignores
        {
            AlwaysValue = ints[0],
            AlwaysRef = refs[0],
            NeverValue = ints[1],
            NeverRef = refs[1],
            DefaultValue = ints[2],
            DefaultDate = date,
            DefaultRef = refs[2],
            DefaultNullable = nullable,
            DefaultStruct = coord,
            NullRef = refs[3],
            NullNullable = money,
            NullList = list,
            WritingValue = ints[3],
            WritingRef = refs[4],
            ReadingValue = ints[4],
            ReadingRef = refs[5],
        };

    public static readonly Gen<Settings> Settings =
        from name in Generators.String
        from level in Gen.Int
        from region in Generators.String
        from retries in Gen.Int
        from ports in Gen.Int[0, 65535].List[0, 4]
        from currency in Currency
        from timeout in Generators.TimeSpan
        from labels in MapOf(Generators.Key, Generators.String)
        select new Settings(name, level) { Region = region, Retries = retries, Ports = ports, Currency = currency, Timeout = timeout, Labels = labels };

    private static readonly Gen<GeneralLine> GeneralLine =
        from sku in Generators.String
        from qty in Gen.Int
        from price in Generators.Decimal
        select new GeneralLine(sku, qty, price);

    public static readonly Gen<GeneralInvoice> GeneralInvoice =
        from id in Gen.Int
        from customer in Text
        from total in Generators.Decimal
        from lines in ListOf(GeneralLine)
        from totals in MapOf(Generators.Key, Gen.Int)
        select new GeneralInvoice { InvoiceId = id, customerName = customer, Total = total, Lines = lines, Totals = totals };

    public static readonly Gen<Tagged> Tagged =
        from id in Gen.Int
        from @internal in Text
        from title in Generators.String
        from version in Gen.Int.Nullable(0.3)
        from serial in Gen.Long
        select new Tagged(id, @internal, title, version, serial);
}

/// <summary>Generators for the second batch of shapes.</summary>
internal static class MoreUserShapeGenerators
{
    private static readonly Gen<string?> Text = Generators.NullableString;

    private static readonly Gen<Casing> Casing = Gen.Frequency((4, Gen.Enum<Casing>()), (1, Gen.SByte.Select(i => (Casing)i)));

    private static readonly Gen<Wide> Wide = Gen.Frequency(
        (3, Gen.Enum<Wide>()),
        (2, Gen.OneOf(0UL, 1UL, (1UL << 63) | 1, (1UL << 63) | 2).Select(u => (Wide)u)),
        (1, Gen.ULong.Select(u => (Wide)u)));

    public static readonly Gen<EnumCases> EnumCases =
        from casing in Casing
        from maybe in Casing.Nullable(0.3)
        from wide in Wide
        from wideNumber in Wide
        from byCasing in CollectionGenerators.MapOf(Casing, Gen.Int, 4)
        from byWide in CollectionGenerators.MapOf(Wide, Text, 4)
        select new EnumCases { Casing = casing, Maybe = maybe, Wide = wide, WideNumber = wideNumber, ByCasing = byCasing, ByWide = byWide };

    public static readonly Gen<OddDefaults> OddDefaults =
        from id in Gen.Int
        from ratio in Generators.Double
        from scale in Generators.Single
        from low in Generators.Double
        from min in Gen.Long
        from max in Gen.ULong
        from price in Generators.Decimal
        from rest in Gen.Select(Generators.Char, Generators.String, Gen.Enum<Currency>(), Gen.Int[0, 7].Select(i => (Grants)i), Generators.DateTime, Gen.Guid, Gen.Int.Nullable(0.3), Gen.SByte)
        from blob in Generators.Bytes
        select new OddDefaults(id, ratio, scale, low, min, max, price, rest.Item1, rest.Item2, rest.Item3, rest.Item4, rest.Item5, rest.Item6, null, rest.Item7, rest.Item8, (Half)1.5, blob);

    public static readonly Gen<Computed> Computed =
        from first in Text
        from last in Text
        from amounts in Generators.Decimal.Where(d => Math.Abs(d) < 1e20m).List[0, 5]
        select new Computed { First = first, Last = last, Amounts = amounts };

    public static readonly Gen<Customer> Customer =
        from name in Generators.String
        from region in Generators.String
        from tier in Gen.Int
        from emails in Generators.String.List[0, 3]
        from attributes in CollectionGenerators.MapOf(Generators.Key, Generators.String, 3)
        select new Customer(name, region) { Tier = tier, Emails = emails, Attributes = attributes };

    public static readonly Gen<UserShapes.Range> Range =
        from start in Gen.Int[-1000, 1000]
        from end in Gen.Int[-1000, 1000]
        from label in Text
        select new UserShapes.Range(start, end, label);

    public static readonly Gen<Matrix> Matrix =
        from rows in Gen.Int.Nullable(0.3).List[0, 3].Null(0.2).List[0, 3].Null(0.2)
        from sheets in CollectionGenerators.MapOf(Generators.Key, CollectionGenerators.MapOf(Generators.Key, Generators.Double.Nullable(0.3), 3).List[0, 3], 3)
        from jagged in Gen.Int.Array[0, 3].Array[0, 3].Null(0.2)
        from timeline in CollectionGenerators.MapOf(Generators.DateTimeOffset, CollectionGenerators.MapOf(Gen.Guid, Text, 3), 3)
        select new Matrix { Rows = rows, Sheets = sheets, Jagged = jagged, Timeline = timeline };
}
