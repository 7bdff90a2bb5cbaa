using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using Velithon.Json;
using Velithon.Memory;

namespace Velithon.AspNetCore;

/// <summary>
/// Items 1..n-1 of a list, rendered in order-preserving chunks into pooled buffers, then <c>]</c>. Chunks are rendered a
/// window at a time (two per thread of parallelism) and each window is written out before the next is rendered, so the
/// memory held is a few chunks whatever the list's size, and every buffer goes back to the pool while it is still
/// small enough for the pool to keep.
/// </summary>
/// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
internal sealed class ParallelListRendering<T> : IDisposable
    where T : IVelithonJson<T>
{
    private readonly IReadOnlyList<T> _items;
    private readonly int _chunkCount;
    private readonly long _perItem;
    private readonly VelithonJsonOptions _json;
    private readonly ParallelOptions _parallel;
    private readonly ArrayPool<byte> _pool;
    private readonly PooledBufferWriter?[] _window;
    private int _windowStart;
    private int _windowCount;

    private ParallelListRendering(IReadOnlyList<T> items, int chunkCount, long perItem, VelithonJsonOptions json, int maxDegreeOfParallelism, ArrayPool<byte> pool)
    {
        _items = items;
        _chunkCount = chunkCount;
        _perItem = perItem;
        _json = json;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        _pool = pool;
        // In long: twice a degree above int.MaxValue / 2 (an operator's "unbounded") would overflow to a negative size.
        _window = new PooledBufferWriter?[(int)Math.Min(chunkCount, 2L * maxDegreeOfParallelism)];
    }

    /// <summary>Gets the number of chunks rendered at once.</summary>
    public int WindowSize => _window.Length;

    /// <summary>Splits items 1..n-1 into <paramref name="chunkCount"/> chunks and renders the first window.</summary>
    public static ParallelListRendering<T> Start(IReadOnlyList<T> items, int chunkCount, long perItem, VelithonJsonOptions json, int maxDegreeOfParallelism, ArrayPool<byte> pool)
    {
        var rendering = new ParallelListRendering<T>(items, chunkCount, perItem, json, maxDegreeOfParallelism, pool);
        rendering.RenderWindow(0);
        return rendering;
    }

    /// <summary>Appends every chunk and the closing bracket.</summary>
    public void CopyTo(IBufferWriter<byte> output)
    {
        while (true)
        {
            for (int i = 0; i < _windowCount; i++)
            {
                output.Write(Payload(_window[i]!));
            }

            if (!RenderNextWindow())
            {
                break;
            }
        }

        output.Write("]"u8);
    }

    /// <summary>Appends every chunk and the closing bracket, flushing after each chunk and returning its buffer.</summary>
    public async ValueTask CopyToAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        while (true)
        {
            for (int i = 0; i < _windowCount; i++)
            {
                PooledBufferWriter chunk = _window[i]!;
                output.Write(Payload(chunk));
                chunk.Dispose();
                _window[i] = null;
                FlushResult result = await output.FlushAsync(cancellationToken);
                if (result.IsCanceled || result.IsCompleted)
                {
                    return;
                }
            }

            if (!RenderNextWindow())
            {
                break;
            }
        }

        output.Write("]"u8);
    }

    public void Dispose() => ReleaseWindow();

    // Each chunk was written after its own WriteStartArray (so its items sit at depth 1): skip that '['.
    private static ReadOnlySpan<byte> Payload(PooledBufferWriter chunk) => chunk.WrittenMemory.Span[1..];

    private bool RenderNextWindow()
    {
        ReleaseWindow();
        int next = _windowStart + _windowCount;
        if (next >= _chunkCount)
        {
            _windowCount = 0;
            return false;
        }

        RenderWindow(next);
        return true;
    }

    private void RenderWindow(int firstChunk)
    {
        int count = Math.Min(_window.Length, _chunkCount - firstChunk);
        _windowStart = firstChunk;
        _windowCount = count;
        var errors = new Exception?[count];
        int remaining = _items.Count - 1;
        Parallel.For(0, count, _parallel, i =>
        {
            // Chunk c holds items [start, end) of 1..count-1, split as evenly as integers allow.
            int c = firstChunk + i;
            int start = 1 + (int)((long)remaining * c / _chunkCount);
            int end = 1 + (int)((long)remaining * (c + 1) / _chunkCount);
            long estimate = _perItem * (end - start);
            var chunk = new PooledBufferWriter(_pool, (int)Math.Min(estimate + (estimate / 16) + 16, 1024 * 1024));
            _window[i] = chunk;
            try
            {
                var writer = new VelithonJsonWriter(chunk, _json);
                writer.WriteStartArray();
                JsonListRenderer.WriteRange(ref writer, _items, start, end);
                writer.Flush();
            }
            catch (Exception ex)
            {
                errors[i] = ex;
            }
        });

        foreach (Exception? error in errors)
        {
            if (error is not null)
            {
                // The lowest failing chunk holds the item a sequential rendering would have failed on.
                ReleaseWindow();
                ExceptionDispatchInfo.Throw(error);
            }
        }
    }

    private void ReleaseWindow()
    {
        for (int i = 0; i < _window.Length; i++)
        {
            _window[i]?.Dispose();
            _window[i] = null;
        }
    }
}
