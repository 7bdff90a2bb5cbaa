using System.Runtime.CompilerServices;

namespace Velithon.Memory.Caching;

/// <summary>
/// The byte accounting of <see cref="MemoryBoundedCache{TKey, TValue}"/>: built-in sizers for the value and key types
/// it knows exactly, and the fixed per-entry overhead. Figures are for a 64-bit runtime (they scale with
/// <see cref="IntPtr.Size"/>).
/// </summary>
internal static class EntrySizing
{
    private static readonly int PointerSize = IntPtr.Size;

    // Object header (sync block) plus method-table pointer.
    private static readonly int ObjectHeader = 2 * PointerSize;

    /// <summary>Bytes of a <c>byte[]</c> object: header, length field (padded to a pointer) and the data, rounded to 8.</summary>
    public static long ByteArray(byte[] array) => RoundUp8(ObjectHeader + PointerSize + (long)array.Length);

    /// <summary>Bytes of a <see cref="string"/> object: header, 4-byte length, UTF-16 data and terminator, rounded to 8.</summary>
    public static long String(string text) => RoundUp8(ObjectHeader + 4 + (2L * text.Length) + 2);

    /// <summary>
    /// The fixed cost of one entry beyond the key's and value's own heap objects: the cache node (header, key and value
    /// fields stored inline, two list links, size, expiry, hash and one-byte flags), the dictionary's node (header, key,
    /// node reference, next link, hash) and one bucket slot.
    /// </summary>
    public static long EntryOverhead<TKey, TValue>()
    {
        long keyField = InlineSize<TKey>();
        long valueField = InlineSize<TValue>();
        long cacheNode = RoundUp8(ObjectHeader + keyField + valueField + (2 * PointerSize) + 8 + 8 + 4 + 4);
        long dictionaryNode = RoundUp8(ObjectHeader + keyField + PointerSize + PointerSize + 4);
        return cacheNode + dictionaryNode + PointerSize;
    }

    /// <summary>Creates the built-in value sizer for <typeparamref name="TValue"/>, or returns <see langword="null"/> when there is none.</summary>
    public static Func<TValue, long>? DefaultValueSizer<TValue>()
    {
        if (typeof(TValue) == typeof(byte[]))
        {
            return static v => ByteArray((byte[])(object)v!);
        }

        if (typeof(TValue) == typeof(string))
        {
            return static v => String((string)(object)v!);
        }

        if (typeof(TValue) == typeof(ReadOnlyMemory<byte>))
        {
            // The struct itself is inline in the node; what it keeps alive is (at least) its window of the buffer.
            return static v => Unsafe.As<TValue, ReadOnlyMemory<byte>>(ref v).Length;
        }

        if (typeof(IMemorySized).IsAssignableFrom(typeof(TValue)))
        {
            return static v => ((IMemorySized)v!).SizeInBytes;
        }

        return null;
    }

    /// <summary>Creates the built-in key sizer for <typeparamref name="TKey"/>, or returns <see langword="null"/> when there is none.</summary>
    public static Func<TKey, long>? DefaultKeySizer<TKey>()
    {
        if (typeof(TKey) == typeof(string))
        {
            return static k => String((string)(object)k!);
        }

        if (!RuntimeHelpers.IsReferenceOrContainsReferences<TKey>())
        {
            return static _ => 0;
        }

        return null;
    }

    // A reference-type field is one pointer; a struct field is stored inline at its full size.
    private static long InlineSize<T>() => Unsafe.SizeOf<T>();

    private static long RoundUp8(long bytes) => (bytes + 7) & ~7L;
}
