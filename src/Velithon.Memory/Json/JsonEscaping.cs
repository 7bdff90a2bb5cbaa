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

    /// <summary>
    /// Escapes the first unit of <paramref name="value"/> (which is not allowed as is), or the surrogate pair it starts,
    /// into <paramref name="destination"/> (at least <see cref="MaxBytesPerStep"/> bytes).
    /// </summary>
    /// <returns>The UTF-16 units consumed.</returns>
    public static int EscapeNext(ReadOnlySpan<char> value, Span<byte> destination, out int written)
    {
        char c = value[0];
        switch (c)
        {
            case '\n': return Short((byte)'n', destination, out written);
            case '\r': return Short((byte)'r', destination, out written);
            case '\t': return Short((byte)'t', destination, out written);
            case '\\': return Short((byte)'\\', destination, out written);
            case '\b': return Short((byte)'b', destination, out written);
            case '\f': return Short((byte)'f', destination, out written);
        }

        if (char.IsHighSurrogate(c))
        {
            if (value.Length > 1 && char.IsLowSurrogate(value[1]))
            {
                WriteUnicodeEscape(c, destination);
                WriteUnicodeEscape(value[1], destination[6..]);
                written = 12;
                return 2;
            }

            c = '\uFFFD';
        }
        else if (char.IsLowSurrogate(c))
        {
            c = '\uFFFD';
        }

        WriteUnicodeEscape(c, destination);
        written = 6;
        return 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Short(byte letter, Span<byte> destination, out int written)
    {
        destination[1] = letter;
        destination[0] = (byte)'\\';
        written = 2;
        return 1;
    }

    private static void WriteUnicodeEscape(char c, Span<byte> destination)
    {
        destination[5] = Hex(c & 0xF);
        destination[4] = Hex((c >> 4) & 0xF);
        destination[3] = Hex((c >> 8) & 0xF);
        destination[2] = Hex(c >> 12);
        destination[1] = (byte)'u';
        destination[0] = (byte)'\\';
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'A' - 10 + nibble);

    /// <summary>Narrows ASCII chars that need no escaping (the caller checked) to bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Narrow(ReadOnlySpan<char> ascii, Span<byte> destination) => Ascii.FromUtf16(ascii, destination, out _);
}
