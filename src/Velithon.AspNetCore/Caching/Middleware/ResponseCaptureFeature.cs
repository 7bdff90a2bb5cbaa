using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Buffers the endpoint's response body (up to a limit) so the cache can store it, add an ETag and compress it before
/// anything is sent. Past the limit, or when the endpoint disables buffering, it sends what it has and streams the rest
/// through, and the response is not stored.
/// </summary>
internal sealed class ResponseCaptureFeature : Stream, IHttpResponseBodyFeature
{
    private readonly IHttpResponseBodyFeature _inner;
    private readonly int _limit;
    private MemoryStream? _buffer = new();
    private PipeWriter? _writer;
    private bool _streamThrough;

    public ResponseCaptureFeature(IHttpResponseBodyFeature inner, int limit)
    {
        _inner = inner;
        _limit = limit;
    }

    /// <summary>Gets whether the body went past the limit (or buffering was disabled) and was streamed through.</summary>
    public bool PassedThrough => _buffer is null || _streamThrough;

    public Stream Stream => this;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public byte[] ToArray() => _buffer?.ToArray() ?? [];

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
        await FlushWriterAsync().ConfigureAwait(false);
        if (_buffer is null)
        {
            await _inner.CompleteAsync().ConfigureAwait(false);
        }
    }

    public override void Flush()
    {
        if (_buffer is null)
        {
            _inner.Stream.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _buffer is null ? _inner.Stream.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_buffer is not null && !_streamThrough && _buffer.Length + buffer.Length <= _limit)
        {
            _buffer.Write(buffer);
            return;
        }

        if (_buffer is not null)
        {
            byte[] pending = _buffer.ToArray();
            _buffer = null;
            _inner.StartAsync().GetAwaiter().GetResult();
            _inner.Stream.Write(pending);
        }

        _inner.Stream.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_buffer is not null && !_streamThrough && _buffer.Length + buffer.Length <= _limit)
        {
            _buffer.Write(buffer.Span);
            return;
        }

        await PassThroughAsync(cancellationToken).ConfigureAwait(false);
        await _inner.Stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask PassThroughAsync(CancellationToken cancellationToken)
    {
        if (_buffer is null)
        {
            return;
        }

        byte[] pending = _buffer.ToArray();
        _buffer = null;
        await _inner.StartAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Length > 0)
        {
            await _inner.Stream.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
    }
}
