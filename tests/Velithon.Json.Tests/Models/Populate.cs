using System.Collections.ObjectModel;
using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Populating;

// JsonObjectCreationHandling.Populate: members of every kind System.Text.Json populates (mutable collections and
// dictionaries, [VelithonJson] classes; settable, get-only, init-only and C# required) and of kinds it replaces. The
// parameterless constructors copy a thread-static template, so STJ and the generated code start from equal pre-filled
// instances (neither can populate a root instance given to it: each creates the root through that constructor).

/// <summary>Compiled with <c>PreferredObjectCreationHandling = Populate</c>.</summary>
[VelithonJson(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
public partial class Stocked
{
    /// <summary>What the next instance created on this thread starts with (copied), or null for the initializers.</summary>
    [ThreadStatic]
    internal static Stocked? Template;

    public Stocked()
    {
        if (Template is not { } t)
        {
            return;
        }

        Numbers = Copy(t.Numbers, s => new List<int>(s));
        Fixed.AddRange(t.Fixed);
        FixedOrNull = Copy(t.FixedOrNull, s => new List<string>(s));
        Tags = Copy(t.Tags, s => new HashSet<string>(s, StringComparer.Ordinal));
        Pending = Copy(t.Pending, s => new Queue<int>(s));
        Pushed = Copy(t.Pushed, s => new Stack<int>(s.Reverse()));
        Chain = Copy(t.Chain, s => new LinkedList<string>(s));
        Watched = Copy(t.Watched, s => new ObservableCollection<int>(s));
        Listed = Copy(t.Listed, s => s is int[] array ? array.ToArray() : (IList<int>)new List<int>(s));
        Counts = Copy(t.Counts, s => new Dictionary<string, int>(s, StringComparer.Ordinal));
        Labels = Copy(t.Labels, s => (IDictionary<string, string?>)new Dictionary<string, string?>(s, StringComparer.Ordinal));
        Ranked = Copy(t.Ranked, s => new SortedDictionary<int, string>(s));
        Child = Copy(t.Child, s => s.Copy());
        FixedChild.CopyFrom(t.FixedChild);
        Optional = Copy(t.Optional, s => s.Copy());
        InitOnly = Copy(t.InitOnly, s => new List<int>(s));
        Replaced = Copy(t.Replaced, s => s.ToArray());
        ReadOnly = Copy(t.ReadOnly, s => (IReadOnlyList<int>)s.ToList());
        Name = t.Name;
        Count = t.Count;
    }

    /// <summary>Creates a value with its get-only members set (a document or a template for the tests).</summary>
    internal Stocked(IEnumerable<int> fixedItems, List<string>? fixedOrNull, StockedChild fixedChild)
    {
        Fixed.AddRange(fixedItems);
        FixedOrNull = fixedOrNull;
        FixedChild.CopyFrom(fixedChild);
    }

    public List<int> Numbers { get; set; } = [];

    public List<int> Fixed { get; } = [];

    public List<string>? FixedOrNull { get; }

    public HashSet<string> Tags { get; set; } = new(StringComparer.Ordinal);

    public Queue<int> Pending { get; set; } = new();

    public Stack<int> Pushed { get; set; } = new();

    public LinkedList<string> Chain { get; set; } = new();

    public ObservableCollection<int> Watched { get; set; } = [];

    public IList<int> Listed { get; set; } = new List<int>();

    public Dictionary<string, int> Counts { get; set; } = new(StringComparer.Ordinal);

    public IDictionary<string, string?> Labels { get; set; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    public SortedDictionary<int, string> Ranked { get; set; } = [];

    public StockedChild Child { get; set; } = new();

    public StockedChild FixedChild { get; } = new();

    public StockedChild? Optional { get; set; }

    public List<int> InitOnly { get; init; } = [];

    // Replaced, not populated: System.Text.Json cannot add to these.
    public int[] Replaced { get; set; } = [];

    public IReadOnlyList<int> ReadOnly { get; set; } = [];

    public string Name { get; set; } = "";

    public int Count { get; set; }

    private static TValue Copy<TValue>(TValue? value, Func<TValue, TValue> copy)
        where TValue : class => value is null ? null! : copy(value);
}

/// <summary>A populated object member: its own members populated too, its required member still required.</summary>
[VelithonJson(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
public partial class StockedChild
{
    [JsonRequired]
    public int Id { get; set; }

    public List<string> Notes { get; set; } = [];

    public string? Label { get; set; }

    public StockedChild Copy()
    {
        var copy = new StockedChild();
        copy.CopyFrom(this);
        return copy;
    }

    public void CopyFrom(StockedChild other)
    {
        Id = other.Id;
        Notes = other.Notes is null ? null! : [.. other.Notes];
        Label = other.Label;
    }
}

/// <summary>C# required members: the instance is still created first (and they are still required).</summary>
[VelithonJson(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
public partial class StockedRequired
{
    public required List<int> Items { get; set; }

    public required string Code { get; init; }

    public List<int> Extra { get; set; } = [1, 2];
}

/// <summary>A constructor with parameters: the option populates nothing (System.Text.Json's rule).</summary>
[VelithonJson(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
public partial class StockedArgs
{
    public StockedArgs(string name) => Name = name;

    public string Name { get; }

    public List<int> Numbers { get; set; } = [1, 2];
}

/// <summary>The member attribute in a type compiled with Replace: only that member is populated.</summary>
[VelithonJson]
public partial class MemberPopulated
{
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public List<int> Kept { get; set; } = [1, 2];

    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public Dictionary<string, int> KeptMap { get; } = new() { ["a"] = 1 };

    public List<int> Replaced { get; set; } = [3];
}

/// <summary>The type attribute: its members populated where they can be, the rest replaced silently.</summary>
[VelithonJson]
[JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
public partial class TypePopulated
{
    public List<int> Kept { get; set; } = [1];

    public int[] Replaced { get; set; } = [1];

    [JsonObjectCreationHandling(JsonObjectCreationHandling.Replace)]
    public List<int> ReplacedByItsOwn { get; set; } = [1];
}

/// <summary>IgnoreReadOnlyProperties: a get-only member is not read, populated or not.</summary>
[VelithonJson(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate, IgnoreReadOnlyProperties = true)]
public partial class StockedIgnoringReadOnly
{
    public List<int> Fixed { get; } = [1];

    public List<int> Settable { get; set; } = [1];
}

/// <summary>The other collection kinds System.Text.Json populates, pre-filled by their initializers.</summary>
[VelithonJson(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
public partial class StockedKinds
{
    public ICollection<int> Collected { get; set; } = new List<int> { 1 };

    public ISet<string> Set { get; set; } = new HashSet<string>(StringComparer.Ordinal) { "a" };

    public SortedSet<int> Sorted { get; set; } = [5];

    public System.Collections.Concurrent.ConcurrentQueue<int> Queued { get; } = new([1]);

    public System.Collections.Concurrent.ConcurrentStack<int> Stacked { get; set; } = new([1]);

    public Collection<int> Plain { get; set; } = [1];

    public SortedList<string, int> Listed { get; set; } = new(StringComparer.Ordinal) { ["a"] = 1 };

    public System.Collections.Concurrent.ConcurrentDictionary<string, int> Shared { get; set; } = new(StringComparer.Ordinal) { ["a"] = 1 };

    public IDictionary<int, string> ByNumber { get; set; } = new Dictionary<int, string> { [1] = "one" };

    public List<List<int>> Nested { get; set; } = [[1]];

    public Dictionary<string, StockedChild> Children { get; set; } = new(StringComparer.Ordinal) { ["a"] = new StockedChild { Id = 1 } };
}
