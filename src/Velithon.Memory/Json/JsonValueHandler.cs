using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Velithon.Json;

/// <summary>
/// How generated code of a generic <c>[VelithonJson]</c> type (<c>Page&lt;T&gt;</c>) writes and reads a value of its type
/// argument: one writer and one reader per closed type, found through this static generic class (no reflection, no
/// dictionary look-up). The primitives the generator supports are built in; every <c>[VelithonJson]</c> type registers
/// itself when its module loads; generated code registers the closed types it sees used as type arguments
/// (<c>List&lt;Order&gt;</c>, <c>Page&lt;Order&gt;</c>, enums, ...). Writing or reading a type without a handler is a
/// <see cref="NotSupportedException"/>, never other bytes. Plumbing for generated code.
/// </summary>
/// <typeparam name="T">The type written and read.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "A static generic cache: one handler per closed type, found without a look-up.")]
public static class JsonValueHandler<T>
{
    private static JsonValueWriter<T>? _writer;
    private static JsonValueReader<T>? _reader;
    private static Func<VelithonJsonContract?>? _contract;
    private static JsonValueFastReader<T>? _fastReader;
    private static JsonNamedValueReader<T>? _namedReader;
    private static readonly Lock Gate = new();

    static JsonValueHandler() => BuiltInJsonValueHandlers.TryRegister<T>();

    /// <summary>Gets whether <typeparamref name="T"/> has a handler.</summary>
    public static bool IsRegistered => _writer is not null;

    /// <summary>
    /// Gets the contract of the <c>[VelithonJson]</c> type(s) a value of <typeparamref name="T"/> is written with (its own,
    /// or its elements'), for System.Text.Json integration; <see langword="null"/> for primitives.
    /// </summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> has no handler.</exception>
    public static VelithonJsonContract? Contract => _writer is null ? throw Missing() : _contract?.Invoke();

    /// <summary>
    /// Registers the handler of <typeparamref name="T"/>. The first registration wins: every registration of a type
    /// writes the same bytes (generated code registers what the generator derived from the type).
    /// </summary>
    /// <param name="writer">Writes a non-null value.</param>
    /// <param name="reader">Reads a value; a JSON <c>null</c> never reaches it when <typeparamref name="T"/> can be null.</param>
    /// <param name="contract">The nested <c>[VelithonJson]</c> contract, if any.</param>
    /// <param name="fastReader">The fast-path reader, if any (without one, documents holding the type are read with <see cref="Read(ref Utf8JsonReader, VelithonJsonOptions)"/>).</param>
    public static void Register(JsonValueWriter<T> writer, JsonValueReader<T> reader, Func<VelithonJsonContract?>? contract = null, JsonValueFastReader<T>? fastReader = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reader);
        SetOnce(writer, reader, contract, fastReader, null);
    }

    /// <summary>
    /// Registers the handler of a <typeparamref name="T"/> read from a single token (a primitive or an enum), whose
    /// conversion errors System.Text.Json words after the frame reading it: the value's own type, or the declaring type
    /// when it is a constructor argument (see <see cref="Read(ref Utf8JsonReader, VelithonJsonOptions, string)"/>).
    /// The first registration wins, as with <see cref="Register"/>.
    /// </summary>
    /// <param name="writer">Writes a non-null value.</param>
    /// <param name="reader">Reads a value, naming the given type in a conversion error.</param>
    /// <param name="fastReader">The fast-path reader, if any.</param>
    /// <param name="contract">The nested <c>[VelithonJson]</c> contract, if any (a nullable struct's).</param>
    public static void RegisterValue(JsonValueWriter<T> writer, JsonNamedValueReader<T> reader, JsonValueFastReader<T>? fastReader = null, Func<VelithonJsonContract?>? contract = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reader);
        string typeName = typeof(T).ToString();
        SetOnce(writer, (ref Utf8JsonReader r, VelithonJsonOptions o) => reader(ref r, o, typeName), contract, fastReader, reader);
    }

    /// <summary>Writes <paramref name="value"/>: <c>null</c> when it is null, otherwise through the handler.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> has no handler.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(ref VelithonJsonWriter writer, T value)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        (_writer ?? throw Missing())(ref writer, value);
    }

    /// <summary>Reads a value, the reader on its first token: <see langword="default"/> for a JSON <c>null</c> when <typeparamref name="T"/> can be null.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="options">The options.</param>
    /// <returns>The value read.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> has no handler.</exception>
    /// <exception cref="JsonException">The JSON does not describe a <typeparamref name="T"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Read(ref Utf8JsonReader reader, VelithonJsonOptions options)
    {
        JsonValueReader<T> read = _reader ?? throw Missing();
        if (default(T) is null && reader.TokenType == JsonTokenType.Null)
        {
            return default!;
        }

        return read(ref reader, options);
    }

    /// <summary>
    /// Reads a value bound to a constructor parameter of <paramref name="declaringTypeName"/>: System.Text.Json reads a
    /// single-token value (a primitive or an enum) in the declaring type's frame and names that type in a conversion error;
    /// any other value is read as <see cref="Read(ref Utf8JsonReader, VelithonJsonOptions)"/> reads it.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="options">The options.</param>
    /// <param name="declaringTypeName">The declaring type as <c>Type.ToString()</c> names it.</param>
    /// <returns>The value read.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> has no handler.</exception>
    /// <exception cref="JsonException">The JSON does not describe a <typeparamref name="T"/>.</exception>
    public static T Read(ref Utf8JsonReader reader, VelithonJsonOptions options, string declaringTypeName)
    {
        if (_namedReader is not { } named)
        {
            return Read(ref reader, options);
        }

        if (default(T) is null && reader.TokenType == JsonTokenType.Null)
        {
            return default!;
        }

        return named(ref reader, options, declaringTypeName);
    }

    /// <summary>
    /// Reads a value on the fast path (a JSON <c>null</c> when <typeparamref name="T"/> can be null); <see langword="false"/>
    /// leaves the document to the full reader (also when <typeparamref name="T"/> has no handler: the full reader reports it).
    /// </summary>
    /// <param name="reader">The fast reader, before the value.</param>
    /// <param name="options">The options.</param>
    /// <param name="value">The value read.</param>
    /// <returns>Whether the value was read.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadFast(ref JsonFastReader reader, VelithonJsonOptions options, out T value)
    {
        JsonValueFastReader<T>? fast = _fastReader;
        if (fast is null)
        {
            value = default!;
            return false;
        }

        if (default(T) is null && reader.TryReadNull())
        {
            value = default!;
            return true;
        }

        return fast(ref reader, options, out value);
    }

    // The first registration wins, all of it (a reader named by one registration never pairs with another's writer).
    private static void SetOnce(JsonValueWriter<T> writer, JsonValueReader<T> reader, Func<VelithonJsonContract?>? contract, JsonValueFastReader<T>? fastReader, JsonNamedValueReader<T>? namedReader)
    {
        if (_writer is not null)
        {
            return;
        }

        lock (Gate)
        {
            if (_writer is null)
            {
                _reader = reader;
                _contract = contract;
                _fastReader = fastReader;
                _namedReader = namedReader;
                Volatile.Write(ref _writer, writer);
            }
        }
    }

    private static NotSupportedException Missing() => new(
        $"No Velithon JSON handler for '{typeof(T)}', used as a type argument of a generic [VelithonJson] type. " +
        "Handlers exist for the primitives the generator supports, every [VelithonJson] type, and the closed types the generator " +
        "sees as member types of [VelithonJson] types (List<X>, X[], Dictionary<string, X>, Nullable<X>, Page<X>, enums). " +
        $"Use '{typeof(T)}' as the type of a member of a [VelithonJson] type in this assembly, or register it once at startup " +
        "(JsonValueHandlers.JsonObject<X>(), List<X>(), Array<X>(), Dictionary<X>(), Nullable<X>()).");
}
