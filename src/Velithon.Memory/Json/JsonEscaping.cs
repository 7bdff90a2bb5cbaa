using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Velithon.Json;

/// <summary>
/// String escaping exactly as System.Text.Json does with <c>JavaScriptEncoder.Default</c>: printable ASCII passes
/// except the HTML-sensitive <c>" &amp; ' + &lt; &gt; `</c> and <c>\</c>; <c>\b \t \n \f \r \\</c> use the short forms;
/// everything else (controls, DEL, all non-ASCII) becomes <c>\uXXXX</c> with uppercase hex, surrogate pairs as two
/// escapes, and a lone surrogate as <c>\uFFFD</c> (STJ replaces it rather than throwing).
/// </summary>
internal static class JsonEscaping
{
    /// <summary>The most UTF-8 bytes one escaped UTF-16 unit (or a surrogate pair) produces.</summary>
    public const int MaxBytesPerStep = 12;

    private const string AllowedAscii =
        " !#$%()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~";

    public static readonly SearchValues<char> AllowedChars = SearchValues.Create(AllowedAscii);

    // AllowedAscii as two bit masks (characters 0-63 and 64-127), for the short-string loop of IsAllowed.
    private const ulong AllowedLow = 0xAFFF_F73B_0000_0000;
    private const ulong AllowedHigh = 0x7FFF_FFFE_EFFF_FFFF;

    /// <summary>Whether <paramref name="c"/> is written as it is (one of <see cref="AllowedChars"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAllowed(char c) => c < 128 && (((c < 64 ? AllowedLow : AllowedHigh) >> (c & 63)) & 1) != 0;

    /// <summary>
    /// Escapes a run of units of <paramref name="value"/> that are not allowed as they are (the first one is not),
    /// stopping before the first allowed unit, at the end, or when <paramref name="destination"/> has less than
    /// <see cref="MaxBytesPerStep"/> bytes left. A surrogate pair is escaped as two <c>\uXXXX</c>, a lone surrogate as
    /// <c>\uFFFD</c>.
    /// </summary>
    /// <returns>The UTF-16 units consumed (at least one when <paramref name="destination"/> holds a step).</returns>
    public static int EscapeRun(ReadOnlySpan<char> value, Span<byte> destination, out int written)
    {
        int read = 0;
        int at = 0;
        while (read < value.Length && destination.Length - at >= MaxBytesPerStep)
        {
            char c = value[read];
            if (AllowedChars.Contains(c))
            {
                break;
            }

            read++;
            switch (c)
            {
                case '\n': at = Short((byte)'n', destination, at); continue;
                case '\r': at = Short((byte)'r', destination, at); continue;
                case '\t': at = Short((byte)'t', destination, at); continue;
                case '\\': at = Short((byte)'\\', destination, at); continue;
                case '\b': at = Short((byte)'b', destination, at); continue;
                case '\f': at = Short((byte)'f', destination, at); continue;
            }

            if (char.IsHighSurrogate(c))
            {
                if (read < value.Length && char.IsLowSurrogate(value[read]))
                {
                    WriteUnicodeEscape(c, destination, at);
                    WriteUnicodeEscape(value[read], destination, at + 6);
                    at += 12;
                    read++;
                    continue;
                }

                c = '\uFFFD';
            }
            else if (char.IsLowSurrogate(c))
            {
                c = '\uFFFD';
            }

            WriteUnicodeEscape(c, destination, at);
            at += 6;
        }

        written = at;
        return read;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Short(byte letter, Span<byte> destination, int at)
    {
        destination[at + 1] = letter;
        destination[at] = (byte)'\\';
        return at + 2;
    }

    private static void WriteUnicodeEscape(char c, Span<byte> destination, int at)
    {
        ReadOnlySpan<byte> hex = "0123456789ABCDEF"u8;
        Span<byte> escape = destination.Slice(at, 6);
        escape[5] = hex[c & 0xF];
        escape[4] = hex[(c >> 4) & 0xF];
        escape[3] = hex[(c >> 8) & 0xF];
        escape[2] = hex[c >> 12];
        escape[1] = (byte)'u';
        escape[0] = (byte)'\\';
    }

    /// <summary>Narrows ASCII chars that need no escaping (the caller checked) to bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Narrow(ReadOnlySpan<char> ascii, Span<byte> destination) => Ascii.FromUtf16(ascii, destination, out _);
}
