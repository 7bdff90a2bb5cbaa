using System.Buffers;

namespace Velithon.Memory;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> of bytes over arrays rented from an <see cref="ArrayPool{T}"/> (by default
/// <see cref="VelithonMemoryPool.Shared"/>): it grows by renting a larger array and returning the smaller one, and
/// <see cref="Dispose"/> returns the last. Every buffer the library fills (JSON serialization, parallel list chunks)
/// is one of these, so the pool's statistics describe that traffic.
/// </summary>
/// <remarks>Not thread-safe. The written bytes stay valid until the next write, <see cref="Clear"/> or <see cref="Dispose"/>.</remarks>
public sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private const int MinimumSize = 256;

    // The serializer's per-thread writer keeps its array between calls unless it grew beyond this.
    private const int MaxRetainedSize = 64 * 1024;

    [ThreadStatic]
    private static PooledBufferWriter? t_cached;

    private readonly ArrayPool<byte> _pool;
    private byte[] _buffer;
    private int _written;

    /// <summary>Creates a writer over <see cref="VelithonMemoryPool.Shared"/> that rents its first array on the first write.</summary>
    public PooledBufferWriter()
        : this(VelithonMemoryPool.Shared, 0)
    {
    }

    /// <summary>Creates a writer over <paramref name="pool"/>.</summary>
    /// <param name="pool">The pool arrays are rented from and returned to.</param>
    /// <param name="initialCapacity">The bytes rented up front; 0 rents on the first write.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialCapacity"/> is negative.</exception>
    public PooledBufferWriter(ArrayPool<byte> pool, int initialCapacity = 0)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _pool = pool;
        _buffer = initialCapacity == 0 ? [] : pool.Rent(Math.Max(initialCapacity, MinimumSize));
    }

    /// <summary>Gets the bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>Gets the bytes written so far.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>Gets the number of bytes written so far.</summary>
    public int WrittenCount => _written;

    /// <summary>Gets the size of the array currently rented (0 before the first write and after <see cref="Dispose"/>).</summary>
    public int Capacity => _buffer.Length;

    /// <inheritdoc/>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _written)
        {
            throw new InvalidOperationException($"Cannot advance {count} bytes: only {_buffer.Length - _written} were requested and not yet written.");
        }

        _written += count;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sizeHint"/> is negative (as <see cref="ArrayBufferWriter{T}"/>, which throws <see cref="ArgumentException"/>).</exception>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sizeHint"/> is negative (as <see cref="ArrayBufferWriter{T}"/>, which throws <see cref="ArgumentException"/>).</exception>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Forgets what was written and keeps the array for the next writes.</summary>
    public void Clear() => _written = 0;

    /// <summary>Returns the array to the pool; the writer can be used again and rents on its next write.</summary>
    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            _pool.Return(buffer);
        }
    }

    // The serializer's entry points take this thread's writer (over VelithonMemoryPool.Shared), so that serializing
    // allocates nothing but the result; a nested call on the same thread gets a new one.
    internal static PooledBufferWriter Rent()
    {
        PooledBufferWriter? writer = t_cached;
        if (writer is null)
        {
            return new PooledBufferWriter();
        }

        t_cached = null;
        return writer;
    }

    internal static void Return(PooledBufferWriter writer)
    {
        writer._written = 0;
        if (writer._buffer.Length > MaxRetainedSize)
        {
            writer.Dispose();
        }

        t_cached = writer;
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint <= 0)
        {
            // A negative hint is a caller's bug (ArrayBufferWriter<T> rejects it too), not a request for one byte.
            ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
            sizeHint = 1;
        }

        if (_buffer.Length - _written >= sizeHint)
        {
            return;
        }

        long needed = (long)_written + sizeHint;
        long size = Math.Max(Math.Max(needed, (long)_buffer.Length * 2), MinimumSize);
        if (size > Array.MaxLength)
        {
            size = needed <= Array.MaxLength
                ? Array.MaxLength
                : throw new InsufficientMemoryException($"Cannot grow the buffer to {needed} bytes: more than the largest array ({Array.MaxLength} bytes).");
        }

        byte[] next = _pool.Rent((int)size);
        _buffer.AsSpan(0, _written).CopyTo(next);
        if (_buffer.Length > 0)
        {
            _pool.Return(_buffer);
        }

        _buffer = next;
    }
}
