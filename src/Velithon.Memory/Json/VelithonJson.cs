using System.Buffers;
using System.Text.Json;
using Velithon.Json;
using Velithon.Memory;

namespace Velithon;

/// <summary>
/// Entry points for <c>[VelithonJson]</c> types: UTF-8 JSON identical to System.Text.Json with
/// <see cref="JsonSerializerDefaults.Web"/> (and the same <see cref="VelithonJsonOptions.Encoder"/>), through generated
/// code instead of reflection.
/// </summary>
public static partial class VelithonJson
{
    /// <summary>Writes <paramref name="value"/> as UTF-8 JSON into <paramref name="destination"/>.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="value">The value; <see langword="null"/> writes <c>null</c>.</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <exception cref="JsonException">The object graph is deeper than <see cref="VelithonJsonOptions.MaxDepth"/> (for example a cycle).</exception>
    /// <exception cref="NotSupportedException"><see cref="VelithonJsonOptions.Encoder"/> is the relaxed encoder and <typeparamref name="T"/> has a
    /// property or enum name it would escape differently (see <see cref="VelithonJsonContract.SupportedEncoders"/>).</exception>
    public static void Serialize<T>(T value, IBufferWriter<byte> destination, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(destination);
        options = For<T>(options);
        VelithonJsonContract.EnsureWritable<T>(options);
        var writer = new VelithonJsonWriter(destination, options);
        try
        {
            WriteValue(ref writer, value);
        }
        catch (JsonWriteException ex)
        {
            throw ex.ToFinal();
        }

        writer.Flush();
    }

    /// <summary>Writes <paramref name="value"/> as UTF-8 JSON into a new array of exactly the right size.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="value">The value; <see langword="null"/> writes <c>null</c>.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <returns>The JSON bytes.</returns>
    /// <exception cref="JsonException">The object graph is deeper than <see cref="VelithonJsonOptions.MaxDepth"/> (for example a cycle).</exception>
    /// <exception cref="NotSupportedException"><see cref="VelithonJsonOptions.Encoder"/> is the relaxed encoder and <typeparamref name="T"/> has a
    /// property or enum name it would escape differently (see <see cref="VelithonJsonContract.SupportedEncoders"/>).</exception>
    public static byte[] SerializeToUtf8Bytes<T>(T value, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T>
    {
        options = For<T>(options);
        VelithonJsonContract.EnsureWritable<T>(options);
        PooledBufferWriter buffer = PooledBufferWriter.Rent();
        try
        {
            var writer = new VelithonJsonWriter(buffer, options);
            try
            {
                WriteValue(ref writer, value);
            }
            catch (JsonWriteException ex)
            {
                throw ex.ToFinal();
            }

            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            PooledBufferWriter.Return(buffer);
        }
    }

    /// <summary>Reads one JSON value from UTF-8 bytes.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8">The JSON; nothing but whitespace may follow the value.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <returns>The value, or <see langword="null"/> for a JSON <c>null</c> (which a value type refuses, as in System.Text.Json).</returns>
    /// <exception cref="JsonException">The input is not valid JSON for <typeparamref name="T"/>; <see cref="JsonException.Path"/>,
    /// <see cref="JsonException.LineNumber"/> and <see cref="JsonException.BytePositionInLine"/> say where.</exception>
    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T>
    {
        options = For<T>(options);
        if (TryReadFast(utf8, options, out T? fast))
        {
            return fast;
        }

        return ReadWithReader<T>(utf8, options);
    }

    private static T? ReadWithReader<T>(ReadOnlySpan<byte> utf8, VelithonJsonOptions options)
        where T : IVelithonJson<T>
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions<T>(options));
        try
        {
            return ReadValue<T>(ref reader, options);
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

    /// <summary>Reads one JSON value from a sequence of UTF-8 bytes.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8">The JSON; nothing but whitespace may follow the value.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <returns>The value, or <see langword="null"/> for a JSON <c>null</c> (which a value type refuses, as in System.Text.Json).</returns>
    /// <exception cref="JsonException">The input is not valid JSON for <typeparamref name="T"/>; <see cref="JsonException.Path"/>,
    /// <see cref="JsonException.LineNumber"/> and <see cref="JsonException.BytePositionInLine"/> say where.</exception>
    public static T? Deserialize<T>(in ReadOnlySequence<byte> utf8, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T> =>
        ReadSequence<T>(utf8, For<T>(options));

    /// <summary>Reads one JSON value from a sequence with options already resolved for <typeparamref name="T"/>.</summary>
    internal static T? ReadSequence<T>(in ReadOnlySequence<byte> utf8, VelithonJsonOptions options)
        where T : IVelithonJson<T>
    {
        if (utf8.IsSingleSegment && TryReadFast(utf8.FirstSpan, options, out T? fast))
        {
            return fast;
        }

        var reader = new Utf8JsonReader(utf8, ReaderOptions<T>(options));
        try
        {
            return ReadValue<T>(ref reader, options);
        }
        catch (JsonException ex)
        {
            throw ErrorOfContiguousRead(utf8, JsonReadException.From(ex).ToFinal(utf8, reader.BytesConsumed), span => ReadWithReader<T>(span, options));
        }
        catch (Exception ex) when (JsonRead.IsRethrowable(ex))
        {
            throw JsonRead.Wrap(ref reader, ex).ToFinal(utf8, reader.BytesConsumed);
        }
    }

    internal delegate void ContiguousRead(ReadOnlySpan<byte> utf8);

    // Utf8JsonReader words some errors otherwise over several segments than over one span (an unclosed comment, an
    // invalid literal quoted to its segment's end), and System.Text.Json reads a contiguous buffer: a failed read of a
    // multi-segment sequence is read again from a contiguous copy for STJ's error. Only a failed read pays for it.
    internal static Exception ErrorOfContiguousRead(in ReadOnlySequence<byte> utf8, Exception error, ContiguousRead read)
    {
        if (utf8.IsSingleSegment || utf8.Length > Array.MaxLength)
        {
            return error;
        }

        int length = (int)utf8.Length;
        byte[] copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            utf8.CopyTo(copy);
            read(copy.AsSpan(0, length));
        }
        catch (Exception contiguous) when (contiguous is JsonException or NotSupportedException)
        {
            return contiguous;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }

        return error;
    }

    // The generated fast path: a whole document of common shapes, read without Utf8JsonReader. Anything it does not
    // handle (including every invalid document) is read again by ReadJson, which gives the value or the exact error.
    private static bool TryReadFast<T>(ReadOnlySpan<byte> utf8, VelithonJsonOptions options, out T? value)
        where T : IVelithonJson<T>
    {
        var reader = new JsonFastReader(utf8, options.MaxDepth);
        try
        {
            if (T.TryReadJsonFast(ref reader, options, out T? read) && reader.AtEnd())
            {
                value = read;
                return true;
            }
        }
        catch (Exception ex) when (JsonRead.IsRethrowable(ex))
        {
            // A constructor or setter failed: the full reader runs it again and reports it as it always has.
        }

        value = default;
        return false;
    }

    // The read settings T was compiled with ([VelithonJson(AllowTrailingCommas, ReadCommentHandling)]). The fast path
    // takes neither trailing commas nor comments (it gives up on anything but plain JSON): such documents are read here.
    internal static JsonReaderOptions ReaderOptions<T>(VelithonJsonOptions options)
        where T : IVelithonJson<T>
    {
        VelithonJsonContract contract = T.JsonContract;
        return new()
        {
            MaxDepth = options.MaxDepth,
            CommentHandling = contract.ReadCommentHandling,
            AllowTrailingCommas = contract.AllowTrailingCommas,
        };
    }

    // The options T is written and read with: the given ones, with the depth T was compiled with unless they set one.
    internal static VelithonJsonOptions For<T>(VelithonJsonOptions? options)
        where T : IVelithonJson<T>
    {
        options ??= VelithonJsonOptions.Default;
        int compiled = T.JsonContract.MaxDepth;
        return compiled <= 0 || options.HasMaxDepth || compiled == options.MaxDepth ? options : CompiledDepth<T>.For(options, compiled);
    }

    internal static void WriteValue<T>(ref VelithonJsonWriter writer, T value)
        where T : IVelithonJson<T>
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            T.WriteJson(ref writer, value);
        }
    }

    private static T? ReadValue<T>(ref Utf8JsonReader reader, VelithonJsonOptions options)
        where T : IVelithonJson<T>
    {
        JsonRead.Read(ref reader);
        T? value = reader.TokenType == JsonTokenType.Null ? JsonRead.NullAs<T>(ref reader) : T.ReadJson(ref reader, options);

        // Utf8JsonReader itself rejects anything but whitespace after the top-level value.
        if (reader.Read())
        {
            throw JsonRead.Error(ref reader, "The input contains more than one top-level JSON value.");
        }

        return value;
    }
}

/// <summary>The last options given for <typeparamref name="T"/> with the depth it was compiled with (one allocation per options instance).</summary>
internal static class CompiledDepth<T>
    where T : IVelithonJson<T>
{
    private static volatile Entry? _last;

    public static VelithonJsonOptions For(VelithonJsonOptions options, int maxDepth)
    {
        Entry? last = _last;
        if (last is not null && ReferenceEquals(last.Source, options))
        {
            return last.Run;
        }

        var entry = new Entry(options, options.WithCompiledMaxDepth(maxDepth));
        _last = entry;
        return entry.Run;
    }

    private sealed class Entry(VelithonJsonOptions source, VelithonJsonOptions run)
    {
        public VelithonJsonOptions Source { get; } = source;

        public VelithonJsonOptions Run { get; } = run;
    }
}
