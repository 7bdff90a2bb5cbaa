using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Velithon.Json;

public ref partial struct JsonFastReader
{
    /// <summary>Reads a JSON string or <c>null</c>; the string must be valid UTF-8 after unescaping.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryString(out string? value)
    {
        value = null;
        if (TryReadNull())
        {
            return true;
        }

        if (!TryStringBytes(out ReadOnlySpan<byte> raw, out bool escaped, out int end))
        {
            return false;
        }

        if (!escaped)
        {
            // ASCII (the common case) needs no UTF-8 validation and widens straight to UTF-16.
            if (Ascii.IsValid(raw))
            {
                value = Encoding.Latin1.GetString(raw);
            }
            else if (!JsonText.TryDecodeUtf8(raw, out value))
            {
                return false;
            }
        }
        else if (!TryUnescapedString(raw, null, out value))
        {
            return false;
        }

        _position = end;
        return true;
    }

    /// <summary>
    /// Reads a JSON string that has no escapes as its raw bytes, for comparing with known text (enum names). The bytes
    /// are not checked to be valid UTF-8: only an exact match with valid text may be trusted.
    /// </summary>
    /// <param name="utf8">The bytes between the quotes.</param>
    /// <returns>Whether it was read (not for <c>null</c>, another token, or a string with escapes).</returns>
    public bool TryRawString(out ReadOnlySpan<byte> utf8)
    {
        if (!TryStringBytes(out utf8, out bool escaped, out int end) || escaped)
        {
            utf8 = default;
            return false;
        }

        _position = end;
        return true;
    }

    /// <summary>Reads a JSON string or <c>null</c> through <see cref="VelithonJsonOptions.Interner"/>.</summary>
    /// <param name="options">The options whose interner is used.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryInternedString(VelithonJsonOptions options, out string? value)
    {
        ArgumentNullException.ThrowIfNull(options);
        value = null;
        if (TryReadNull())
        {
            return true;
        }

        if (!TryStringBytes(out ReadOnlySpan<byte> raw, out bool escaped, out int end))
        {
            return false;
        }

        if (!escaped)
        {
            if (!Utf8.IsValid(raw))
            {
                return false;
            }

            value = options.Interner.InternUtf8(raw);
        }
        else if (!TryUnescapedString(raw, options, out value))
        {
            return false;
        }

        _position = end;
        return true;
    }

    /// <summary>Reads a <see cref="System.Guid"/> from a string of exactly 36 characters (format <c>D</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryGuid(out Guid value)
    {
        value = default;
        int start = SkipWhitespaceAndGet();
        ReadOnlySpan<byte> s = _json[start..];
        if (s.Length < 38 || s[0] != (byte)'"' || s[37] != (byte)'"'
            || s[9] != (byte)'-' || s[14] != (byte)'-' || s[19] != (byte)'-' || s[24] != (byte)'-')
        {
            return false;
        }

        // Format D, hex digits of either case: what Utf8Parser (and so Utf8JsonReader.TryGetGuid) accepts at this length.
        uint a = JsonText.Hex(s, 1, 8, out int bad);
        uint b = JsonText.Hex(s, 10, 4, out int bad1);
        uint c = JsonText.Hex(s, 15, 4, out int bad2);
        uint d = JsonText.Hex(s, 20, 4, out int bad3);
        ulong e = ((ulong)JsonText.Hex(s, 25, 4, out int bad4) << 32) | JsonText.Hex(s, 29, 8, out int bad5);
        if ((bad | bad1 | bad2 | bad3 | bad4 | bad5) > 0xF)
        {
            return false;
        }

        value = new Guid(
            a, (ushort)b, (ushort)c, (byte)(d >> 8), (byte)d,
            (byte)(e >> 40), (byte)(e >> 32), (byte)(e >> 24), (byte)(e >> 16), (byte)(e >> 8), (byte)e);
        _position = start + 38;
        return true;
    }

    // A string token at the current position: its bytes between the quotes, whether they hold escapes, and the
    // position after the closing quote. Raw control characters (invalid JSON) and a missing end fail.
    private bool TryStringBytes(out ReadOnlySpan<byte> raw, out bool escaped, out int end)
    {
        raw = default;
        escaped = false;
        end = 0;
        if (Peek() != (byte)'"')
        {
            return false;
        }

        int contentStart = _position + 1;
        int at = contentStart;
        while (true)
        {
            int found = _json[at..].IndexOfAny(StringSpecial);
            if (found < 0)
            {
                return false;
            }

            at += found;
            byte special = _json[at];
            if (special == (byte)'"')
            {
                break;
            }

            if (special != (byte)'\\' || at + 1 >= _json.Length)
            {
                return false;
            }

            // Skip the escaped byte (an escaped quote or backslash must not end the scan); the escapes themselves are
            // checked when unescaping.
            escaped = true;
            at += 2;
        }

        raw = _json[contentStart..at];
        end = at + 1;
        return true;
    }

    // Whether an escaped string's content unescapes to valid UTF-8 (no lone surrogates, known escapes only).
    private static bool IsValidEscapedString(ReadOnlySpan<byte> raw) => TryUnescape(raw, materialize: false, null, out _);

    private static bool TryUnescapedString(ReadOnlySpan<byte> raw, VelithonJsonOptions? interning, out string? value) =>
        TryUnescape(raw, materialize: true, interning, out value);

    // Unescapes a copy of raw and checks it is valid UTF-8; with materialize, also makes the string (through the
    // options' interner when given).
    private static bool TryUnescape(ReadOnlySpan<byte> raw, bool materialize, VelithonJsonOptions? interning, out string? value)
    {
        value = null;
        byte[]? rented = null;
        Span<byte> buffer = raw.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            Span<byte> text = buffer[..raw.Length];
            raw.CopyTo(text);
            if (!JsonText.TryUnescapeInPlace(text, out int written))
            {
                return false;
            }

            ReadOnlySpan<byte> utf8 = text[..written];
            if (materialize && interning is null)
            {
                return JsonText.TryDecodeUtf8(utf8, out value);
            }

            if (!Utf8.IsValid(utf8))
            {
                return false;
            }

            if (materialize)
            {
                value = interning!.Interner.InternUtf8(utf8);
            }

            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
