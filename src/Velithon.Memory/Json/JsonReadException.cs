using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Velithon.Json;

/// <summary>
/// A read error raised (or wrapped) by the runtime while the path is still being built: generated exception filters
/// record one segment per level on the way out (<see cref="JsonRead.RecordPathSegment"/>; nothing catches and rethrows
/// per level, so a deep document costs one throw), and <see cref="VelithonJson"/> turns it into the final
/// System.Text.Json-style <see cref="JsonException"/>, building the path once.
/// </summary>
#pragma warning disable CA1032, CA1064 // internal carrier type, never constructed by users
internal sealed class JsonReadException : JsonException
#pragma warning restore CA1032, CA1064
{
    public JsonReadException(string baseMessage, long absoluteOffset, long? line, long? bytePositionInLine, Exception? inner)
        : base(baseMessage, null, line, bytePositionInLine, inner)
    {
        BaseMessage = baseMessage;
        AbsoluteOffset = absoluteOffset;
    }

    /// <summary>Gets the message without path and position.</summary>
    public string BaseMessage { get; }

    /// <summary>Gets the byte offset after the failing token in the whole input, or -1 when line/position are known.</summary>
    public long AbsoluteOffset { get; }

    /// <summary>
    /// Gets a value indicating whether the final message ends with " Path: … | LineNumber: … | BytePositionInLine: …."
    /// (true for almost every System.Text.Json error; false where STJ only sets the properties, e.g. missing required members).
    /// </summary>
    public bool AppendPathInformation { get; init; } = true;

    /// <summary>
    /// Gets a value indicating whether this carries a <see cref="NotSupportedException"/> (its <see cref="Exception.InnerException"/>)
    /// to its entry point, which throws it as System.Text.Json does: a new <see cref="NotSupportedException"/> whose message
    /// ends with " Path: … | LineNumber: … | BytePositionInLine: …." and whose inner exception is the one raised.
    /// </summary>
    public bool IsNotSupported { get; private init; }

    /// <summary>Gets the path below <c>$</c>, e.g. <c>.items[1].id</c>, from the segments recorded so far.</summary>
    public string PathSuffix => _path?.ToSuffix() ?? string.Empty;

    // Segments recorded by generated exception filters, innermost first; null until the first one.
    private JsonPathRecord? _path;

    // The same for errors the runtime did not create (Utf8JsonReader's own), which a filter cannot replace.
    private static readonly ConditionalWeakTable<JsonException, JsonPathRecord> ForeignPaths = new();

    /// <summary>Records one level of the path of <paramref name="error"/> (called from exception filters, innermost level first).</summary>
    public static void Record(JsonException error, string? propertyName, int index)
    {
        JsonPathRecord record = error is JsonReadException read
            ? read._path ??= new JsonPathRecord()
            : ForeignPaths.GetValue(error, static _ => new JsonPathRecord());
        record.Add(propertyName, index);
    }

    /// <summary>
    /// Drops every recorded segment but the outermost (the member being read): System.Text.Json meets a syntax error
    /// inside a member it reads after the constructor while skipping the member's value, so its path ends there.
    /// </summary>
    public static void KeepOutermostSegment(JsonException error)
    {
        JsonPathRecord? record = error is JsonReadException read ? read._path : ForeignPaths.TryGetValue(error, out JsonPathRecord? foreign) ? foreign : null;
        record?.KeepLast();
    }

    /// <summary>
    /// This error, to be located where the reader is when it surfaces rather than where it was raised: an error in a
    /// member System.Text.Json reads after the constructor, thrown after the object's end (with the path it had).
    /// </summary>
    public JsonReadException AtReaderPosition() =>
        new(BaseMessage, -1, null, null, InnerException) { AppendPathInformation = AppendPathInformation, IsNotSupported = IsNotSupported, _path = _path };

    /// <summary>This error of Utf8JsonReader's, at another line and byte position (its counters did not start at the input's start).</summary>
    public JsonReadException WithReaderLocation(long line, long bytePositionInLine) =>
        new(BaseMessage, -1, line, bytePositionInLine, InnerException) { AppendPathInformation = AppendPathInformation, IsNotSupported = IsNotSupported, _path = _path };

    /// <summary>
    /// Carries <paramref name="error"/> out of the generated code as a read error, so that the levels it passes record
    /// its path (their filters see only <see cref="JsonException"/>s); the entry point throws it as System.Text.Json
    /// throws a <see cref="NotSupportedException"/> met while reading (<see cref="IsNotSupported"/>).
    /// </summary>
    /// <param name="error">System.Text.Json's error, without path and position.</param>
    /// <param name="absoluteOffset">The reader's <see cref="Utf8JsonReader.BytesConsumed"/> where System.Text.Json's reader
    /// stands when it throws, or -1 for wherever the entry point's reader is when the error surfaces.</param>
    public static JsonReadException NotSupported(NotSupportedException error, long absoluteOffset) =>
        new(error.Message, absoluteOffset, null, null, error) { IsNotSupported = true };

    /// <summary>Whether a level recorded a path segment for <paramref name="error"/> (which the runtime did not create).</summary>
    public static bool HasRecordedPath(JsonException error) => ForeignPaths.TryGetValue(error, out _);

    public static JsonReadException From(JsonException inner)
    {
        if (inner is JsonReadException read)
        {
            return read;
        }

        ForeignPaths.TryGetValue(inner, out JsonPathRecord? path);

        string message = inner.Message;
        if (inner.LineNumber is not null)
        {
            // Reader errors end with " LineNumber: L | BytePositionInLine: P."; the final message re-adds it after the path.
            int at = message.LastIndexOf(" LineNumber: ", StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        return new JsonReadException(message, -1, inner.LineNumber, inner.BytePositionInLine, inner) { _path = path };
    }

    /// <summary>Builds the final exception; <paramref name="readerOffset"/> (the reader's BytesConsumed when the error
    /// surfaced) locates errors created without a reader, such as <see cref="JsonRead.MissingRequired"/>.</summary>
    public Exception ToFinal(ReadOnlySpan<byte> input, long readerOffset) => ToFinal(LocateInSpan(input, Offset(readerOffset)));

    public Exception ToFinal(in ReadOnlySequence<byte> input, long readerOffset)
    {
        long offset = Offset(readerOffset);
        if (offset < 0 || input.IsSingleSegment)
        {
            return ToFinal(LocateInSpan(input.FirstSpan, offset));
        }

        long line = 0;
        long position = 0;
        long remaining = Math.Min(offset, input.Length);
        foreach (ReadOnlyMemory<byte> segment in input)
        {
            ReadOnlySpan<byte> span = segment.Span;
            if (span.Length > remaining)
            {
                span = span[..(int)remaining];
            }

            Count(span, ref line, ref position);
            remaining -= span.Length;
            if (remaining == 0)
            {
                break;
            }
        }

        return ToFinal((line, position));
    }

    /// <summary>
    /// Builds the final exception for a window of a longer input (a stream read in pieces): <paramref name="window"/> is
    /// what the reader read, starting at <paramref name="windowStart"/> (line, byte in line) of the whole input.
    /// </summary>
    public Exception ToFinal(ReadOnlySpan<byte> window, long readerOffset, (long Line, long Position) windowStart)
    {
        long offset = Offset(readerOffset);
        if (offset < 0)
        {
            return ToFinal(LocateInSpan(window, offset));
        }

        (long line, long position) = windowStart;
        Count(window[..(int)Math.Min(offset, window.Length)], ref line, ref position);
        return ToFinal((line, position));
    }

    private long Offset(long readerOffset) => AbsoluteOffset >= 0 ? AbsoluteOffset : LineNumber is null ? readerOffset : -1;

    private (long Line, long Position) LocateInSpan(ReadOnlySpan<byte> input, long offset)
    {
        if (offset < 0)
        {
            return (LineNumber ?? 0, BytePositionInLine ?? 0);
        }

        long line = 0;
        long position = 0;
        Count(input[..(int)Math.Min(offset, input.Length)], ref line, ref position);
        return (line, position);
    }

    /// <summary>Moves a (line, byte in line) location over <paramref name="span"/>.</summary>
    internal static void Count(ReadOnlySpan<byte> span, ref long line, ref long position)
    {
        int newLines = span.Count((byte)'\n');
        if (newLines == 0)
        {
            position += span.Length;
            return;
        }

        line += newLines;
        position = span.Length - span.LastIndexOf((byte)'\n') - 1;
    }

    private Exception ToFinal((long Line, long Position) location)
    {
        string path = "$" + PathSuffix;
        if (IsNotSupported)
        {
            return new NotSupportedException(WithLocation(BaseMessage, path, location), InnerException);
        }

        string message = AppendPathInformation
            ? WithLocation(BaseMessage, path, location)
            : BaseMessage;
        return new JsonException(message, path, location.Line, location.Position, InnerException);
    }

    /// <summary>System.Text.Json's message of a read error: the base message, then the path, line and byte in line.</summary>
    public static string WithLocation(string message, string path, (long Line, long Position) location) =>
        string.Create(CultureInfo.InvariantCulture, $"{message} Path: {path} | LineNumber: {location.Line} | BytePositionInLine: {location.Position}.");

    /// <summary>Appends a property segment the way System.Text.Json's JSON path does.</summary>
    public static void AppendPropertySegment(StringBuilder path, string name)
    {
        if (name.AsSpan().IndexOfAny(SpecialCharacters) >= 0)
        {
            path.Append("['").Append(name).Append("']");
        }
        else
        {
            path.Append('.').Append(name);
        }
    }

    private static readonly SearchValues<char> SpecialCharacters = SearchValues.Create(". '/\"[]()\t\n\r\f\b\\\u0085\u2028\u2029");

    /// <summary>The path segments of one error as the levels recorded them, innermost first; joined once, outermost first.</summary>
    private sealed class JsonPathRecord
    {
        private readonly List<(string? Name, int Index)> _segments = [];

        public void Add(string? name, int index) => _segments.Add((name, index));

        public void KeepLast()
        {
            if (_segments.Count > 1)
            {
                _segments.RemoveRange(0, _segments.Count - 1);
            }
        }

        public string ToSuffix()
        {
            var path = new StringBuilder();
            for (int i = _segments.Count - 1; i >= 0; i--)
            {
                (string? name, int index) = _segments[i];
                if (name is not null)
                {
                    AppendPropertySegment(path, name);
                }
                else
                {
                    path.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
            }

            return path.ToString();
        }
    }
}
