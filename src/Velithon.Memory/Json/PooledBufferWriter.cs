using System.Buffers;
using Velithon.Memory;

namespace Velithon.Json;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="VelithonMemoryPool.Shared"/>. One instance per
/// thread is cached (<see cref="Rent"/>/<see cref="Return"/>) so that the serialize entry points allocate nothing
/// but their result.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>
{
    private const int InitialSize = 512;

    // Buffers larger than this are returned to the pool instead of being kept by the thread's cached writer.
    private const int MaxRetainedSize = 64 * 1024;

    [ThreadStatic]
    private static PooledBufferWriter? t_cached;

    private byte[] _buffer = [];
    private int _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public int WrittenCount => _written;

    public static PooledBufferWriter Rent()
    {
        PooledBufferWriter? writer = t_cached;
        if (writer is null)
        {
            return new PooledBufferWriter();
        }

        t_cached = null;
        return writer;
    }

    public static void Return(PooledBufferWriter writer)
    {
        writer._written = 0;
        if (writer._buffer.Length > MaxRetainedSize)
        {
            VelithonMemoryPool.Shared.Return(writer._buffer);
            writer._buffer = [];
        }

        t_cached = writer;
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _written)
        {
            throw new InvalidOperationException("Cannot advance past the end of the buffer.");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= sizeHint)
        {
            return;
        }

        long needed = (long)_written + sizeHint;
        long size = Math.Max(Math.Max(needed, (long)_buffer.Length * 2), InitialSize);
        if (size > Array.MaxLength)
        {
            size = needed <= Array.MaxLength ? Array.MaxLength : throw new InsufficientMemoryException("The JSON output is larger than the largest array.");
        }

        byte[] next = VelithonMemoryPool.Shared.Rent((int)size);
        _buffer.AsSpan(0, _written).CopyTo(next);
        if (_buffer.Length > 0)
        {
            VelithonMemoryPool.Shared.Return(_buffer);
        }

        _buffer = next;
    }
}
