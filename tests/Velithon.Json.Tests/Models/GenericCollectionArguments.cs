using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Collections.ObjectModel;

namespace Velithon.Json.Tests.Models;

// Collection kinds other than lists, arrays and string-keyed dictionaries as type arguments of generic [VelithonJson]
// types: their handlers come from the JsonValueHandlers factories the generated code registers. STJ reflection (Web)
// is the oracle (GenericCollectionArgumentOracleTests).

/// <summary>A generic wrapper: the type argument as a member, a list element and a dictionary value.</summary>
[VelithonJson]
public partial class Wrapper<T>
{
    public T? Value { get; set; }

    public List<T>? Items { get; set; }

    public Dictionary<string, T>? ByKey { get; set; }
}

/// <summary>Sets, queues, stacks, linked lists, observable, concurrent and immutable sequences as type arguments.</summary>
[VelithonJson]
public partial class SequenceArguments
{
    public Page<HashSet<int>>? Sets { get; set; }

    public Wrapper<ISet<string?>>? Set { get; set; }

    public Wrapper<SortedSet<int>>? Sorted { get; set; }

    public Wrapper<Queue<Address?>>? Queue { get; set; }

    public Wrapper<LinkedList<long>>? Linked { get; set; }

    public Wrapper<Collection<int?>>? Collection { get; set; }

    public Wrapper<ObservableCollection<double>>? Observable { get; set; }

    public Wrapper<IReadOnlyCollection<string>>? ReadOnly { get; set; }

    public Wrapper<ConcurrentQueue<int>>? ConcurrentQueue { get; set; }

    public Wrapper<ImmutableList<string?>>? ImmutableList { get; set; }

    public Wrapper<IImmutableList<int>>? IImmutableList { get; set; }

    public Wrapper<ImmutableHashSet<int>>? ImmutableHashSet { get; set; }

    public Wrapper<IImmutableSet<string>>? IImmutableSet { get; set; }

    public Wrapper<ImmutableSortedSet<int>>? ImmutableSortedSet { get; set; }

    public Wrapper<ImmutableQueue<Color>>? ImmutableQueue { get; set; }

    public Wrapper<IImmutableQueue<long>>? IImmutableQueue { get; set; }

    public Wrapper<List<HashSet<int>>>? Nested { get; set; }
}

/// <summary>Stacks as type arguments: written from the top, read back reversed (as STJ does).</summary>
[VelithonJson]
public partial class StackArguments
{
    public Wrapper<Stack<string>>? Stack { get; set; }

    public Wrapper<ConcurrentStack<int>>? Concurrent { get; set; }

    public Wrapper<ImmutableStack<int>>? Immutable { get; set; }

    public Wrapper<IImmutableStack<Address>>? IImmutable { get; set; }

    public Page<Stack<int>>? Pages { get; set; }
}

/// <summary>Dictionaries of every kind STJ reads, with string and non-string keys, as type arguments.</summary>
[VelithonJson]
public partial class MapArguments
{
    public Wrapper<Dictionary<Guid, Address>>? ByGuid { get; set; }

    public Wrapper<Dictionary<int, string?>>? ByInt { get; set; }

    public Wrapper<IDictionary<long, int>>? Interface { get; set; }

    public Wrapper<IReadOnlyDictionary<short, int>>? ReadOnly { get; set; }

    public Wrapper<SortedDictionary<int, string>>? Sorted { get; set; }

    public Wrapper<SortedList<string, int>>? SortedList { get; set; }

    public Wrapper<ConcurrentDictionary<string, int>>? Concurrent { get; set; }

    public Wrapper<ImmutableDictionary<string, int>>? Immutable { get; set; }

    public Wrapper<IImmutableDictionary<ulong, Address?>>? IImmutable { get; set; }

    public Wrapper<ImmutableSortedDictionary<int, Address>>? ImmutableSorted { get; set; }

    public Wrapper<Dictionary<Color, int>>? ByColor { get; set; }

    public Wrapper<Dictionary<Permissions, string>>? ByPermissions { get; set; }

    public Wrapper<Dictionary<DateTime, int>>? ByDate { get; set; }

    public Wrapper<Dictionary<double, int>>? ByDouble { get; set; }

    public Wrapper<Dictionary<bool, int>>? ByBool { get; set; }

    public Wrapper<Dictionary<char, int>>? ByChar { get; set; }

    public Wrapper<IReadOnlyDictionary<TimeSpan, int>>? ByTimeSpan { get; set; }

    public Wrapper<Dictionary<Uri, int>>? ByUri { get; set; }

    public Wrapper<SortedList<sbyte, uint>>? BySByte { get; set; }

    public Wrapper<Dictionary<uint, int>>? ByUInt { get; set; }

    public Wrapper<Dictionary<decimal, int>>? ByDecimal { get; set; }

    public Wrapper<ConcurrentDictionary<DateTimeOffset, int>>? ByOffset { get; set; }

    public Wrapper<SortedDictionary<Wide, string?>>? ByWide { get; set; }

    public Wrapper<Dictionary<string, Queue<int>>>? Nested { get; set; }

    public Page<SortedDictionary<byte, HashSet<int>>>? Pages { get; set; }
}
