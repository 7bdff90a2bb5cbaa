using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Velithon.Json;
using Velithon.Memory;

namespace Velithon;

/// <summary>
/// Lets System.Text.Json (de)serialize a <c>[VelithonJson]</c> type through its generated code, for example inside
/// ASP.NET Core or as a member of a type System.Text.Json handles: add it to <see cref="JsonSerializerOptions.Converters"/>
/// (or let <see cref="VelithonJsonTypeInfoResolver"/> create it).
/// </summary>
/// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
/// <remarks>
/// <para>
/// Never silently different: the first time it runs with a <see cref="JsonSerializerOptions"/> instance it compares the
/// options with what the generated code implements (<see cref="VelithonJsonContract.FindMismatch"/>), and throws
/// <see cref="NotSupportedException"/> naming the setting, the type and the fix when System.Text.Json would write or
/// read anything else with them (another naming policy than the type was compiled with, a global
/// <see cref="JsonStringEnumConverter"/> for a type compiled without <c>UseStringEnumConverter</c>, other number handling,
/// indentation, ...). The check is cached per options instance (options are immutable once used).
/// </para>
/// <para>
/// The generated code runs with System.Text.Json's depth limit and escaping (<see cref="JsonSerializerOptions.Encoder"/>:
/// the default or <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>) and the interner of the
/// <see cref="VelithonJsonOptions"/> given to the constructor. A read error inside a value at the document's root is
/// System.Text.Json's own (message, path, line and position); inside a value nested in one System.Text.Json reads, it
/// surfaces as System.Text.Json's "could not be converted" error at the value's path, with the detailed error (and its
/// inner path) as the inner exception.
/// </para>
/// </remarks>
public sealed class VelithonJsonConverter<T> : JsonConverter<T>, IVelithonJsonConverter
    where T : IVelithonJson<T>
{
    private readonly VelithonJsonOptions _options;
    private readonly ConditionalWeakTable<JsonSerializerOptions, VelithonJsonOptions> _checkedOptions = new();
    private volatile Checked? _last;

    /// <summary>Creates the converter with <see cref="VelithonJsonOptions.Default"/>.</summary>
    public VelithonJsonConverter()
        : this(VelithonJsonOptions.Default)
    {
    }

    /// <summary>Creates the converter with the given options.</summary>
    /// <param name="options">The options generated code runs with (interner; depth and escaping come from System.Text.Json's options).</param>
    public VelithonJsonConverter(VelithonJsonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>A converter for options already checked (by <see cref="VelithonJsonTypeInfoResolver"/>).</summary>
    internal VelithonJsonConverter(VelithonJsonOptions options, JsonSerializerOptions checkedOptions)
        : this(options)
    {
        _last = new Checked(checkedOptions, RunOptions(options, checkedOptions));
    }

    /// <inheritdoc />
    public override bool HandleNull => false;

    /// <inheritdoc />
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        VelithonJsonOptions run = For(options);
        bool root = reader.CurrentDepth == 0;

        // At the root an error is located from the value's start (the reader may have passed it: a member read after
        // a constructor reports where it was read).
        Utf8JsonReader start = root ? reader : default;
        try
        {
            return T.ReadJson(ref reader, run);
        }
        catch (JsonException ex) when (ex is JsonReadException || JsonReadException.HasRecordedPath(ex))
        {
            // An error of the runtime, or one of the reader's own below a member of the value (with the path inside the
            // value); a reader error at the value's own level goes to System.Text.Json as it is.
            JsonReadException error = JsonReadException.From(ex);
            if (root)
            {
                // The document's root: System.Text.Json's path of the value is "$", so the error's own path is the whole
                // path, and the exception is final (System.Text.Json passes on one whose Path is set): the path, message,
                // line and position System.Text.Json gives (MVC's ModelState key and message, for example).
                throw AtRoot(error, ref reader, start);
            }

            // Nested in a value System.Text.Json reads (an element of a list, a member of its type): it knows the path
            // of this value only. A null message makes it append its own path, line and position for this value; a
            // NotSupportedException leaves as it was raised, and System.Text.Json appends them to its message.
            if (error.IsNotSupported)
            {
                ExceptionDispatchInfo.Throw(error.InnerException!);
            }

            throw new JsonException(null, error.ToFinal(ReadOnlySpan<byte>.Empty, -1));
        }
    }

    private static Exception AtRoot(JsonReadException error, ref Utf8JsonReader reader, in Utf8JsonReader start)
    {
        (long line, long position) = error.LineNumber is { } errorLine
            ? (errorLine, error.BytePositionInLine ?? 0)
            : Location(Advanced(error.AbsoluteOffset >= 0 && error.AbsoluteOffset < reader.BytesConsumed ? start : reader, error.AbsoluteOffset).CurrentState);
        string path = "$" + error.PathSuffix;
        if (error.IsNotSupported)
        {
            // System.Text.Json passes on a NotSupportedException whose message already has a path.
            return new NotSupportedException(JsonReadException.WithLocation(error.BaseMessage, path, (line, position)), error.InnerException);
        }

        string message = error.AppendPathInformation
            ? JsonReadException.WithLocation(error.BaseMessage, path, (line, position))
            : error.BaseMessage;
        return new JsonException(message, path, line, position, error.InnerException);
    }

    // An error raised on a look-ahead copy of the reader (a polymorphic object's metadata, read past the discriminator
    // before it is resolved) lies past the caller's reader: a copy of it reads up to the error's offset, so the location
    // is the one System.Text.Json's reader reports there, as VelithonJson.Deserialize reports it from the same offset.
    private static Utf8JsonReader Advanced(Utf8JsonReader reader, long offset)
    {
        try
        {
            while (reader.BytesConsumed < offset && reader.Read())
            {
            }
        }
        catch (JsonException)
        {
        }

        return reader;
    }

    // The reader's line and byte in line, which only its own errors expose: a reader resumed from its state fails at once
    // on a control character (invalid wherever a reader can stop: before a value, a name, a separator or the end).
    private static (long Line, long Position) Location(JsonReaderState state)
    {
        var probe = new Utf8JsonReader("\u0001"u8, isFinalBlock: true, state);
        try
        {
            probe.Read();
        }
        catch (JsonException located) when (located.LineNumber is not null)
        {
            return (located.LineNumber.Value, located.BytePositionInLine ?? 0);
        }

        return (0, 0);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        VelithonJsonOptions run = For(options);
        if (WriterMismatch(writer.Options))
        {
            ThrowWriterMismatch(writer.Options);
        }
        PooledBufferWriter buffer = PooledBufferWriter.Rent();
        try
        {
            // Continues at the System.Text.Json writer's depth, so the depth limit (and its error) is System.Text.Json's.
            var json = new VelithonJsonWriter(buffer, run, writer.CurrentDepth);
            try
            {
                VelithonJson.WriteValue(ref json, value);
            }
            catch (JsonWriteException ex)
            {
                // The write path below this value (C# member names; System.Text.Json names no index or key either).
                throw ex.ToFinal();
            }

            json.Flush();
            if (!Indented)
            {
                writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
                return;
            }

            // WriteRawValue writes no line break or indentation before the value (an element of an array would follow
            // "[" or "," directly), so the braces go through the writer, which puts them where an indented writer does,
            // and only the members between them (each after its own line break, at this depth) are copied: without the
            // line break and indentation before "}", which the writer writes again.
            ReadOnlySpan<byte> written = buffer.WrittenSpan;
            int depth = writer.CurrentDepth;
            writer.WriteStartObject();
            if (written.Length > 2)
            {
                JsonWriterOptions settings = writer.Options;
                int closing = settings.NewLine.Length + (depth * settings.IndentSize) + 1;
                writer.WriteRawValue(written[1..^closing], skipInputValidation: true);
            }

            writer.WriteEndObject();
        }
        finally
        {
            PooledBufferWriter.Return(buffer);
        }
    }

    // Whether T was compiled with WriteIndented (its members then come with their line breaks and indentation).
    private static bool Indented => VelithonJsonContract.Of<T>().WriteIndented;

    // The writer's own settings (JsonSerializer.Serialize(Utf8JsonWriter, ...) writes with the writer's, not the options'),
    // compared cheaply on every call; and an indented type writes its members through WriteRawValue inside an object,
    // which a validating writer refuses.
    private static bool WriterMismatch(JsonWriterOptions writer)
    {
        VelithonJsonContract contract = VelithonJsonContract.Of<T>();
        if (writer.Indented != contract.WriteIndented)
        {
            return true;
        }

        return contract.WriteIndented
            && (!writer.SkipValidation || writer.IndentCharacter != contract.IndentCharacter || writer.IndentSize != contract.IndentSize
                || writer.NewLine != (contract.NewLine ?? Environment.NewLine));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWriterMismatch(JsonWriterOptions writer)
    {
        string mismatch = VelithonJsonContract.Of<T>().FindWriterMismatch(writer)
            ?? "the Utf8JsonWriter validates what is written (JsonWriterOptions.SkipValidation is false); the generated code of an indented type writes its members as one raw value, which such a writer refuses (JsonSerializer's own writers skip validation)";
        throw new NotSupportedException(
            $"VelithonJsonConverter<{typeof(T)}> cannot write with this Utf8JsonWriter: {mismatch}. " +
            $"Fix: write with JsonSerializer's own writer (JsonSerializer.Serialize to a stream, a PipeWriter or bytes), or create the Utf8JsonWriter with the settings {typeof(T)} was compiled for.");
    }

    private VelithonJsonOptions For(JsonSerializerOptions options)
    {
        Checked? last = _last;
        return last is not null && ReferenceEquals(last.Options, options) ? last.Run : Check(options);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private VelithonJsonOptions Check(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!_checkedOptions.TryGetValue(options, out VelithonJsonOptions? run))
        {
            // A converter that runs was chosen before any other converter for T itself, so those are not looked at.
            if (VelithonJsonContract.Of<T>().FindMismatchCore(options, typeof(T), null) is { } mismatch)
            {
                throw new NotSupportedException(MismatchMessage(mismatch));
            }

            run = RunOptions(_options, options);
            _checkedOptions.AddOrUpdate(options, run);
        }

        _last = new Checked(options, run);
        return run;
    }

    internal static string MismatchMessage(string mismatch) =>
        $"VelithonJsonConverter<{typeof(T)}> cannot run with these JsonSerializerOptions: {mismatch}. " +
        $"The generated code for {typeof(T)} implements the JsonSerializerOptions settings it was compiled with ([VelithonJson(...)]: the Web defaults unless set there; the default or the relaxed encoder), and would write or read other JSON than System.Text.Json does with these options. " +
        $"Fix: use options it was compiled for, or remove VelithonJsonConverter<{typeof(T)}> from JsonSerializerOptions.Converters so that System.Text.Json handles {typeof(T)} itself.";

    private static VelithonJsonOptions RunOptions(VelithonJsonOptions options, JsonSerializerOptions stj) =>
        options.ForSystemTextJson(
            stj.MaxDepth == 0 ? VelithonJsonOptions.DefaultMaxDepth : stj.MaxDepth,
            ReferenceEquals(stj.Encoder, JavaScriptEncoder.UnsafeRelaxedJsonEscaping),
            stj);

    private sealed class Checked(JsonSerializerOptions options, VelithonJsonOptions run)
    {
        public JsonSerializerOptions Options { get; } = options;

        public VelithonJsonOptions Run { get; } = run;
    }
}
