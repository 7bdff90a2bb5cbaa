using System.Text;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Folds query names as <see cref="StringComparer.OrdinalIgnoreCase"/> (the comparer of <c>Request.Query</c>) compares
/// them: two names that fold alike are one name to the query collection, and two names it sees as one fold alike.
/// </summary>
/// <remarks>
/// <see cref="string.ToUpperInvariant()"/> alone folds more than the comparer does (<c>ſ</c> U+017F and <c>s</c> upper-case
/// alike but are two names to the query collection), so a code point is replaced by its invariant upper case only when
/// the comparer itself says the two are equal. Folding therefore never joins names the app tells apart. The other half
/// holds wherever the runtime's casing table and ICU's agree; a letter only the runtime knows the case of (newer Unicode
/// than the system's ICU) keeps its spelling, which costs a miss, not a wrong entry. <c>QueryNameFoldingTests</c> checks
/// both over every code point.
/// </remarks>
internal static class QueryNameFolding
{
    public static string Fold(string name)
    {
        int first = FirstChange(name);
        if (first < 0)
        {
            return name;
        }

        return string.Create(name.Length, (name, first), static (chars, state) =>
        {
            (string name, int first) = state;
            name.AsSpan(0, first).CopyTo(chars);
            int i = first;
            while (i < name.Length)
            {
                i += FoldAt(name, i, chars[i..]);
            }
        });
    }

    /// <summary>
    /// Gets whether <c>Request.Query[x]</c>, for some <c>x</c> whose invariant upper case is <paramref name="upperCased"/>,
    /// may return the values of <paramref name="name"/>: a <c>VaryByQuery</c> name is kept upper-cased, so every name
    /// the endpoint's own spelling could match must be matched by it.
    /// </summary>
    public static bool MayBeLookedUpAs(string name, string upperCased)
    {
        ReadOnlySpan<char> left = name;
        ReadOnlySpan<char> right = upperCased;
        while (!left.IsEmpty && !right.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(left, out Rune rune, out int used) != System.Buffers.OperationStatus.Done
                || Rune.DecodeFromUtf16(right, out Rune expected, out int expectedUsed) != System.Buffers.OperationStatus.Done)
            {
                // A lone surrogate: only the same char matches it.
                if (left[0] != right[0])
                {
                    return false;
                }

                left = left[1..];
                right = right[1..];
                continue;
            }

            if (rune != expected
                && Rune.ToUpperInvariant(rune) != expected
                && !(used == expectedUsed && left[..used].Equals(right[..expectedUsed], StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }

            left = left[used..];
            right = right[expectedUsed..];
        }

        return left.IsEmpty && right.IsEmpty;
    }

    /// <summary>Index of the first char that folding changes, or -1.</summary>
    private static int FirstChange(string name)
    {
        Span<char> folded = stackalloc char[2];
        int i = 0;
        while (i < name.Length)
        {
            int length = FoldAt(name, i, folded);
            if (!folded[..length].SequenceEqual(name.AsSpan(i, length)))
            {
                return i;
            }

            i += length;
        }

        return -1;
    }

    /// <summary>Writes the folded code point at <paramref name="index"/> (one or two chars, as many as it reads) and returns that count.</summary>
    private static int FoldAt(string name, int index, Span<char> destination)
    {
        if (Rune.DecodeFromUtf16(name.AsSpan(index), out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done)
        {
            destination[0] = name[index]; // A lone surrogate has no case.
            return 1;
        }

        Rune upper = Rune.ToUpperInvariant(rune);
        Span<char> original = stackalloc char[2];
        Span<char> candidate = stackalloc char[2];
        rune.EncodeToUtf16(original);
        if (upper != rune
            && upper.Utf16SequenceLength == consumed
            && upper.EncodeToUtf16(candidate) == consumed
            && original[..consumed].Equals(candidate[..consumed], StringComparison.OrdinalIgnoreCase))
        {
            candidate[..consumed].CopyTo(destination);
        }
        else
        {
            original[..consumed].CopyTo(destination);
        }

        return consumed;
    }
}
