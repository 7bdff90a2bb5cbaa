using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Net.Http.Headers;
using Velithon.Json;

namespace Velithon.AspNetCore;

/// <summary>
/// An <see cref="IResult"/> that streams a sequence of <c>[VelithonJson]</c> values chunk by chunk: a JSON array, or
/// newline-delimited JSON when the request's <c>Accept</c> asks for <c>application/x-ndjson</c>. Each chunk of
/// <see cref="ChunkSize"/> items is written into <see cref="HttpResponse.BodyWriter"/> and flushed, so the pipe's
/// back-pressure bounds memory however long the sequence is. A client that disconnects
/// (<see cref="HttpContext.RequestAborted"/>) ends the stream: the sequence is disposed, and the result ends with an
/// <see cref="OperationCanceledException"/> rather than returning normally, so that nothing after it (a response
/// cache, say) takes the cut-short body for a whole one.
/// </summary>
/// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
public sealed class VelithonJsonBatchResult<T> : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
    where T : IVelithonJson<T>
{
    /// <summary>The largest accepted chunk size (one chunk's items are held in a pooled array while it is written).</summary>
    public const int MaxChunkSize = 1 << 20;

    /// <summary>The media type of newline-delimited JSON.</summary>
    public const string NdjsonMediaType = "application/x-ndjson";

    private readonly IEnumerable<T>? _items;
    private readonly IAsyncEnumerable<T>? _asyncItems;
    private readonly VelithonJsonOptions? _jsonOptions;

    internal VelithonJsonBatchResult(IEnumerable<T>? items, IAsyncEnumerable<T>? asyncItems, int chunkSize, VelithonJsonOptions? jsonOptions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkSize, MaxChunkSize);
        _items = items;
        _asyncItems = asyncItems;
        ChunkSize = chunkSize;
        _jsonOptions = jsonOptions;
    }

    /// <summary>Gets how many items are written between flushes.</summary>
    public int ChunkSize { get; }

    /// <summary>Gets the status code (200).</summary>
    public int StatusCode { get; } = StatusCodes.Status200OK;

    /// <summary>Gets the default content type; NDJSON requests get <see cref="NdjsonMediaType"/>.</summary>
    public string ContentType { get; } = ResultContext.JsonContentType;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    string? IContentTypeHttpResult.ContentType => ContentType;

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        VelithonJsonResultOptions options = ResultContext.Options(httpContext);
        VelithonJsonOptions json = _jsonOptions ?? options.JsonOptions ?? VelithonJsonOptions.Default;
        Velithon.Json.VelithonJsonContract.EnsureWritable<T>(json);
        ResultContext.EnsureCompact<T>("VelithonJsonBatchResult<T>");
        bool ndjson = WantsNdjson(httpContext.Request);
        HttpResponse response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ndjson ? NdjsonMediaType : ContentType;

        CancellationToken aborted = httpContext.RequestAborted;
        using var stream = new BatchStream(response.BodyWriter, ResultContext.Pool(httpContext), json, ndjson);
        T[] chunk = ArrayPool<T>.Shared.Rent(ChunkSize);
        long written = 0;
        try
        {
            if (_asyncItems is not null)
            {
                int n = 0;
                await foreach (T item in _asyncItems.WithCancellation(aborted))
                {
                    chunk[n++] = item;
                    if (n == ChunkSize)
                    {
                        written += n;
                        if (!await stream.WriteChunkAsync(chunk, n, aborted))
                        {
                            throw CutShort(written, null, aborted);
                        }

                        n = 0;
                    }
                }

                written += n;
                await stream.WriteChunkAsync(chunk, n, aborted);
            }
            else if (_items is not null)
            {
                using IEnumerator<T> enumerator = _items.GetEnumerator();
                bool more = true;
                while (more)
                {
                    aborted.ThrowIfCancellationRequested();
                    int n = 0;
                    while (n < ChunkSize && (more = enumerator.MoveNext()))
                    {
                        chunk[n++] = enumerator.Current;
                    }

                    written += n;
                    if (!await stream.WriteChunkAsync(chunk, n, aborted))
                    {
                        throw CutShort(written, null, aborted);
                    }
                }
            }

            await stream.CompleteAsync(aborted);
        }
        catch (Exception ex) when (aborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            ILogger logger = httpContext.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Velithon.AspNetCore.JsonBatch") ?? NullLogger.Instance;
            WebLog.BatchAborted(logger, written);
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw CutShort(written, ex, aborted);
        }
        catch
        {
            // A failure (of the sequence or of an item's rendering) before the first flush, after bytes were committed.
            ResultContext.AbortIfCommitted(httpContext, stream.Output);
            throw;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(chunk, clearArray: true);
        }
    }

    private static OperationCanceledException CutShort(long written, Exception? inner, CancellationToken aborted) =>
        new($"The response stream ended after {written} items (the client disconnected): the body is cut short.", inner, aborted);

    private static bool WantsNdjson(HttpRequest request)
    {
        IList<MediaTypeHeaderValue> accept = request.GetTypedHeaders().Accept;
        foreach (MediaTypeHeaderValue value in accept)
        {
            // q=0 refuses the type (RFC 9110 12.4.2): the client gets the JSON array instead.
            if (value.MediaType.Equals(NdjsonMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return value.Quality is not 0;
            }
        }

        return false;
    }

    /// <summary>The array (or NDJSON) framing across chunks.</summary>
    private sealed class BatchStream(PipeWriter body, ArrayPool<byte> pool, VelithonJsonOptions json, bool ndjson) : IDisposable
    {
        // Until the first flush, the first bytes are held back: a failure in the first chunk leaves the body untouched.
        private readonly DeferredCommitWriter _output = new(body, pool);
        private ArrayContinuationWriter? _continuation;
        private bool _started;

        /// <summary>Gets the body as the items are written into it.</summary>
        public DeferredCommitWriter Output => _output;

        public void Dispose() => _output.Dispose();

        /// <summary>Writes and flushes one chunk; <see langword="false"/> when the client stopped reading.</summary>
        public async ValueTask<bool> WriteChunkAsync(T[] items, int count, CancellationToken cancellationToken)
        {
            if (count == 0)
            {
                return true;
            }

            Write(items, count);
            Array.Clear(items, 0, count);
            _output.Commit();
            FlushResult result = await body.FlushAsync(cancellationToken);
            return !result.IsCanceled && !result.IsCompleted;
        }

        public async ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            if (!ndjson)
            {
                _output.Write(_started ? "]"u8 : "[]"u8);
            }

            _output.Commit();
            await body.FlushAsync(cancellationToken);
        }

        private void Write(T[] items, int count)
        {
            if (ndjson)
            {
                var writer = new VelithonJsonWriter(_output, json);
                for (int i = 0; i < count; i++)
                {
                    JsonListRenderer.WriteItem(ref writer, items[i]);
                    writer.WriteRaw("\n"u8);
                }

                writer.Flush();
                return;
            }

            if (!_started)
            {
                _started = true;
                var first = new VelithonJsonWriter(_output, json);
                first.WriteStartArray();
                JsonListRenderer.WriteItem(ref first, items[0]);
                for (int i = 1; i < count; i++)
                {
                    first.WriteRaw(","u8);
                    JsonListRenderer.WriteItem(ref first, items[i]);
                }

                first.Flush();
                return;
            }

            // A new writer continues the open array at depth 1; the continuation writer drops its '['.
            _continuation ??= new ArrayContinuationWriter(_output);
            _continuation.Reset();
            var writerAfter = new VelithonJsonWriter(_continuation, json);
            writerAfter.WriteStartArray();
            for (int i = 0; i < count; i++)
            {
                writerAfter.WriteRaw(","u8);
                JsonListRenderer.WriteItem(ref writerAfter, items[i]);
            }

            writerAfter.Flush();
        }
    }
}
