using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Velithon.Json;

/// <summary>
/// The optimistic reader behind generated <c>TryReadJsonFast</c> methods: a forward-only cursor over one contiguous
/// UTF-8 document that reads the common shapes (plain property names, numbers, literals, strings, ISO dates) without
/// <see cref="System.Text.Json.Utf8JsonReader"/>. It never throws and never reports errors: every method returns
/// <see langword="false"/> (or <c>-1</c>) as soon as the input is anything it does not handle exactly as
/// System.Text.Json does (invalid JSON, an escaped name, a number as a string, an unusual number or date form, a depth
/// at the limit, ...), and <see cref="VelithonJson"/> then reads the whole document again with the
/// <see cref="System.Text.Json.Utf8JsonReader"/>-based <c>ReadJson</c>, which gives the value or the exact error.
/// So what it accepts, it reads to the same value as System.Text.Json; what it does not, costs one wasted pass.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Method names are the CLR type they read, as in JsonRead.")]
public ref struct JsonFastReader
{
    // The fast path recurses once per nesting level, as ReadJson does; beyond this it leaves the input to ReadJson. It
    // also gives up where the thread's stack could not hold another level (TryStartObject, TryStartArray): ReadJson then
    // fails with its error for that, or reads the document if its own frames fit.
    private const int DepthCap = 256;

    private static readonly SearchValues<byte> StringSpecial = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"u8);

    private readonly ReadOnlySpan<byte> _json;
    private readonly int _maxDepth;
    private int _position;
    private int _depth;

    /// <summary>Creates a reader at the start of <paramref name="utf8"/>.</summary>
    /// <param name="utf8">The whole document.</param>
    /// <param name="maxDepth">The nesting limit; an object or array that would reach it is left to the full reader.</param>
    public JsonFastReader(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        _json = utf8;
        _maxDepth = Math.Min(maxDepth, DepthCap);
    }

    /// <summary>Gets the number of bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Skips whitespace; <see langword="true"/> when nothing else is left.</summary>
    /// <returns>Whether the document ends here.</returns>
    public bool AtEnd()
    {
        SkipWhitespace();
        return _position == _json.Length;
    }

    /// <summary>Reads <c>{</c>.</summary>
    /// <returns><see langword="false"/> for anything else, at the depth limit, or when the thread's stack could not hold another level.</returns>
    public bool TryStartObject()
    {
        if (Peek() != (byte)'{' || _depth >= _maxDepth || !JsonStack.HasRoomAt(_depth))
        {
            return false;
        }

        _position++;
        _depth++;
        return true;
    }

    /// <summary>
    /// Moves to the next member of the object: reads <c>,</c> (except before the first member), the name and <c>:</c>,
    /// or the closing <c>}</c>.
    /// </summary>
    /// <param name="first"><see langword="true"/> before the first member; set to <see langword="false"/>.</param>
    /// <param name="name">The name's bytes as written (only names without escapes are read here).</param>
    /// <returns>1: a member follows; 0: the object ended; -1: leave the document to the full reader.</returns>
    public int NextMember(ref bool first, out ReadOnlySpan<byte> name) => NextMember(ref first, default, out name);

    /// <summary>
    /// Moves to the next member of the object as <see cref="NextMember(ref bool, out ReadOnlySpan{byte})"/> does, first
    /// comparing the name with the one expected next (members usually arrive in declaration order).
    /// </summary>
    /// <param name="first"><see langword="true"/> before the first member; set to <see langword="false"/>.</param>
    /// <param name="expected">
    /// The expected name with its quotes (<c>"id"</c>), holding no quote, backslash or control character; empty for none.
    /// </param>
    /// <param name="name">The name's bytes as written (empty when the expected name matched).</param>
    /// <returns>2: the expected member follows; 1: another member follows; 0: the object ended; -1: leave the document to the full reader.</returns>
    public int NextMember(ref bool first, ReadOnlySpan<byte> expected, out ReadOnlySpan<byte> name)
    {
        name = default;
        byte next = Peek();
        if (next == (byte)'}')
        {
            // The end of an empty object or after a member ('}' after a trailing comma is not seen here: it fails below).
            _position++;
            _depth--;
            return 0;
        }

        if (!first)
        {
            if (next != (byte)',')
            {
                return -1;
            }

            _position++;
            next = Peek();
        }

        first = false;
        if (next != (byte)'"')
        {
            return -1;
        }

        if (expected.Length != 0 && _json[_position..].StartsWith(expected))
        {
            // The expected name holds no quote or escape, so its closing quote ends the token.
            _position += expected.Length;
            if (Peek() != (byte)':')
            {
                return -1;
            }

            _position++;
            return 2;
        }

        ReadOnlySpan<byte> rest = _json[(_position + 1)..];
        int end = rest.IndexOfAny(StringSpecial);
        if (end < 0 || rest[end] != (byte)'"')
        {
            return -1;
        }

        name = rest[..end];
        _position += end + 2;
        if (Peek() != (byte)':')
        {
            return -1;
        }

        _position++;
        return 1;
    }

    /// <summary>
    /// Skips one JSON value of any kind (an unknown member's), checking it as strictly as
    /// <see cref="System.Text.Json.Utf8JsonReader"/> does or more: escaped names, strings that are not valid UTF-8 after
    /// unescaping, and the depth limit leave the document to the full reader.
    /// </summary>
    /// <returns>Whether the value was skipped.</returns>
    public bool TrySkipValue()
    {
        switch (Peek())
        {
            case (byte)'"':
                {
                    if (!TryStringBytes(out ReadOnlySpan<byte> raw, out bool escaped, out int end)
                        || (escaped ? !IsValidEscapedString(raw) : !Utf8.IsValid(raw)))
                    {
                        return false;
                    }

                    _position = end;
                    return true;
                }

            case (byte)'{':
                {
                    if (!TryStartObject())
                    {
                        return false;
                    }

                    bool first = true;
                    while (true)
                    {
                        int next = NextMember(ref first, out _);
                        if (next <= 0)
                        {
                            return next == 0;
                        }

                        if (!TrySkipValue())
                        {
                            return false;
                        }
                    }
                }

            case (byte)'[':
                {
                    if (!TryStartArray())
                    {
                        return false;
                    }

                    bool first = true;
                    while (true)
                    {
                        int next = NextElement(ref first);
                        if (next <= 0)
                        {
                            return next == 0;
                        }

                        if (!TrySkipValue())
                        {
                            return false;
                        }
                    }
                }

            case (byte)'t':
            case (byte)'f':
                return TryBoolean(out _);
            case (byte)'n':
                return TryReadNull();
            default:
                {
                    // A number (what follows it is checked by the caller's next step, as after any value).
                    if (!TryNumber(_position, out NumberShape shape))
                    {
                        return false;
                    }

                    _position = shape.End;
                    return true;
                }
        }
    }

    /// <summary>Reads a nested <c>[VelithonJson]</c> object through its fast path.</summary>
    /// <typeparam name="T">The object's type.</typeparam>
    /// <param name="options">The options.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryObject<T>(VelithonJsonOptions options, [MaybeNullWhen(false)] out T value)
        where T : IVelithonJson<T> =>
        T.TryReadJsonFast(ref this, options, out value);

    /// <summary>Reads <c>[</c>.</summary>
    /// <returns><see langword="false"/> for anything else, at the depth limit, or when the thread's stack could not hold another level.</returns>
    public bool TryStartArray()
    {
        if (Peek() != (byte)'[' || _depth >= _maxDepth || !JsonStack.HasRoomAt(_depth))
        {
            return false;
        }

        _position++;
        _depth++;
        return true;
    }

    /// <summary>Moves to the next element: reads <c>,</c> (except before the first element) or the closing <c>]</c>.</summary>
    /// <param name="first"><see langword="true"/> before the first element; set to <see langword="false"/>.</param>
    /// <returns>1: an element follows; 0: the array ended; -1: leave the document to the full reader.</returns>
    public int NextElement(ref bool first)
    {
        byte next = Peek();
        if (next == (byte)']')
        {
            _position++;
            _depth--;
            return 0;
        }

        if (!first)
        {
            if (next != (byte)',')
            {
                return -1;
            }

            _position++;
        }

        first = false;
        return 1;
    }

    /// <summary>Reads <c>null</c> if it is next.</summary>
    /// <returns>Whether the value was <c>null</c> (and was consumed).</returns>
    public bool TryReadNull()
    {
        if (Peek() == (byte)'n' && _json[_position..].StartsWith("null"u8))
        {
            _position += 4;
            return true;
        }

        return false;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryBoolean(out bool value)
    {
        byte next = Peek();
        ReadOnlySpan<byte> rest = _json[_position..];
        if (next == (byte)'t' && rest.StartsWith("true"u8))
        {
            _position += 4;
            value = true;
            return true;
        }

        if (next == (byte)'f' && rest.StartsWith("false"u8))
        {
            _position += 5;
            value = false;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>Reads a JSON integer (no fraction, no exponent, at most 10 digits) in the range of <see cref="int"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryInt32(out int value)
    {
        value = 0;
        int start = SkipWhitespaceAndGet();
        if (!TryInteger(start, 10, out ulong magnitude, out bool negative, out int end))
        {
            return false;
        }

        long signed = negative ? -(long)magnitude : (long)magnitude;
        if (signed is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        value = (int)signed;
        _position = end;
        return true;
    }

    /// <summary>Reads a JSON integer (no fraction, no exponent) in the range of <see cref="long"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryInt64(out long value)
    {
        value = 0;
        int start = SkipWhitespaceAndGet();

        // 19 digits cannot wrap a ulong; the magnitude may then be one more than long.MaxValue when negative.
        if (!TryInteger(start, 19, out ulong magnitude, out bool negative, out int end)
            || magnitude > (negative ? (ulong)long.MaxValue + 1 : long.MaxValue))
        {
            return false;
        }

        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        _position = end;
        return true;
    }

    /// <summary>Reads a JSON integer (no sign) in the range of <see cref="byte"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryByte(out byte value)
    {
        bool read = TryUnsigned(3, byte.MaxValue, out ulong result);
        value = (byte)result;
        return read;
    }

    /// <summary>Reads a JSON integer in the range of <see cref="sbyte"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TrySByte(out sbyte value)
    {
        bool read = TrySmallInteger(sbyte.MinValue, sbyte.MaxValue, 3, out int result);
        value = (sbyte)result;
        return read;
    }

    /// <summary>Reads a JSON integer in the range of <see cref="short"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryInt16(out short value)
    {
        bool read = TrySmallInteger(short.MinValue, short.MaxValue, 5, out int result);
        value = (short)result;
        return read;
    }

    /// <summary>Reads a JSON integer (no sign) in the range of <see cref="ushort"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryUInt16(out ushort value)
    {
        bool read = TryUnsigned(5, ushort.MaxValue, out ulong result);
        value = (ushort)result;
        return read;
    }

    /// <summary>Reads a JSON integer (no sign, at most 10 digits) in the range of <see cref="uint"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryUInt32(out uint value)
    {
        bool read = TryUnsigned(10, uint.MaxValue, out ulong result);
        value = (uint)result;
        return read;
    }

    /// <summary>Reads a JSON integer (no sign) in the range of <see cref="ulong"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryUInt64(out ulong value) => TryUnsigned(20, ulong.MaxValue, out value);

    /// <summary>Reads a JSON number as a <see cref="float"/>, rounded as System.Text.Json rounds it.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TrySingle(out float value)
    {
        value = 0;
        int start = SkipWhitespaceAndGet();
        if (!TryNumber(start, out NumberShape shape))
        {
            return false;
        }

        // Rounded from the decimal digits straight to float (parsing to double first would round twice); beyond the
        // float range it is an infinity, as Utf8JsonReader.TryGetSingle reads it.
        if (!TryComposeSingle(in shape, out value)
            && (!Utf8Parser.TryParse(_json[start..shape.End], out value, out int consumed, shape.HasExponent ? 'e' : default)
                || consumed != shape.End - start))
        {
            return false;
        }

        _position = shape.End;
        return true;
    }

    /// <summary>Reads a JSON number as a <see cref="double"/>, rounded as System.Text.Json rounds it.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryDouble(out double value)
    {
        value = 0;
        int start = SkipWhitespaceAndGet();
        if (!TryNumber(start, out NumberShape shape))
        {
            return false;
        }

        // STJ's values: correctly rounded, as double.Parse; a number beyond the double range is an infinity
        // (Utf8JsonReader.TryGetDouble reads it so).
        if (!TryComposeDouble(in shape, out value)
            && (!Utf8Parser.TryParse(_json[start..shape.End], out value, out int consumed, shape.HasExponent ? 'e' : default)
                || consumed != shape.End - start))
        {
            return false;
        }

        _position = shape.End;
        return true;
    }

    // The digits and exponent to a double without the text, or false where only the BCL's full parse can decide.
    private static bool TryComposeDouble(in NumberShape shape, out double value)
    {
        if (shape.Digits <= 19)
        {
            return DoubleParser.TryCompose(shape.Mantissa, PowerOfTen(in shape, 0), shape.Negative, out value);
        }

        // Only the first 19 digits are held: the number lies between them and them plus one unit of the last one, and
        // when both ends round to the same double so does everything between.
        int truncated = PowerOfTen(in shape, shape.Digits - 19);
        return DoubleParser.TryCompose(shape.Mantissa, truncated, shape.Negative, out value)
            && DoubleParser.TryCompose(shape.Mantissa + 1, truncated, shape.Negative, out double upper)
            && BitConverter.DoubleToUInt64Bits(value) == BitConverter.DoubleToUInt64Bits(upper);
    }

    // As TryComposeDouble, for float.
    private static bool TryComposeSingle(in NumberShape shape, out float value)
    {
        if (shape.Digits <= 19)
        {
            return DoubleParser.TryComposeSingle(shape.Mantissa, PowerOfTen(in shape, 0), shape.Negative, out value);
        }

        int truncated = PowerOfTen(in shape, shape.Digits - 19);
        return DoubleParser.TryComposeSingle(shape.Mantissa, truncated, shape.Negative, out value)
            && DoubleParser.TryComposeSingle(shape.Mantissa + 1, truncated, shape.Negative, out float upper)
            && BitConverter.SingleToUInt32Bits(value) == BitConverter.SingleToUInt32Bits(upper);
    }

    // The power of ten of the held mantissa (with `dropped` digits after it not held). The exponent can be as long as
    // the text; far outside [-342, 308] every value is zero or infinity anyway, so it is clamped well beyond that.
    private static int PowerOfTen(in NumberShape shape, int dropped) =>
        (int)Math.Clamp((long)shape.Exponent - shape.FractionDigits + dropped, -100_000, 100_000);

    /// <summary>Reads a JSON number as a <see cref="decimal"/> (trailing zeros of the fraction kept, as System.Text.Json keeps them).</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryDecimal(out decimal value)
    {
        value = 0;
        int start = SkipWhitespaceAndGet();
        if (!TryNumber(start, out NumberShape shape))
        {
            return false;
        }

        if (!shape.HasExponent && shape.Digits <= 18 && shape.Mantissa != 0)
        {
            value = new decimal((int)shape.Mantissa, (int)(shape.Mantissa >> 32), 0, shape.Negative, (byte)shape.FractionDigits);
        }
        else if (!Utf8Parser.TryParse(_json[start..shape.End], out value, out int consumed, shape.HasExponent ? 'e' : default)
            || consumed != shape.End - start)
        {
            return false;
        }

        _position = shape.End;
        return true;
    }

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
            else if (Utf8.IsValid(raw))
            {
                value = Encoding.UTF8.GetString(raw);
            }
            else
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
        uint a = Hex(s, 1, 8, out int bad);
        uint b = Hex(s, 10, 4, out int bad1);
        uint c = Hex(s, 15, 4, out int bad2);
        uint d = Hex(s, 20, 4, out int bad3);
        ulong e = ((ulong)Hex(s, 25, 4, out int bad4) << 32) | Hex(s, 29, 8, out int bad5);
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

    /// <summary>
    /// Reads a <see cref="System.DateTime"/> written <c>yyyy-MM-ddTHH:mm:ss</c>, optionally with 1 to 7 fraction digits and
    /// optionally <c>Z</c> (<see cref="DateTimeKind.Utc"/>; without it <see cref="DateTimeKind.Unspecified"/>), as
    /// System.Text.Json reads those forms. Offsets and other ISO 8601 forms are left to the full reader.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryDateTime(out DateTime value)
    {
        value = default;
        int start = SkipWhitespaceAndGet();
        ReadOnlySpan<byte> s = _json[start..];
        if (!TryClock(s, out long ticks, out int at))
        {
            return false;
        }

        DateTimeKind kind = DateTimeKind.Unspecified;
        if (at < s.Length && s[at] == (byte)'Z')
        {
            kind = DateTimeKind.Utc;
            at++;
        }

        if (at >= s.Length || s[at] != (byte)'"')
        {
            return false;
        }

        value = new DateTime(ticks, kind);
        _position = start + at + 1;
        return true;
    }

    /// <summary>
    /// Reads a <see cref="System.DateTimeOffset"/> written <c>yyyy-MM-ddTHH:mm:ss</c>, optionally with 1 to 7 fraction
    /// digits, then <c>Z</c> or <c>+hh:mm</c> / <c>-hh:mm</c>, as System.Text.Json reads those forms. No offset (which STJ
    /// reads as the local one), other offset forms and values out of range are left to the full reader.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryDateTimeOffset(out DateTimeOffset value)
    {
        value = default;
        int start = SkipWhitespaceAndGet();
        ReadOnlySpan<byte> s = _json[start..];
        if (!TryClock(s, out long ticks, out int at) || at >= s.Length)
        {
            return false;
        }

        int offsetMinutes = 0;
        if (s[at] == (byte)'Z')
        {
            at++;
        }
        else
        {
            if (at + 6 > s.Length || s[at] is not ((byte)'+' or (byte)'-') || s[at + 3] != (byte)':'
                || !TwoDigits(s, at + 1, out int hours) || !TwoDigits(s, at + 4, out int minutes) || minutes > 59)
            {
                return false;
            }

            offsetMinutes = (hours * 60) + minutes;
            if (offsetMinutes > 14 * 60)
            {
                return false;
            }

            if (s[at] == (byte)'-')
            {
                offsetMinutes = -offsetMinutes;
            }

            at += 6;
        }

        long utcTicks = ticks - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (at >= s.Length || s[at] != (byte)'"' || (ulong)utcTicks > (ulong)DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(ticks, TimeSpan.FromMinutes(offsetMinutes));
        _position = start + at + 1;
        return true;
    }

    // "yyyy-MM-ddTHH:mm:ss[.f{1,7}] (from the opening quote) to ticks; at is where the zone (or the closing quote) starts.
    private static bool TryClock(ReadOnlySpan<byte> s, out long ticks, out int at)
    {
        ticks = 0;
        at = 0;
        if (s.Length < 21 || s[0] != (byte)'"' || s[5] != (byte)'-' || s[8] != (byte)'-' || s[11] != (byte)'T'
            || s[14] != (byte)':' || s[17] != (byte)':'
            || !TwoDigits(s, 1, out int century) || !TwoDigits(s, 3, out int yearInCentury) || !TwoDigits(s, 6, out int month)
            || !TwoDigits(s, 9, out int day) || !TwoDigits(s, 12, out int hour) || !TwoDigits(s, 15, out int minute)
            || !TwoDigits(s, 18, out int second))
        {
            return false;
        }

        int year = (century * 100) + yearInCentury;
        if (year < 1 || (uint)(month - 1) > 11 || day < 1 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        // Days before the month, then the day checked against the month's length (February 29 only in leap years), as
        // DateTime's constructor checks them; the ticks are then built directly (4-digit years stay below MaxValue).
        ReadOnlySpan<ushort> daysToMonth = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0) ? DaysToMonth366 : DaysToMonth365;
        int daysBefore = daysToMonth[month - 1];
        if (day > daysToMonth[month] - daysBefore)
        {
            return false;
        }

        int y = year - 1;
        long days = ((long)y * 365) + (y / 4) - (y / 100) + (y / 400) + daysBefore + day - 1;
        ticks = (days * TimeSpan.TicksPerDay) + (((((hour * 60) + minute) * 60) + second) * TimeSpan.TicksPerSecond);

        at = 20;
        if (at < s.Length && s[at] == (byte)'.')
        {
            at++;
            int digits = 0;
            long fraction = 0;
            while (at < s.Length && char.IsAsciiDigit((char)s[at]))
            {
                if (++digits > 7)
                {
                    return false;
                }

                fraction = (fraction * 10) + (s[at] - '0');
                at++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (; digits < 7; digits++)
            {
                fraction *= 10;
            }

            ticks += fraction;
        }

        return true;
    }

    // Days before each month (and the year's total), as DateTime keeps them.
    private static readonly ushort[] DaysToMonth365 = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

    private static readonly ushort[] DaysToMonth366 = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366];

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
    private static uint Hex(ReadOnlySpan<byte> s, int at, int count, out int bad)
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

    // Whether an escaped string's content unescapes to valid UTF-8 (no lone surrogates, known escapes only).
    private static bool IsValidEscapedString(ReadOnlySpan<byte> raw)
    {
        byte[]? rented = null;
        Span<byte> buffer = raw.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            Span<byte> text = buffer[..raw.Length];
            raw.CopyTo(text);
            return JsonRead.TryUnescapeInPlace(text, out int written) && Utf8.IsValid(text[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Peek()
    {
        SkipWhitespace();

        // 0 is never the first byte of a token, so it stands for the end of the input too.
        return _position < _json.Length ? _json[_position] : (byte)0;
    }

    private int SkipWhitespaceAndGet()
    {
        SkipWhitespace();
        return _position;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SkipWhitespace()
    {
        ReadOnlySpan<byte> json = _json;
        int position = _position;
        while (position < json.Length && json[position] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            position++;
        }

        _position = position;
    }

    private static bool TwoDigits(ReadOnlySpan<byte> s, int at, out int value)
    {
        int high = s[at] - '0';
        int low = s[at + 1] - '0';
        value = (high * 10) + low;
        return (uint)high <= 9 && (uint)low <= 9;
    }

    private bool TrySmallInteger(int min, int max, int maxDigits, out int value)
    {
        value = 0;
        int start = SkipWhitespaceAndGet();
        if (!TryInteger(start, maxDigits, out ulong magnitude, out bool negative, out int end))
        {
            return false;
        }

        int signed = negative ? -(int)magnitude : (int)magnitude;
        if (signed < min || signed > max)
        {
            return false;
        }

        value = signed;
        _position = end;
        return true;
    }

    // Any minus sign (even "-0") gives up: the full reader decides what unsigned types make of it.
    private bool TryUnsigned(int maxDigits, ulong max, out ulong value)
    {
        value = 0;
        int start = SkipWhitespaceAndGet();
        if (!TryInteger(start, maxDigits, out ulong magnitude, out bool negative, out int end) || negative)
        {
            return false;
        }

        // Twenty digits may have wrapped around 2^64 while accumulating: compare the text with ulong.MaxValue's instead.
        if (end - start == 20 ? _json.Slice(start, 20).SequenceCompareTo("18446744073709551615"u8) > 0 : magnitude > max)
        {
            return false;
        }

        value = magnitude;
        _position = end;
        return true;
    }

    // -?(0|[1-9][0-9]*) with at most maxDigits digits, not followed by a fraction, an exponent or another digit.
    private readonly bool TryInteger(int start, int maxDigits, out ulong magnitude, out bool negative, out int end)
    {
        ReadOnlySpan<byte> json = _json;
        magnitude = 0;
        end = start;
        negative = end < json.Length && json[end] == (byte)'-';
        if (negative)
        {
            end++;
        }

        int first = end;
        while (end < json.Length && (uint)(json[end] - '0') <= 9)
        {
            magnitude = (magnitude * 10) + (uint)(json[end] - '0');
            end++;
        }

        int digits = end - first;
        if (digits == 0 || digits > maxDigits || (digits > 1 && json[first] == (byte)'0'))
        {
            return false;
        }

        return end == json.Length || json[end] is not ((byte)'.' or (byte)'e' or (byte)'E');
    }

    // The JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?. The mantissa holds the first 19 digits
    // (integer and fraction part together); Digits counts them all; Exponent is the explicit one (saturated).
    private readonly bool TryNumber(int start, out NumberShape shape)
    {
        ReadOnlySpan<byte> json = _json;
        shape = default;
        int at = start;
        if (at < json.Length && json[at] == (byte)'-')
        {
            shape.Negative = true;
            at++;
        }

        int first = at;
        ulong mantissa = 0;
        int digits = 0;
        while (at < json.Length && (uint)(json[at] - '0') <= 9)
        {
            if (++digits <= 19)
            {
                mantissa = (mantissa * 10) + (uint)(json[at] - '0');
            }

            at++;
        }

        if (at == first || (at - first > 1 && json[first] == (byte)'0'))
        {
            return false;
        }

        if (at < json.Length && json[at] == (byte)'.')
        {
            at++;
            int fractionStart = at;
            while (at < json.Length && (uint)(json[at] - '0') <= 9)
            {
                if (++digits <= 19)
                {
                    mantissa = (mantissa * 10) + (uint)(json[at] - '0');
                }

                at++;
            }

            if (at == fractionStart)
            {
                return false;
            }

            shape.FractionDigits = at - fractionStart;
        }

        if (at < json.Length && (json[at] | 0x20) == (byte)'e')
        {
            at++;
            bool negativeExponent = false;
            if (at < json.Length && json[at] is (byte)'+' or (byte)'-')
            {
                negativeExponent = json[at] == (byte)'-';
                at++;
            }

            int exponentStart = at;
            int exponent = 0;
            while (at < json.Length && (uint)(json[at] - '0') <= 9)
            {
                // Saturates: beyond a million every double is zero or infinity.
                if (exponent < 1_000_000)
                {
                    exponent = (exponent * 10) + (json[at] - '0');
                }

                at++;
            }

            if (at == exponentStart)
            {
                return false;
            }

            shape.HasExponent = true;
            shape.Exponent = negativeExponent ? -exponent : exponent;
        }

        shape.Mantissa = mantissa;
        shape.Digits = digits;
        shape.End = at;
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

    private static bool TryUnescapedString(ReadOnlySpan<byte> raw, VelithonJsonOptions? interning, out string? value)
    {
        value = null;
        byte[]? rented = null;
        Span<byte> buffer = raw.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            Span<byte> text = buffer[..raw.Length];
            raw.CopyTo(text);
            if (!JsonRead.TryUnescapeInPlace(text, out int written) || !Utf8.IsValid(text[..written]))
            {
                return false;
            }

            value = interning is null ? Encoding.UTF8.GetString(text[..written]) : interning.Interner.InternUtf8(text[..written]);
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

    private struct NumberShape
    {
        public bool Negative;
        public bool HasExponent;
        public int Exponent;
        public ulong Mantissa;
        public int Digits;
        public int FractionDigits;
        public int End;
    }
}
