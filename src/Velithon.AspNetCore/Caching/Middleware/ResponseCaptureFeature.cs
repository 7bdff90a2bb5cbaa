using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Buffers the endpoint's response body (up to a limit) so the cache can store it, add an ETag and compress it before
/// anything is sent. Past the limit, or when the endpoint disables buffering, it sends what it has and streams the rest
/// through, and the response is not stored. The buffer is rented from the app's pool and returned by
/// <see cref="ReleaseBuffer"/>; what is stored is an exact-size copy (<see cref="ToArray"/>).
/// </summary>
internal sealed class ResponseCaptureFeature : Stream, IHttpResponseBodyFeature
{
    private const int InitialBufferBytes = 4096;

    private readonly IHttpResponseBodyFeature _inner;
    private readonly int _limit;
    private readonly ArrayPool<byte> _pool;
    private byte[]? _rented;
    private int _length;
    private bool _passedThrough;
    private PipeWriter? _writer;
    private bool _streamThrough;

    public ResponseCaptureFeature(IHttpResponseBodyFeature inner, int limit, ArrayPool<byte> pool)
    {
        _inner = inner;
        _limit = limit;
        _pool = pool;
    }

    /// <summary>Gets the request's features, looked at when the endpoint starts its response (see <see cref="SessionWhileWriting"/>).</summary>
    public IFeatureCollection? RequestFeatures { get; init; }

    /// <summary>
    /// Gets whether the request had a session when the endpoint wrote or started its response: with none when the cache
    /// ran, a session middleware placed after the cache, whose use the cache cannot see.
    /// </summary>
    public bool SessionWhileWriting { get; private set; }

    /// <summary>Gets whether the body went past the limit (or buffering was disabled) and was streamed through.</summary>
    public bool PassedThrough => _passedThrough || _streamThrough;

    private bool Buffering => !_passedThrough;

    public Stream Stream => this;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Copies the buffered body into an array of its exact length (empty once it passed through).</summary>
    public byte[] ToArray() => _passedThrough || _length == 0 ? [] : _rented.AsSpan(0, _length).ToArray();

    /// <summary>Returns the buffer to the pool; the capture is not written to afterwards.</summary>
    public void ReleaseBuffer()
    {
        byte[]? rented = _rented;
        _rented = null;
        _length = 0;
        if (rented is not null)
        {
            _pool.Return(rented);
        }
    }

    public async Task FlushWriterAsync()
    {
        if (_writer is not null)
        {
            await _writer.FlushAsync().ConfigureAwait(false);
        }
    }

    public void DisableBuffering() => _streamThrough = true;

    /// <summary>Sends whatever is still buffered once the response streams through.</summary>
    public ValueTask DrainAsync(CancellationToken cancellationToken) => PassThroughAsync(cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObserveFeatures();
        if (PassedThrough)
        {
            await PassThroughAsync(cancellationToken).ConfigureAwait(false);
            await _inner.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(this, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        ObserveFeatures();
        await FlushWriterAsync().ConfigureAwait(false);
        if (!Buffering)
        {
            await _inner.CompleteAsync().ConfigureAwait(false);
        }
    }

    public override void Flush()
    {
        if (!Buffering)
        {
            _inner.Stream.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        !Buffering ? _inner.Stream.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Buffering && !_streamThrough && (long)_length + buffer.Length <= _limit)
        {
            Append(buffer);
            return;
        }

        if (Buffering)
        {
            _passedThrough = true;
            _inner.StartAsync().GetAwaiter().GetResult();
            if (_length > 0)
            {
                _inner.Stream.Write(_rented!, 0, _length);
            }

            ReleaseBuffer();
        }

        _inner.Stream.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Buffering && !_streamThrough && (long)_length + buffer.Length <= _limit)
        {
            Append(buffer.Span);
            return;
        }

        await PassThroughAsync(cancellationToken).ConfigureAwait(false);
        await _inner.Stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask PassThroughAsync(CancellationToken cancellationToken)
    {
        if (!Buffering)
        {
            return;
        }

        _passedThrough = true;
        try
        {
            await _inner.StartAsync(cancellationToken).ConfigureAwait(false);
            if (_length > 0)
            {
                await _inner.Stream.WriteAsync(_rented.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ReleaseBuffer();
        }
    }

    private void ObserveFeatures()
    {
        if (!SessionWhileWriting && RequestFeatures?.Get<ISessionFeature>() is not null)
        {
            SessionWhileWriting = true;
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        int needed = _length + bytes.Length;
        if (_rented is null || needed > _rented.Length)
        {
            if (_rented is null)
            {
                ObserveFeatures(); // the first write
            }

            // Doubling (at least 4 KiB, at most the limit): a body of n bytes is copied O(1) times on average.
            int size = (int)Math.Min(_limit, Math.Max(needed, Math.Max(InitialBufferBytes, 2L * (_rented?.Length ?? 0))));
            byte[] larger = _pool.Rent(Math.Max(size, needed));
            if (_length > 0)
            {
                _rented.AsSpan(0, _length).CopyTo(larger);
            }

            byte[]? old = _rented;
            _rented = larger;
            if (old is not null)
            {
                _pool.Return(old);
            }
        }

        bytes.CopyTo(_rented.AsSpan(_length));
        _length = needed;
    }
}
