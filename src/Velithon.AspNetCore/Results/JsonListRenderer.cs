using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using Velithon.Json;

namespace Velithon.AspNetCore;

/// <summary>
/// Renders a list of <c>[VelithonJson]</c> values as one JSON array, sequentially or in parallel chunks. Both produce
/// the same bytes: <c>[</c>, the items separated by <c>,</c>, <c>]</c>, each item exactly as the generated
/// serializer writes it at depth 1.
/// </summary>
internal static class JsonListRenderer
{
    /// <summary>
    /// Writes <c>[</c> and the first item into <paramref name="output"/>, estimates the whole list from it and either
    /// writes the rest (returning <see langword="null"/>) or renders the rest in parallel chunks and returns them for
    /// the caller to append (they end with <c>]</c>).
    /// </summary>
    public static RenderedChunks? Render<T>(
        IReadOnlyList<T> items,
        IBufferWriter<byte> output,
        VelithonJsonOptions json,
        long parallelThreshold,
        int maxDegreeOfParallelism,
        int targetChunkBytes,
        ArrayPool<byte> pool)
        where T : IVelithonJson<T>
    {
        var counting = new CountingBufferWriter(output);
        var writer = new VelithonJsonWriter(counting, json);
        writer.WriteStartArray();
        int count = items.Count;
        if (count == 0)
        {
            writer.WriteEndArray();
            writer.Flush();
            return null;
        }

        WriteItem(ref writer, items[0]);
        writer.Flush();

        // The first item's bytes plus its separator, times the count: the work the list will take.
        long perItem = counting.Written;
        long estimate = perItem * count;
        if (count < 3 || maxDegreeOfParallelism < 2 || estimate < parallelThreshold)
        {
            WriteRange(ref writer, items, 1, count);
            writer.WriteEndArray();
            writer.Flush();
            return null;
        }

        int remaining = count - 1;
        long byBytes = estimate / Math.Max(1, targetChunkBytes);
        int chunkCount = (int)Math.Min(Math.Max(byBytes, maxDegreeOfParallelism), remaining);
        return RenderedChunks.Render(items, chunkCount, perItem, json, maxDegreeOfParallelism, pool);
    }

    /// <summary>Renders the whole list into <paramref name="output"/> (tests and non-HTTP callers).</summary>
    public static bool RenderTo<T>(
        IReadOnlyList<T> items,
        IBufferWriter<byte> output,
        VelithonJsonOptions json,
        long parallelThreshold,
        int maxDegreeOfParallelism,
        int targetChunkBytes,
        ArrayPool<byte> pool)
        where T : IVelithonJson<T>
    {
        using RenderedChunks? chunks = Render(items, output, json, parallelThreshold, maxDegreeOfParallelism, targetChunkBytes, pool);
        chunks?.CopyTo(output);
        return chunks is not null;
    }

    /// <summary>Writes <c>,item</c> for items <paramref name="start"/> to <paramref name="end"/> (exclusive).</summary>
    internal static void WriteRange<T>(ref VelithonJsonWriter writer, IReadOnlyList<T> items, int start, int end)
        where T : IVelithonJson<T>
    {
        // Arrays and lists (the usual case) are indexed as spans, not through the interface.
        if (JsonCollections.TryGetSpan(items, out ReadOnlySpan<T> span))
        {
            foreach (T item in span[start..end])
            {
                writer.WriteRaw(","u8);
                WriteItem(ref writer, item);
            }

            return;
        }

        for (int i = start; i < end; i++)
        {
            writer.WriteRaw(","u8);
            WriteItem(ref writer, items[i]);
        }
    }

    internal static void WriteItem<T>(ref VelithonJsonWriter writer, T item)
        where T : IVelithonJson<T>
    {
        if (item is null)
        {
            writer.WriteNull();
        }
        else
        {
            T.WriteJson(ref writer, item);
        }
    }
}

/// <summary>Items 1..n-1 of a list rendered in order-preserving chunks into pooled buffers, then <c>]</c>.</summary>
internal sealed class RenderedChunks : IDisposable
{
    private readonly PooledChunkWriter?[] _chunks;

    private RenderedChunks(PooledChunkWriter?[] chunks) => _chunks = chunks;

    public int Count => _chunks.Length;

    public static RenderedChunks Render<T>(IReadOnlyList<T> items, int chunkCount, long perItem, VelithonJsonOptions json, int maxDegreeOfParallelism, ArrayPool<byte> pool)
        where T : IVelithonJson<T>
    {
        int remaining = items.Count - 1;
        var chunks = new PooledChunkWriter?[chunkCount];
        var errors = new Exception?[chunkCount];
        Parallel.For(0, chunkCount, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, c =>
        {
            // Chunk c holds items [start, end) of 1..count-1, split as evenly as integers allow.
            int start = 1 + (int)((long)remaining * c / chunkCount);
            int end = 1 + (int)((long)remaining * (c + 1) / chunkCount);
            long initial = Math.Min(perItem * (end - start) + 64, 1024 * 1024);
            var chunk = new PooledChunkWriter(pool, (int)initial);
            chunks[c] = chunk;
            try
            {
                RenderChunk(items, start, end, chunk, json);
            }
            catch (Exception ex)
            {
                errors[c] = ex;
            }
        });

        var rendered = new RenderedChunks(chunks);
        foreach (Exception? error in errors)
        {
            if (error is not null)
            {
                // The lowest failing chunk holds the item a sequential rendering would have failed on.
                rendered.Dispose();
                ExceptionDispatchInfo.Throw(error);
            }
        }

        return rendered;
    }

    /// <summary>Appends every chunk and the closing bracket.</summary>
    public void CopyTo(IBufferWriter<byte> output)
    {
        foreach (PooledChunkWriter? chunk in _chunks)
        {
            output.Write(Payload(chunk!));
        }

        output.Write("]"u8);
    }

    /// <summary>Appends every chunk and the closing bracket, flushing after each chunk and returning its buffer.</summary>
    public async ValueTask CopyToAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        for (int i = 0; i < _chunks.Length; i++)
        {
            PooledChunkWriter chunk = _chunks[i]!;
            output.Write(Payload(chunk));
            chunk.Dispose();
            _chunks[i] = null;
            FlushResult result = await output.FlushAsync(cancellationToken);
            if (result.IsCanceled || result.IsCompleted)
            {
                return;
            }
        }

        output.Write("]"u8);
    }

    public void Dispose()
    {
        for (int i = 0; i < _chunks.Length; i++)
        {
            _chunks[i]?.Dispose();
            _chunks[i] = null;
        }
    }

    // Each chunk was written after its own WriteStartArray (so its items sit at depth 1): skip that '['.
    private static ReadOnlySpan<byte> Payload(PooledChunkWriter chunk) => chunk.WrittenMemory.Span[1..];

    private static void RenderChunk<T>(IReadOnlyList<T> items, int start, int end, PooledChunkWriter chunk, VelithonJsonOptions json)
        where T : IVelithonJson<T>
    {
        var writer = new VelithonJsonWriter(chunk, json);
        writer.WriteStartArray();
        JsonListRenderer.WriteRange(ref writer, items, start, end);
        writer.Flush();
    }
}
