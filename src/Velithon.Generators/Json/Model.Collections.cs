namespace Velithon.Generators.Json;

/// <summary>
/// The collection type of a <see cref="ShapeKind.Sequence"/> or <see cref="ShapeKind.Map"/>: how it is enumerated and
/// which concrete type reading creates (System.Text.Json's choice for an interface).
/// </summary>
internal enum CollectionKind
{
    None,

    // Sequences.
    HashSet,
    ISet,
    IReadOnlyCollection,
    Queue,
    Stack,
    LinkedList,
    SortedSet,
    Collection,
    ObservableCollection,
    ConcurrentQueue,
    ConcurrentStack,
    ImmutableList,
    IImmutableList,
    ImmutableHashSet,
    IImmutableSet,
    ImmutableSortedSet,
    ImmutableQueue,
    IImmutableQueue,
    ImmutableStack,
    IImmutableStack,

    // Maps.
    Dictionary,
    IDictionary,
    IReadOnlyDictionary,
    SortedDictionary,
    SortedList,
    ConcurrentDictionary,
    ImmutableDictionary,
    IImmutableDictionary,
    ImmutableSortedDictionary,
}
