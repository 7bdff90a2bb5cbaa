using System.Buffers;
using System.Text.Json;

namespace Velithon.Json;

/// <summary>
/// Reads a top-level JSON array of <typeparamref name="T"/> from a source read in pieces, one element at a time. The
/// end of an object element is found by its structure (<see cref="JsonStructureScan"/>; without comments) or else by a
/// <see cref="Utf8JsonReader"/> resumed with its <see cref="JsonReaderState"/>, as bytes arrive and from where the last
/// scan stopped, so an element is scanned once however it is split. The complete element is read by the generated fast
/// reader from its bytes, or by the generated <c>ReadJson</c> from the state before it. The buffer, rented from
/// <see cref="ArrayPool{T}.Shared"/>, holds the unread part of one element and what was read after it: it grows only
/// for an element larger than half of it. Each element is read as soon as its last byte has arrived. Errors are
/// System.Text.Json's, with the element's index in the path and the line and byte position in the whole input.
/// </summary>
/// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
internal sealed class JsonArrayStreamReader<T> : IDisposable
    where T : IVelithonJson<T>
{
    private const int InitialBufferSize = 16 * 1024;

    private readonly VelithonJsonOptions _options;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int _start;
    private int _end;
    private bool _final;
    private Phase _phase;
    private int _index;
    private bool _byteOrderMarkChecked;

    // The reader's state at _start, and where _start is in the whole input (for errors located by offset).
    private JsonReaderState _state;
    private long _line;
    private long _bytePositionInLine;

    // How the next element is being scanned; where it starts ('{' or '[', bytes after _start); where the scan of an
    // incomplete element stopped (bytes after _start) with the token scan's state or the structure scan's.
    private readonly bool _structural;
    private Scan _scan;
    private int _elementStart;
    private int _scanned;
    private JsonReaderState _scanState;
    private JsonStructureScan _structure;

    // The state after "[{}", which follows an object element read without a reader passing over it. Its line and byte
    // counters are not the input's: they restart at (0, 3) where it is committed, at (_countersLine, _countersPosition)
    // of the input, and every reader after it counts from there (_countersRestarted).
    private readonly JsonReaderState _afterObject;
    private bool _countersRestarted;
    private long _countersLine;
    private long _countersPosition;

    public JsonArrayStreamReader(VelithonJsonOptions options)
    {
        _options = options;
        JsonReaderOptions readerOptions = VelithonJson.ReaderOptions<T>(options);
        _state = new JsonReaderState(readerOptions);
        _structural = readerOptions.CommentHandling == JsonCommentHandling.Disallow;
        var template = new Utf8JsonReader("[{}"u8, isFinalBlock: false, _state);
        template.Read();
        template.Read();
        template.Read();
        _afterObject = template.CurrentState;
    }

    private enum Scan
    {
        None,
        Structure,
        Tokens,
    }

    private enum Phase
    {
        BeforeArray,
        InArray,
        AfterArray,
        Ended,
    }

    /// <summary>Gets whether the input has been read to its end (or failed): <see cref="TryReadElement"/> returns nothing more.</summary>
    public bool IsEnded => _phase == Phase.Ended;

    /// <summary>Gets whether the top-level value was a JSON <c>null</c> (not an array).</summary>
    public bool IsNullRoot { get; private set; }

    /// <summary>
    /// Reads the next element from the bytes buffered so far. <see langword="false"/>: the array has ended
    /// (<see cref="IsEnded"/>), or the next element is incomplete and <see cref="FillAsync"/> must read more.
    /// </summary>
    /// <exception cref="JsonException">The input is not a JSON array of <typeparamref name="T"/>.</exception>
    public bool TryReadElement(out T? element)
    {
        element = default;
        if (!_byteOrderMarkChecked && !TrySkipByteOrderMark())
        {
            return false;
        }

        while (_phase != Phase.Ended)
        {
            ReadOnlySpan<byte> window = _buffer.AsSpan(_start, _end - _start);
            var reader = new Utf8JsonReader(window, _final, _state);
            var elementReader = default(Utf8JsonReader);
            bool inElement = false;
            try
            {
                switch (_phase)
                {
                    case Phase.BeforeArray:
                        if (!reader.Read())
                        {
                            Commit((int)reader.BytesConsumed, reader.CurrentState);
                            return false;
                        }

                        if (reader.TokenType == JsonTokenType.Null)
                        {
                            IsNullRoot = true;
                            _phase = Phase.AfterArray;
                        }
                        else
                        {
                            JsonRead.Expect(ref reader, JsonTokenType.StartArray, JsonRootLayout<T>.ListTypeName);
                            _phase = Phase.InArray;
                        }

                        Commit((int)reader.BytesConsumed, reader.CurrentState);
                        break;

                    case Phase.InArray:
                        try
                        {
                            if (!TryReadElementAt(window, ref reader, ref elementReader, ref inElement, out element, out bool ended))
                            {
                                return false;
                            }

                            if (ended)
                            {
                                _phase = Phase.AfterArray;
                                break;
                            }

                            _index++;
                            return true;
                        }
                        catch (JsonException ex) when (JsonRead.RecordPathIndex(ex, _index))
                        {
                            throw; // not reached: the filter records the path segment and lets the error pass
                        }

                    case Phase.AfterArray:
                        // Utf8JsonReader itself rejects anything but whitespace (and comments, when allowed) after the array.
                        if (reader.Read())
                        {
                            throw JsonRead.Error(ref reader, "The input contains more than one top-level JSON value.");
                        }

                        Commit((int)reader.BytesConsumed, reader.CurrentState);
                        if (!_final)
                        {
                            return false;
                        }

                        _phase = Phase.Ended;
                        break;
                }
            }
            catch (JsonException ex)
            {
                _phase = Phase.Ended;
                long offset = inElement ? elementReader.BytesConsumed : reader.BytesConsumed;
                throw InInput(JsonReadException.From(ex)).ToFinal(window, offset, (_line, _bytePositionInLine));
            }
            catch (Exception ex) when (JsonRead.IsRethrowable(ex))
            {
                _phase = Phase.Ended;
                JsonReadException wrapped = inElement ? JsonRead.Wrap(ref elementReader, ex) : JsonRead.Wrap(ref reader, ex);
                JsonReadException.Record(wrapped, null, _index);
                throw wrapped.ToFinal(window, wrapped.AbsoluteOffset, (_line, _bytePositionInLine));
            }
        }

        return false;
    }

    /// <summary>
    /// Reads the next bytes of the input after what is unread (one read of the source: an element is read as soon as it
    /// is complete), first making room: the unread bytes move to the start of the buffer, which doubles when they fill
    /// more than half of it.
    /// </summary>
    public async ValueTask FillAsync(JsonByteSource source, CancellationToken cancellationToken)
    {
        if (_final)
        {
            // Not reached: at the end of the input Utf8JsonReader completes the array or fails.
            throw new JsonException("The JSON array ended before its last element was complete.");
        }

        int unread = _end - _start;
        if (_buffer.Length - _end < _buffer.Length / 4)
        {
            if (unread > _buffer.Length / 2)
            {
                if (_buffer.Length >= Array.MaxLength / 2)
                {
                    throw new JsonException($"A JSON array element is larger than {Array.MaxLength / 2} bytes; VelithonJson holds each element in one buffer.");
                }

                byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                _buffer.AsSpan(_start, unread).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
            else
            {
                _buffer.AsSpan(_start, unread).CopyTo(_buffer);
            }

            _start = 0;
            _end = unread;
        }

        int read = await source.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _final = true;
        }

        _end += read;
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _phase = Phase.Ended;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    // As System.Text.Json's stream readers: a leading UTF-8 byte order mark is skipped, and positions count after it.
    // False while the input is too short to tell (more must be read).
    private bool TrySkipByteOrderMark()
    {
        ReadOnlySpan<byte> head = _buffer.AsSpan(_start, _end - _start);
        if (head.Length < Utf8ByteOrderMark.Length && !_final && Utf8ByteOrderMark.StartsWith(head))
        {
            return false;
        }

        _byteOrderMarkChecked = true;
        if (head.StartsWith(Utf8ByteOrderMark))
        {
            _start += Utf8ByteOrderMark.Length;
        }

        return true;
    }

    // One step inside the array: false when the next element is not complete yet (only the scan's progress is kept).
    private bool TryReadElementAt(ReadOnlySpan<byte> window, ref Utf8JsonReader reader, ref Utf8JsonReader elementReader, ref bool inElement, out T? element, out bool ended)
    {
        element = default;
        ended = false;
        switch (_scan)
        {
            case Scan.None:
                if (!reader.Read())
                {
                    return false;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.EndArray:
                        ended = true;
                        Commit((int)reader.BytesConsumed, reader.CurrentState);
                        return true;

                    case JsonTokenType.Null:
                        element = JsonRead.NullAs<T>(ref reader);
                        Commit((int)reader.BytesConsumed, reader.CurrentState);
                        return true;

                    case JsonTokenType.StartObject when _structural:
                        _elementStart = (int)reader.TokenStartIndex;
                        _scanned = (int)reader.BytesConsumed;
                        _structure = default;
                        _scan = Scan.Structure;
                        return TryReadScannedObject(window, ref reader, ref elementReader, ref inElement, out element);

                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        _elementStart = (int)reader.TokenStartIndex;
                        _scan = Scan.Tokens;
                        return TryScanTokens(window, 0, ref reader, ref elementReader, ref inElement, out element);

                    default:
                        // A string, number or literal: the generated reader fails with System.Text.Json's conversion error.
                        element = T.ReadJson(ref reader, _options);
                        Commit((int)reader.BytesConsumed, reader.CurrentState);
                        return true;
                }

            case Scan.Structure:
                return TryReadScannedObject(window, ref reader, ref elementReader, ref inElement, out element);

            default:
                reader = new Utf8JsonReader(window[_scanned..], _final, _scanState);
                return TryScanTokens(window, _scanned, ref reader, ref elementReader, ref inElement, out element);
        }
    }

    // An object element found by its structure alone (quotes, escapes, braces and brackets: without comments nothing
    // else can hide them), so Utf8JsonReader does not scan it first. The fast reader reads its bytes, and accepts only
    // valid JSON; what it does not take, the generated reader reads from the state before the element, for STJ's value
    // or error. An input that ends inside the element is scanned again token by token, for STJ's error.
    private bool TryReadScannedObject(ReadOnlySpan<byte> window, ref Utf8JsonReader reader, ref Utf8JsonReader elementReader, ref bool inElement, out T? element)
    {
        element = default;
        if (!JsonStructureScan.TryFindEnd(window, ref _scanned, ref _structure))
        {
            if (!_final)
            {
                return false;
            }

            reader = new Utf8JsonReader(window, _final, _state);
            reader.Read();
            _scan = Scan.Tokens;
            return TryScanTokens(window, 0, ref reader, ref elementReader, ref inElement, out element);
        }

        int elementEnd = _scanned;
        if (TryReadFast(window[_elementStart..elementEnd], out element))
        {
            // No reader passed over the element to leave its state after it: the state after "[{}" has the same depth,
            // token and flags, and Commit records where its line and position counters stand in the input.
            Commit(elementEnd, _afterObject, restartsCounters: true);
            return true;
        }

        element = ReadFromStateBefore(window, _final, ref elementReader, ref inElement);
        Commit((int)elementReader.BytesConsumed, elementReader.CurrentState);
        return true;
    }

    // The element's tokens scanned by Utf8JsonReader from where the last scan stopped (comments are allowed, the element
    // is an array, or the input ended inside it), then read once complete.
    private bool TryScanTokens(ReadOnlySpan<byte> window, int scanStart, ref Utf8JsonReader reader, ref Utf8JsonReader elementReader, ref bool inElement, out T? element)
    {
        element = default;
        try
        {
            // The element ends with the object or array that closes at the depth of the array's elements (1).
            while (reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray) || reader.CurrentDepth != 1)
            {
                if (!reader.Read())
                {
                    _scanned = scanStart + (int)reader.BytesConsumed;
                    _scanState = reader.CurrentState;
                    return false;
                }
            }
        }
        catch (JsonException)
        {
            // Invalid JSON inside the element: the generated reader meets the same error first, and reports it under
            // the member it is in (as System.Text.Json does); the scan's error stands if it does not.
            ReadFromStateBefore(window, _final, ref elementReader, ref inElement);
            throw;
        }

        // The element is complete: the fast reader reads its bytes, or the generated reader from the state before it.
        int elementEnd = scanStart + (int)reader.BytesConsumed;
        JsonReaderState after = reader.CurrentState;
        if (!TryReadFast(window[_elementStart..elementEnd], out element))
        {
            element = ReadFromStateBefore(window[..elementEnd], isFinalBlock: false, ref elementReader, ref inElement);
        }

        Commit(elementEnd, after);
        return true;
    }

    // The generated reader over the element from the state before it. inElement tells the caller's error handler
    // that an exception thrown here is located by elementReader.
    private T? ReadFromStateBefore(ReadOnlySpan<byte> window, bool isFinalBlock, ref Utf8JsonReader elementReader, ref bool inElement)
    {
        elementReader = new Utf8JsonReader(window, isFinalBlock, _state);
        inElement = true;
        JsonRead.Read(ref elementReader);
        T? element = T.ReadJson(ref elementReader, _options);
        inElement = false;
        return element;
    }

    private bool TryReadFast(ReadOnlySpan<byte> utf8, out T? element)
    {
        var fast = new JsonFastReader(utf8, _options.MaxDepth - 1);
        try
        {
            if (T.TryReadJsonFast(ref fast, _options, out element) && fast.AtEnd())
            {
                return true;
            }
        }
        catch (Exception ex) when (JsonRead.IsRethrowable(ex))
        {
            // A constructor or setter failed: the generated reader runs it again and reports it in place.
        }

        element = default;
        return false;
    }

    private void Commit(int consumed, JsonReaderState state, bool restartsCounters = false)
    {
        JsonReadException.Count(_buffer.AsSpan(_start, consumed), ref _line, ref _bytePositionInLine);
        _start += consumed;
        _state = state;
        _scan = Scan.None;
        _scanned = 0;
        if (restartsCounters)
        {
            _countersRestarted = true;
            _countersLine = _line;
            _countersPosition = _bytePositionInLine;
        }
    }

    // An error Utf8JsonReader located by its own counters, located in the input when they restarted (see _afterObject).
    private JsonReadException InInput(JsonReadException error)
    {
        if (!_countersRestarted || error.AbsoluteOffset >= 0 || error.LineNumber is not long line || error.BytePositionInLine is not long position)
        {
            return error;
        }

        return line == 0
            ? error.WithReaderLocation(_countersLine, _countersPosition + position - 3)
            : error.WithReaderLocation(_countersLine + line, position);
    }
}
