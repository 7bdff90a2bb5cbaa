using System.Buffers;
using System.Text.Json;

namespace Velithon.Json;

/// <summary>
/// Reads a top-level JSON array of <typeparamref name="T"/> from a source read in pieces, one element at a time: a
/// <see cref="Utf8JsonReader"/> over the unread bytes, resumed with its <see cref="JsonReaderState"/>, finds where the
/// next element ends (<see cref="Utf8JsonReader.TrySkip"/> does not move past an incomplete one), and the generated
/// <c>ReadJson</c> then reads the complete element from the same state. The buffer, rented from
/// <see cref="ArrayPool{T}.Shared"/>, holds the unread part of one element and what was read after it: it grows only
/// for an element larger than half of it. Errors are System.Text.Json's, with the element's index in the path and the
/// line and byte position in the whole input.
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

    // The reader's state at _start, and where _start is in the whole input (for errors located by offset).
    private JsonReaderState _state;
    private long _line;
    private long _bytePositionInLine;

    public JsonArrayStreamReader(VelithonJsonOptions options)
    {
        _options = options;
        _state = new JsonReaderState(VelithonJson.ReaderOptions<T>(options));
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

    /// <summary>
    /// Reads the next element from the bytes buffered so far. <see langword="false"/>: the array has ended
    /// (<see cref="IsEnded"/>), or the next element is incomplete and <see cref="FillAsync"/> must read more.
    /// </summary>
    /// <exception cref="JsonException">The input is not a JSON array of <typeparamref name="T"/>.</exception>
    public bool TryReadElement(out T? element)
    {
        element = default;
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
                            Commit(ref reader);
                            return false;
                        }

                        if (reader.TokenType == JsonTokenType.Null)
                        {
                            _phase = Phase.AfterArray;
                        }
                        else
                        {
                            JsonRead.Expect(ref reader, JsonTokenType.StartArray, JsonRootLayout<T>.ListTypeName);
                            _phase = Phase.InArray;
                        }

                        Commit(ref reader);
                        break;

                    case Phase.InArray:
                        try
                        {
                            if (!TryReadElementAt(ref reader, ref elementReader, ref inElement, out element, out bool ended))
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

                        Commit(ref reader);
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
                throw JsonReadException.From(ex).ToFinal(window, offset, (_line, _bytePositionInLine));
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

    /// <summary>Reads more of the input after what is unread, growing the buffer when the unread part fills more than half of it.</summary>
    public async ValueTask FillAsync(JsonByteSource source, CancellationToken cancellationToken)
    {
        int unread = _end - _start;
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
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
        }

        _start = 0;
        _end = unread;

        // As System.Text.Json: fill the buffer (or reach the end) before looking for the next element again.
        while (_end < _buffer.Length)
        {
            int read = await source.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _final = true;
                return;
            }

            _end += read;
        }
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

    // One step inside the array: false when the next element is not complete yet (nothing is committed then).
    private bool TryReadElementAt(ref Utf8JsonReader reader, ref Utf8JsonReader elementReader, ref bool inElement, out T? element, out bool ended)
    {
        element = default;
        ended = false;
        if (!(_final ? ReadFinal(ref reader) : reader.Read()))
        {
            return false;
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.EndArray:
                ended = true;
                break;

            case JsonTokenType.Null:
                break;

            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                if (!reader.TrySkip())
                {
                    if (_final)
                    {
                        JsonRead.Skip(ref reader);
                    }

                    return false;
                }

                // The element is complete: read it again from the state before it, with the generated reader.
                elementReader = new Utf8JsonReader(_buffer.AsSpan(_start, (int)reader.BytesConsumed), isFinalBlock: false, _state);
                inElement = true;
                JsonRead.Read(ref elementReader);
                element = T.ReadJson(ref elementReader, _options);
                inElement = false;
                break;

            default:
                // A string, number or literal: the generated reader fails with System.Text.Json's conversion error.
                element = T.ReadJson(ref reader, _options);
                break;
        }

        Commit(ref reader);
        return true;
    }

    private static bool ReadFinal(ref Utf8JsonReader reader)
    {
        JsonRead.Read(ref reader);
        return true;
    }

    private void Commit(ref Utf8JsonReader reader)
    {
        int consumed = (int)reader.BytesConsumed;
        JsonReadException.Count(_buffer.AsSpan(_start, consumed), ref _line, ref _bytePositionInLine);
        _start += consumed;
        _state = reader.CurrentState;
    }
}
