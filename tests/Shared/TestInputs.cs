using System.Buffers;
using System.Text;

namespace Velithon.Testing;

/// <summary>
/// Test inputs shared by the test projects (linked into each from tests/Shared): JSON text with raw bytes, and
/// multi-segment sequences for the <see cref="ReadOnlySequence{T}"/> paths. System.Text.Json's Web options are the
/// BCL's own <see cref="System.Text.Json.JsonSerializerOptions.Web"/>.
/// </summary>
internal static class TestInputs
{
    /// <summary>
    /// The UTF-8 bytes of <paramref name="text"/>, where <c>\xNN</c> (a backslash, <c>x</c> and two hex digits) stands
    /// for the raw byte NN, possibly invalid UTF-8: <c>{"a\xFFb":1}</c>. Any other character is encoded as UTF-8.
    /// </summary>
    public static byte[] Utf8WithRawBytes(string text)
    {
        var bytes = new List<byte>(text.Length);
        Span<byte> scratch = stackalloc byte[4];
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 3 < text.Length && text[i + 1] == 'x')
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 2, 2), 16));
                i += 3;
            }
            else
            {
                int length = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                    ? Encoding.UTF8.GetBytes(text.AsSpan(i++, 2), scratch)
                    : Encoding.UTF8.GetBytes(text.AsSpan(i, 1), scratch);
                bytes.AddRange(scratch[..length]);
            }
        }

        return [.. bytes];
    }

    /// <summary><paramref name="data"/> cut into segments of <paramref name="size"/> bytes (the last may be shorter); an empty input is one empty segment.</summary>
    public static ReadOnlySequence<byte> Split(byte[] data, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var first = new TestSegment(data.AsMemory(0, Math.Min(size, data.Length)), 0);
        TestSegment last = first;
        for (int position = first.Memory.Length; position < data.Length; position += size)
        {
            last = last.Append(data.AsMemory(position, Math.Min(size, data.Length - position)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>
    /// <paramref name="data"/> cut at random points: an empty first segment, then segments of 0 to 7 bytes, with one in
    /// three up to 64 bytes (so tokens, names and escapes straddle segment boundaries, and empty segments occur).
    /// </summary>
    public static ReadOnlySequence<byte> Split(byte[] data, Random random)
    {
        var first = new TestSegment(ReadOnlyMemory<byte>.Empty, 0);
        TestSegment last = first;
        int position = 0;
        while (position < data.Length)
        {
            int length = random.Next(3) == 0 ? random.Next(0, Math.Min(64, data.Length - position) + 1) : random.Next(0, Math.Min(8, data.Length - position) + 1);
            last = last.Append(data.AsMemory(position, length));
            position += length;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class TestSegment : ReadOnlySequenceSegment<byte>
    {
        public TestSegment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public TestSegment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new TestSegment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
