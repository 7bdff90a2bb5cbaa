using System.ComponentModel;
using System.Text;
using System.Text.Unicode;

namespace Velithon.Json;

/// <summary>
/// Dictionary keys for generated <c>TryReadJsonFast</c> methods, from a member name's raw bytes as
/// <see cref="JsonFastReader.NextMember(ref bool, out ReadOnlySpan{byte})"/> gives them (no escapes). Each accepts only
/// text System.Text.Json reads to the same key with no room for doubt, and returns <see langword="false"/> for the
/// rest (invalid UTF-8; a sign other than one leading minus, leading zeros, <c>-0</c>, or more digits than the type
/// always holds), which leaves the document to the full reader and its exact rules.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonFastKeys
{
    /// <summary>A string key: the name as text, when it is valid UTF-8.</summary>
    /// <param name="name">The name's bytes.</param>
    /// <param name="key">The key.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryStringKey(ReadOnlySpan<byte> name, out string key)
    {
        if (Ascii.IsValid(name))
        {
            key = Encoding.Latin1.GetString(name);
            return true;
        }

        if (Utf8.IsValid(name))
        {
            key = Encoding.UTF8.GetString(name);
            return true;
        }

        key = null!;
        return false;
    }

    /// <summary>An <see cref="int"/> key of at most 9 digits (<c>0</c>, <c>-12</c>, <c>205705993</c>).</summary>
    /// <param name="name">The name's bytes.</param>
    /// <param name="key">The key.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryInt32Key(ReadOnlySpan<byte> name, out int key)
    {
        bool read = TryCanonical(name, 9, out long value);
        key = (int)value;
        return read;
    }

    /// <summary>A <see cref="long"/> key of at most 18 digits.</summary>
    /// <param name="name">The name's bytes.</param>
    /// <param name="key">The key.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryInt64Key(ReadOnlySpan<byte> name, out long key) => TryCanonical(name, 18, out key);

    private static bool TryCanonical(ReadOnlySpan<byte> name, int maxDigits, out long value)
    {
        value = 0;
        bool negative = name.Length != 0 && name[0] == (byte)'-';
        ReadOnlySpan<byte> digits = negative ? name[1..] : name;
        if (digits.Length == 0 || digits.Length > maxDigits || (digits[0] == (byte)'0' && (digits.Length > 1 || negative)))
        {
            return false;
        }

        foreach (byte b in digits)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                value = 0;
                return false;
            }

            value = (value * 10) + digit;
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }
}
