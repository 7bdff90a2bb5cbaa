using System.Buffers;

namespace Velithon.AspNetCore;

/// <summary>A growable buffer writer over arrays rented from a pool; <see cref="Dispose"/> returns the array.</summary>
internal sealed class PooledChunkWriter(ArrayPool<byte> pool, int initialSize) : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = pool.Rent(Math.Max(initialSize, 256));
    private int _written;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

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

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            pool.Return(buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= sizeHint)
        {
            return;
        }

        long needed = (long)_written + sizeHint;
        long size = Math.Min(Math.Max(needed, (long)_buffer.Length * 2), Array.MaxLength);
        if (size < needed)
        {
            throw new InsufficientMemoryException("The JSON chunk is larger than the largest array.");
        }

        byte[] next = pool.Rent((int)size);
        _buffer.AsSpan(0, _written).CopyTo(next);
        pool.Return(_buffer);
        _buffer = next;
    }
}
