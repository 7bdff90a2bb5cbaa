using System.Buffers;

namespace Velithon.AspNetCore;

/// <summary>
/// Holds the first <see cref="Capacity"/> bytes of a response in a pooled array before they reach the body, then passes
/// writes straight through. Bytes committed to the body cannot be taken back: a render that fails within the first
/// bytes leaves the body untouched, so an exception handler's response (or Kestrel's empty 500) is all that is sent,
/// as with ASP.NET Core's own JSON, which buffers about as much before its first flush. Past that,
/// <see cref="Committed"/> tells the result to abort the response on a failure instead.
/// </summary>
internal sealed class DeferredCommitWriter(IBufferWriter<byte> inner, ArrayPool<byte> pool) : IBufferWriter<byte>, IDisposable
{
    /// <summary>How many bytes are held back at most: 16 KiB, System.Text.Json's default flush threshold's size class.</summary>
    public const int Capacity = 16 * 1024;

    private byte[]? _buffer;
    private int _buffered;
    private bool _passThrough;

    /// <summary>Gets whether any byte has reached the body.</summary>
    public bool Committed { get; private set; }

    public void Advance(int count)
    {
        if (_passThrough)
        {
            inner.Advance(count);
            Committed |= count > 0;
            return;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_buffer is null || count > _buffer.Length - _buffered)
        {
            throw new InvalidOperationException("Advanced past the memory handed out.");
        }

        _buffered += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (!_passThrough)
        {
            _buffer ??= pool.Rent(Capacity);
            if (_buffer.Length - _buffered >= Math.Max(sizeHint, 1))
            {
                return _buffer.AsMemory(_buffered);
            }

            Commit();
        }

        return inner.GetMemory(sizeHint);
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    /// <summary>Writes what is held into the body and passes every later write straight through.</summary>
    public void Commit()
    {
        if (_passThrough)
        {
            return;
        }

        _passThrough = true;
        if (_buffered > 0)
        {
            inner.Write(_buffer.AsSpan(0, _buffered));
            Committed = true;
            _buffered = 0;
        }

        Dispose();
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            pool.Return(buffer);
        }
    }
}
