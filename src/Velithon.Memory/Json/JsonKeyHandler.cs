using System.Text.Json;

namespace Velithon.Json;

/// <summary>Writes a dictionary key as System.Text.Json writes it as a property name (the colon included).</summary>
/// <typeparam name="TKey">The key type.</typeparam>
internal delegate void JsonKeyWriter<in TKey>(ref VelithonJsonWriter writer, TKey key);

/// <summary>Converts the property name the reader is on to a key (<paramref name="name"/> is its text, already read).</summary>
/// <typeparam name="TKey">The key type.</typeparam>
internal delegate TKey JsonKeyReader<out TKey>(ref Utf8JsonReader reader, string name);

/// <summary>
/// How the dictionary handlers (<see cref="JsonValueHandlers"/>) write and read a key of <typeparamref name="TKey"/>, as the
/// generated code does for a dictionary member under the Web defaults (no key policy): strings as they are, integers and
/// GUIDs formatted directly, enums through <see cref="JsonValueHandlers.EnumKey{TEnum}"/>, other key types through
/// System.Text.Json's own key converter (<see cref="JsonDictionaryKeys"/>). A static generic cache: one pair per key type.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
internal static class JsonKeyHandler<TKey>
    where TKey : notnull
{
    private static readonly string TypeName = typeof(TKey).ToString();

    private static JsonKeyWriter<TKey>? _writer;
    private static JsonKeyReader<TKey>? _reader;

    static JsonKeyHandler() => RegisterBuiltIn();

    private static readonly Lock Gate = new();

    /// <summary>Registers the key handler (enum keys); every registration of a key type is equivalent: the first one stays.</summary>
    public static void Register(JsonKeyWriter<TKey> writer, JsonKeyReader<TKey> reader)
    {
        lock (Gate)
        {
            if (_writer is null)
            {
                _reader = reader;
                Volatile.Write(ref _writer, writer);
            }
        }
    }

    public static void Write(ref VelithonJsonWriter writer, TKey key) => (_writer ?? throw Missing())(ref writer, key);

    /// <summary>The property name the reader is on, as the JSON path names it; an unreadable name fails as System.Text.Json fails it.</summary>
    public static string Name(ref Utf8JsonReader reader) =>
        typeof(TKey) == typeof(string) ? JsonRead.DictionaryKey(ref reader) : JsonDictionaryKeys.Name(ref reader, TypeName);

    public static TKey Read(ref Utf8JsonReader reader, string name) => (_reader ?? throw Missing())(ref reader, name);

    private static void RegisterBuiltIn()
    {
        // typeof(TKey) comparisons are constants per instantiation: only the matching branch is kept.
        if (typeof(TKey) == typeof(string))
        {
            Use(static (ref w, k) => w.WritePropertyName((string)(object)k), static (ref _, name) => (TKey)(object)name);
        }
        // The (T)(object) casts are no-ops for the matching TKey (no boxing).
        else if (typeof(TKey) == typeof(sbyte)) Use(static (ref w, k) => JsonDictionaryKeys.Write(ref w, (long)(sbyte)(object)k), Converted);
        else if (typeof(TKey) == typeof(short)) Use(static (ref w, k) => JsonDictionaryKeys.Write(ref w, (long)(short)(object)k), Converted);
        else if (typeof(TKey) == typeof(int)) Use(static (ref w, k) => JsonDictionaryKeys.Write(ref w, (long)(int)(object)k), Converted);
        else if (typeof(TKey) == typeof(long)) Use(static (ref w, k) => JsonDictionaryKeys.Write(ref w, (long)(object)k), Converted);
        else if (typeof(TKey) == typeof(byte)) Use(static (ref w, k) => JsonDictionaryKeys.Write(ref w, (ulong)(byte)(object)k), Converted);
        else if (typeof(TKey) == typeof(ushort)) Use(static (ref w, k) => JsonDictionaryKeys.Write(ref w, (ulong)(ushort)(object)k), Converted);
        else if (typeof(TKey) == typeof(uint)) Use(static (ref w, k) => JsonDictionaryKeys.Write(ref w, (ulong)(uint)(object)k), Converted);
        else if (typeof(TKey) == typeof(ulong)) Use(static (ref w, k) => JsonDictionaryKeys.Write(ref w, (ulong)(object)k), Converted);
        else if (typeof(TKey) == typeof(Guid))
        {
            Use(static (ref w, k) => JsonDictionaryKeys.Write(ref w, (Guid)(object)k), Converted);
        }
        else if (typeof(TKey) == typeof(bool) || typeof(TKey) == typeof(char) || typeof(TKey) == typeof(float) || typeof(TKey) == typeof(double)
            || typeof(TKey) == typeof(decimal) || typeof(TKey) == typeof(Half) || typeof(TKey) == typeof(Int128) || typeof(TKey) == typeof(UInt128)
            || typeof(TKey) == typeof(DateTime) || typeof(TKey) == typeof(DateTimeOffset) || typeof(TKey) == typeof(DateOnly)
            || typeof(TKey) == typeof(TimeOnly) || typeof(TKey) == typeof(TimeSpan) || typeof(TKey) == typeof(Uri) || typeof(TKey) == typeof(Version))
        {
            Use(static (ref w, k) => JsonDictionaryKeys.Write(ref w, k), Converted);
        }
    }

    private static void Use(JsonKeyWriter<TKey> writer, JsonKeyReader<TKey> reader)
    {
        _writer = writer;
        _reader = reader;
    }

    private static TKey Converted(ref Utf8JsonReader reader, string name) => JsonDictionaryKeys.Read<TKey>(ref reader, TypeName)!;

    private static NotSupportedException Missing() => new(
        $"No Velithon JSON dictionary key handler for '{typeof(TKey)}'. Keys are strings, integers, floating-point and decimal numbers, " +
        "bool, char, Guid, dates and times, Uri, Version, and enums registered with JsonValueHandlers.EnumKey<TEnum>().");
}
