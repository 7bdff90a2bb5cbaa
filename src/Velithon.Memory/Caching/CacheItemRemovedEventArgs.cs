namespace Velithon.Memory;

/// <summary>The data of <see cref="MemoryBoundedCache{TKey, TValue}.ItemRemoved"/>: the entry that left the cache and why.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class CacheItemRemovedEventArgs<TKey, TValue> : EventArgs
{
    /// <summary>Initializes a new instance with the entry's key, value and the reason it was removed.</summary>
    /// <param name="key">The key of the removed entry.</param>
    /// <param name="value">The value of the removed entry.</param>
    /// <param name="reason">Why the entry was removed.</param>
    public CacheItemRemovedEventArgs(TKey key, TValue value, CacheItemRemovedReason reason)
    {
        Key = key;
        Value = value;
        Reason = reason;
    }

    /// <summary>Gets the key of the removed entry.</summary>
    public TKey Key { get; }

    /// <summary>Gets the value of the removed entry (for <see cref="CacheItemRemovedReason.Replaced"/>, the old value).</summary>
    public TValue Value { get; }

    /// <summary>Gets why the entry was removed.</summary>
    public CacheItemRemovedReason Reason { get; }
}
