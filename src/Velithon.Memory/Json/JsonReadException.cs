using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Velithon.Json;

/// <summary>
/// A read error raised (or wrapped) by the runtime while the path is still being built: generated catch blocks
/// prefix segments to <see cref="PathSuffix"/> on the way out, and <see cref="VelithonJson"/> turns it into the final
/// System.Text.Json-style <see cref="JsonException"/>.
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

    /// <summary>Gets or sets the path below <c>$</c>, e.g. <c>.items[1].id</c>.</summary>
    public string PathSuffix { get; set; } = string.Empty;

    public static JsonReadException From(JsonException inner)
    {
        if (inner is JsonReadException read)
        {
            return read;
        }

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

        return new JsonReadException(message, -1, inner.LineNumber, inner.BytePositionInLine, inner);
    }

    /// <summary>Builds the final exception; <paramref name="readerOffset"/> (the reader's BytesConsumed when the error
    /// surfaced) locates errors created without a reader, such as <see cref="JsonRead.MissingRequired"/>.</summary>
    public JsonException ToFinal(ReadOnlySpan<byte> input, long readerOffset) => ToFinal(LocateInSpan(input, Offset(readerOffset)));

    public JsonException ToFinal(in ReadOnlySequence<byte> input, long readerOffset)
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

    private static void Count(ReadOnlySpan<byte> span, ref long line, ref long position)
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

    private JsonException ToFinal((long Line, long Position) location)
    {
        string path = "$" + PathSuffix;
        string message = AppendPathInformation
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{BaseMessage} Path: {path} | LineNumber: {location.Line} | BytePositionInLine: {location.Position}.")
            : BaseMessage;
        return new JsonException(message, path, location.Line, location.Position, InnerException);
    }

    /// <summary>Appends a property segment the way System.Text.Json's JSON path does.</summary>
    public static string PropertySegment(string name)
    {
        if (name.AsSpan().IndexOfAny(SpecialCharacters) >= 0)
        {
            return "['" + name + "']";
        }

        return "." + name;
    }

    private static readonly SearchValues<char> SpecialCharacters = SearchValues.Create(". '/\"[]()\t\n\r\f\b\\\u0085\u2028\u2029");
}
