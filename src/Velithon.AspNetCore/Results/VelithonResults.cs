using Microsoft.AspNetCore.Http;
using Velithon.Memory;

namespace Velithon.AspNetCore;

/// <summary>
/// Results for minimal APIs and controllers that write through Velithon's generated serializers and queues:
/// <see cref="Json{T}(T, int, string?, VelithonJsonOptions?)"/>, <see cref="JsonBatch{T}(IEnumerable{T}, int, VelithonJsonOptions?)"/>
/// and <see cref="Enqueue(IBackgroundTaskQueue, Func{CancellationToken, ValueTask}, Func{IResult}?, TimeSpan?)"/>.
/// </summary>
public static class VelithonResults
{
    /// <summary>The default chunk size of <see cref="JsonBatch{T}(IEnumerable{T}, int, VelithonJsonOptions?)"/>.</summary>
    public const int DefaultChunkSize = 256;

    /// <summary>Writes one <c>[VelithonJson]</c> value as JSON.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="value">The value; <see langword="null"/> writes <c>null</c>.</param>
    /// <param name="statusCode">The status code (default 200).</param>
    /// <param name="contentType">The content type (default <c>application/json; charset=utf-8</c>).</param>
    /// <param name="options">Serializer options; <see langword="null"/>: <see cref="VelithonJsonResultOptions.JsonOptions"/>.</param>
    /// <returns>The result.</returns>
    public static VelithonJsonResult<T> Json<T>(T value, int statusCode = StatusCodes.Status200OK, string? contentType = null, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T> =>
        new(value, statusCode, contentType, options);

    /// <summary>Writes a list of <c>[VelithonJson]</c> values as a JSON array, in parallel chunks when it is large.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="values">The list (arrays and <see cref="List{T}"/> included); <see langword="null"/> writes <c>null</c>.</param>
    /// <param name="statusCode">The status code (default 200).</param>
    /// <param name="contentType">The content type (default <c>application/json; charset=utf-8</c>).</param>
    /// <param name="options">Serializer options; <see langword="null"/>: <see cref="VelithonJsonResultOptions.JsonOptions"/>.</param>
    /// <returns>The result.</returns>
    public static VelithonJsonListResult<T> Json<T>(IReadOnlyList<T>? values, int statusCode = StatusCodes.Status200OK, string? contentType = null, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T> =>
        new(values, statusCode, contentType, options);

    /// <summary>Streams a sequence as a JSON array (or NDJSON), flushing every <paramref name="chunkSize"/> items.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="items">The items; enumerated once, while the response is written.</param>
    /// <param name="chunkSize">Items per flush (default <see cref="DefaultChunkSize"/>), 1 to <see cref="VelithonJsonBatchResult{T}.MaxChunkSize"/>.</param>
    /// <param name="options">Serializer options.</param>
    /// <returns>The result.</returns>
    public static VelithonJsonBatchResult<T> JsonBatch<T>(IEnumerable<T> items, int chunkSize = DefaultChunkSize, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(items, null, chunkSize, options);
    }

    /// <summary>Streams an asynchronous sequence as a JSON array (or NDJSON), flushing every <paramref name="chunkSize"/> items.</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="items">The items; enumerated once with the request's abort token.</param>
    /// <param name="chunkSize">Items per flush (default <see cref="DefaultChunkSize"/>), 1 to <see cref="VelithonJsonBatchResult{T}.MaxChunkSize"/>.</param>
    /// <param name="options">Serializer options.</param>
    /// <returns>The result.</returns>
    public static VelithonJsonBatchResult<T> JsonBatch<T>(IAsyncEnumerable<T> items, int chunkSize = DefaultChunkSize, VelithonJsonOptions? options = null)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(null, items, chunkSize, options);
    }

    /// <summary>
    /// Queues <paramref name="work"/> on the bounded background queue now, and answers <paramref name="accepted"/>
    /// (default 202 Accepted) or, when the queue is full, <see cref="QueueFullHttpResult"/>: 503 with
    /// <c>Retry-After</c> and a ProblemDetails body.
    /// </summary>
    /// <param name="queue">The queue.</param>
    /// <param name="work">The work; it gets the host's stopping token.</param>
    /// <param name="accepted">Builds the answer when the work was queued; <see langword="null"/> for an empty 202.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> delay when full (default 1 second).</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative (checked on every call, not only when the queue is full).</exception>
    public static IResult Enqueue(IBackgroundTaskQueue queue, Func<CancellationToken, ValueTask> work, Func<IResult>? accepted = null, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(work);
        if (retryAfter is { } delay)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(retryAfter));
        }

        if (queue.TryEnqueue(work))
        {
            return accepted?.Invoke() ?? TypedResults.Accepted((string?)null);
        }

        return QueueFull(queue, retryAfter);
    }

    /// <summary>503 with <c>Retry-After</c> and a ProblemDetails body naming <paramref name="queue"/>'s bound.</summary>
    /// <param name="queue">The full queue.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> delay (default 1 second).</param>
    /// <returns>The result.</returns>
    public static QueueFullHttpResult QueueFull(IBackgroundTaskQueue queue, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        // A queue whose host is shutting down refuses work too: say so rather than that it is full.
        return new(queue.GetStats().MaxQueueLength, retryAfter ?? TimeSpan.FromSeconds(1), queue is BackgroundTaskQueue { IsStopped: true });
    }
}
