using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Velithon.Json;

/// <summary>Helpers that generated <c>WriteJson</c> methods call for collections.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonCollections
{
    /// <summary>
    /// The error for writing a default <see cref="System.Collections.Immutable.ImmutableArray{T}"/>: the
    /// <see cref="InvalidOperationException"/> System.Text.Json (Web defaults, reflection) lets escape from
    /// <c>ImmutableArray&lt;T&gt;</c> itself, with its message.
    /// </summary>
    /// <returns>The exception to throw.</returns>
    public static InvalidOperationException DefaultImmutableArray() =>
        new("This operation cannot be performed on a default instance of ImmutableArray<T>.  Consider initializing the array, or checking the ImmutableArray<T>.IsDefault property.");

    /// <summary>
    /// Gets the elements of an interface-typed sequence as a span when it is an array or a <see cref="List{T}"/> (the
    /// usual case), so they can be written with an index loop instead of an enumerator that would be allocated.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The sequence.</param>
    /// <param name="span">The elements, when the method returns <see langword="true"/>.</param>
    /// <returns>Whether <paramref name="items"/> is an array or a list.</returns>
    public static bool TryGetSpan<T>(IEnumerable<T> items, out ReadOnlySpan<T> span)
    {
        switch (items)
        {
            case T[] array:
                span = array;
                return true;
            case List<T> list:
                span = CollectionsMarshal.AsSpan(list);
                return true;
            default:
                span = default;
                return false;
        }
    }
}
