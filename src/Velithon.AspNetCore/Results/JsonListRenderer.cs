using System.Buffers;
using System.Text.Json;
using Velithon.Json;
using Velithon.Memory;

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
    /// writes the rest (returning <see langword="null"/>) or starts rendering the rest in parallel chunks and returns
    /// them for the caller to append (they end with <c>]</c>). The first window of chunks is rendered before this
    /// returns, so a failure there throws before anything is flushed.
    /// </summary>
    public static ParallelListRendering<T>? Render<T>(
        IReadOnlyList<T> items,
        IBufferWriter<byte> output,
        VelithonJsonOptions json,
        long parallelThreshold,
        int maxDegreeOfParallelism,
        int targetChunkBytes,
        ArrayPool<byte> pool)
        where T : IVelithonJson<T>
    {
        var writer = new VelithonJsonWriter(output, json);
        writer.WriteStartArray();
        int count = items.Count;
        if (count == 0)
        {
            writer.WriteEndArray();
            writer.Flush();
            return null;
        }

        // The first item is measured in a scratch buffer and copied into the writer, not committed to the output: until
        // the writer flushes at the end (or the first parallel window is rendered), a failure leaves nothing in the body
        // that an exception handler's response would follow.
        long perItem;
        using (var scratch = new PooledBufferWriter(pool, 256))
        {
            var first = new VelithonJsonWriter(scratch, json);
            first.WriteStartArray();
            WriteItem(ref first, items[0]);
            first.Flush();

            // The first item's bytes plus its separator ('[' stands in for it), times the count: the work the list will take.
            perItem = scratch.WrittenCount;
            writer.WriteRaw(scratch.WrittenSpan[1..]);
        }

        long estimate = perItem * count;
        if (count < 3 || maxDegreeOfParallelism < 2 || estimate < parallelThreshold)
        {
            WriteRange(ref writer, items, 1, count);
            writer.WriteEndArray();
            writer.Flush();
            return null;
        }

        // Chunks aim at 7/8 of the target so that, with the headroom of their first buffer, they fit the target's
        // pool size class instead of renting (and holding) the class twice as large.
        int remaining = count - 1;
        long chunkBytes = Math.Max(1, targetChunkBytes - (targetChunkBytes / 8));
        long byBytes = (estimate + chunkBytes - 1) / chunkBytes;
        int chunkCount = (int)Math.Min(Math.Max(byBytes, maxDegreeOfParallelism), remaining);
        ParallelListRendering<T> rendering = ParallelListRendering<T>.Start(items, chunkCount, perItem, json, maxDegreeOfParallelism, pool);
        writer.Flush();
        return rendering;
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
        using ParallelListRendering<T>? chunks = Render(items, output, json, parallelThreshold, maxDegreeOfParallelism, targetChunkBytes, pool);
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
            try
            {
                T.WriteJson(ref writer, item);
            }
            catch (JsonException ex)
            {
                // A converter's or a null member's write error, with its path (as VelithonJson.Serialize reports it).
                throw JsonWrite.ToFinal(ex);
            }
        }
    }
}

