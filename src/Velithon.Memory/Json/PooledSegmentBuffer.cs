using System.Buffers;

namespace Velithon.Json;

/// <summary>
/// A stream read to its end into arrays rented from <see cref="ArrayPool{T}.Shared"/>, exposed as one
/// <see cref="ReadOnlySequence{T}"/>: nothing is copied twice and no array has to hold the whole document. A stream that
/// knows its length (a <see cref="MemoryStream"/>, a file) is read into one segment of that size, so the contiguous
/// fast path reads it. <see cref="Dispose"/> returns every array.
/// </summary>
internal sealed class PooledSegmentBuffer : IDisposable
{
    private const int FirstSegmentSize = 16 * 1024;
    private const int MaxSegmentSize = 1024 * 1024;

    private Segment? _first;
    private Segment? _last;

    /// <summary>Gets the bytes read so far.</summary>
    public ReadOnlySequence<byte> Sequence => _first is null
        ? ReadOnlySequence<byte>.Empty
        : new ReadOnlySequence<byte>(_first, 0, _last!, _last!.Written);

    /// <summary>Reads <paramref name="stream"/> to its end.</summary>
    public async ValueTask ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        int size = FirstSegmentSize;
        if (RemainingLength(stream) is long remaining)
        {
            // One more byte than announced, so that the read which finds the end does not need a second segment.
            size = (int)Math.Min(remaining + 1, Array.MaxLength);
        }

        Segment segment = Append(size);
        while (true)
        {
            if (segment.Written == segment.Array.Length)
            {
                segment = Append(Math.Min(segment.Array.Length * 2, MaxSegmentSize));
            }

            int read = await stream.ReadAsync(segment.Array.AsMemory(segment.Written), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            segment.Written += read;
        }
    }

    public void Dispose()
    {
        for (Segment? segment = _first; segment is not null; segment = (Segment?)segment.Next)
        {
            segment.Release();
        }

        _first = null;
        _last = null;
    }

    private static long? RemainingLength(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return null;
        }

        try
        {
            long remaining = stream.Length - stream.Position;
            return remaining >= 0 ? remaining : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private Segment Append(int size)
    {
        var segment = new Segment(ArrayPool<byte>.Shared.Rent(size));
        if (_last is null)
        {
            _first = segment;
        }
        else
        {
            _last.Link(segment);
        }

        _last = segment;
        return segment;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] array)
        {
            Array = array;
        }

        public byte[] Array { get; private set; }

        public int Written
        {
            get => Memory.Length;
            set => Memory = Array.AsMemory(0, value);
        }

        public void Link(Segment next)
        {
            next.RunningIndex = RunningIndex + Memory.Length;
            Next = next;
        }

        public void Release()
        {
            byte[] array = Array;
            Array = [];
            Memory = default;
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
