using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Velithon.Json;

/// <summary>
/// The forward-only UTF-8 JSON writer that generated <c>WriteJson</c> methods write through. It writes straight into
/// spans of an <see cref="IBufferWriter{T}"/> without validating structure (the generated code is correct by
/// construction), and guards nesting depth so that cyclic object graphs fail instead of overflowing the stack.
/// </summary>
/// <remarks>Call <see cref="Flush"/> when done; until then the last bytes are not committed to the output.</remarks>
public ref struct VelithonJsonWriter
{
    private const int MinimumBufferSize = 256;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _buffer;
    private int _position;
    private int _depth;

    /// <summary>Creates a writer over <paramref name="output"/>.</summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="options">Limits (depth).</param>
    public VelithonJsonWriter(IBufferWriter<byte> output, VelithonJsonOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        _output = output;
        Options = options;
        _buffer = default;
        _position = 0;
        _depth = 0;
    }

    /// <summary>Gets the options the writer enforces.</summary>
    public VelithonJsonOptions Options { get; }

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

    /// <summary>Writes <c>{</c> and enters one level of nesting.</summary>
    /// <exception cref="JsonException">The depth limit is exceeded (a cycle, or a graph deeper than <see cref="VelithonJsonOptions.MaxDepth"/>).</exception>
    public void WriteStartObject()
    {
        Enter();
        WriteByte((byte)'{');
    }

    /// <summary>Writes <c>}</c> and leaves one level of nesting.</summary>
    public void WriteEndObject()
    {
        _depth--;
        WriteByte((byte)'}');
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

    /// <summary>Writes <c>null</c>.</summary>
    public void WriteNull() => WriteRaw("null"u8);

    /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteBoolean(bool value) => WriteRaw(value ? "true"u8 : "false"u8);

    /// <summary>Writes a property name escaped as System.Text.Json does, followed by <c>:</c> (dictionary keys).</summary>
    /// <param name="name">The name.</param>
    public void WritePropertyName(string name) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(int value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(uint value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(long value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(ulong value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(short value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(ushort value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(byte value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(sbyte value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(float value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(double value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a JSON number in System.Text.Json's format.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(decimal value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a JSON string escaped as System.Text.Json does; <see langword="null"/> writes <c>null</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(string? value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a JSON string escaped as System.Text.Json does.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(scoped ReadOnlySpan<char> value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a one-character JSON string.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(char value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a GUID in the "D" format.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(Guid value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes an ISO 8601 date and time as System.Text.Json does.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(DateTime value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes an ISO 8601 date, time and offset as System.Text.Json does.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(DateTimeOffset value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a date as <c>yyyy-MM-dd</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(DateOnly value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a time of day as System.Text.Json does.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(TimeOnly value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes a time span in the constant ("c") format.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(TimeSpan value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes <see cref="Uri.OriginalString"/>; <see langword="null"/> writes <c>null</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(Uri? value) => throw new NotSupportedException("J1: not implemented yet");

    /// <summary>Writes bytes as a base64 JSON string.</summary>
    /// <param name="value">The bytes.</param>
    public void WriteBase64String(scoped ReadOnlySpan<byte> value) => throw new NotSupportedException("J1: not implemented yet");

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
        if (++_depth > Options.MaxDepth)
        {
            ThrowDepthExceeded(Options.MaxDepth);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDepthExceeded(int maxDepth) =>
        throw new JsonException(
            $"A possible object cycle was detected. This can either be due to a cycle or if the object depth is larger than the maximum allowed depth of {maxDepth}.");
}
