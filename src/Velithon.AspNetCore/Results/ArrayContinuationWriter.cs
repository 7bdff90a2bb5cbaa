using System.Buffers;

namespace Velithon.AspNetCore;

/// <summary>
/// Drops the first byte committed through it. A fresh <c>VelithonJsonWriter</c> that continues an array already
/// open in the output calls <c>WriteStartArray</c> so that its items sit at the same depth (and hit the same depth
/// limit) as in one uninterrupted rendering; this writer removes the <c>[</c> that call produces.
/// </summary>
internal sealed class ArrayContinuationWriter(IBufferWriter<byte> inner) : IBufferWriter<byte>
{
    private Memory<byte> _last;
    private bool _skipped;

    /// <summary>Arms the writer to drop the next first byte (call before each new continuation writer).</summary>
    public void Reset() => _skipped = false;

    public void Advance(int count)
    {
        if (!_skipped && count > 0)
        {
            _skipped = true;
            Span<byte> span = _last.Span;
            span[1..count].CopyTo(span);
            count--;
        }

        inner.Advance(count);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        _last = inner.GetMemory(sizeHint);
        return _last;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
}
