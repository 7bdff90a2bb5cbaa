using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json;

// Sets, queues, stacks, linked lists, observable, concurrent, sorted and immutable collections, and dictionaries of
// every kind System.Text.Json reads, as type arguments: enumerated as System.Text.Json enumerates them (a stack from
// its top), filled as it fills them (a stack pushed in document order, so it reads back reversed; set duplicates
// dropped by Add; the last duplicate key wins; immutable collections built from a list or a dictionary), exactly as
// the generated code does for a member of the same type.
public static partial class JsonValueHandlers
{
    /// <summary>Registers <see cref="HashSet{T}"/> and <see cref="ISet{T}"/> (read into a <see cref="HashSet{T}"/>, as System.Text.Json does).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void HashSet<T>()
    {
        Sequence<HashSet<T>, T>(static () => new HashSet<T>(), static (s, v) => s.Add(v));
        Sequence<ISet<T>, T>(static () => new HashSet<T>(), static (s, v) => s.Add(v));
    }

    /// <summary>Registers <see cref="SortedSet{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void SortedSet<T>() => Sequence<SortedSet<T>, T>(static () => new SortedSet<T>(), static (s, v) => s.Add(v));

    /// <summary>Registers <see cref="Queue{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void Queue<T>() => Sequence<Queue<T>, T>(static () => new Queue<T>(), static (q, v) => q.Enqueue(v));

    /// <summary>Registers <see cref="Stack{T}"/>: written from its top, read by pushing in document order (so it reads back reversed, as in System.Text.Json).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void Stack<T>() => Sequence<Stack<T>, T>(static () => new Stack<T>(), static (s, v) => s.Push(v));

    /// <summary>Registers <see cref="LinkedList{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void LinkedList<T>() => Sequence<LinkedList<T>, T>(static () => new LinkedList<T>(), static (l, v) => l.AddLast(v));

    /// <summary>Registers <see cref="Collection{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void Collection<T>() => Sequence<Collection<T>, T>(static () => new Collection<T>(), static (c, v) => c.Add(v));

    /// <summary>Registers <see cref="ObservableCollection{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void ObservableCollection<T>() => Sequence<ObservableCollection<T>, T>(static () => new ObservableCollection<T>(), static (c, v) => c.Add(v));

    /// <summary>Registers <see cref="ConcurrentQueue{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void ConcurrentQueue<T>() => Sequence<ConcurrentQueue<T>, T>(static () => new ConcurrentQueue<T>(), static (q, v) => q.Enqueue(v));

    /// <summary>Registers <see cref="ConcurrentStack{T}"/>: written from its top, read by pushing in document order (reversed, as in System.Text.Json).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void ConcurrentStack<T>() => Sequence<ConcurrentStack<T>, T>(static () => new ConcurrentStack<T>(), static (s, v) => s.Push(v));

    /// <summary>Registers <see cref="ImmutableList{T}"/> and <see cref="IImmutableList{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void ImmutableList<T>()
    {
        Built<ImmutableList<T>, T>(static l => System.Collections.Immutable.ImmutableList.CreateRange(l));
        Built<IImmutableList<T>, T>(static l => System.Collections.Immutable.ImmutableList.CreateRange(l));
    }

    /// <summary>Registers <see cref="ImmutableHashSet{T}"/> and <see cref="IImmutableSet{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void ImmutableHashSet<T>()
    {
        Built<ImmutableHashSet<T>, T>(static l => System.Collections.Immutable.ImmutableHashSet.CreateRange(l));
        Built<IImmutableSet<T>, T>(static l => System.Collections.Immutable.ImmutableHashSet.CreateRange(l));
    }

    /// <summary>Registers <see cref="ImmutableSortedSet{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void ImmutableSortedSet<T>() =>
        Built<ImmutableSortedSet<T>, T>(static l => System.Collections.Immutable.ImmutableSortedSet.CreateRange(l));

    /// <summary>Registers <see cref="ImmutableQueue{T}"/> and <see cref="IImmutableQueue{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void ImmutableQueue<T>()
    {
        Built<ImmutableQueue<T>, T>(static l => System.Collections.Immutable.ImmutableQueue.CreateRange(l));
        Built<IImmutableQueue<T>, T>(static l => System.Collections.Immutable.ImmutableQueue.CreateRange(l));
    }

    /// <summary>Registers <see cref="ImmutableStack{T}"/> and <see cref="IImmutableStack{T}"/>: written from the top, read by pushing in document order (reversed, as in System.Text.Json).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void ImmutableStack<T>()
    {
        Built<ImmutableStack<T>, T>(static l => System.Collections.Immutable.ImmutableStack.CreateRange(l));
        Built<IImmutableStack<T>, T>(static l => System.Collections.Immutable.ImmutableStack.CreateRange(l));
    }

    /// <summary>
    /// Registers <see cref="Dictionary{TKey, TValue}"/>, <see cref="IDictionary{TKey, TValue}"/> and
    /// <see cref="IReadOnlyDictionary{TKey, TValue}"/> with keys of <typeparamref name="TKey"/>, written and read as
    /// System.Text.Json writes and reads such keys as property names (register an enum key type first with <see cref="EnumKey{TEnum}"/>).
    /// </summary>
    /// <typeparam name="TKey">The key type: a string, an integer, a floating-point or decimal number, <see cref="bool"/>, <see cref="char"/>, <see cref="Guid"/>, a date or time, <see cref="Uri"/>, <see cref="Version"/>, or a registered enum.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    public static void Dictionary<TKey, TValue>()
        where TKey : notnull
    {
        Map<Dictionary<TKey, TValue>, TKey, TValue>(static () => new Dictionary<TKey, TValue>(), null);
        Map<IDictionary<TKey, TValue>, TKey, TValue>(static () => new Dictionary<TKey, TValue>(), null);
        Map<IReadOnlyDictionary<TKey, TValue>, TKey, TValue>(static () => new Dictionary<TKey, TValue>(), null);
    }

    /// <summary>Registers <see cref="SortedDictionary{TKey, TValue}"/> (keys as in <see cref="Dictionary{TKey, TValue}()"/>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    public static void SortedDictionary<TKey, TValue>()
        where TKey : notnull =>
        Map<SortedDictionary<TKey, TValue>, TKey, TValue>(static () => new SortedDictionary<TKey, TValue>(), null);

    /// <summary>Registers <see cref="SortedList{TKey, TValue}"/> (keys as in <see cref="Dictionary{TKey, TValue}()"/>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    public static void SortedList<TKey, TValue>()
        where TKey : notnull =>
        Map<SortedList<TKey, TValue>, TKey, TValue>(static () => new SortedList<TKey, TValue>(), null);

    /// <summary>Registers <see cref="ConcurrentDictionary{TKey, TValue}"/> (keys as in <see cref="Dictionary{TKey, TValue}()"/>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    public static void ConcurrentDictionary<TKey, TValue>()
        where TKey : notnull =>
        Map<ConcurrentDictionary<TKey, TValue>, TKey, TValue>(static () => new ConcurrentDictionary<TKey, TValue>(), null);

    /// <summary>Registers <see cref="ImmutableDictionary{TKey, TValue}"/> and <see cref="IImmutableDictionary{TKey, TValue}"/> (keys as in <see cref="Dictionary{TKey, TValue}()"/>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    public static void ImmutableDictionary<TKey, TValue>()
        where TKey : notnull
    {
        Map<ImmutableDictionary<TKey, TValue>, TKey, TValue>(static () => new Dictionary<TKey, TValue>(), static d => System.Collections.Immutable.ImmutableDictionary.CreateRange(d));
        Map<IImmutableDictionary<TKey, TValue>, TKey, TValue>(static () => new Dictionary<TKey, TValue>(), static d => System.Collections.Immutable.ImmutableDictionary.CreateRange(d));
    }

    /// <summary>Registers <see cref="ImmutableSortedDictionary{TKey, TValue}"/> (keys as in <see cref="Dictionary{TKey, TValue}()"/>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    public static void ImmutableSortedDictionary<TKey, TValue>()
        where TKey : notnull =>
        Map<ImmutableSortedDictionary<TKey, TValue>, TKey, TValue>(static () => new Dictionary<TKey, TValue>(), static d => System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(d));

    /// <summary>
    /// Registers an enum as a dictionary key type, written as System.Text.Json writes enum keys without a key policy
    /// (the name, a <c>[JsonStringEnumMemberName]</c> as written, <c>"A, B"</c> for flags, the number for other values)
    /// and read as it reads them (a name ignoring case, or a number).
    /// </summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    public static void EnumKey<TEnum>()
        where TEnum : struct, Enum =>
        JsonKeyHandler<TEnum>.Register(
            static (ref w, k) => JsonDictionaryKeys.WriteEnum(ref w, k, JsonKnownNamingPolicy.Unspecified),
            static (ref r, _) => JsonDictionaryKeys.ReadEnum<TEnum>(ref r, EnumName<TEnum>.Value, JsonKnownNamingPolicy.Unspecified));

    private static void Sequence<TCollection, T>(Func<TCollection> create, Action<TCollection, T> add)
        where TCollection : IEnumerable<T> =>
        JsonValueHandler<TCollection>.Register(
            static (ref w, v) => WriteEnumerable<T>(ref w, v),
            (ref r, o) => ReadSequence(ref r, o, create(), add, ListName<TCollection>.Value),
            static () => JsonValueHandler<T>.Contract);

    // Filled as a list first, then built (System.Text.Json's way for the immutable collections).
    private static void Built<TCollection, T>(Func<List<T>, TCollection> build)
        where TCollection : IEnumerable<T> =>
        JsonValueHandler<TCollection>.Register(
            static (ref w, v) => WriteEnumerable<T>(ref w, v),
            (ref r, o) => build(ReadList<T>(ref r, o, ListName<TCollection>.Value)),
            static () => JsonValueHandler<T>.Contract);

    private static void Map<TMap, TKey, TValue>(Func<IDictionary<TKey, TValue>> create, Func<Dictionary<TKey, TValue>, TMap>? build)
        where TMap : IEnumerable<KeyValuePair<TKey, TValue>>
        where TKey : notnull =>
        JsonValueHandler<TMap>.Register(
            static (ref w, v) => WriteMap(ref w, v),
            (ref r, o) =>
            {
                IDictionary<TKey, TValue> map = ReadMap(ref r, o, create(), ListName<TMap>.Value);
                return build is null ? (TMap)map : build((Dictionary<TKey, TValue>)map);
            },
            static () => JsonValueHandler<TValue>.Contract);

    private static TCollection ReadSequence<TCollection, T>(ref Utf8JsonReader reader, VelithonJsonOptions options, TCollection collection, Action<TCollection, T> add, string typeName)
    {
        JsonRead.Expect(ref reader, JsonTokenType.StartArray, typeName);
        ISet<T>? set = collection as ISet<T>;
        int index = 0;
        while (true)
        {
            T item;
            try
            {
                // As System.Text.Json: an error reading the next token is at the index of the element it would start.
                JsonRead.Read(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                item = JsonValueHandler<T>.Read(ref reader, options);
            }
            catch (JsonException ex) when (JsonRead.RecordPathIndex(ex, index))
            {
                throw; // not reached: the filter records the index and lets the error pass
            }

            add(collection, item);

            // System.Text.Json's path index is the count of the collection being filled: a set does not count a duplicate.
            index = set is null ? index + 1 : set.Count;
        }

        return collection;
    }

    private static void WriteMap<TKey, TValue>(ref VelithonJsonWriter writer, IEnumerable<KeyValuePair<TKey, TValue>> entries)
        where TKey : notnull
    {
        writer.WriteStartObject();
        bool first = true;
        foreach (KeyValuePair<TKey, TValue> entry in entries)
        {
            if (!first)
            {
                writer.WriteRaw(","u8);
            }

            first = false;
            JsonKeyHandler<TKey>.Write(ref writer, entry.Key);
            JsonValueHandler<TValue>.Write(ref writer, entry.Value);
        }

        writer.WriteEndObject();
    }

    private static IDictionary<TKey, TValue> ReadMap<TKey, TValue>(ref Utf8JsonReader reader, VelithonJsonOptions options, IDictionary<TKey, TValue> map, string typeName)
        where TKey : notnull
    {
        JsonRead.Expect(ref reader, JsonTokenType.StartObject, typeName);
        string? name = null;
        while (true)
        {
            // As System.Text.Json: an error after an entry is reported under the last key (none before the first).
            try
            {
                JsonRead.Read(ref reader);
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                name = JsonKeyHandler<TKey>.Name(ref reader);
            }
            catch (JsonException ex) when (JsonRead.RecordKeyAfterEntry(ex, name, options))
            {
                throw; // not reached
            }

            TKey key;
            TValue value;
            try
            {
                // A key its converter rejects is reported under that key, as System.Text.Json does.
                key = JsonKeyHandler<TKey>.Read(ref reader, name);
                JsonRead.Read(ref reader);
                value = JsonValueHandler<TValue>.Read(ref reader, options);
            }
            catch (JsonException ex) when (JsonRead.RecordPathSegment(ex, name))
            {
                throw; // not reached
            }

            map[key] = value;
        }

        return map;
    }

    private static class EnumName<TEnum>
    {
        public static readonly string Value = typeof(TEnum).ToString();
    }
}
