using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Text;
using CsCheck;
using Velithon.Json.Tests.Models;
using static Velithon.Json.Tests.CollectionGenerators;

namespace Velithon.Json.Tests;

/// <summary>
/// Sets, queues, stacks, linked lists, observable, concurrent, sorted and immutable collections and dictionaries of
/// every kind (non-string keys included) as type arguments of generic [VelithonJson] types
/// (Models/GenericCollectionArguments.cs), as members and as roots: STJ reflection (Web) writes the same bytes, and
/// STJ's output, its variants and damaged documents read to the same value or the same JsonException (path, position).
/// </summary>
public sealed class GenericCollectionArgumentOracleTests
{
    private static Gen<Wrapper<T>?> WrapperOf<T>(Gen<T> value) =>
        Gen.Select(value, value.List[0, 3].Null(0.3), MapOf(Generators.Key, value, 3))
            .Select((v, items, byKey) => new Wrapper<T> { Value = v, Items = items, ByKey = byKey! })
            .Null(0.1)!;

    private static Gen<Wrapper<TCollection>?> WrapperOf<T, TCollection>(Gen<List<T>?> items, Func<List<T>, TCollection> build)
        where TCollection : class =>
        WrapperOf(items.Select(l => l is null ? null! : build(l)));

    private static Gen<Wrapper<TMap>?> MapWrapperOf<TKey, TValue, TMap>(Gen<TKey> key, Gen<TValue> value, Func<Dictionary<TKey, TValue>, TMap> build)
        where TKey : notnull
        where TMap : class =>
        WrapperOf(MapOf(key, value, 5).Select(d => d is null ? null! : build(d)));

    private static Gen<Page<T>?> PageOf<T>(Gen<T> item) =>
        Gen.Select(Gen.Int, item.List[0, 3], item)
            .Select((number, items, first) => new Page<T> { Number = number, Items = items, First = first })
            .Null(0.1)!;

    private static readonly Gen<Address?> Addresses = NullableAddress;

    private static readonly Gen<SequenceArguments> Sequences =
        from sets in PageOf(Items(SmallOrAnyInt, 5).Select(l => l is null ? null : new HashSet<int>(l)))
        from set in WrapperOf<string?, ISet<string?>>(Items(NullableKey, 5), l => new HashSet<string?>(l))
        from sorted in WrapperOf<int, SortedSet<int>>(Items(SmallOrAnyInt, 5), l => new SortedSet<int>(l))
        from queue in WrapperOf<Address?, Queue<Address?>>(Items(Addresses, 3), l => new Queue<Address?>(l))
        from linked in WrapperOf<long, LinkedList<long>>(Items(Gen.Long, 5), l => new LinkedList<long>(l))
        from collection in WrapperOf<int?, Collection<int?>>(Items(Gen.Frequency((4, Gen.Int.Select(i => (int?)i)), (1, Gen.Const((int?)null))), 5), l => new Collection<int?>(l))
        from observable in WrapperOf<double, ObservableCollection<double>>(Items(Generators.Double, 5), l => new ObservableCollection<double>(l))
        from readOnly in WrapperOf<string, IReadOnlyCollection<string>>(Items(Generators.String, 4), l => l)
        from concurrentQueue in WrapperOf<int, ConcurrentQueue<int>>(Items(Gen.Int, 5), l => new ConcurrentQueue<int>(l))
        from immutableList in WrapperOf<string?, ImmutableList<string?>>(Items(Generators.NullableString, 4), l => l.ToImmutableList())
        from iimmutableList in WrapperOf<int, IImmutableList<int>>(Items(Gen.Int, 5), l => l.ToImmutableList())
        from immutableHashSet in WrapperOf<int, ImmutableHashSet<int>>(Items(SmallOrAnyInt, 5), l => l.ToImmutableHashSet())
        from iimmutableSet in WrapperOf<string, IImmutableSet<string>>(Items(Generators.Key, 4), l => l.ToImmutableHashSet())
        from immutableSortedSet in WrapperOf<int, ImmutableSortedSet<int>>(Items(SmallOrAnyInt, 5), l => l.ToImmutableSortedSet())
        from immutableQueue in WrapperOf<Color, ImmutableQueue<Color>>(Items(Generators.Color, 4), ImmutableQueue.CreateRange)
        from iimmutableQueue in WrapperOf<long, IImmutableQueue<long>>(Items(Gen.Long, 4), l => ImmutableQueue.CreateRange(l))
        from nested in WrapperOf(Items(Items(Gen.Int[0, 9], 4), 3).Select(l => l?.Select(n => n is null ? null! : new HashSet<int>(n)).ToList()))
        select new SequenceArguments
        {
            Sets = sets, Set = set, Sorted = sorted, Queue = queue, Linked = linked, Collection = collection, Observable = observable,
            ReadOnly = readOnly, ConcurrentQueue = concurrentQueue, ImmutableList = immutableList, IImmutableList = iimmutableList,
            ImmutableHashSet = immutableHashSet, IImmutableSet = iimmutableSet, ImmutableSortedSet = immutableSortedSet,
            ImmutableQueue = immutableQueue, IImmutableQueue = iimmutableQueue, Nested = nested,
        };

    private static readonly Gen<StackArguments> Stacks =
        from stack in WrapperOf<string, Stack<string>>(Items(Generators.String, 5), l => new Stack<string>(l))
        from concurrent in WrapperOf<int, ConcurrentStack<int>>(Items(Gen.Int, 5), l => new ConcurrentStack<int>(l))
        from immutable in WrapperOf<int, ImmutableStack<int>>(Items(Gen.Int, 5), ImmutableStack.CreateRange)
        from iimmutable in WrapperOf<Address, IImmutableStack<Address>>(Items(Generators.Address, 3), l => ImmutableStack.CreateRange(l))
        from pages in PageOf(Items(Gen.Int, 4).Select(l => l is null ? null : new Stack<int>(l)))
        select new StackArguments { Stack = stack, Concurrent = concurrent, Immutable = immutable, IImmutable = iimmutable, Pages = pages };

    private static readonly Gen<MapArguments> Maps =
        from byGuid in MapWrapperOf(Gen.Guid, Generators.Address, d => d)
        from byInt in MapWrapperOf(SmallOrAnyInt, Generators.NullableString, d => d)
        from iface in MapWrapperOf<long, int, IDictionary<long, int>>(Gen.Long, Gen.Int, d => d)
        from readOnly in MapWrapperOf<short, int, IReadOnlyDictionary<short, int>>(Gen.Short, Gen.Int, d => d)
        from sorted in MapWrapperOf(SmallOrAnyInt, Generators.String, d => new SortedDictionary<int, string>(d))
        from sortedList in MapWrapperOf(SortedKey, Gen.Int, d => new SortedList<string, int>(d))
        from concurrent in MapWrapperOf(Generators.Key, Gen.Int, d => new ConcurrentDictionary<string, int>(d))
        from immutable in MapWrapperOf(Generators.Key, Gen.Int, d => d.ToImmutableDictionary())
        from iimmutable in MapWrapperOf<ulong, Address?, IImmutableDictionary<ulong, Address?>>(Gen.ULong, Addresses, d => d.ToImmutableDictionary())
        from immutableSorted in MapWrapperOf(SmallOrAnyInt, Generators.Address, d => d.ToImmutableSortedDictionary())
        from byColor in MapWrapperOf(Generators.Color, Gen.Int, d => d)
        from byPermissions in MapWrapperOf(Generators.Permissions, Generators.String, d => d)
        from byDate in MapWrapperOf(Generators.DateTime, Gen.Int, d => d)
        from byDouble in MapWrapperOf(Generators.Double, Gen.Int, d => d)
        from byBool in MapWrapperOf(Gen.Bool, Gen.Int, d => d)
        from byChar in MapWrapperOf(KeyChar, Gen.Int, d => d)
        from byTimeSpan in MapWrapperOf<TimeSpan, int, IReadOnlyDictionary<TimeSpan, int>>(Generators.TimeSpan, Gen.Int, d => d)
        from byUri in MapWrapperOf(KeyUri, Gen.Int, d => d)
        from bySByte in MapWrapperOf(Gen.SByte, Gen.UInt, d => new SortedList<sbyte, uint>(d))
        from byUInt in MapWrapperOf(Gen.UInt, Gen.Int, d => d)
        from byDecimal in MapWrapperOf(Generators.Decimal, Gen.Int, d => d)
        from byOffset in MapWrapperOf(Generators.DateTimeOffset, Gen.Int, d => new ConcurrentDictionary<DateTimeOffset, int>(d))
        from byWide in MapWrapperOf(Generators.Wide, Generators.NullableString, d => new SortedDictionary<Wide, string?>(d))
        from nested in MapWrapperOf(Generators.Key, Items(Gen.Int, 3).Select(l => l is null ? null! : new Queue<int>(l)), d => d)
        from pages in PageOf(MapOf(Gen.Byte, Items(Gen.Int[0, 5], 3).Select(l => l is null ? null! : new HashSet<int>(l)), 3).Select(d => d is null ? null : new SortedDictionary<byte, HashSet<int>>(d)))
        select new MapArguments
        {
            ByGuid = byGuid, ByInt = byInt, Interface = iface, ReadOnly = readOnly, Sorted = sorted, SortedList = sortedList,
            Concurrent = concurrent, Immutable = immutable, IImmutable = iimmutable, ImmutableSorted = immutableSorted,
            ByColor = byColor, ByPermissions = byPermissions, ByDate = byDate, ByDouble = byDouble, Nested = nested, Pages = pages,
            ByBool = byBool, ByChar = byChar, ByTimeSpan = byTimeSpan, ByUri = byUri, BySByte = bySByte, ByUInt = byUInt,
            ByDecimal = byDecimal, ByOffset = byOffset, ByWide = byWide,
        };

    [Fact]
    public void Sequences_are_byte_identical_to_STJ_and_read_back() => Sequences.Run(GenericOracleTests.SameBytesAndRead, iter: 600);

    [Fact]
    public void Stacks_are_written_from_the_top_and_read_reversed_like_STJ() => Stacks.Run(GenericOracleTests.SameBytesAndRead, iter: 800);

    [Fact]
    public void Dictionaries_of_every_key_kind_are_byte_identical_to_STJ_and_read_back() => Maps.Run(GenericOracleTests.SameBytesAndRead, iter: 600);

    [Fact]
    public void Variants_of_STJ_output_read_like_STJ() =>
        Gen.Select(Sequences, Stacks, Maps, Gen.Int).Run(t =>
        {
            Variants(t.Item1, t.Item4);
            Variants(t.Item2, t.Item4);
            Variants(t.Item3, t.Item4);
        }, iter: 300);

    [Fact]
    public void Mutated_and_truncated_documents_read_like_STJ() => Bounded.Run(TimeSpan.FromSeconds(120), _ =>
        Gen.Select(Sequences, Stacks, Maps, Gen.Int).Run(t =>
        {
            var random = new Random(t.Item4);
            Damaged(t.Item1, random);
            Damaged(t.Item2, random);
            Damaged(t.Item3, random);
        }, iter: 400));

    [Fact]
    public void Closed_types_used_only_as_roots_are_byte_identical_to_STJ_and_read_back()
    {
        Gen.Select(Gen.Int, Items(SmallOrAnyInt, 5), Generators.NullableString)
            .Select((n, items, cursor) => new Page<HashSet<int>> { Number = n, Items = items is null ? [] : [[.. items], []], First = items is null ? null : [.. items], Cursor = cursor })
            .Run(GenericOracleTests.SameBytesAndRead, iter: 300);
        WrapperOf(MapOf(SmallOrAnyInt, Generators.String, 5).Select(d => d is null ? null : new SortedDictionary<int, string>(d)))
            .Where(w => w is not null)
            .Run(w => GenericOracleTests.SameBytesAndRead(w!), iter: 300);
        Gen.Select(Items(Generators.Address, 4), Gen.Int)
            .Select((items, version) => new Boxed<ImmutableList<Address>>(items is null ? [] : [.. items], version))
            .Run(GenericOracleTests.SameBytesAndRead, iter: 300);
        // Named in the source (the generator sees written names, not inferred types).
        WrapperOf(Items(Gen.Guid, 5).Select(l => l is null ? null! : new Queue<Guid>(l)))
            .Where(w => w is not null)
            .Run(w => GenericOracleTests.SameBytesAndRead<Wrapper<Queue<Guid>>>(w!), iter: 300);
    }

    [Fact]
    public void The_STJ_resolver_writes_and_reads_collection_type_arguments_like_STJ() => Gen.Select(Sequences, Stacks, Maps).Run(t =>
    {
        Bridged(t.Item1);
        Bridged(t.Item2);
        Bridged(t.Item3);
    }, iter: 200);

    [Theory]
    [InlineData("""{"number":1,"items":[[1,1,2],[]],"first":[3,3]}""")]
    [InlineData("""{"items":[[1,null]]}""")]
    [InlineData("""{"items":[null]}""")]
    [InlineData("""{"items":[{}]}""")]
    [InlineData("""{"first":null}""")]
    [InlineData("""{"first":[1,"2"]}""")]
    [InlineData("""{"first":[1,2""")]
    [InlineData("""{"first":[1,1,2,1,x]}""")]
    [InlineData("""{"items":[[5,5,5,"5"]]}""")]
    public void Sets_read_like_STJ(string json) => ConverterOracleTests.AssertSameRead<Page<HashSet<int>>>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"value":["a","b","c"]}""")]
    [InlineData("""{"value":[null,"x"]}""")]
    [InlineData("""{"value":null,"items":[["a"],null]}""")]
    [InlineData("""{"value":[1]}""")]
    [InlineData("""{"value":{}}""")]
    public void Stacks_read_like_STJ(string json) => ConverterOracleTests.AssertSameRead<Wrapper<Stack<string>>>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"value":{"1":"a","1":"b","-2":"c"}}""")]
    [InlineData("""{"value":{"x":"a"}}""")]
    [InlineData("""{"value":{" 1":"a"}}""")]
    [InlineData("""{"value":{"1":null}}""")]
    [InlineData("""{"value":{"1":1}}""")]
    [InlineData("""{"value":{"99999999999":"a"}}""")]
    [InlineData("""{"value":[]}""")]
    [InlineData("""{"byKey":{"k":{"2":"b","1":"a"}}}""")]
    [InlineData("""{"value":{"1":"a",""")]
    public void Integer_keyed_sorted_dictionaries_read_like_STJ(string json) => ConverterOracleTests.AssertSameRead<Wrapper<SortedDictionary<int, string>>>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"byColor":{"value":{"red":1,"Green":2,"5":3}}}""")]
    [InlineData("""{"byColor":{"value":{"Nope":1}}}""")]
    [InlineData("""{"byColor":{"value":{"red":1,"RED":2}}}""")]
    [InlineData("""{"byColor":{"value":{"":1}}}""")]
    [InlineData("""{"byPermissions":{"value":{"read, write":"a","7":"b","none":"c"}}}""")]
    public void Enum_keyed_dictionaries_read_like_STJ(string json) => ConverterOracleTests.AssertSameRead<MapArguments>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"byGuid":{"value":{"not-a-guid":{}}}}""")]
    [InlineData("""{"byGuid":{"value":{"0f8fad5b-d9cb-469f-a165-70867728950e":{"zip":1},"0F8FAD5B-D9CB-469F-A165-70867728950E":null}}}""")]
    [InlineData("""{"byDate":{"value":{"2024-01-01":1,"2024-13-01":2}}}""")]
    [InlineData("""{"byDouble":{"value":{"1.5":1,"NaN":2,"1e400":3}}}""")]
    [InlineData("""{"immutable":{"value":{"a":1,"a":2}}}""")]
    [InlineData("""{"iImmutable":{"value":{"18446744073709551615":null,"-1":null}}}""")]
    [InlineData("""{"pages":{"items":[{"255":[1,1],"256":[]}]}}""")]
    public void Other_keys_read_like_STJ(string json) => ConverterOracleTests.AssertSameRead<MapArguments>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"sorted":{"value":[3,1,2,1]}}""")]
    [InlineData("""{"sorted":{"value":[3,1,3,1,"x"]}}""")]
    [InlineData("""{"set":{"value":["a","a",null,null,1]}}""")]
    [InlineData("""{"immutableHashSet":{"value":[1,1,1,"x"]}}""")]
    [InlineData("""{"immutableSortedSet":{"value":[3,1,2,1]}}""")]
    [InlineData("""{"iImmutableSet":{"value":["a","a"]}}""")]
    [InlineData("""{"immutableQueue":{"value":[1,"2",3]}}""")]
    [InlineData("""{"collection":{"value":[1,null,"x"]}}""")]
    [InlineData("""{"readOnly":{"value":[]}}""")]
    [InlineData("""{"linked":{"value":{"a":1}}}""")]
    public void Other_sequences_read_like_STJ(string json) => ConverterOracleTests.AssertSameRead<SequenceArguments>(Encoding.UTF8.GetBytes(json));

    private static readonly System.Text.Json.JsonSerializerOptions Resolved = new(System.Text.Json.JsonSerializerOptions.Web)
    {
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            new VelithonJsonTypeInfoResolver(), new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };

    private static void Bridged<T>(T value)
    {
        byte[] expected = Oracle.Serialize(value);
        GenericOracleTests.AssertBytes(expected, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, Resolved));
        DeepEqual.AssertEqual(Oracle.Deserialize<T>(expected), System.Text.Json.JsonSerializer.Deserialize<T>(expected, Resolved));
    }

    private static void Variants<T>(T value, int seed)
        where T : IVelithonJson<T>
    {
        var random = new Random(seed);
        byte[] json = Oracle.Serialize(value);
        ConverterOracleTests.AssertSameRead<T>(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, Oracle.WebIndented));
        ConverterOracleTests.AssertSameRead<T>(JsonRewriter.FlipCase(json, random));
        ConverterOracleTests.AssertSameRead<T>(JsonRewriter.InsertUnknownMembers(json, random));
        ConverterOracleTests.AssertSameRead<T>(JsonRewriter.NumbersAsStrings(json));
    }

    private static void Damaged<T>(T value, Random random)
        where T : IVelithonJson<T>
    {
        byte[] json = Oracle.Serialize(value);
        for (int i = 0; i < 3; i++)
        {
            ConverterOracleTests.AssertSameRead<T>(Mutator.Mutate(json, random));
        }

        ConverterOracleTests.AssertSameRead<T>(json.AsSpan(0, random.Next(json.Length)).ToArray());
    }
}
