using System.Buffers;
using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Velithon.Json;

/// <summary>
/// Collects the elements of a JSON array for generated <c>TryReadJsonFast</c> methods, then makes the collection at its
/// exact size: the first 16 elements stay in the struct (on the caller's stack), more go to arrays rented from
/// <see cref="ArrayPool{T}.Shared"/>, so reading an array allocates only the result, not every size a growing
/// <see cref="List{T}"/> passes through.
/// </summary>
/// <remarks>
/// A builder abandoned before <see cref="ToList"/>, <see cref="ToArray"/> or <see cref="ToImmutableArray"/> (the fast
/// path giving up) leaves its rented array to the garbage collector, which the pool allows.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
[StructLayout(LayoutKind.Auto)]
public struct JsonListBuilder<T>
{
    private const int InlineCount = 16;

    private InlineBuffer _inline;
    private T[]? _rented;
    private int _count;

    /// <summary>Adds an element.</summary>
    /// <param name="item">The element.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T item)
    {
        int count = _count;
        if (_rented is null)
        {
            if ((uint)count < InlineCount)
            {
                _inline[count] = item;
                _count = count + 1;
                return;
            }
        }
        else if ((uint)count < (uint)_rented.Length)
        {
            _rented[count] = item;
            _count = count + 1;
            return;
        }

        AddWithGrow(item);
    }

    /// <summary>Makes a list of exactly the elements added and returns any rented array.</summary>
    /// <returns>The list.</returns>
    public List<T> ToList()
    {
        var list = new List<T>(_count);
        CollectionsMarshal.SetCount(list, _count);
        Items.CopyTo(CollectionsMarshal.AsSpan(list));
        Release();
        return list;
    }

    /// <summary>Makes an array of exactly the elements added and returns any rented array.</summary>
    /// <returns>The array.</returns>
    public T[] ToArray()
    {
        T[] array = _count == 0 ? [] : Items.ToArray();
        Release();
        return array;
    }

    /// <summary>Makes an immutable array of exactly the elements added and returns any rented array.</summary>
    /// <returns>The immutable array.</returns>
    public ImmutableArray<T> ToImmutableArray() => ImmutableCollectionsMarshal.AsImmutableArray(ToArray());

    [UnscopedRef]
    private readonly ReadOnlySpan<T> Items => _rented is null
        ? ((ReadOnlySpan<T>)_inline)[.._count]
        : _rented.AsSpan(0, _count);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddWithGrow(T item)
    {
        T[] next = ArrayPool<T>.Shared.Rent(_count * 2);
        Items.CopyTo(next);
        Release();
        _rented = next;
        next[_count] = item;
        _count++;
    }

    private void Release()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            ArrayPool<T>.Shared.Return(rented, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    [InlineArray(InlineCount)]
    private struct InlineBuffer
    {
#pragma warning disable IDE0051, IDE0044, S1144, CA1823 // The element the inline array repeats.
        private T _element;
#pragma warning restore IDE0051, IDE0044, S1144, CA1823
    }
}
