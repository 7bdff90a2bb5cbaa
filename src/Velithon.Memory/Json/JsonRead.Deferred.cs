using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using System.Text.Json;

namespace Velithon.Json;

// Members System.Text.Json reads after the constructor. For a type built through a constructor with parameters, STJ
// reads the whole object first (the arguments, skipping every other member's value), checks required members, calls
// the constructor, and only then reads the other members from where it skipped them. So an error in such a member's
// value loses to any error later in the object, and is reported with the reader after the object's '}'; a syntax
// error inside it is met by the skip, with the member as the path's last segment. Generated code reads everything in
// one pass and replays that order with these helpers: it keeps the member's error, skips the rest of its value, and
// throws the error after building the value.
public static partial class JsonRead
{
    /// <summary>
    /// Decides, from an exception filter around the value of a member System.Text.Json reads after the constructor,
    /// whether its error waits for the object's end (<see langword="true"/>: catch it, <see cref="SkipRestOfMember"/>,
    /// and <see cref="ThrowDeferred"/> after building) or passes now (a syntax error, which the skip would meet: its path
    /// is cut back to the member, as System.Text.Json reports it).
    /// </summary>
    /// <param name="error">The error leaving the member's value (its path segments recorded up to the member).</param>
    /// <param name="options">The options read with: the streaming reads keep nothing (System.Text.Json's streaming
    /// reads read such members where they stand).</param>
    /// <returns>Whether to keep the error for the object's end.</returns>
    public static bool DefersMemberError(Exception error, VelithonJsonOptions options)
    {
        if (options.ReportsAsStreaming)
        {
            return false;
        }

        if (error is JsonException json && IsReaderError(json))
        {
            JsonReadException.KeepOutermostSegment(json);
            return false;
        }

        return error is not OutOfMemoryException;
    }

    /// <summary>
    /// After an error kept by <see cref="DefersMemberError"/>, moves the reader to the last token of the member's
    /// value, so the object's other members are read as System.Text.Json's first pass reads them. A syntax error met on
    /// the way fails now, at the member (the path's last segment), as the skip in System.Text.Json's first pass fails.
    /// </summary>
    /// <param name="reader">The reader, wherever the error left it inside the member's value.</param>
    /// <param name="memberDepth">The reader's <see cref="Utf8JsonReader.CurrentDepth"/> on the member's name.</param>
    /// <param name="name">The member's name as written, for the path of a syntax error.</param>
    public static void SkipRestOfMember(ref Utf8JsonReader reader, int memberDepth, string name)
    {
        try
        {
            while (true)
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.PropertyName)
                {
                    reader.Skip();
                }

                if (reader.CurrentDepth <= memberDepth)
                {
                    return;
                }

                if (!reader.Read())
                {
                    ThrowEndOfData(ref reader);
                }
            }
        }
        catch (JsonException ex) when (RecordPathSegment(ex, name))
        {
            throw; // not reached: the filter records the member and lets the error pass
        }
    }

    /// <summary>
    /// Throws the first error kept by <see cref="DefersMemberError"/> (or a deferred null check), once the value is
    /// built: a read error is reported where the reader is now (after the object's <c>}</c>), with the path it had; a
    /// <see cref="NotSupportedException"/> where it was raised, as System.Text.Json reports it.
    /// </summary>
    /// <param name="error">The kept error.</param>
    [DoesNotReturn]
    public static void ThrowDeferred(Exception error)
    {
        if (error is JsonReadException { IsNotSupported: false } read)
        {
            throw read.AtReaderPosition();
        }

        ExceptionDispatchInfo.Throw(error);
    }

    // Utf8JsonReader's own errors (invalid or incomplete JSON) are an internal type deriving from JsonException.
    private static bool IsReaderError(JsonException error) =>
        error is not JsonReadException && error.GetType() != typeof(JsonException) && error.GetType().Assembly == typeof(JsonException).Assembly;
}
