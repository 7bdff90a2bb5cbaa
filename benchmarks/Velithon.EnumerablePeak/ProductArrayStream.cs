using System.Globalization;
using System.Text.Unicode;

namespace Velithon.Benchmarks.EnumerablePeak;

/// <summary>
/// A read-only, non-seekable stream of the JSON array <c>CatalogueProduct.Build(count)</c> serializes to with STJ's Web
/// defaults, made element by element as it is read: only the element being handed out is in memory, so the document
/// itself adds nothing to the reader's peak. Reads fill the requested span as a file would.
/// </summary>
internal sealed class ProductArrayStream(int count) : Stream
{
    private static readonly DateTime s_epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] s_names = ["Green tea", "Espresso beans", "Oat milk", "Dark chocolate", "Sparkling water", "Granola"];
    private static readonly string[] s_categories = ["beverages", "pantry", "dairy-free", "snacks"];

    private readonly byte[] _piece = new byte[512];
    private int _pieceLength;
    private int _pieceOffset;
    private int _next = -1; // -1: "[" not produced yet; count: "]" produced next; count + 1: ended

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

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int written = 0;
        while (written < buffer.Length)
        {
            if (_pieceOffset == _pieceLength && !Produce())
            {
                break;
            }

            int length = Math.Min(buffer.Length - written, _pieceLength - _pieceOffset);
            _piece.AsSpan(_pieceOffset, length).CopyTo(buffer[written..]);
            _pieceOffset += length;
            written += length;
        }

        BytesRead += written;
        return written;
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

    // The next piece: "[", one element (after a comma but for the first), or "]"; false once everything was produced.
    private bool Produce()
    {
        _pieceOffset = 0;
        if (_next == -1)
        {
            _piece[0] = (byte)'[';
            _pieceLength = 1;
        }
        else if (_next < count)
        {
            int i = _next;
            string separator = i == 0 ? "" : ",";
            double price = Math.Round(1.5 + (i % 97) * 0.37, 2);
            DateTime updated = s_epoch.AddMinutes(i * 13);
            bool done = Utf8.TryWrite(
                _piece,
                CultureInfo.InvariantCulture,
                $"{separator}{{\"id\":{i + 1},\"name\":\"{s_names[i % s_names.Length]}\",\"sku\":\"SKU-{100000 + i}\",\"category\":\"{s_categories[i % s_categories.Length]}\",\"price\":{price},\"stock\":{(i * 37) % 500},\"active\":{(i % 5 != 0 ? "true" : "false")},\"updated\":\"{updated:yyyy'-'MM'-'dd'T'HH':'mm':'ss}Z\"}}",
                out _pieceLength);
            if (!done)
            {
                throw new InvalidOperationException($"Element {i} does not fit in {_piece.Length} bytes.");
            }
        }
        else if (_next == count)
        {
            _piece[0] = (byte)']';
            _pieceLength = 1;
        }
        else
        {
            _pieceLength = 0;
            return false;
        }

        _next++;
        return true;
    }
}
