using System.Buffers;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json;

/// <summary>
/// A custom <see cref="JsonConverter{T}"/> named by a <c>[JsonConverter]</c> attribute (on a member, or on the member's
/// type), as generated code runs it: created once with its public parameterless constructor (a
/// <see cref="JsonConverterFactory"/> asked once for <typeparamref name="T"/>), and called the way System.Text.Json calls
/// it (null handling, the checks that it read or wrote exactly one value, the errors and their paths). Plumbing for
/// generated code.
/// </summary>
/// <typeparam name="T">The type the converter converts.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonConverterSite<T>
{
    private const string Rethrowable = "System.Text.Json.Rethrowable";

    private readonly VelithonJsonContract _contract;
    private readonly bool _handleNullOnRead;
    private readonly bool _handleNullOnWrite;
    private volatile CompiledOptions? _compiled;

    internal JsonConverterSite(JsonConverter<T> converter, VelithonJsonContract contract, bool handleNullOnRead, bool handleNullOnWrite)
    {
        Converter = converter;
        _contract = contract;
        _handleNullOnRead = handleNullOnRead;
        _handleNullOnWrite = handleNullOnWrite;
    }

    /// <summary>Gets the converter that runs (a factory's product).</summary>
    public JsonConverter<T> Converter { get; }

    /// <summary>
    /// Writes <paramref name="value"/> through the converter, to the writer's output, with a <see cref="Utf8JsonWriter"/>
    /// (one per thread, reset onto the output) configured as System.Text.Json's (the encoder, no validation).
    /// </summary>
    /// <param name="writer">The generated code's writer (flushed first).</param>
    /// <param name="value">The value.</param>
    /// <exception cref="JsonException">The converter wrote more or less than one value, or threw a <see cref="JsonException"/>
    /// (given the member path on its way out, as System.Text.Json does).</exception>
    public void Write(ref VelithonJsonWriter writer, T? value)
    {
        if (value is null && !_handleNullOnWrite)
        {
            writer.WriteNull();
            return;
        }

        writer.CheckValueDepth();
        writer.Flush();
        VelithonJsonOptions options = writer.Options;
        JsonSerializerOptions serializerOptions = SerializerOptions(options);
        Utf8JsonWriter json = ConverterWriters.Rent(writer.Output, options, writer.CurrentDepth);
        try
        {
            Converter.Write(json, value!, serializerOptions);
            json.Flush();

            // Nothing written: System.Text.Json's writer would then leave invalid JSON (a name without a value, which its
            // writer's state then writes without the next separator); the generated code refuses instead.
            if (json.CurrentDepth != 0 || json.BytesCommitted == 0)
            {
                throw new JsonWriteException($"The converter '{Converter.GetType()}' wrote too much or not enough.", appendPath: true, null);
            }
        }
        catch (JsonException ex) when (ex.Path is null && ex is not JsonWriteException)
        {
            throw JsonWriteException.From(ex);
        }
        catch (InvalidOperationException ex) when (ex.Source == Rethrowable)
        {
            // The writer's own errors (too deep, ...): System.Text.Json's serializer wraps them with the path.
            throw new JsonWriteException(null, appendPath: true, ex);
        }
        finally
        {
            ConverterWriters.Return(json);
        }
    }

    /// <summary>
    /// Reads a value through the converter from the reader's current token, as System.Text.Json does: a null token goes
    /// to the converter only when it handles null (value types by default), and afterwards the reader must be on the
    /// value's last token ("The converter '…' read too much or not enough.").
    /// </summary>
    /// <param name="reader">The reader, on the value's first token; left on its last.</param>
    /// <param name="options">The generated code's options.</param>
    /// <param name="typeName">The type System.Text.Json names in a conversion error: the member's (or element's) type, or
    /// for a member bound to a constructor parameter the declaring type.</param>
    /// <param name="inNullable">Whether the value is the underlying value of a <see cref="Nullable{T}"/> (System.Text.Json then
    /// runs the converter inside its own nullable converter, which its errors name).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">System.Text.Json's errors, or the converter's own.</exception>
    public T? Read(ref Utf8JsonReader reader, VelithonJsonOptions options, string typeName, bool inNullable)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (reader.TokenType == JsonTokenType.Null && !_handleNullOnRead)
        {
            if (default(T) is not null)
            {
                // System.Text.Json names the converter's type here, not the member's.
                throw JsonRead.ConversionError(ref reader, typeof(T).ToString());
            }

            return default;
        }

        JsonSerializerOptions serializerOptions = SerializerOptions(options);
        JsonTokenType token = reader.TokenType;
        int depth = reader.CurrentDepth;
        long consumed = reader.BytesConsumed;
        T? value;
        try
        {
            value = Converter.Read(ref reader, typeof(T), serializerOptions);
        }
        catch (JsonException ex) when (ex.Path is null && ex.LineNumber is null && ex is not JsonReadException)
        {
            // System.Text.Json adds the path and position and keeps the message (or, for none, its own with the path).
            throw IsDefaultMessage(ex)
                ? JsonRead.ConversionError(ref reader, typeName, ex.InnerException)
                : new JsonReadException(ex.Message, reader.BytesConsumed, null, null, ex.InnerException) { AppendPathInformation = false };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException && ex.Source == Rethrowable)
        {
            // Utf8JsonReader's own misuse errors (GetInt32 on a string, ...): System.Text.Json's conversion error.
            throw JsonRead.ConversionError(ref reader, typeName, ex);
        }
        catch (Exception ex) when (JsonRead.IsRethrowable(ex))
        {
            // Any other exception of the converter leaves System.Text.Json as it is: not wrapped by the entry points either.
            ConverterExceptions.Mark(ex);
            throw;
        }

        bool exact = token switch
        {
            JsonTokenType.StartArray => reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth,
            JsonTokenType.StartObject => reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth,
            _ => reader.BytesConsumed == consumed,
        };
        if (!exact)
        {
            string converter = inNullable
                ? "System.Text.Json.Serialization.Converters.NullableConverter`1[" + typeof(T) + "]"
                : Converter.GetType().ToString();
            throw JsonRead.Error(ref reader, $"The converter '{converter}' read too much or not enough.");
        }

        return value;
    }

    private static bool IsDefaultMessage(JsonException ex) =>
        string.IsNullOrEmpty(ex.Message) || ex.Message == $"Exception of type '{ex.GetType()}' was thrown.";

    private JsonSerializerOptions SerializerOptions(VelithonJsonOptions options)
    {
        if (options.HostOptions is { } host)
        {
            return host;
        }

        CompiledOptions? compiled = _compiled;
        if (compiled is null || !ReferenceEquals(compiled.Key, options))
        {
            _compiled = compiled = new CompiledOptions(options, CompiledOptions.Create(_contract, options));
        }

        return compiled.Options;
    }
}

/// <summary>Creates <see cref="JsonConverterSite{T}"/> instances (plumbing for generated code).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonConverterSite
{
    /// <summary>
    /// Creates the site as System.Text.Json builds the contract: the converter must convert <typeparamref name="T"/>
    /// (its <see cref="JsonConverter.CanConvert"/>), a factory is asked for <typeparamref name="T"/> with options
    /// equivalent to <paramref name="contract"/>'s settings, and its result must be a converter.
    /// </summary>
    /// <typeparam name="T">The type the converter converts.</typeparam>
    /// <param name="converter">A new instance of the attribute's converter type.</param>
    /// <param name="declaredOn">Where the attribute is, as System.Text.Json names it in its errors (<c>Demo.Order.Total</c>, or the type).</param>
    /// <param name="overridesHandleNull">Whether the converter's type overrides <see cref="JsonConverter{T}.HandleNull"/> (else
    /// System.Text.Json's defaults: a null token is passed to converters of value types only).</param>
    /// <param name="contract">The contract of the <c>[VelithonJson]</c> type whose generated code runs it.</param>
    /// <returns>The site.</returns>
    /// <exception cref="InvalidOperationException">System.Text.Json's errors: the converter cannot convert <typeparamref name="T"/>, or
    /// the factory returned <see langword="null"/> or another factory.</exception>
    public static JsonConverterSite<T> Create<T>(JsonConverter converter, string declaredOn, bool overridesHandleNull, VelithonJsonContract contract)
    {
        ArgumentNullException.ThrowIfNull(converter);
        ArgumentNullException.ThrowIfNull(contract);
        if (!converter.CanConvert(typeof(T)))
        {
            throw new InvalidOperationException($"The converter specified on '{declaredOn}' is not compatible with the type '{typeof(T)}'.");
        }

        if (converter is JsonConverterFactory factory)
        {
            JsonConverter? created = factory.CreateConverter(typeof(T), CompiledOptions.Create(contract, VelithonJsonOptions.Default));
            if (created is null)
            {
                throw new InvalidOperationException($"The converter '{factory.GetType()}' cannot return a null value.");
            }

            if (created is JsonConverterFactory)
            {
                throw new InvalidOperationException($"The converter '{factory.GetType()}' cannot return an instance of JsonConverterFactory.");
            }

            converter = created;

            // The product's type is not known when compiled: System.Text.Json's defaults unless it says HandleNull.
            overridesHandleNull = false;
        }

        if (converter is not JsonConverter<T> typed)
        {
            throw new InvalidOperationException($"The converter specified on '{declaredOn}' is not compatible with the type '{typeof(T)}'.");
        }

        // As System.Text.Json initializes HandleNullOnRead/HandleNullOnWrite: an overriding HandleNull decides both; the
        // default passes a null token to converters of value types on reading, and never a null value on writing.
        bool handleNull = typed.HandleNull;
        bool onRead = handleNull || (!overridesHandleNull && typeof(T).IsValueType);
        return new JsonConverterSite<T>(typed, contract, onRead, handleNull);
    }

}

/// <summary>The <see cref="JsonSerializerOptions"/> a contract's settings describe, for one <see cref="VelithonJsonOptions"/>.</summary>
internal sealed class CompiledOptions(VelithonJsonOptions key, JsonSerializerOptions options)
{
    private static readonly ConcurrentDictionary<(VelithonJsonContract Contract, int MaxDepth, bool Relaxed), JsonSerializerOptions> Cache = new();

    public VelithonJsonOptions Key { get; } = key;

    public JsonSerializerOptions Options { get; } = options;

    /// <summary>Options equivalent to what the contract was compiled for (read-only; one instance per contract, depth and encoder).</summary>
    public static JsonSerializerOptions Create(VelithonJsonContract contract, VelithonJsonOptions options) =>
        Cache.GetOrAdd((contract, options.MaxDepth, options.RelaxedEscaping), static key =>
        {
            VelithonJsonContract c = key.Contract;

            // The Web defaults with the contract's settings on top; no resolver, so System.Text.Json fills in its
            // reflection resolver if a converter serializes through these options (where reflection is enabled).
            var result = new JsonSerializerOptions(JsonSerializerDefaults.Web)
            {
                PropertyNamingPolicy = c.PropertyNamingPolicy,
                DictionaryKeyPolicy = c.DictionaryKeyPolicy,
                DefaultIgnoreCondition = c.DefaultIgnoreCondition,
                IgnoreReadOnlyProperties = c.IgnoreReadOnlyProperties,
                IgnoreReadOnlyFields = c.IgnoreReadOnlyFields,
                IncludeFields = c.IncludeFields,
                NumberHandling = c.NumberHandling,
                PropertyNameCaseInsensitive = c.PropertyNameCaseInsensitive,
                WriteIndented = c.WriteIndented,
                MaxDepth = key.MaxDepth,
                Encoder = key.Relaxed ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null,
            };
            if (c.EnumsAsStrings)
            {
                AddStringEnumConverter(result);
            }

            return result;
        });

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "What UseStringEnumConverter = true describes; only a converter that serializes an enum through these options asks it for one.")]
    private static void AddStringEnumConverter(JsonSerializerOptions options) => options.Converters.Add(new JsonStringEnumConverter());
}

/// <summary>One <see cref="Utf8JsonWriter"/> per thread for converters, reset onto each output.</summary>
internal static class ConverterWriters
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    [ThreadStatic]
    private static bool t_relaxed;

    [ThreadStatic]
    private static int t_maxDepth;

    public static Utf8JsonWriter Rent(IBufferWriter<byte> output, VelithonJsonOptions options, int depth)
    {
        // System.Text.Json's writer is at the member's depth under its limit: the converter may nest as deep as the rest.
        int maxDepth = Math.Max(1, options.MaxDepth - depth);
        Utf8JsonWriter? writer = t_writer;
        if (writer is not null && t_relaxed == options.RelaxedEscaping && t_maxDepth == maxDepth)
        {
            // Taken while in use: a converter that writes a [VelithonJson] value with a converter gets a writer of its own.
            t_writer = null;
            writer.Reset(output);
            return writer;
        }

        return new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Encoder = options.RelaxedEscaping ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null,

            // System.Text.Json's serializer writes without validation: a converter that writes nothing (or two values)
            // leaves exactly those bytes.
            SkipValidation = true,
            MaxDepth = maxDepth,
        });
    }

    // Kept between uses without holding on to the last output.
    private static readonly ArrayBufferWriter<byte> Detached = new(1);

    public static void Return(Utf8JsonWriter writer)
    {
        writer.Reset(Detached);
        t_writer = writer;
        t_relaxed = writer.Options.Encoder is not null;
        t_maxDepth = writer.Options.MaxDepth;
    }
}

/// <summary>Exceptions a custom converter threw, which leave the entry points as they are (System.Text.Json does not wrap them).</summary>
internal static class ConverterExceptions
{
    private static readonly ConditionalWeakTable<Exception, object> Marked = new();

    public static void Mark(Exception ex) => Marked.AddOrUpdate(ex, Marked);

    public static bool IsMarked(Exception ex) => Marked.TryGetValue(ex, out _);
}

/// <summary>
/// A write error of a custom converter on its way out: generated exception filters record the C# member names
/// (System.Text.Json's write path: <c>$.Child.Money</c>, no indices), and the entry point builds the final error.
/// </summary>
#pragma warning disable CA1032, CA1064 // internal carrier type
internal sealed class JsonWriteException : JsonException
#pragma warning restore CA1032, CA1064
{
    private readonly List<string> _segments = [];

    public JsonWriteException(string? baseMessage, bool appendPath, Exception? inner)
        : base(baseMessage, inner)
    {
        BaseMessage = baseMessage ?? "The object or value could not be serialized.";
        AppendPath = appendPath;
    }

    public string BaseMessage { get; }

    public bool AppendPath { get; }

    /// <summary>Gets a value indicating whether the final error is a <see cref="NotSupportedException"/> (the inner exception, with the path).</summary>
    public bool IsNotSupported { get; private init; }

    /// <summary>Carries System.Text.Json's <paramref name="error"/> out of the generated code, so that the members it passes record its path.</summary>
    public static JsonWriteException NotSupported(NotSupportedException error) =>
        new(error.Message, appendPath: true, error) { IsNotSupported = true };

    public static JsonWriteException From(JsonException ex)
    {
        bool noMessage = string.IsNullOrEmpty(ex.Message) || ex.Message == $"Exception of type '{ex.GetType()}' was thrown.";
        return noMessage ? new JsonWriteException(null, true, ex.InnerException) : new JsonWriteException(ex.Message, false, ex.InnerException);
    }

    // An error System.Text.Json lets out as it is (not wrapped), only with its Path set.
    private JsonException? Kept { get; init; }

    public static JsonWriteException Keeping(JsonException error) => new(error.Message, false, error.InnerException) { Kept = error };

    public void Record(string name) => _segments.Add(name);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Path")]
    private static extern void SetPath(JsonException error, string? path);

    public Exception ToFinal()
    {
        var path = new System.Text.StringBuilder("$");
        for (int i = _segments.Count - 1; i >= 0; i--)
        {
            JsonReadException.AppendPropertySegment(path, _segments[i]);
        }

        string p = path.ToString();
        if (IsNotSupported)
        {
            // System.Text.Json's NotSupportedException: the message with the write path, the error raised inside it.
            return new NotSupportedException($"{BaseMessage} Path: {p}.", InnerException);
        }

        if (Kept is { } kept)
        {
            SetPath(kept, p);
            return kept;
        }

        return new JsonException(AppendPath ? $"{BaseMessage} Path: {p}." : BaseMessage, p, null, null, InnerException);
    }
}

/// <summary>Write-side helpers for generated code (plumbing).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonWrite
{
    /// <summary>
    /// Records a member's C# name in the path of a custom converter's write error on its way out (from an exception
    /// filter; returns <see langword="false"/>, so the filter never catches).
    /// </summary>
    /// <param name="error">The error passing through.</param>
    /// <param name="memberName">The member's C# name (System.Text.Json's write path names members so).</param>
    /// <returns>Always <see langword="false"/>.</returns>
    public static bool RecordPathSegment(JsonException error, string memberName)
    {
        if (error is JsonWriteException write)
        {
            write.Record(memberName);
        }

        return false;
    }

    /// <summary>
    /// The error a caller that runs generated <c>WriteJson</c> itself (instead of <see cref="VelithonJson"/>) lets out:
    /// a write error in progress becomes System.Text.Json's final exception with its path (a <see cref="JsonException"/>,
    /// or the <see cref="NotSupportedException"/> of an unlisted polymorphic type); any other exception is returned as it is.
    /// </summary>
    /// <param name="error">The error caught around <c>WriteJson</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static Exception ToFinal(JsonException error) =>
        error is JsonWriteException write ? write.ToFinal() : error;

    /// <summary>
    /// Creates System.Text.Json's error (<c>RespectNullableAnnotations</c>) for a member that does not allow null and
    /// holds null when written, with the member's C# name recorded as the innermost segment of the write path (outer
    /// levels add theirs on the way out, as for a converter's write error).
    /// </summary>
    /// <param name="memberName">The member's C# name.</param>
    /// <param name="jsonName">The member's JSON name.</param>
    /// <param name="typeName">The type written, e.g. <c>Demo.Person</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException NullMember(string memberName, string jsonName, string typeName)
    {
        var error = new JsonWriteException(
            $"The property or field '{jsonName}' on type '{typeName}' doesn't allow getting null values. Consider updating its nullability annotation.", appendPath: true, null);
        error.Record(memberName);
        return error;
    }
}
