using System.Buffers;

namespace Velithon.Json;

/// <summary>
/// Finds where a JSON object ends from its structure alone: quotes, backslashes inside strings, and braces and brackets
/// outside them, jumping between those bytes with vectorized searches. It does not validate: on valid JSON without
/// comments the end it finds is the object's end, and on invalid JSON it is at or after the first error, so a reader
/// given the bytes up to it meets that error. The scan resumes where it stopped when more bytes arrive.
/// </summary>
internal struct JsonStructureScan
{
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> InString = SearchValues.Create("\"\\"u8);

    // Objects and arrays open inside the scanned object; whether the scan stopped inside a string, and right after a
    // backslash in it (the next byte is escaped, whatever it is).
    private int _nested;
    private bool _inString;
    private bool _escaped;

    /// <summary>
    /// Scans <paramref name="utf8"/> from <paramref name="position"/>, which is after the object's <c>{</c> (or where the
    /// last scan stopped, with its <paramref name="scan"/>).
    /// </summary>
    /// <returns><see langword="true"/> with <paramref name="position"/> after the <c>}</c> closing the object; otherwise
    /// <see langword="false"/> with <paramref name="position"/> at the end of <paramref name="utf8"/>.</returns>
    public static bool TryFindEnd(ReadOnlySpan<byte> utf8, ref int position, ref JsonStructureScan scan)
    {
        int i = position;
        while (true)
        {
            if (scan._inString)
            {
                if (scan._escaped)
                {
                    if (i >= utf8.Length)
                    {
                        position = i;
                        return false;
                    }

                    scan._escaped = false;
                    i++;
                }

                int special = utf8[i..].IndexOfAny(InString);
                if (special < 0)
                {
                    position = utf8.Length;
                    return false;
                }

                i += special;
                if (utf8[i] == (byte)'\\')
                {
                    scan._escaped = true;
                }
                else
                {
                    scan._inString = false;
                }

                i++;
                continue;
            }

            int next = utf8[i..].IndexOfAny(Structural);
            if (next < 0)
            {
                position = utf8.Length;
                return false;
            }

            i += next;
            switch (utf8[i])
            {
                case (byte)'"':
                    scan._inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    scan._nested++;
                    break;
                default:
                    if (scan._nested == 0)
                    {
                        position = i + 1;
                        return true;
                    }

                    scan._nested--;
                    break;
            }

            i++;
        }
    }
}
