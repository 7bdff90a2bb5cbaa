using System.Buffers;

namespace Velithon.AspNetCore;

/// <summary>Passes writes through to another buffer writer and counts the bytes committed.</summary>
internal sealed class CountingBufferWriter(IBufferWriter<byte> inner) : IBufferWriter<byte>
{
    public long Written { get; private set; }

    public void Advance(int count)
    {
        inner.Advance(count);
        Written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);
}
