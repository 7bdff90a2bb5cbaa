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
public ref partial struct JsonFastReader
{
    // The fast path recurses once per nesting level, as ReadJson does; beyond this it leaves the input to ReadJson. It
    // also gives up where the thread's stack could not hold another level (TryStartObject, TryStartArray): ReadJson then
    // fails with its error for that, or reads the document if its own frames fit.
    private const int DepthCap = 256;

    private static readonly SearchValues<byte> StringSpecial = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"u8);

    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\n\r"u8);

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
    /// comparing the input with the member expected next (members usually arrive in declaration order): as one run of
    /// bytes when the JSON has no whitespace there, otherwise by its quoted name.
    /// </summary>
    /// <param name="first"><see langword="true"/> before the first member; set to <see langword="false"/>.</param>
    /// <param name="expected">
    /// The expected member as compact JSON writes it up to its value: <c>"id":</c> for the first member of the object,
    /// <c>,"id":</c> for any other (the run only matches when it starts with a comma exactly when a member came before).
    /// The name holds no quote, backslash or control character. Empty for none.
    /// </param>
    /// <param name="name">The name's bytes as written (empty when the expected name matched).</param>
    /// <returns>2: the expected member follows; 1: another member follows; 0: the object ended; -1: leave the document to the full reader.</returns>
    public int NextMember(ref bool first, ReadOnlySpan<byte> expected, out ReadOnlySpan<byte> name)
    {
        name = default;
        if (expected.Length != 0 && (expected[0] == (byte)',') != first && _json[_position..].StartsWith(expected))
        {
            // The separator, the quoted name and the colon in one comparison: what the steps below accept for it.
            _position += expected.Length;
            first = false;
            return 2;
        }

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

        // The quoted name inside the expected run (after its comma, before its colon), when there is whitespace.
        ReadOnlySpan<byte> quoted = expected.IsEmpty ? default : expected[(expected[0] == (byte)',' ? 1 : 0)..^1];
        if (quoted.Length != 0 && _json[_position..].StartsWith(quoted))
        {
            // The expected name holds no quote or escape, so its closing quote ends the token.
            _position += quoted.Length;
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
        // Every whitespace byte is at most ' ': one compare passes the token of compact JSON.
        ReadOnlySpan<byte> json = _json;
        int position = _position;
        if ((uint)position < (uint)json.Length && json[position] <= (byte)' ')
        {
            _position = SkipWhitespaceFrom(json, position);
        }
    }

    // Pretty-printed JSON: one space after a colon, or a line break and indentation that grows with the depth (most of
    // an indented document's bytes), skipped a vector at a time.
    private static int SkipWhitespaceFrom(ReadOnlySpan<byte> json, int position)
    {
        int next = position + 1;
        if ((uint)next < (uint)json.Length && json[next] > (byte)' ' && json[position] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            return next;
        }

        int length = json[position..].IndexOfAnyExcept(Whitespace);
        return length < 0 ? json.Length : position + length;
    }
}
