using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Velithon.Json;
using Velithon.Memory;

namespace Velithon;

// Streams and pipes. The generated ReadJson reads a complete value, so reading collects the whole document (pooled
// segments, or the pipe's own buffer) and then reads it as a sequence; writing writes the whole value into a pooled
// buffer and then hands it to the stream in one write. Arrays too large to hold at once are read element by element
// with DeserializeAsyncEnumerable.
public static partial class VelithonJson
{
    /// <summary>Writes <paramref name="value"/> as UTF-8 JSON to <paramref name="utf8Json"/>, the same bytes as <see cref="SerializeToUtf8Bytes{T}"/>.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8Json">The stream; it is written to, not flushed or closed.</param>
    /// <param name="value">The value; <see langword="null"/> writes <c>null</c>.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the write to the stream.</param>
    /// <returns>A task that completes when the bytes are written.</returns>
    /// <exception cref="JsonException">The object graph is deeper than <see cref="VelithonJsonOptions.MaxDepth"/> (for example a cycle); nothing is written then.</exception>
    /// <exception cref="NotSupportedException">The relaxed encoder and a <typeparamref name="T"/> it cannot write exactly.</exception>
    public static async Task SerializeAsync<T>(Stream utf8Json, T value, VelithonJsonOptions? options = null, CancellationToken cancellationToken = default)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        PooledBufferWriter buffer = PooledBufferWriter.Rent();
        try
        {
            Serialize(value, buffer, options);
            await utf8Json.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            PooledBufferWriter.Return(buffer);
        }
    }

    /// <summary>Writes <paramref name="value"/> as UTF-8 JSON into <paramref name="utf8Json"/> and flushes it.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8Json">The pipe; it is flushed, not completed.</param>
    /// <param name="value">The value; <see langword="null"/> writes <c>null</c>.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task that completes when the pipe is flushed.</returns>
    /// <exception cref="JsonException">The object graph is deeper than <see cref="VelithonJsonOptions.MaxDepth"/> (for example a cycle).</exception>
    /// <exception cref="NotSupportedException">The relaxed encoder and a <typeparamref name="T"/> it cannot write exactly.</exception>
    public static async Task SerializeAsync<T>(PipeWriter utf8Json, T value, VelithonJsonOptions? options = null, CancellationToken cancellationToken = default)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        Serialize(value, utf8Json, options);
        FlushResult flushed = await utf8Json.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (flushed.IsCanceled)
        {
            throw new OperationCanceledException("The flush of the PipeWriter was canceled.");
        }
    }

    /// <summary>
    /// Reads one JSON value from <paramref name="utf8Json"/> to its end, as <see cref="Deserialize{T}(in System.Buffers.ReadOnlySequence{byte}, VelithonJsonOptions?)"/>
    /// reads it: nothing but whitespace may follow the value, and an empty stream is an error (as in System.Text.Json).
    /// The document is held in arrays rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/> while it is read.
    /// Errors are System.Text.Json's <c>DeserializeAsync</c> errors: a member it reads after a constructor with
    /// parameters fails where it stands (its buffer reads report that after the object's end).
    /// </summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8Json">The stream, read to its end; not closed.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels reading the stream.</param>
    /// <returns>The value, or <see langword="null"/> for a JSON <c>null</c> (which a value type refuses, as in System.Text.Json).</returns>
    /// <exception cref="JsonException">The input is not valid JSON for <typeparamref name="T"/>, with path and position.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async ValueTask<T?> DeserializeAsync<T>(Stream utf8Json, VelithonJsonOptions? options = null, CancellationToken cancellationToken = default)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new PooledSegmentBuffer();
        await buffer.ReadToEndAsync(utf8Json, cancellationToken).ConfigureAwait(false);
        return ReadSequence<T>(WithoutByteOrderMark(buffer.Sequence), For<T>(options).ForStreaming);
    }

    /// <summary>
    /// Reads one JSON value from <paramref name="utf8Json"/> until the writer completes, as
    /// <see cref="Deserialize{T}(in System.Buffers.ReadOnlySequence{byte}, VelithonJsonOptions?)"/> reads it (the pipe's
    /// own buffers hold the document: nothing is copied), with System.Text.Json's <c>DeserializeAsync</c> errors.
    /// </summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8Json">The pipe, read to its end and advanced past it; not completed.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels reading the pipe.</param>
    /// <returns>The value, or <see langword="null"/> for a JSON <c>null</c> (which a value type refuses, as in System.Text.Json).</returns>
    /// <exception cref="JsonException">The input is not valid JSON for <typeparamref name="T"/>, with path and position.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled, or the read was canceled.</exception>
    public static async ValueTask<T?> DeserializeAsync<T>(PipeReader utf8Json, VelithonJsonOptions? options = null, CancellationToken cancellationToken = default)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        while (true)
        {
            ReadResult result = await utf8Json.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The read of the PipeReader was canceled.");
            }

            if (result.IsCompleted)
            {
                try
                {
                    return ReadSequence<T>(WithoutByteOrderMark(result.Buffer), For<T>(options).ForStreaming);
                }
                finally
                {
                    utf8Json.AdvanceTo(result.Buffer.End);
                }
            }

            // Nothing consumed, everything examined: the next read returns once more data has arrived.
            utf8Json.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
    // System.Text.Json's stream readers skip a leading UTF-8 byte order mark (and count positions after it); its span
    // and Utf8JsonReader APIs do not, nor do the span and sequence overloads here.
    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySequence<byte> WithoutByteOrderMark(in ReadOnlySequence<byte> utf8)
    {
        if (utf8.Length < 3)
        {
            return utf8;
        }

        Span<byte> head = stackalloc byte[3];
        utf8.Slice(0, 3).CopyTo(head);
        return head.SequenceEqual(Utf8ByteOrderMark) ? utf8.Slice(3) : utf8;
    }

    /// <summary>
    /// Reads a top-level JSON array from <paramref name="utf8Json"/> element by element, yielding each one as soon as it
    /// has been read: memory holds one element and one buffer of input (16 KB, larger only for a larger element), however
    /// long the array. A JSON <c>null</c> yields nothing; anything but whitespace after the array is an error once the
    /// elements before it have been yielded (as in System.Text.Json). Stopping early returns the buffer without reading
    /// the rest of the stream.
    /// </summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8Json">The stream; not closed.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels reading the stream (also passed by <c>WithCancellation</c>).</param>
    /// <returns>The elements; <see langword="null"/> elements are yielded as <see langword="null"/> (a value type refuses them, as in System.Text.Json).</returns>
    /// <exception cref="JsonException">(While enumerating) the input is not a JSON array of <typeparamref name="T"/>; the path names the element (<c>$[3].name</c>).</exception>
    /// <exception cref="OperationCanceledException">(While enumerating) the enumeration was canceled.</exception>
    public static IAsyncEnumerable<T?> DeserializeAsyncEnumerable<T>(Stream utf8Json, VelithonJsonOptions? options = null, CancellationToken cancellationToken = default)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return ReadElementsAsync<T>(JsonByteSource.From(utf8Json), For<T>(options).ForStreaming, cancellationToken);
    }

    /// <summary>
    /// Reads a top-level JSON array from <paramref name="utf8Json"/> element by element, as
    /// <see cref="DeserializeAsyncEnumerable{T}(Stream, VelithonJsonOptions?, CancellationToken)"/> does; the pipe is
    /// advanced past what was read.
    /// </summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8Json">The pipe; not completed.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels reading the pipe (also passed by <c>WithCancellation</c>).</param>
    /// <returns>The elements; <see langword="null"/> elements are yielded as <see langword="null"/> (a value type refuses them, as in System.Text.Json).</returns>
    /// <exception cref="JsonException">(While enumerating) the input is not a JSON array of <typeparamref name="T"/>.</exception>
    /// <exception cref="OperationCanceledException">(While enumerating) the enumeration or the pipe's read was canceled.</exception>
    public static IAsyncEnumerable<T?> DeserializeAsyncEnumerable<T>(PipeReader utf8Json, VelithonJsonOptions? options = null, CancellationToken cancellationToken = default)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return ReadElementsAsync<T>(JsonByteSource.From(utf8Json), For<T>(options).ForStreaming, cancellationToken);
    }

    /// <summary>
    /// Reads a top-level JSON array of <typeparamref name="T"/> from <paramref name="utf8Json"/>, as System.Text.Json's
    /// <c>DeserializeAsync&lt;List&lt;T&gt;&gt;</c> reads it, without holding the document: each element is read as soon
    /// as it has arrived, from one pooled buffer of input (16 KB, larger only for a larger element), so memory is the list
    /// and that buffer however long the input. Nothing but whitespace may follow the array; an empty stream is an error.
    /// </summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8Json">The stream, read to its end; not closed.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels reading the stream.</param>
    /// <returns>The list, or <see langword="null"/> for a JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The input is not a JSON array of <typeparamref name="T"/>; the path names the element (<c>$[3].name</c>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static ValueTask<List<T>?> DeserializeListAsync<T>(Stream utf8Json, VelithonJsonOptions? options = null, CancellationToken cancellationToken = default)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return ReadListAsync<T>(JsonByteSource.From(utf8Json), For<T>(options).ForStreaming, cancellationToken);
    }

    /// <summary>
    /// Reads a top-level JSON array of <typeparamref name="T"/> from <paramref name="utf8Json"/> element by element, as
    /// <see cref="DeserializeListAsync{T}(Stream, VelithonJsonOptions?, CancellationToken)"/> does; the pipe is advanced
    /// past what was read.
    /// </summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="utf8Json">The pipe, read to its end; not completed.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels reading the pipe.</param>
    /// <returns>The list, or <see langword="null"/> for a JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The input is not a JSON array of <typeparamref name="T"/>, with path and position.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled, or the pipe's read was canceled.</exception>
    public static ValueTask<List<T>?> DeserializeListAsync<T>(PipeReader utf8Json, VelithonJsonOptions? options = null, CancellationToken cancellationToken = default)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return ReadListAsync<T>(JsonByteSource.From(utf8Json), For<T>(options).ForStreaming, cancellationToken);
    }

    private static async ValueTask<List<T>?> ReadListAsync<T>(JsonByteSource source, VelithonJsonOptions options, CancellationToken cancellationToken)
        where T : IVelithonJson<T>
    {
        using var reader = new JsonArrayStreamReader<T>(options);

        // Pooled arrays, then one list of the exact size: a growing List<T> would pass through every doubling, the
        // larger ones on the large object heap.
        var list = default(JsonListBuilder<T>);
        while (true)
        {
            while (reader.TryReadElement(out T? element))
            {
                list.Add(element!);
            }

            if (reader.IsEnded)
            {
                return reader.IsNullRoot ? null : list.ToList();
            }

            cancellationToken.ThrowIfCancellationRequested();
            await reader.FillAsync(source, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async IAsyncEnumerable<T?> ReadElementsAsync<T>(JsonByteSource source, VelithonJsonOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : IVelithonJson<T>
    {
        using var reader = new JsonArrayStreamReader<T>(options);
        while (true)
        {
            while (reader.TryReadElement(out T? element))
            {
                yield return element;
            }

            if (reader.IsEnded)
            {
                yield break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            await reader.FillAsync(source, cancellationToken).ConfigureAwait(false);
        }
    }
}
