using System.Buffers;
using System.IO.Pipelines;

namespace Velithon.Json;

/// <summary>Where <see cref="JsonArrayStreamReader{T}"/> gets its bytes: a <see cref="Stream"/> or a <see cref="PipeReader"/>.</summary>
internal abstract class JsonByteSource
{
    public static JsonByteSource From(Stream stream) => new StreamSource(stream);

    public static JsonByteSource From(PipeReader pipe) => new PipeSource(pipe);

    /// <summary>Copies the next bytes into <paramref name="destination"/>; 0 at the end of the input.</summary>
    public abstract ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken);

    private sealed class StreamSource(Stream stream) : JsonByteSource
    {
        public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken) =>
            stream.ReadAsync(destination, cancellationToken);
    }

    private sealed class PipeSource(PipeReader pipe) : JsonByteSource
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
        {
            ReadResult result = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The read of the PipeReader was canceled.");
            }

            ReadOnlySequence<byte> available = result.Buffer;
            int length = (int)Math.Min(available.Length, destination.Length);
            available.Slice(0, length).CopyTo(destination.Span);
            pipe.AdvanceTo(available.GetPosition(length));
            return length;
        }
    }
}
