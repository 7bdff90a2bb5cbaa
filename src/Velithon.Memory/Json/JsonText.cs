using System.Buffers;
using System.Runtime.CompilerServices;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Velithon.Json;

/// <summary>
/// The text primitives both readers share (<see cref="JsonRead"/> and <see cref="JsonFastReader"/>): hex and decimal
/// digits and JSON unescaping.
/// </summary>
internal static class JsonText
{
    // Hex digit values; 0xFF for anything else.
    private static ReadOnlySpan<byte> HexValues =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    ];

    // count hex digits at s[at..]; bad gets every digit's value OR-ed in, so above 0xF means one was not a hex digit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Hex(ReadOnlySpan<byte> s, int at, int count, out int bad)
    {
        ReadOnlySpan<byte> values = HexValues;
        uint result = 0;
        int or = 0;
        foreach (byte digit in s.Slice(at, count))
        {
            int v = values[digit];
            or |= v;
            result = (result << 4) | (uint)v;
        }

        bad = or;
        return result;
    }

    // Four hex digits at text[start..] (a \u escape's), or false if there are fewer or one is not a hex digit.
    internal static bool TryHex4(ReadOnlySpan<byte> text, int start, out int value)
    {
        if ((uint)start > (uint)text.Length || text.Length - start < 4)
        {
            value = 0;
            return false;
        }

        value = (int)Hex(text, start, 4, out int bad);
        return bad <= 0xF;
    }

    // Two decimal digits at s[at] and s[at + 1] (the caller has checked that both exist).
    internal static bool TwoDigits(ReadOnlySpan<byte> s, int at, out int value)
    {
        int high = s[at] - '0';
        int low = s[at + 1] - '0';
        value = (high * 10) + low;
        return (uint)high <= 9 && (uint)low <= 9;
    }

    // A short unsigned decimal field (a year, a month) as an int, or false if a byte is not a digit.
    internal static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (byte b in digits)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    // Decodes the JSON escapes of a string the reader has already checked for escape syntax, in place (the decoded form
    // is never longer). Raw bytes are copied as they are, without UTF-8 validation; a \u escape of a lone surrogate
    // (or a high surrogate not followed by a \u low surrogate) fails, as System.Text.Json's unescaping does.
    internal static bool TryUnescapeInPlace(Span<byte> text, out int written)
    {
        int read = 0;
        written = 0;
        while (read < text.Length)
        {
            // The bytes up to the next backslash move as one block (memmove: the write never overtakes the read).
            int plain = text[read..].IndexOf((byte)'\\');
            if (plain != 0)
            {
                int count = plain < 0 ? text.Length - read : plain;
                if (written != read)
                {
                    text.Slice(read, count).CopyTo(text[written..]);
                }

                read += count;
                written += count;
                continue;
            }

            if (read + 1 >= text.Length)
            {
                return false;
            }

            byte escape = text[read + 1];
            read += 2;
            switch (escape)
            {
                case (byte)'"':
                case (byte)'\\':
                case (byte)'/':
                    text[written++] = escape;
                    break;
                case (byte)'b':
                    text[written++] = (byte)'\b';
                    break;
                case (byte)'f':
                    text[written++] = (byte)'\f';
                    break;
                case (byte)'n':
                    text[written++] = (byte)'\n';
                    break;
                case (byte)'r':
                    text[written++] = (byte)'\r';
                    break;
                case (byte)'t':
                    text[written++] = (byte)'\t';
                    break;
                case (byte)'u':
                    if (!TryHex4(text, read, out int scalar))
                    {
                        return false;
                    }

                    read += 4;
                    if (char.IsLowSurrogate((char)scalar))
                    {
                        return false;
                    }

                    if (char.IsHighSurrogate((char)scalar))
                    {
                        if (read + 6 > text.Length || text[read] != (byte)'\\' || text[read + 1] != (byte)'u'
                            || !TryHex4(text, read + 2, out int low) || !char.IsLowSurrogate((char)low))
                        {
                            return false;
                        }

                        read += 6;
                        scalar = char.ConvertToUtf32((char)scalar, (char)low);
                    }

                    // At most 4 bytes from at least 6 read: the write never overtakes the read.
                    written += new Rune(scalar).EncodeToUtf8(text[written..]);
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    // Valid UTF-8 to a string in one validating pass (the BCL's GetString counts, then decodes, and replaces what is
    // invalid); false for invalid UTF-8. UTF-16 never needs more units than UTF-8 has bytes.
    internal static bool TryDecodeUtf8(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? value)
    {
        char[]? rented = null;
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
        try
        {
            if (Utf8.ToUtf16(utf8, chars, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                value = null;
                return false;
            }

            value = new string(chars[..written]);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
