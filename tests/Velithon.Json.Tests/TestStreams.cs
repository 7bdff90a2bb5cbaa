using System.Text;

namespace Velithon.Json.Tests;

/// <summary>
/// A read-only, non-seekable stream of a top-level JSON array of addresses made on the fly (nothing but the current
/// element is in memory), handed out in reads of at most <c>maxRead</c> bytes; it counts what was read.
/// </summary>
internal sealed class GeneratedArrayStream(long targetBytes, int maxRead) : Stream
{
    private byte[] _pending = "["u8.ToArray();
    private int _pendingOffset;
    private long _produced = 1;
    private int _elements;
    private bool _closed;

    /// <summary>Gets the number of elements generated so far.</summary>
    public int Elements => _elements;

    /// <summary>Gets the number of bytes handed out so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The element at <paramref name="index"/>: a street of 100 to 300 characters, so elements cross reads and buffers.</summary>
    public static string Element(int index) =>
        $"{{\"street\":\"{new string((char)('a' + (index % 26)), 100 + (index % 201))} \\u00e9 {index}\",\"city\":{(index % 5 == 0 ? "null" : "\"Z\\u00fcrich\"")},\"zip\":{index}}}";

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_pendingOffset == _pending.Length && !Refill())
        {
            return 0;
        }

        int length = Math.Min(Math.Min(buffer.Length, maxRead), _pending.Length - _pendingOffset);
        _pending.AsSpan(_pendingOffset, length).CopyTo(buffer);
        _pendingOffset += length;
        BytesRead += length;
        return length;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private bool Refill()
    {
        if (_closed)
        {
            return false;
        }

        string next;
        if (_produced >= targetBytes)
        {
            next = "]\n";
            _closed = true;
        }
        else
        {
            next = (_elements == 0 ? "\n" : ",\n") + Element(_elements);
            _elements++;
        }

        _pending = Encoding.UTF8.GetBytes(next);
        _pendingOffset = 0;
        _produced += _pending.Length;
        return true;
    }
}

/// <summary>A read-only stream over bytes that returns 1 to <c>maxRead</c> bytes per read (a fixed pseudo-random pattern).</summary>
internal sealed class TrickleStream(byte[] data, int maxRead, int seed = 1) : Stream
{
    private readonly Random _random = new(seed);
    private int _position;

    public int Reads { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int length = Math.Min(Math.Min(buffer.Length, _random.Next(1, maxRead + 1)), data.Length - _position);
        data.AsSpan(_position, length).CopyTo(buffer);
        _position += length;
        Reads++;
        return length;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A stream that hands out its bytes, then waits for more until the read is canceled (a client that stalls).</summary>
internal sealed class StallingStream(byte[] prefix) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < prefix.Length)
        {
            int length = Math.Min(buffer.Length, prefix.Length - _position);
            prefix.AsMemory(_position, length).CopyTo(buffer);
            _position += length;
            return length;
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
