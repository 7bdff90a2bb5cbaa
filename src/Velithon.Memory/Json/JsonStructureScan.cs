namespace Velithon.Json;

/// <summary>
/// Finds where a JSON object ends from its structure alone: quotes, backslashes inside strings, and braces and brackets
/// outside them. It does not validate: on valid JSON without comments the end it finds is the object's end, and on
/// invalid JSON it is at or after the first error, so a reader given the bytes up to it meets that error. The scan
/// resumes where it stopped when more bytes arrive.
/// </summary>
internal struct JsonStructureScan
{
    private const byte Plain = 0;
    private const byte Quote = 1;
    private const byte Backslash = 2;
    private const byte Open = 3;
    private const byte Close = 4;

    // Objects and arrays open inside the scanned object; whether the scan stopped inside a string, and right after a
    // backslash in it (the next byte is escaped, whatever it is).
    private int _nested;
    private bool _inString;
    private bool _escaped;

    // What each byte is to the scan. A byte loop over this table beats vectorized searches here: an element's strings
    // and numbers are short, and each search pays its setup for a few bytes.
    private static ReadOnlySpan<byte> Kinds =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, Quote, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Open, Backslash, Close, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Open, 0, Close, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// <summary>
    /// Scans <paramref name="utf8"/> from <paramref name="position"/>, which is after the object's <c>{</c> (or where the
    /// last scan stopped, with its <paramref name="scan"/>).
    /// </summary>
    /// <returns><see langword="true"/> with <paramref name="position"/> after the <c>}</c> closing the object; otherwise
    /// <see langword="false"/> with <paramref name="position"/> at the end of <paramref name="utf8"/>.</returns>
    public static bool TryFindEnd(ReadOnlySpan<byte> utf8, ref int position, ref JsonStructureScan scan)
    {
        ReadOnlySpan<byte> kinds = Kinds;
        int nested = scan._nested;
        bool inString = scan._inString;
        int i = position;
        if (scan._escaped)
        {
            if (i >= utf8.Length)
            {
                return false;
            }

            scan._escaped = false;
            i++;
        }

        for (; (uint)i < (uint)utf8.Length; i++)
        {
            byte kind = kinds[utf8[i]];
            if (kind == Plain)
            {
                continue;
            }

            if (inString)
            {
                if (kind == Quote)
                {
                    inString = false;
                }
                else if (kind == Backslash)
                {
                    if (++i == utf8.Length)
                    {
                        scan._escaped = true;
                        break;
                    }
                }

                continue;
            }

            switch (kind)
            {
                case Quote:
                    inString = true;
                    break;
                case Open:
                    nested++;
                    break;
                case Close when nested == 0:
                    position = i + 1;
                    scan._nested = 0;
                    scan._inString = false;
                    return true;
                case Close:
                    nested--;
                    break;
            }
        }

        position = utf8.Length;
        scan._nested = nested;
        scan._inString = inString;
        return false;
    }
}
