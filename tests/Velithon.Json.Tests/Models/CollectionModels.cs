using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Collections.ObjectModel;

namespace Velithon.Json.Tests.Models;

// Collections beyond lists and string-keyed dictionaries, and dictionary keys other than strings (issue 18): each
// type is compared with STJ reflection (Web defaults) by CollectionOracleTests.

/// <summary>Mutable sets, queues and collections (stacks are in <see cref="Stacks"/>: they read back reversed).</summary>
[VelithonJson]
public partial class SetsAndQueues
{
    public HashSet<int>? HashSet { get; set; }
    public ISet<string?>? Set { get; set; }
    public IReadOnlyCollection<int>? ReadOnlyCollection { get; set; }
    public Queue<string>? Queue { get; set; }
    public LinkedList<long>? LinkedList { get; set; }
    public SortedSet<int>? SortedSet { get; set; }
    public Collection<Address?>? Collection { get; set; }
    public ObservableCollection<double>? Observable { get; set; }
    public ConcurrentQueue<int>? ConcurrentQueue { get; set; }
    public HashSet<Color>? Colors { get; set; }
    public List<HashSet<int>?>? Nested { get; set; }
}

/// <summary>Immutable sequences (interfaces read as the immutable type STJ creates).</summary>
[VelithonJson]
public partial class ImmutableSequences
{
    public ImmutableList<int>? List { get; set; }
    public IImmutableList<string?>? IList { get; set; }
    public ImmutableHashSet<int>? HashSet { get; set; }
    public IImmutableSet<string>? ISet { get; set; }
    public ImmutableSortedSet<int>? SortedSet { get; set; }
    public ImmutableQueue<int>? Queue { get; set; }
    public IImmutableQueue<long>? IQueue { get; set; }
}

/// <summary>Stacks: STJ writes them in pop order and pushes what it reads, so a value reads back reversed.</summary>
[VelithonJson]
public partial class Stacks
{
    public Stack<int>? Stack { get; set; }
    public ConcurrentStack<string>? Concurrent { get; set; }
    public ImmutableStack<int>? Immutable { get; set; }
    public IImmutableStack<int>? IImmutable { get; set; }
}

/// <summary>String-keyed dictionaries of other kinds.</summary>
[VelithonJson]
public partial class StringMaps
{
    public SortedDictionary<string, int>? Sorted { get; set; }
    public SortedList<string, string?>? SortedList { get; set; }
    public ConcurrentDictionary<string, int>? Concurrent { get; set; }
    public ImmutableDictionary<string, int>? Immutable { get; set; }
    public IImmutableDictionary<string, Address?>? IImmutable { get; set; }
    public ImmutableSortedDictionary<string, List<int>?>? ImmutableSorted { get; set; }
}

/// <summary>Integer keys of every width, in several dictionary kinds.</summary>
[VelithonJson]
public partial class IntegerKeys
{
    public Dictionary<int, int>? Int32 { get; set; }
    public Dictionary<long, string?>? Int64 { get; set; }
    public Dictionary<byte, int>? Byte { get; set; }
    public Dictionary<sbyte, int>? SByte { get; set; }
    public Dictionary<short, int>? Int16 { get; set; }
    public Dictionary<ushort, int>? UInt16 { get; set; }
    public Dictionary<uint, int>? UInt32 { get; set; }
    public Dictionary<ulong, int>? UInt64 { get; set; }
    public IReadOnlyDictionary<int, string>? ReadOnly { get; set; }
    public IDictionary<long, int>? Interface { get; set; }
    public SortedDictionary<int, int>? Sorted { get; set; }
    public ImmutableDictionary<int, Address?>? Immutable { get; set; }
}

/// <summary>Every other key type STJ has a built-in key converter for (and the generator compiles).</summary>
[VelithonJson]
public partial class OtherKeys
{
    public Dictionary<Guid, int>? Guid { get; set; }
    public Dictionary<bool, int>? Bool { get; set; }
    public Dictionary<char, int>? Char { get; set; }
    public Dictionary<double, int>? Double { get; set; }
    public Dictionary<float, int>? Single { get; set; }
    public Dictionary<decimal, int>? Decimal { get; set; }
    public Dictionary<DateTime, int>? DateTime { get; set; }
    public Dictionary<DateTimeOffset, int>? DateTimeOffset { get; set; }
    public Dictionary<DateOnly, int>? DateOnly { get; set; }
    public Dictionary<TimeOnly, int>? TimeOnly { get; set; }
    public Dictionary<TimeSpan, int>? TimeSpan { get; set; }
    public Dictionary<Uri, int>? Uri { get; set; }
}

/// <summary>Enum keys: numeric enums, string enums, [Flags] (keys are names whatever the enum's converter).</summary>
[VelithonJson]
public partial class EnumKeys
{
    public Dictionary<Color, int>? Color { get; set; }
    public Dictionary<Wide, string?>? Wide { get; set; }
    public SortedDictionary<Suit, int>? Suit { get; set; }
    public Dictionary<Permissions, int>? Permissions { get; set; }
}

/// <summary>An enum with a renamed member (kept as written by a dictionary key policy).</summary>
public enum Renamed
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("first one")]
    FirstOne,
    SecondOne,
    ThirdValue = 7,
}

/// <summary>A dictionary key policy: it converts string and enum keys, not numbers.</summary>
[VelithonJson(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase, DictionaryKeyPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseUpper)]
public partial class PolicyKeys
{
    public Dictionary<string, int>? Names { get; set; }
    public Dictionary<Color, int>? Colors { get; set; }
    public Dictionary<Permissions, int>? Permissions { get; set; }
    public Dictionary<Renamed, int>? Renamed { get; set; }
    public SortedDictionary<int, int>? Numbers { get; set; }
    public ImmutableDictionary<string, int>? Immutable { get; set; }
}

/// <summary>Enum keys with the options' string enum converter and a key policy.</summary>
[VelithonJson(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase, DictionaryKeyPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.KebabCaseLower, UseStringEnumConverter = true)]
public partial class StringEnumPolicyKeys
{
    public Dictionary<Color, Color>? Colors { get; set; }
    public Dictionary<Renamed, int>? Renamed { get; set; }
    public HashSet<Renamed>? Set { get; set; }
}

/// <summary>The new collection kinds written indented (empty ones too: "[]" and "{}" stay on one line).</summary>
[VelithonJson(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
public partial class IndentedCollections
{
    public HashSet<int>? Set { get; set; }
    public Stack<string>? Stack { get; set; }
    public ImmutableList<List<int>?>? Nested { get; set; }
    public Dictionary<int, List<int>?>? ByNumber { get; set; }
    public SortedDictionary<string, HashSet<int>?>? Sorted { get; set; }
    public Dictionary<Color, int>? Colors { get; set; }
}
