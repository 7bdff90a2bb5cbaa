using System.Collections.Immutable;
using System.ComponentModel;
using System.Text.Json;

namespace Velithon.Json;

/// <summary>
/// Registers <see cref="JsonValueHandler{T}"/> handlers for closed types: <c>[VelithonJson]</c> types and the
/// collections and nullables of types that have handlers. Generated code calls these for the closed types it sees used
/// as type arguments of generic <c>[VelithonJson]</c> types; call one at startup for a type only ever used as a root's
/// type argument (<c>VelithonJson.Serialize(new Page&lt;List&lt;Order&gt;&gt;())</c>). The bytes are System.Text.Json's with
/// its Web defaults, as generated code writes them for a member of that type.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class JsonValueHandlers
{
    /// <summary>Registers a <c>[VelithonJson]</c> type (its generated <c>WriteJson</c>/<c>ReadJson</c>).</summary>
    /// <typeparam name="T">The type.</typeparam>
    public static void JsonObject<T>()
        where T : IVelithonJson<T> =>
        JsonValueHandler<T>.Register(static (ref w, v) => T.WriteJson(ref w, v), static (ref r, o) => T.ReadJson(ref r, o), static () => T.JsonContract, static (ref JsonFastReader r, VelithonJsonOptions o, out T v) => T.TryReadJsonFast(ref r, o, out v!));

    /// <summary>
    /// Registers a <c>[VelithonJson]</c> struct System.Text.Json reads through its setters (no constructor with
    /// parameters): read as the value of a <see cref="Nullable{T}"/>, an invalid first member name is then a conversion
    /// error of the nullable, as System.Text.Json's frame still describes the nullable there.
    /// </summary>
    /// <typeparam name="T">The struct.</typeparam>
    public static void JsonStructWithSetters<T>()
        where T : struct, IVelithonJson<T>
    {
        JsonObject<T>();
        NullableFrame<T>.NamesFirstMember = true;
    }

    /// <summary>Registers <see cref="Nullable{T}"/> of a type that has a handler.</summary>
    /// <typeparam name="T">The underlying type.</typeparam>
    public static void Nullable<T>()
        where T : struct
    {
        JsonValueFastReader<T?> fast = static (ref JsonFastReader r, VelithonJsonOptions o, out T? v) =>
        {
            bool read = JsonValueHandler<T>.TryReadFast(ref r, o, out T inner);
            v = inner;
            return read;
        };
        // Conversion errors of a nullable enum name the nullable (or the declaring type of a constructor argument), as in
        // System.Text.Json; an object is read as itself, but for the first member name of a struct read through setters.
        JsonValueHandler<T?>.RegisterValue(
            static (ref w, v) => JsonValueHandler<T>.Write(ref w, v!.Value),
            static (ref r, o, name) =>
            {
                if (NullableFrame<T>.NamesFirstMember)
                {
                    JsonRead.FirstNameInNullable(ref r, typeof(T?));
                }

                return JsonValueHandler<T>.Read(ref r, o, name);
            },
            fast,
            static () => JsonValueHandler<T>.Contract);
    }

    /// <summary>Registers <see cref="List{T}"/> and the interfaces System.Text.Json reads into one (<see cref="IList{T}"/>, <see cref="ICollection{T}"/>, <see cref="IReadOnlyList{T}"/>, <see cref="IReadOnlyCollection{T}"/>, <see cref="IEnumerable{T}"/>).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void List<T>()
    {
        Func<VelithonJsonContract?> contract = static () => JsonValueHandler<T>.Contract;
        JsonValueHandler<List<T>>.Register(static (ref w, v) => WriteSpan(ref w, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(v)), static (ref r, o) => ReadList<T>(ref r, o, ListName<List<T>>.Value), contract, TryReadListFast);
        JsonValueHandler<IList<T>>.Register(static (ref w, v) => WriteEnumerable(ref w, v), static (ref r, o) => ReadList<T>(ref r, o, ListName<IList<T>>.Value), contract);
        JsonValueHandler<ICollection<T>>.Register(static (ref w, v) => WriteEnumerable(ref w, v), static (ref r, o) => ReadList<T>(ref r, o, ListName<ICollection<T>>.Value), contract);
        JsonValueHandler<IReadOnlyList<T>>.Register(static (ref w, v) => WriteEnumerable(ref w, v), static (ref r, o) => ReadList<T>(ref r, o, ListName<IReadOnlyList<T>>.Value), contract);
        JsonValueHandler<IReadOnlyCollection<T>>.Register(static (ref w, v) => WriteEnumerable(ref w, v), static (ref r, o) => ReadList<T>(ref r, o, ListName<IReadOnlyCollection<T>>.Value), contract);
        JsonValueHandler<IEnumerable<T>>.Register(static (ref w, v) => WriteEnumerable(ref w, v), static (ref r, o) => ReadList<T>(ref r, o, ListName<IEnumerable<T>>.Value), contract);
    }

    /// <summary>Registers <c>T[]</c>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void Array<T>() =>
        JsonValueHandler<T[]>.Register(
            static (ref w, v) => WriteSpan<T>(ref w, v),
            static (ref r, o) => ReadList<T>(ref r, o, ListName<T[]>.Value).ToArray(),
            static () => JsonValueHandler<T>.Contract,
            static (ref JsonFastReader r, VelithonJsonOptions o, out T[] v) =>
            {
                bool read = TryReadListFast(ref r, o, out List<T> list);
                v = read ? list.ToArray() : null!;
                return read;
            });

    /// <summary>Registers <see cref="ImmutableArray{T}"/> (a default one fails to write, as in System.Text.Json).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static void ImmutableArray<T>() =>
        JsonValueHandler<ImmutableArray<T>>.Register(
            static (ref w, v) => WriteSpan(ref w, v.IsDefault ? throw JsonCollections.DefaultImmutableArray() : v.AsSpan()),
            static (ref r, o) => [.. ReadList<T>(ref r, o, ListName<ImmutableArray<T>>.Value)],
            static () => JsonValueHandler<T>.Contract);

    /// <summary>Registers <see cref="Dictionary{TKey, TValue}"/> with string keys, <see cref="IDictionary{TKey, TValue}"/> and <see cref="IReadOnlyDictionary{TKey, TValue}"/> of it.</summary>
    /// <typeparam name="TValue">The value type.</typeparam>
    public static void Dictionary<TValue>()
    {
        Func<VelithonJsonContract?> contract = static () => JsonValueHandler<TValue>.Contract;
        JsonValueHandler<Dictionary<string, TValue>>.Register(static (ref w, v) => WriteDictionary(ref w, v), static (ref r, o) => ReadDictionary<TValue>(ref r, o, ListName<Dictionary<string, TValue>>.Value), contract);
        JsonValueHandler<IDictionary<string, TValue>>.Register(static (ref w, v) => WriteEntries(ref w, v), static (ref r, o) => ReadDictionary<TValue>(ref r, o, ListName<IDictionary<string, TValue>>.Value), contract);
        JsonValueHandler<IReadOnlyDictionary<string, TValue>>.Register(static (ref w, v) => WriteEntries(ref w, v), static (ref r, o) => ReadDictionary<TValue>(ref r, o, ListName<IReadOnlyDictionary<string, TValue>>.Value), contract);
    }

    /// <summary>The non-null contracts among <paramref name="contracts"/> (generated contracts' nested ones).</summary>
    /// <param name="contracts">Contracts, some null.</param>
    /// <returns>The others.</returns>
    public static IReadOnlyList<VelithonJsonContract> Contracts(params VelithonJsonContract?[] contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        return System.Array.FindAll(contracts, c => c is not null)!;
    }

    private static void WriteSpan<T>(ref VelithonJsonWriter writer, ReadOnlySpan<T> items)
    {
        writer.WriteStartArray();
        for (int i = 0; i < items.Length; i++)
        {
            if (i != 0)
            {
                writer.WriteRaw(","u8);
            }

            JsonValueHandler<T>.Write(ref writer, items[i]);
        }

        writer.WriteEndArray();
    }

    private static void WriteEnumerable<T>(ref VelithonJsonWriter writer, IEnumerable<T> items)
    {
        if (JsonCollections.TryGetSpan(items, out ReadOnlySpan<T> span))
        {
            WriteSpan(ref writer, span);
            return;
        }

        writer.WriteStartArray();
        bool first = true;
        foreach (T item in items)
        {
            if (!first)
            {
                writer.WriteRaw(","u8);
            }

            first = false;
            JsonValueHandler<T>.Write(ref writer, item);
        }

        writer.WriteEndArray();
    }

    private static void WriteDictionary<TValue>(ref VelithonJsonWriter writer, Dictionary<string, TValue> entries)
    {
        writer.WriteStartObject();
        bool first = true;
        foreach (KeyValuePair<string, TValue> entry in entries)
        {
            if (!first)
            {
                writer.WriteRaw(","u8);
            }

            first = false;
            writer.WritePropertyName(entry.Key);
            JsonValueHandler<TValue>.Write(ref writer, entry.Value);
        }

        writer.WriteEndObject();
    }

    private static void WriteEntries<TValue>(ref VelithonJsonWriter writer, IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        if (entries is Dictionary<string, TValue> dictionary)
        {
            WriteDictionary(ref writer, dictionary);
            return;
        }

        writer.WriteStartObject();
        bool first = true;
        foreach (KeyValuePair<string, TValue> entry in entries)
        {
            if (!first)
            {
                writer.WriteRaw(","u8);
            }

            first = false;
            writer.WritePropertyName(entry.Key);
            JsonValueHandler<TValue>.Write(ref writer, entry.Value);
        }

        writer.WriteEndObject();
    }

    private static List<T> ReadList<T>(ref Utf8JsonReader reader, VelithonJsonOptions options, string typeName) =>
        ReadSequence<List<T>, T>(ref reader, options, new List<T>(), static (list, item) => list.Add(item), typeName);

    private static bool TryReadListFast<T>(ref JsonFastReader reader, VelithonJsonOptions options, out List<T> value)
    {
        value = null!;
        if (!reader.TryStartArray())
        {
            return false;
        }

        var list = new List<T>();
        bool first = true;
        while (true)
        {
            int next = reader.NextElement(ref first);
            if (next < 0)
            {
                return false;
            }

            if (next == 0)
            {
                break;
            }

            if (!JsonValueHandler<T>.TryReadFast(ref reader, options, out T item))
            {
                return false;
            }

            list.Add(item);
        }

        value = list;
        return true;
    }

    private static Dictionary<string, TValue> ReadDictionary<TValue>(ref Utf8JsonReader reader, VelithonJsonOptions options, string typeName)
    {
        JsonRead.Expect(ref reader, JsonTokenType.StartObject, typeName);
        var dictionary = new Dictionary<string, TValue>();
        string? key = null;
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

                key = JsonRead.DictionaryKey(ref reader);
            }
            catch (JsonException ex) when (JsonRead.RecordKeyAfterEntry(ex, key, options))
            {
                throw; // not reached
            }

            TValue value;
            try
            {
                JsonRead.Read(ref reader);
                value = JsonValueHandler<TValue>.Read(ref reader, options);
            }
            catch (JsonException ex) when (JsonRead.RecordPathSegment(ex, key))
            {
                throw; // not reached
            }

            dictionary[key] = value;
        }

        return dictionary;
    }

    // Type.ToString() of a collection type, which System.Text.Json names in its conversion errors.
    private static class NullableFrame<T>
        where T : struct
    {
        public static bool NamesFirstMember;
    }

    private static class ListName<TCollection>
    {
        public static readonly string Value = typeof(TCollection).ToString();
    }
}
