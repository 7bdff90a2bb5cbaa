using System.Buffers;
using System.Text.Json;
using Velithon.Json;
using Velithon.Memory;

namespace Velithon;

// Lists, arrays and string-keyed dictionaries of [VelithonJson] types as the whole document. The methods are named
// after the collection (SerializeList, DeserializeList, ...) instead of overloading Serialize/Deserialize: reading
// cannot be overloaded on the return type, and names keep writing and reading in pairs.
public static partial class VelithonJson
{
    private delegate void RootWriter<TRoot>(ref VelithonJsonWriter writer, TRoot root);

    private delegate TRoot RootReader<TRoot>(ref Utf8JsonReader reader, VelithonJsonOptions options);

    /// <summary>
    /// Writes a list or an array of <typeparamref name="T"/> as a UTF-8 JSON array into <paramref name="destination"/>,
    /// byte-identical to System.Text.Json writing <c>List&lt;T&gt;</c> with <typeparamref name="T"/>'s settings (indented
    /// when <typeparamref name="T"/> is).
    /// </summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="values">The elements (a <see cref="List{T}"/>, an array, ...); <see langword="null"/> writes <c>null</c>, and so does a <see langword="null"/> element.</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <exception cref="JsonException">The object graph is deeper than <see cref="VelithonJsonOptions.MaxDepth"/> (for example a cycle).</exception>
    /// <exception cref="NotSupportedException"><see cref="VelithonJsonOptions.Encoder"/> is the relaxed encoder and <typeparamref name="T"/> has a
    /// property or enum name it would escape differently.</exception>
    public static void SerializeList<T>(IReadOnlyList<T?>? values, IBufferWriter<byte> destination, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(destination);
        WriteRoot<T, IReadOnlyList<T?>?>(values, destination, options, static (ref writer, list) => WriteList(ref writer, list));
    }

    /// <summary>Writes a list or an array of <typeparamref name="T"/> as a UTF-8 JSON array into a new array of exactly the right size.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="values">The elements; <see langword="null"/> writes <c>null</c>, and so does a <see langword="null"/> element.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <returns>The JSON bytes.</returns>
    /// <exception cref="JsonException">The object graph is deeper than <see cref="VelithonJsonOptions.MaxDepth"/> (for example a cycle).</exception>
    /// <exception cref="NotSupportedException">The relaxed encoder and a <typeparamref name="T"/> it cannot write exactly.</exception>
    public static byte[] SerializeListToUtf8Bytes<T>(IReadOnlyList<T?>? values, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T> =>
        WriteRootToArray<T, IReadOnlyList<T?>?>(values, options, static (ref writer, list) => WriteList(ref writer, list));

    /// <summary>
    /// Writes a string-keyed dictionary of <typeparamref name="T"/> as a UTF-8 JSON object into <paramref name="destination"/>,
    /// byte-identical to System.Text.Json writing <c>Dictionary&lt;string, T&gt;</c> with <typeparamref name="T"/>'s settings
    /// (its <c>DictionaryKeyPolicy</c> and indentation).
    /// </summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="values">The entries, in the dictionary's order; <see langword="null"/> writes <c>null</c>, and so does a <see langword="null"/> value.</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <exception cref="JsonException">The object graph is deeper than <see cref="VelithonJsonOptions.MaxDepth"/> (for example a cycle).</exception>
    /// <exception cref="NotSupportedException">The relaxed encoder and a <typeparamref name="T"/> it cannot write exactly.</exception>
    public static void SerializeDictionary<T>(IReadOnlyDictionary<string, T>? values, IBufferWriter<byte> destination, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(destination);
        WriteRoot<T, IReadOnlyDictionary<string, T>?>(values, destination, options, static (ref writer, map) => WriteDictionary(ref writer, map));
    }

    /// <summary>Writes a string-keyed dictionary of <typeparamref name="T"/> as a UTF-8 JSON object into a new array of exactly the right size.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="values">The entries; <see langword="null"/> writes <c>null</c>, and so does a <see langword="null"/> value.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <returns>The JSON bytes.</returns>
    /// <exception cref="JsonException">The object graph is deeper than <see cref="VelithonJsonOptions.MaxDepth"/> (for example a cycle).</exception>
    /// <exception cref="NotSupportedException">The relaxed encoder and a <typeparamref name="T"/> it cannot write exactly.</exception>
    public static byte[] SerializeDictionaryToUtf8Bytes<T>(IReadOnlyDictionary<string, T>? values, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T> =>
        WriteRootToArray<T, IReadOnlyDictionary<string, T>?>(values, options, static (ref writer, map) => WriteDictionary(ref writer, map));

    /// <summary>
    /// Reads a JSON array of <typeparamref name="T"/> as System.Text.Json reads <c>List&lt;T&gt;</c> (also the reader of
    /// <c>IReadOnlyList&lt;T&gt;</c>, which System.Text.Json fills with a <see cref="List{T}"/> too).
    /// </summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8">The JSON; nothing but whitespace may follow the array.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <returns>The list, or <see langword="null"/> for a JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The input is not valid JSON for the list; <see cref="JsonException.Path"/> (<c>$[3].name</c>),
    /// <see cref="JsonException.LineNumber"/> and <see cref="JsonException.BytePositionInLine"/> say where.</exception>
    public static List<T>? DeserializeList<T>(ReadOnlySpan<byte> utf8, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T>
    {
        options = For<T>(options);
        var elements = default(JsonListBuilder<T>);
        if (TryReadElementsFast(utf8, options, ref elements, out bool isNull))
        {
            return isNull ? null : elements.ToList();
        }

        return ReadRoot<T, List<T>?>(utf8, options, static (ref reader, o) => ReadList<T>(ref reader, o, JsonRootLayout<T>.ListTypeName)?.ToList());
    }

    /// <summary>Reads a JSON array of <typeparamref name="T"/> from a sequence, as System.Text.Json reads <c>List&lt;T&gt;</c>.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8">The JSON; nothing but whitespace may follow the array.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <returns>The list, or <see langword="null"/> for a JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The input is not valid JSON for the list, with path and position.</exception>
    public static List<T>? DeserializeList<T>(in ReadOnlySequence<byte> utf8, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T>
    {
        if (utf8.IsSingleSegment)
        {
            return DeserializeList<T>(utf8.FirstSpan, options);
        }

        return ReadRoot<T, List<T>?>(utf8, For<T>(options), static (ref reader, o) => ReadList<T>(ref reader, o, JsonRootLayout<T>.ListTypeName)?.ToList());
    }

    /// <summary>Reads a JSON array of <typeparamref name="T"/> as System.Text.Json reads <c>T[]</c>.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8">The JSON; nothing but whitespace may follow the array.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <returns>The array, or <see langword="null"/> for a JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The input is not valid JSON for the array, with path and position.</exception>
    public static T[]? DeserializeArray<T>(ReadOnlySpan<byte> utf8, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T>
    {
        options = For<T>(options);
        var elements = default(JsonListBuilder<T>);
        if (TryReadElementsFast(utf8, options, ref elements, out bool isNull))
        {
            return isNull ? null : elements.ToArray();
        }

        return ReadRoot<T, T[]?>(utf8, options, static (ref reader, o) => ReadList<T>(ref reader, o, JsonRootLayout<T>.ArrayTypeName)?.ToArray());
    }

    /// <summary>Reads a JSON array of <typeparamref name="T"/> from a sequence, as System.Text.Json reads <c>T[]</c>.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8">The JSON; nothing but whitespace may follow the array.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <returns>The array, or <see langword="null"/> for a JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The input is not valid JSON for the array, with path and position.</exception>
    public static T[]? DeserializeArray<T>(in ReadOnlySequence<byte> utf8, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T>
    {
        if (utf8.IsSingleSegment)
        {
            return DeserializeArray<T>(utf8.FirstSpan, options);
        }

        return ReadRoot<T, T[]?>(utf8, For<T>(options), static (ref reader, o) => ReadList<T>(ref reader, o, JsonRootLayout<T>.ArrayTypeName)?.ToArray());
    }

    /// <summary>
    /// Reads a JSON object of <typeparamref name="T"/> values as System.Text.Json reads <c>Dictionary&lt;string, T&gt;</c>:
    /// keys as written (no key policy on reading), a repeated key keeps its last value.
    /// </summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8">The JSON; nothing but whitespace may follow the object.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <returns>The dictionary, or <see langword="null"/> for a JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The input is not valid JSON for the dictionary; the path names the key (<c>$.key.name</c>).</exception>
    public static Dictionary<string, T>? DeserializeDictionary<T>(ReadOnlySpan<byte> utf8, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T> =>
        ReadRoot<T, Dictionary<string, T>?>(utf8, For<T>(options), static (ref reader, o) => ReadDictionary<T>(ref reader, o));

    /// <summary>Reads a JSON object of <typeparamref name="T"/> values from a sequence, as System.Text.Json reads <c>Dictionary&lt;string, T&gt;</c>.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8">The JSON; nothing but whitespace may follow the object.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <returns>The dictionary, or <see langword="null"/> for a JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The input is not valid JSON for the dictionary, with path and position.</exception>
    public static Dictionary<string, T>? DeserializeDictionary<T>(in ReadOnlySequence<byte> utf8, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T> =>
        ReadRoot<T, Dictionary<string, T>?>(utf8, For<T>(options), static (ref reader, o) => ReadDictionary<T>(ref reader, o));

    private static void WriteRoot<T, TRoot>(TRoot root, IBufferWriter<byte> destination, VelithonJsonOptions? options, RootWriter<TRoot> write)
        where T : IVelithonJson<T>
    {
        options = For<T>(options);
        VelithonJsonContract.EnsureWritable<T>(options);
        var writer = new VelithonJsonWriter(destination, options);
        try
        {
            write(ref writer, root);
        }
        catch (JsonWriteException ex)
        {
            throw ex.ToFinal();
        }

        writer.Flush();
    }

    private static byte[] WriteRootToArray<T, TRoot>(TRoot root, VelithonJsonOptions? options, RootWriter<TRoot> write)
        where T : IVelithonJson<T>
    {
        PooledBufferWriter buffer = PooledBufferWriter.Rent();
        try
        {
            WriteRoot<T, TRoot>(root, buffer, options, write);
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            PooledBufferWriter.Return(buffer);
        }
    }

    // As System.Text.Json writes List<T>: compact "[a,b]", or with T's indentation one element per line ("[]" when empty).
    private static void WriteList<T>(ref VelithonJsonWriter writer, IReadOnlyList<T?>? values)
        where T : IVelithonJson<T>
    {
        if (values is null)
        {
            writer.WriteNull();
            return;
        }

        JsonIndentation? indentation = JsonRootLayout<T>.Indentation;
        writer.WriteStartArray();
        if (JsonCollections.TryGetSpan(values, out ReadOnlySpan<T?> span))
        {
            for (int i = 0; i < span.Length; i++)
            {
                WriteElementSeparator(ref writer, i != 0, indentation);
                WriteValue(ref writer, span[i]!);
            }
        }
        else
        {
            for (int i = 0; i < values.Count; i++)
            {
                WriteElementSeparator(ref writer, i != 0, indentation);
                WriteValue(ref writer, values[i]!);
            }
        }

        if (indentation is null)
        {
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteEndArray(values.Count != 0, indentation);
        }
    }

    // As System.Text.Json writes Dictionary<string, T>: keys through T's DictionaryKeyPolicy, in enumeration order.
    private static void WriteDictionary<T>(ref VelithonJsonWriter writer, IReadOnlyDictionary<string, T>? values)
        where T : IVelithonJson<T>
    {
        if (values is null)
        {
            writer.WriteNull();
            return;
        }

        JsonIndentation? indentation = JsonRootLayout<T>.Indentation;
        System.Text.Json.Serialization.JsonKnownNamingPolicy policy = JsonRootLayout<T>.KeyPolicy;
        writer.WriteStartObject();
        bool written = false;
        foreach (KeyValuePair<string, T> entry in values)
        {
            WriteElementSeparator(ref writer, written, indentation);
            written = true;
            writer.WritePropertyName(entry.Key, policy);
            if (indentation is not null)
            {
                writer.WriteRaw(" "u8);
            }

            WriteValue(ref writer, entry.Value!);
        }

        if (indentation is null)
        {
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteEndObject(written, indentation);
        }
    }

    private static void WriteElementSeparator(ref VelithonJsonWriter writer, bool comma, JsonIndentation? indentation)
    {
        if (indentation is not null)
        {
            writer.WriteNewLine(comma, indentation);
        }
        else if (comma)
        {
            writer.WriteRaw(","u8);
        }
    }

    private static TRoot ReadRoot<T, TRoot>(ReadOnlySpan<byte> utf8, VelithonJsonOptions options, RootReader<TRoot> read)
        where T : IVelithonJson<T>
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions<T>(options));
        try
        {
            return read(ref reader, options);
        }
        catch (JsonException ex)
        {
            throw JsonReadException.From(ex).ToFinal(utf8, reader.BytesConsumed);
        }
        catch (Exception ex) when (JsonRead.IsRethrowable(ex))
        {
            throw JsonRead.Wrap(ref reader, ex).ToFinal(utf8, reader.BytesConsumed);
        }
    }

    private static TRoot ReadRoot<T, TRoot>(in ReadOnlySequence<byte> utf8, VelithonJsonOptions options, RootReader<TRoot> read)
        where T : IVelithonJson<T>
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions<T>(options));
        try
        {
            return read(ref reader, options);
        }
        catch (JsonException ex)
        {
            throw ErrorOfContiguousRead(utf8, JsonReadException.From(ex).ToFinal(utf8, reader.BytesConsumed), span => ReadRoot<T, TRoot>(span, options, read));
        }
        catch (Exception ex) when (JsonRead.IsRethrowable(ex))
        {
            throw JsonRead.Wrap(ref reader, ex).ToFinal(utf8, reader.BytesConsumed);
        }
    }

    // The whole document on the fast path: null, or an array of nulls and objects T's fast path reads. Anything else
    // (including every invalid document) is read again by the full reader, which gives the value or the exact error.
    private static bool TryReadElementsFast<T>(ReadOnlySpan<byte> utf8, VelithonJsonOptions options, ref JsonListBuilder<T> elements, out bool isNull)
        where T : IVelithonJson<T>
    {
        isNull = false;
        var reader = new JsonFastReader(utf8, options.MaxDepth);
        try
        {
            if (reader.TryReadNull())
            {
                isNull = true;
                return reader.AtEnd();
            }

            if (!reader.TryStartArray())
            {
                return false;
            }

            bool first = true;
            while (true)
            {
                int next = reader.NextElement(ref first);
                if (next == 0)
                {
                    return reader.AtEnd();
                }

                if (next < 0)
                {
                    return false;
                }

                if (default(T) is null && reader.TryReadNull())
                {
                    elements.Add(default!);
                }
                else if (T.TryReadJsonFast(ref reader, options, out T? element))
                {
                    elements.Add(element!);
                }
                else
                {
                    return false;
                }
            }
        }
        catch (Exception ex) when (JsonRead.IsRethrowable(ex))
        {
            // A constructor or setter failed: the full reader runs it again and reports it as it always has.
            return false;
        }
    }

    // Reads the document's array; null for a JSON null. The reader is before the first token.
    private static JsonListBuilder<T>? ReadList<T>(ref Utf8JsonReader reader, VelithonJsonOptions options, string typeName)
        where T : IVelithonJson<T>
    {
        JsonRead.Read(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            ExpectEndOfDocument(ref reader, index: -1, key: null);
            return null;
        }

        JsonRead.Expect(ref reader, JsonTokenType.StartArray, typeName);
        var elements = default(JsonListBuilder<T>);
        int index = 0;
        while (true)
        {
            T? element;
            try
            {
                // As System.Text.Json: an error reading the next token is at the index of the element it would start.
                JsonRead.Read(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                element = reader.TokenType == JsonTokenType.Null ? JsonRead.NullAs<T>(ref reader) : T.ReadJson(ref reader, options);
            }
            catch (JsonException ex) when (JsonRead.RecordPathIndex(ex, index))
            {
                throw; // not reached: the filter records the path segment and lets the error pass
            }

            elements.Add(element!);
            index++;
        }

        ExpectEndOfDocument(ref reader, index, key: null);
        return elements;
    }

    // Reads the document's object; null for a JSON null. The reader is before the first token.
    private static Dictionary<string, T>? ReadDictionary<T>(ref Utf8JsonReader reader, VelithonJsonOptions options)
        where T : IVelithonJson<T>
    {
        JsonRead.Read(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            ExpectEndOfDocument(ref reader, index: -1, key: null);
            return null;
        }

        JsonRead.Expect(ref reader, JsonTokenType.StartObject, JsonRootLayout<T>.DictionaryTypeName);
        bool rejectDuplicates = !T.JsonContract.AllowDuplicateProperties;
        var entries = new Dictionary<string, T>();
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
            catch (JsonException ex) when (JsonRead.RecordPathSegment(ex, key))
            {
                throw; // not reached: the filter records the path segment and lets the error pass
            }

            T? value;
            try
            {
                JsonRead.Read(ref reader);
                value = reader.TokenType == JsonTokenType.Null ? JsonRead.NullAs<T>(ref reader) : T.ReadJson(ref reader, options);
            }
            catch (JsonException ex) when (JsonRead.RecordPathSegment(ex, key))
            {
                throw; // not reached: the filter records the path segment and lets the error pass
            }

            if (rejectDuplicates && entries.ContainsKey(key))
            {
                JsonException duplicate = JsonRead.Error(ref reader, "Duplicate properties not allowed during deserialization.");
                JsonRead.RecordPathSegment(duplicate, key);
                throw duplicate;
            }

            entries[key] = value!;
        }

        ExpectEndOfDocument(ref reader, index: -1, key);
        return entries;
    }

    // Utf8JsonReader rejects anything but whitespace after the top-level value; System.Text.Json reports it under the
    // collection's next index, or its last key.
    private static void ExpectEndOfDocument(ref Utf8JsonReader reader, int index, string? key)
    {
        try
        {
            if (reader.Read())
            {
                throw JsonRead.Error(ref reader, "The input contains more than one top-level JSON value.");
            }
        }
        catch (JsonException ex) when (index >= 0 ? JsonRead.RecordPathIndex(ex, index) : JsonRead.RecordPathSegment(ex, key))
        {
            throw; // not reached: the filter records the path segment and lets the error pass
        }
    }
}
