using System.Buffers;
using System.Globalization;

namespace Velithon.AspNetCore.Caching;

/// <summary>Writes a cache key into a caller's (stack) buffer, continuing in an <see cref="ArrayPool{T}"/> array when it is full.</summary>
internal ref struct KeyWriter
{
    private Span<char> _chars;
    private char[]? _rented;
    private int _length;

    public KeyWriter(Span<char> initial)
    {
        _chars = initial;
        _rented = null;
        _length = 0;
    }

    public readonly int Length => _length;

    /// <summary>Gets the key written so far.</summary>
    public readonly ReadOnlySpan<char> Written => _chars[.._length];

    public void Append(char c)
    {
        if (_length == _chars.Length)
        {
            Grow(1);
        }

        _chars[_length++] = c;
    }

    public void Append(scoped ReadOnlySpan<char> value)
    {
        if (value.Length > _chars.Length - _length)
        {
            Grow(value.Length);
        }

        value.CopyTo(_chars[_length..]);
        _length += value.Length;
    }

    public void Append(int value)
    {
        int written;
        while (!value.TryFormat(_chars[_length..], out written, default, CultureInfo.InvariantCulture))
        {
            Grow(11);
        }

        _length += written;
    }

    public void AppendLowerInvariant(scoped ReadOnlySpan<char> value)
    {
        if (value.Length > _chars.Length - _length)
        {
            Grow(value.Length);
        }

        _length += value.ToLowerInvariant(_chars[_length..]);
    }

    public void AppendUpperInvariant(scoped ReadOnlySpan<char> value)
    {
        if (value.Length > _chars.Length - _length)
        {
            Grow(value.Length);
        }

        _length += value.ToUpperInvariant(_chars[_length..]);
    }

    /// <summary>Drops what was written after the first <paramref name="length"/> chars.</summary>
    public void Truncate(int length) => _length = Math.Min(length, _length);

    public readonly override string ToString() => new(Written);

    public void Dispose()
    {
        char[]? rented = _rented;
        this = default;
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private void Grow(int needed)
    {
        char[] next = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + needed));
        _chars[.._length].CopyTo(next);
        char[]? old = _rented;
        _chars = _rented = next;
        if (old is not null)
        {
            ArrayPool<char>.Shared.Return(old);
        }
    }
}
