using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>Values of the collection and dictionary-key models (Models/CollectionModels.cs).</summary>
internal static class CollectionGenerators
{
    internal static Gen<List<T>?> Items<T>(Gen<T> element, int max = 8) =>
        Gen.Frequency((8, element.List[0, max]), (1, element.List[30, 80])).Null(0.15)!;

    /// <summary>Key/value pairs with distinct keys (as the key type's equality sees them), in generation order.</summary>
    internal static Gen<List<KeyValuePair<TKey, TValue>>?> Pairs<TKey, TValue>(Gen<TKey> key, Gen<TValue> value, int max = 6)
        where TKey : notnull =>
        Gen.Select(key, value).Array[0, max]
            .Select(pairs =>
            {
                var seen = new HashSet<TKey>();
                var list = new List<KeyValuePair<TKey, TValue>>();
                foreach ((TKey k, TValue v) in pairs)
                {
                    if (seen.Add(k))
                    {
                        list.Add(new KeyValuePair<TKey, TValue>(k, v));
                    }
                }

                return list;
            })
            .Null(0.15)!;

    internal static Gen<Dictionary<TKey, TValue>?> MapOf<TKey, TValue>(Gen<TKey> key, Gen<TValue> value, int max = 6)
        where TKey : notnull =>
        Pairs(key, value, max).Select(p => p is null ? null : new Dictionary<TKey, TValue>(p));

    internal static readonly Gen<int> SmallOrAnyInt = Gen.Frequency((2, Gen.Int[-20, 20]), (1, Gen.Int));

    internal static readonly Gen<char> KeyChar = Gen.Char.Where(c => !char.IsSurrogate(c));

    internal static readonly Gen<Uri> KeyUri = Generators.Uri.Where(u => u is not null).Select(u => u!);

    internal static readonly Gen<Address?> NullableAddress = Generators.Address.Null(0.2);

    // Set elements and sorted keys must stay distinct once written: valid UTF-16 only (two strings with lone surrogates
    // can both become U+FFFD), and for the culture-sensitive default comparer of sorted collections, letters and digits
    // only (it takes "" and "\u000F" as equal, in STJ's reading as in any other).
    internal static readonly Gen<string?> NullableKey = Generators.Key.Null(0.1);

    internal static readonly Gen<string> SortedKey = Gen.Char[' ', '~'].Where(char.IsAsciiLetterOrDigit).Array[0, 8].Select(c => new string(c));

    public static readonly Gen<SetsAndQueues> SetsAndQueues =
        from hashSet in Items(SmallOrAnyInt)
        from set in Items(NullableKey)
        from readOnly in Items(Gen.Int)
        from queue in Items(Generators.String)
        from linked in Items(Gen.Long)
        from sorted in Items(SmallOrAnyInt)
        from collection in Items(NullableAddress, 4)
        from observable in Items(Generators.Double)
        from concurrent in Items(Gen.Int)
        from colors in Items(Generators.Color)
        from nested in Items(Items(Gen.Int[0, 9], 4), 3)
        select new SetsAndQueues
        {
            HashSet = hashSet is null ? null : [.. hashSet],
            Set = set is null ? null : new HashSet<string?>(set),
            ReadOnlyCollection = readOnly,
            Queue = queue is null ? null : new Queue<string>(queue),
            LinkedList = linked is null ? null : new LinkedList<long>(linked),
            SortedSet = sorted is null ? null : [.. sorted],
            Collection = collection is null ? null : new Collection<Address?>(collection),
            Observable = observable is null ? null : new ObservableCollection<double>(observable),
            ConcurrentQueue = concurrent is null ? null : new ConcurrentQueue<int>(concurrent),
            Colors = colors is null ? null : [.. colors],
            Nested = nested?.Select(n => n is null ? null : new HashSet<int>(n)).ToList(),
        };

    public static readonly Gen<ImmutableSequences> ImmutableSequences =
        from list in Items(Gen.Int)
        from ilist in Items(Generators.NullableString)
        from hashSet in Items(SmallOrAnyInt)
        from iset in Items(Generators.Key)
        from sorted in Items(SmallOrAnyInt)
        from queue in Items(Gen.Int)
        from iqueue in Items(Gen.Long)
        select new ImmutableSequences
        {
            List = list?.ToImmutableList(),
            IList = ilist?.ToImmutableList(),
            HashSet = hashSet?.ToImmutableHashSet(),
            ISet = iset?.ToImmutableHashSet(),
            SortedSet = sorted?.ToImmutableSortedSet(),
            Queue = queue is null ? null : ImmutableQueue.CreateRange(queue),
            IQueue = iqueue is null ? null : ImmutableQueue.CreateRange(iqueue),
        };

    public static readonly Gen<Stacks> Stacks =
        from stack in Items(Gen.Int)
        from concurrent in Items(Generators.String)
        from immutable in Items(Gen.Int)
        from iimmutable in Items(SmallOrAnyInt)
        select new Stacks
        {
            Stack = stack is null ? null : new Stack<int>(stack),
            Concurrent = concurrent is null ? null : new ConcurrentStack<string>(concurrent),
            Immutable = immutable is null ? null : ImmutableStack.CreateRange(immutable),
            IImmutable = iimmutable is null ? null : ImmutableStack.CreateRange(iimmutable),
        };

    public static readonly Gen<StringMaps> StringMaps =
        from sorted in Pairs(SortedKey, Gen.Int)
        from sortedList in Pairs(SortedKey, Generators.NullableString)
        from concurrent in Pairs(Generators.Key, Gen.Int)
        from immutable in Pairs(Generators.Key, Gen.Int)
        from iimmutable in Pairs(Generators.Key, NullableAddress, 3)
        from immutableSorted in Pairs(SortedKey, Items(Gen.Int, 4), 4)
        select new StringMaps
        {
            Sorted = sorted is null ? null : new SortedDictionary<string, int>(sorted.ToDictionary()),
            SortedList = sortedList is null ? null : new SortedList<string, string?>(sortedList.ToDictionary()),
            Concurrent = concurrent is null ? null : new ConcurrentDictionary<string, int>(concurrent),
            Immutable = immutable?.ToImmutableDictionary(),
            IImmutable = iimmutable?.ToImmutableDictionary(),
            ImmutableSorted = immutableSorted?.ToImmutableSortedDictionary(),
        };

    public static readonly Gen<IntegerKeys> IntegerKeys =
        from int32 in MapOf(SmallOrAnyInt, Gen.Int)
        from int64 in MapOf(Gen.Long, Generators.NullableString)
        from u8 in MapOf(Gen.Byte, Gen.Int)
        from i8 in MapOf(Gen.SByte, Gen.Int)
        from i16 in MapOf(Gen.Short, Gen.Int)
        from u16 in MapOf(Gen.UShort, Gen.Int)
        from u32 in MapOf(Gen.UInt, Gen.Int)
        from u64 in MapOf(Gen.ULong, Gen.Int)
        from readOnly in MapOf(Gen.Int, Generators.String)
        from iface in MapOf(Gen.Long, Gen.Int)
        from sorted in MapOf(SmallOrAnyInt, Gen.Int)
        from immutable in MapOf(Gen.Int, NullableAddress, 3)
        select new IntegerKeys
        {
            Int32 = int32, Int64 = int64, Byte = u8, SByte = i8, Int16 = i16, UInt16 = u16, UInt32 = u32, UInt64 = u64,
            ReadOnly = readOnly, Interface = iface,
            Sorted = sorted is null ? null : new SortedDictionary<int, int>(sorted),
            Immutable = immutable?.ToImmutableDictionary(),
        };

    public static readonly Gen<OtherKeys> OtherKeys =
        from guid in MapOf(Gen.Guid, Gen.Int)
        from boolean in MapOf(Gen.Bool, Gen.Int)
        from character in MapOf(KeyChar, Gen.Int)
        from dbl in MapOf(Generators.Double, Gen.Int)
        from sgl in MapOf(Generators.Single, Gen.Int)
        from dec in MapOf(Generators.Decimal, Gen.Int)
        from dateTime in MapOf(Generators.DateTime, Gen.Int)
        from offset in MapOf(Generators.DateTimeOffset, Gen.Int)
        from date in MapOf(Generators.DateOnly, Gen.Int)
        from time in MapOf(Generators.TimeOnly, Gen.Int)
        from span in MapOf(Generators.TimeSpan, Gen.Int)
        from uri in MapOf(KeyUri, Gen.Int)
        select new OtherKeys
        {
            Guid = guid, Bool = boolean, Char = character, Double = dbl, Single = sgl, Decimal = dec, DateTime = dateTime,
            DateTimeOffset = offset, DateOnly = date, TimeOnly = time, TimeSpan = span, Uri = uri,
        };

    public static readonly Gen<EnumKeys> EnumKeys =
        from color in MapOf(Generators.Color, Gen.Int)
        from wide in MapOf(Generators.Wide, Generators.NullableString)
        from suit in MapOf(Generators.Suit, Gen.Int)
        from permissions in MapOf(Generators.Permissions, Gen.Int)
        select new EnumKeys
        {
            Color = color, Wide = wide, Permissions = permissions,
            Suit = suit is null ? null : new SortedDictionary<Suit, int>(suit),
        };
}

/// <summary>Values of the dictionary key policy models.</summary>
internal static class PolicyKeyGenerators
{
    private static Gen<Dictionary<TKey, int>?> MapOf<TKey>(Gen<TKey> key)
        where TKey : notnull =>
        Gen.Select(key, Gen.Int).Array[0, 6].Select(pairs =>
        {
            var d = new Dictionary<TKey, int>();
            foreach ((TKey k, int v) in pairs)
            {
                d.TryAdd(k, v);
            }

            return d;
        }).Null(0.15)!;

    private static readonly Gen<Renamed> Renamed = Gen.Frequency((4, Gen.Enum<Renamed>()), (1, Gen.Int[-3, 20].Select(i => (Renamed)i)));

    public static readonly Gen<PolicyKeys> PolicyKeys =
        from names in MapOf(Gen.Frequency((3, Gen.OneOf("HelloWorld", "helloWorld", "ID", "XMLHttp", "a_b", "A-B", "x1Y2", "")), (2, Generators.Key)))
        from colors in MapOf(Generators.Color)
        from permissions in MapOf(Generators.Permissions)
        from renamed in MapOf(Renamed)
        from numbers in MapOf(Gen.Int)
        from immutable in MapOf(Generators.Key)
        select new PolicyKeys
        {
            Names = names, Colors = colors, Permissions = permissions, Renamed = renamed,
            Numbers = numbers is null ? null : new SortedDictionary<int, int>(numbers),
            Immutable = immutable?.ToImmutableDictionary(),
        };

    public static readonly Gen<StringEnumPolicyKeys> StringEnumPolicyKeys =
        from colors in Gen.Select(Generators.Color, Generators.Color).Array[0, 5].Null(0.15)
        from renamed in MapOf(Renamed)
        from set in Renamed.Array[0, 5].Null(0.15)
        select new StringEnumPolicyKeys
        {
            Colors = colors?.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2),
            Renamed = renamed,
            Set = set is null ? null : [.. set],
        };
}

/// <summary>Values of <see cref="IndentedCollections"/>.</summary>
internal static class IndentedCollectionGenerators
{
    private static readonly Gen<List<int>?> Ints = Gen.Int[-5, 50].List[0, 4].Null(0.2)!;

    public static readonly Gen<IndentedCollections> Value =
        from set in Ints
        from stack in Gen.String.List[0, 4].Null(0.2)
        from nested in Ints.List[0, 3].Null(0.2)
        from byNumber in Gen.Select(Gen.Int, Ints).Array[0, 3].Null(0.2)
        from sorted in Gen.Select(Gen.Char['a', 'z'].Array[1, 4].Select(c => new string(c)), Ints).Array[0, 3].Null(0.2)
        from colors in Gen.Select(Generators.Color, Gen.Int).Array[0, 3].Null(0.2)
        select new IndentedCollections
        {
            Set = set is null ? null : [.. set],
            Stack = stack is null ? null : new Stack<string>(stack),
            Nested = nested?.ToImmutableList(),
            ByNumber = byNumber?.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => (List<int>?)p.Item2),
            Sorted = sorted is null ? null : new SortedDictionary<string, HashSet<int>?>(sorted.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2 is null ? null : new HashSet<int>(p.Item2))),
            Colors = colors?.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2),
        };
}
