using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json;

/// <summary>
/// The forward-only UTF-8 JSON writer that generated <c>WriteJson</c> methods write through. It writes straight into
/// spans of an <see cref="IBufferWriter{T}"/> without validating structure (the generated code is correct by
/// construction), and guards nesting depth so that cyclic object graphs fail instead of overflowing the stack.
/// </summary>
/// <remarks>Call <see cref="Flush"/> when done; until then the last bytes are not committed to the output.</remarks>
public ref partial struct VelithonJsonWriter
{
    private const int MinimumBufferSize = 256;
    private const int MaxNumberLength = 64;
    private const int MaxDateLength = 64;
    private const int MaxDirectChars = 4096;
    private const int ShortStringChars = 16;
    private const int Base64ChunkBytes = 3 * 1024;

    // Relaxed escaping goes through the BCL encoder in chunks of this many UTF-16 units (each escapes to 6 at most).
    private const int RelaxedChunkChars = 128;
    private const int MaxEscapedCharsPerChar = 6;

    // Default escaping reserves room for this many escaped UTF-16 units at a time (12 bytes each at most).
    private const int EscapeRunChars = 256;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _buffer;
    private int _position;
    private readonly int _maxDepth;
    private readonly bool _relaxedEscaping;
    private int _depth;
    private uint _doubleShortcutMisses;

    /// <summary>Creates a writer over <paramref name="output"/>.</summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="options">Limits (depth).</param>
    public VelithonJsonWriter(IBufferWriter<byte> output, VelithonJsonOptions options)
        : this(output, options, 0)
    {
    }

    /// <summary>A writer that continues at <paramref name="depth"/> (a value nested inside System.Text.Json's writer).</summary>
    internal VelithonJsonWriter(IBufferWriter<byte> output, VelithonJsonOptions options, int depth)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        _output = output;
        Options = options;
        _buffer = default;
        _position = 0;
        _depth = depth;
        _maxDepth = options.MaxDepth;
        _relaxedEscaping = options.RelaxedEscaping;
    }

    /// <summary>Gets the options the writer enforces.</summary>
    public VelithonJsonOptions Options { get; }

    /// <summary>Gets the output the writer commits to (custom converters write to it through a <see cref="Utf8JsonWriter"/> after a <see cref="Flush"/>).</summary>
    internal readonly IBufferWriter<byte> Output => _output;

    /// <summary>Gets the current nesting depth (0 outside any object or array).</summary>
    public readonly int CurrentDepth => _depth;

    /// <summary>Commits everything written so far to the output.</summary>
    public void Flush()
    {
        if (_position > 0)
        {
            _output.Advance(_position);
            _position = 0;
        }

        _buffer = default;
    }

    /// <summary>
    /// Writes <c>{</c> and enters one level of nesting. Generated <c>WriteJson</c> methods recurse once per nested
    /// object and start with this call, which also checks that the thread's stack can hold one more level (past the first
    /// 16 levels, <see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>): a deep or cyclic graph on a thread with a small
    /// stack fails with a <see cref="JsonException"/> instead of overflowing the stack, whatever the depth limit.
    /// </summary>
    /// <exception cref="JsonException">The depth limit is exceeded (a cycle, or a graph deeper than <see cref="VelithonJsonOptions.MaxDepth"/>),
    /// or the thread's stack cannot hold another level.</exception>
    public void WriteStartObject()
    {
        CheckValueDepth();
        if (!JsonStack.HasRoomAt(_depth))
        {
            ThrowInsufficientStack(_depth + 1, _maxDepth);
        }

        _depth++;
        WriteByte((byte)'{');
    }

    /// <summary>Writes <c>}</c> and leaves one level of nesting.</summary>
    public void WriteEndObject()
    {
        _depth--;
        WriteByte((byte)'}');
    }

    /// <summary>
    /// Writes <c>}</c> as System.Text.Json's indented writer does, and leaves one level of nesting: on a line of its own at
    /// the parent's indentation after members, right after <c>{</c> for an empty object.
    /// </summary>
    /// <param name="nonEmpty">Whether a member was written.</param>
    /// <param name="indentation">The type's indentation settings.</param>
    public void WriteEndObject(bool nonEmpty, JsonIndentation indentation)
    {
        _depth--;
        if (nonEmpty)
        {
            WriteNewLine(false, indentation);
        }

        WriteByte((byte)'}');
    }

    /// <summary>
    /// Writes <c>]</c> as System.Text.Json's indented writer does, and leaves one level of nesting: on a line of its own at
    /// the parent's indentation after elements, right after <c>[</c> for an empty array.
    /// </summary>
    /// <param name="nonEmpty">Whether an element was written.</param>
    /// <param name="indentation">The type's indentation settings.</param>
    public void WriteEndArray(bool nonEmpty, JsonIndentation indentation)
    {
        _depth--;
        if (nonEmpty)
        {
            WriteNewLine(false, indentation);
        }

        WriteByte((byte)']');
    }

    /// <summary>
    /// Writes what System.Text.Json's indented writer writes before a member or an element: <c>,</c> unless it is the
    /// first, the line break, and <see cref="JsonIndentation.IndentSize"/> indentation characters per level of the current
    /// depth. The member's <c>"name": </c> (one space after the colon) follows as a pre-encoded run.
    /// </summary>
    /// <param name="comma">Whether something was written before it in the same object or array.</param>
    /// <param name="indentation">The type's indentation settings.</param>
    public void WriteNewLine(bool comma, JsonIndentation indentation)
    {
        int indent = _depth * indentation.IndentSize;
        Span<byte> span = GetSpan(indent + 3);
        int length = 0;
        if (comma)
        {
            span[length++] = (byte)',';
        }

        if (indentation.CarriageReturn)
        {
            span[length++] = (byte)'\r';
        }

        span[length++] = (byte)'\n';
        span.Slice(length, indent).Fill(indentation.Character);
        _position += length + indent;
    }

    /// <summary>Writes <c>[</c> and enters one level of nesting.</summary>
    /// <exception cref="JsonException">The depth limit is exceeded.</exception>
    public void WriteStartArray()
    {
        Enter();
        WriteByte((byte)'[');
    }

    /// <summary>Writes <c>]</c> and leaves one level of nesting.</summary>
    public void WriteEndArray()
    {
        _depth--;
        WriteByte((byte)']');
    }

    /// <summary>Writes bytes that are already valid, escaped JSON (pre-encoded <c>"name":</c> runs, separators).</summary>
    /// <param name="utf8">The bytes.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteRaw(scoped ReadOnlySpan<byte> utf8)
    {
        Span<byte> destination = GetSpan(utf8.Length);
        utf8.CopyTo(destination);
        _position += utf8.Length;
    }

    /// <summary>
    /// Writes <c>null</c>. Unlike the other value writers it does not check the depth: System.Text.Json writes a null
    /// member value even at the depth limit.
    /// </summary>
    public void WriteNull() => WriteRaw("null"u8);

    /// <summary>
    /// Throws System.Text.Json's "possible object cycle" error when a value written now would be nested deeper than
    /// <see cref="VelithonJsonOptions.MaxDepth"/> allows, i.e. when <see cref="CurrentDepth"/> has reached it. Every
    /// value writer here (all but <see cref="WriteNull"/>) calls it first, as STJ checks before each non-null value;
    /// generated code calls it before a value it writes with <see cref="WriteRaw"/> (enum names).
    /// </summary>
    /// <exception cref="JsonException">The depth limit is reached (a cycle, or a graph deeper than <see cref="VelithonJsonOptions.MaxDepth"/>).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void CheckValueDepth()
    {
        if (_depth >= _maxDepth)
        {
            ThrowDepthExceeded(_maxDepth);
        }
    }

    /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteBoolean(bool value)
    {
        CheckValueDepth();
        WriteRaw(value ? "true"u8 : "false"u8);
    }

    /// <summary>Writes a property name escaped as System.Text.Json does, followed by <c>:</c> (dictionary keys).</summary>
    /// <param name="name">The name.</param>
    public void WritePropertyName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        WriteQuoted(name);
        WriteByte((byte)':');
    }

    /// <summary>
    /// Writes a dictionary key converted by a known naming policy, as <c>JsonSerializerOptions.DictionaryKeyPolicy</c>
    /// with that policy converts it, escaped as System.Text.Json does, followed by <c>:</c>. Keys of up to 128 characters
    /// are converted on the stack (no allocation); longer ones by the <see cref="JsonNamingPolicy"/> itself.
    /// </summary>
    /// <param name="name">The key.</param>
    /// <param name="policy">The policy; <see cref="JsonKnownNamingPolicy.Unspecified"/> writes the key as it is.</param>
    public void WritePropertyName(string name, JsonKnownNamingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length <= JsonKeyNaming.MaxStackKeyLength)
        {
            Span<char> converted = stackalloc char[2 * JsonKeyNaming.MaxStackKeyLength];
            int length = JsonKeyNaming.Convert(policy, name, converted);
            WriteQuoted(converted[..length]);
        }
        else
        {
            WriteQuoted(JsonKeyNaming.Policy(policy)?.ConvertName(name) ?? name);
        }

        WriteByte((byte)':');
    }

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(int value)
    {
        CheckValueDepth();
        Utf8Formatter.TryFormat(value, GetSpan(MaxNumberLength), out int written);
        _position += written;
    }

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(uint value)
    {
        CheckValueDepth();
        Utf8Formatter.TryFormat(value, GetSpan(MaxNumberLength), out int written);
        _position += written;
    }

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(long value)
    {
        CheckValueDepth();
        Utf8Formatter.TryFormat(value, GetSpan(MaxNumberLength), out int written);
        _position += written;
    }

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(ulong value)
    {
        CheckValueDepth();
        Utf8Formatter.TryFormat(value, GetSpan(MaxNumberLength), out int written);
        _position += written;
    }

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(short value)
    {
        CheckValueDepth();
        Utf8Formatter.TryFormat(value, GetSpan(MaxNumberLength), out int written);
        _position += written;
    }

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(ushort value)
    {
        CheckValueDepth();
        Utf8Formatter.TryFormat(value, GetSpan(MaxNumberLength), out int written);
        _position += written;
    }

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(byte value)
    {
        CheckValueDepth();
        Utf8Formatter.TryFormat(value, GetSpan(MaxNumberLength), out int written);
        _position += written;
    }

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(sbyte value)
    {
        CheckValueDepth();
        Utf8Formatter.TryFormat(value, GetSpan(MaxNumberLength), out int written);
        _position += written;
    }

    /// <summary>Writes a JSON number in System.Text.Json's format (the shortest text that round-trips).</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or an infinity (as in System.Text.Json).</exception>
    public void WriteNumber(float value)
    {
        CheckValueDepth();
        if (!float.IsFinite(value))
        {
            ThrowNotFinite();
        }

        int written = SingleFormatter.Write(value, GetSpan(SingleFormatter.MaxLength));
        _position += written;
    }

    /// <summary>Writes a JSON number in System.Text.Json's format (the shortest text that round-trips).</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or an infinity (as in System.Text.Json).</exception>
    public void WriteNumber(double value)
    {
        CheckValueDepth();
        if (!double.IsFinite(value))
        {
            ThrowNotFinite();
        }

        // Two statements: GetSpan may flush, which resets _position, and "+=" would read it before the call.
        int written = DoubleFormatter.Write(value, GetSpan(DoubleFormatter.MaxLength), ref _doubleShortcutMisses);
        _position += written;
    }

    /// <summary>Writes a JSON number in System.Text.Json's format (scale kept: <c>1.50</c>).</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(decimal value)
    {
        CheckValueDepth();
        // Not `_position += Write(GetSpan(...))`: that reads _position before GetSpan may flush and reset it.
        int written = DecimalFormatter.Write(value, GetSpan(DecimalFormatter.MaxLength));
        _position += written;
    }

    /// <summary>Writes an integer as a JSON string holding its digits (<see cref="JsonNumberHandling.WriteAsString"/>: <c>"42"</c>).</summary>
    /// <param name="value">The value (every signed type, and the unsigned ones up to <see cref="uint"/>, widen to it).</param>
    public void WriteNumberAsString(long value)
    {
        CheckValueDepth();
        Span<byte> span = GetSpan(MaxNumberLength + 2);
        span[0] = (byte)'"';
        Utf8Formatter.TryFormat(value, span[1..], out int written);
        span[written + 1] = (byte)'"';
        _position += written + 2;
    }

    /// <summary>Writes an integer as a JSON string holding its digits (<see cref="JsonNumberHandling.WriteAsString"/>).</summary>
    /// <param name="value">The value.</param>
    public void WriteNumberAsString(ulong value)
    {
        CheckValueDepth();
        Span<byte> span = GetSpan(MaxNumberLength + 2);
        span[0] = (byte)'"';
        Utf8Formatter.TryFormat(value, span[1..], out int written);
        span[written + 1] = (byte)'"';
        _position += written + 2;
    }

    /// <summary>Writes a decimal as a JSON string holding its digits, scale kept (<see cref="JsonNumberHandling.WriteAsString"/>: <c>"1.50"</c>).</summary>
    /// <param name="value">The value.</param>
    public void WriteNumberAsString(decimal value)
    {
        CheckValueDepth();
        Span<byte> span = GetSpan(DecimalFormatter.MaxLength + 2);
        span[0] = (byte)'"';
        int written = DecimalFormatter.Write(value, span[1..]);
        span[written + 1] = (byte)'"';
        _position += written + 2;
    }

    /// <summary>
    /// Writes a <see cref="double"/> as System.Text.Json does with <paramref name="handling"/>: with
    /// <see cref="JsonNumberHandling.WriteAsString"/> as a JSON string (<c>"1.5"</c>, and <c>"NaN"</c>, <c>"Infinity"</c>,
    /// <c>"-Infinity"</c>); otherwise with <see cref="JsonNumberHandling.AllowNamedFloatingPointLiterals"/> as a number, or
    /// one of those strings when it is not finite; otherwise as <see cref="WriteNumber(double)"/> does.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="handling">The number handling.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not finite and <paramref name="handling"/> allows no string for it.</exception>
    public void WriteNumber(double value, JsonNumberHandling handling)
    {
        bool asString = (handling & JsonNumberHandling.WriteAsString) != 0;
        if (double.IsFinite(value))
        {
            if (!asString)
            {
                WriteNumber(value);
                return;
            }

            CheckValueDepth();
            Span<byte> span = GetSpan(DoubleFormatter.MaxLength + 2);
            span[0] = (byte)'"';
            int written = DoubleFormatter.Write(value, span[1..], ref _doubleShortcutMisses);
            span[written + 1] = (byte)'"';
            _position += written + 2;
            return;
        }

        if (!asString && (handling & JsonNumberHandling.AllowNamedFloatingPointLiterals) == 0)
        {
            WriteNumber(value);
            return;
        }

        CheckValueDepth();
        WriteRaw(double.IsNaN(value) ? "\"NaN\""u8 : value > 0 ? "\"Infinity\""u8 : "\"-Infinity\""u8);
    }

    /// <summary>Writes a <see cref="float"/> as System.Text.Json does with <paramref name="handling"/> (see <see cref="WriteNumber(double, JsonNumberHandling)"/>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="handling">The number handling.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not finite and <paramref name="handling"/> allows no string for it.</exception>
    public void WriteNumber(float value, JsonNumberHandling handling)
    {
        bool asString = (handling & JsonNumberHandling.WriteAsString) != 0;
        if (float.IsFinite(value))
        {
            if (!asString)
            {
                WriteNumber(value);
                return;
            }

            CheckValueDepth();
            Span<byte> span = GetSpan(SingleFormatter.MaxLength + 2);
            span[0] = (byte)'"';
            int written = SingleFormatter.Write(value, span[1..]);
            span[written + 1] = (byte)'"';
            _position += written + 2;
            return;
        }

        if (!asString && (handling & JsonNumberHandling.AllowNamedFloatingPointLiterals) == 0)
        {
            WriteNumber(value);
            return;
        }

        CheckValueDepth();
        WriteRaw(float.IsNaN(value) ? "\"NaN\""u8 : value > 0 ? "\"Infinity\""u8 : "\"-Infinity\""u8);
    }

    /// <summary>Writes a JSON string escaped as System.Text.Json does; <see langword="null"/> writes <c>null</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteNull();
        }
        else
        {
            CheckValueDepth();
            WriteQuoted(value);
        }
    }

    /// <summary>Writes a JSON string escaped as System.Text.Json does.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(scoped ReadOnlySpan<char> value)
    {
        CheckValueDepth();
        WriteQuoted(value);
    }

    /// <summary>Writes a one-character JSON string.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(char value)
    {
        CheckValueDepth();
        WriteQuoted(new ReadOnlySpan<char>(in value));
    }

    /// <summary>Writes a GUID in the "D" format (lowercase).</summary>
    /// <param name="value">The value.</param>
    public void WriteString(Guid value)
    {
        CheckValueDepth();
        Span<byte> span = GetSpan(38);
        span[0] = (byte)'"';
        Utf8Formatter.TryFormat(value, span[1..], out int written);
        span[written + 1] = (byte)'"';
        _position += written + 2;
    }

    /// <summary>
    /// Writes an ISO 8601 date and time as System.Text.Json does (round-trip format, trailing fraction zeros trimmed;
    /// <c>Z</c> for UTC, the local offset for local times).
    /// </summary>
    /// <param name="value">The value.</param>
    public void WriteString(DateTime value)
    {
        CheckValueDepth();
        int written = Iso8601Formatter.Write(value, GetSpan(Iso8601Formatter.MaxLength));
        _position += written;
    }

    /// <summary>Writes an ISO 8601 date, time and offset as System.Text.Json does (trailing fraction zeros trimmed).</summary>
    /// <param name="value">The value.</param>
    public void WriteString(DateTimeOffset value)
    {
        CheckValueDepth();
        int written = Iso8601Formatter.Write(value, GetSpan(Iso8601Formatter.MaxLength));
        _position += written;
    }

    /// <summary>Writes a date as <c>yyyy-MM-dd</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(DateOnly value)
    {
        CheckValueDepth();
        Span<byte> span = GetSpan(12);
        span[0] = (byte)'"';
        value.TryFormat(span[1..], out int written, "O", CultureInfo.InvariantCulture);
        span[written + 1] = (byte)'"';
        _position += written + 2;
    }

    /// <summary>Writes a time of day as System.Text.Json does: <c>HH:mm:ss</c>, plus <c>.fffffff</c> when not zero.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(TimeOnly value) => WriteString(value.ToTimeSpan());

    /// <summary>Writes a time span in the constant ("c") format, <c>[-][d.]hh:mm:ss[.fffffff]</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(TimeSpan value)
    {
        CheckValueDepth();
        Span<byte> span = GetSpan(MaxDateLength);
        span[0] = (byte)'"';
        Utf8Formatter.TryFormat(value, span[1..], out int written, 'c');
        span[written + 1] = (byte)'"';
        _position += written + 2;
    }

    /// <summary>Writes <see cref="Uri.OriginalString"/>; <see langword="null"/> writes <c>null</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(Uri? value)
    {
        if (value is null)
        {
            WriteNull();
        }
        else
        {
            CheckValueDepth();
            WriteQuoted(value.OriginalString);
        }
    }

    /// <summary>Writes bytes as a standard, padded base64 JSON string (not escaped, as in System.Text.Json).</summary>
    /// <param name="value">The bytes.</param>
    public void WriteBase64String(scoped ReadOnlySpan<byte> value)
    {
        CheckValueDepth();
        WriteByte((byte)'"');
        while (value.Length > Base64ChunkBytes)
        {
            Span<byte> chunk = GetSpan(Base64ChunkBytes / 3 * 4);
            Base64.EncodeToUtf8(value[..Base64ChunkBytes], chunk, out _, out int chunkWritten, isFinalBlock: false);
            _position += chunkWritten;
            value = value[Base64ChunkBytes..];
        }

        Span<byte> span = GetSpan(Base64.GetMaxEncodedToUtf8Length(value.Length) + 1);
        Base64.EncodeToUtf8(value, span, out _, out int written);
        span[written] = (byte)'"';
        _position += written + 1;
    }

    private void WriteQuoted(scoped ReadOnlySpan<char> value)
    {
        if (value.Length <= ShortStringChars)
        {
            // Short strings (codes, names, countries) are checked and narrowed in one pass: cheaper than the
            // vectorized search and copy below, whose set-up costs more than these few characters.
            Span<byte> span = GetSpan(ShortStringChars + 2);
            int i = 0;
            for (; i < value.Length; i++)
            {
                char c = value[i];
                if (!JsonEscaping.IsAllowed(c))
                {
                    break;
                }

                span[i + 1] = (byte)c;
            }

            if (i == value.Length)
            {
                span[0] = (byte)'"';
                span[i + 1] = (byte)'"';
                _position += i + 2;
                return;
            }
        }

        int safe = value.IndexOfAnyExcept(JsonEscaping.AllowedChars);
        if (safe < 0 && value.Length <= MaxDirectChars)
        {
            Span<byte> span = GetSpan(value.Length + 2);
            span[0] = (byte)'"';
            JsonEscaping.Narrow(value, span[1..]);
            span[value.Length + 1] = (byte)'"';
            _position += value.Length + 2;
            return;
        }

        WriteByte((byte)'"');
        if (_relaxedEscaping)
        {
            WriteEscapedRelaxed(value, safe < 0 ? value.Length : safe);
        }
        else
        {
            WriteEscaped(value, safe < 0 ? value.Length : safe);
        }

        WriteByte((byte)'"');
    }

    // JavaScriptEncoder.UnsafeRelaxedJsonEscaping, exactly as Utf8JsonWriter applies a non-default encoder: the text
    // before the first character to escape is copied, and the encoder itself escapes the rest (Encode, final block),
    // which is then transcoded to UTF-8. Everything the default encoder allows, the relaxed one allows too, so the
    // prefix found with the default set is copied as is; Encode copies the characters it allows unchanged, so
    // encoding the rest in chunks (never splitting a surrogate pair) gives the bytes of encoding it at once.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteEscapedRelaxed(scoped ReadOnlySpan<char> value, int safe)
    {
        while (safe > 0)
        {
            int count = Math.Min(safe, MaxDirectChars);
            JsonEscaping.Narrow(value[..count], GetSpan(count));
            _position += count;
            value = value[count..];
            safe -= count;
        }

        Span<char> escaped = stackalloc char[RelaxedChunkChars * MaxEscapedCharsPerChar];
        while (!value.IsEmpty)
        {
            int take = Math.Min(value.Length, RelaxedChunkChars);
            if (take < value.Length && char.IsHighSurrogate(value[take - 1]))
            {
                take--;
            }

            OperationStatus status = JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(value[..take], escaped, out int consumed, out int charsWritten, isFinalBlock: true);
            if (status != OperationStatus.Done || consumed != take)
            {
                ThrowEncoderFailed(status);
            }

            ReadOnlySpan<char> chunk = escaped[..charsWritten];
            int written = Encoding.UTF8.GetBytes(chunk, GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length)));
            _position += written;
            value = value[take..];
        }
    }

    [DoesNotReturn]
    private static void ThrowEncoderFailed(OperationStatus status) =>
        throw new InvalidOperationException("JavaScriptEncoder.UnsafeRelaxedJsonEscaping did not encode a whole chunk: " + status + ".");

    private void WriteEscaped(scoped ReadOnlySpan<char> value, int safe)
    {
        while (true)
        {
            while (safe > 0)
            {
                int count = Math.Min(safe, MaxDirectChars);
                JsonEscaping.Narrow(value[..count], GetSpan(count));
                _position += count;
                value = value[count..];
                safe -= count;
            }

            if (value.IsEmpty)
            {
                return;
            }

            int consumed = JsonEscaping.EscapeRun(value, GetSpan(Math.Min(value.Length, EscapeRunChars) * JsonEscaping.MaxBytesPerStep), out int written);
            _position += written;
            value = value[consumed..];
            safe = value.IndexOfAnyExcept(JsonEscaping.AllowedChars);
            if (safe < 0)
            {
                safe = value.Length;
            }
        }
    }

    [DoesNotReturn]
    private static void ThrowNotFinite() =>
        throw new ArgumentException(
            ".NET number values such as positive and negative infinity cannot be written as valid JSON. To make it work when using 'JsonSerializer', consider specifying 'JsonNumberHandling.AllowNamedFloatingPointLiterals' (see https://learn.microsoft.com/dotnet/api/system.text.json.serialization.jsonnumberhandling).");

    /// <summary>Returns a span of at least <paramref name="sizeHint"/> bytes at the write position; commit with <see cref="Advance"/>.</summary>
    /// <param name="sizeHint">The bytes needed.</param>
    /// <returns>The span.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<byte> GetSpan(int sizeHint)
    {
        if (_buffer.Length - _position < sizeHint)
        {
            Grow(sizeHint);
        }

        return _buffer[_position..];
    }

    /// <summary>Commits <paramref name="count"/> bytes written into the span from <see cref="GetSpan"/>.</summary>
    /// <param name="count">The bytes written.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Advance(int count) => _position += count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        _position++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int sizeHint)
    {
        Flush();
        _buffer = _output.GetSpan(Math.Max(sizeHint, MinimumBufferSize));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enter()
    {
        CheckValueDepth();
        _depth++;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInsufficientStack(int depth, int maxDepth) =>
        throw new JsonException(string.Create(
            CultureInfo.InvariantCulture,
            $"The object could not be written: the thread's stack cannot hold a nesting depth of {depth} (the maximum allowed depth is {maxDepth}). This can be due to a cycle; write it on a thread with a larger stack, or lower the depth limit."));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDepthExceeded(int maxDepth) =>
        throw new JsonException(
            $"A possible object cycle was detected. This can either be due to a cycle or if the object depth is larger than the maximum allowed depth of {maxDepth}. Consider using ReferenceHandler.Preserve on JsonSerializerOptions to support cycles.");
}
