namespace Velithon.Memory;

/// <summary>Why an entry left a <see cref="MemoryBoundedCache{TKey, TValue}"/> (see its <c>ItemRemoved</c> event).</summary>
public enum CacheItemRemovedReason
{
    /// <summary>Removed by <c>TryRemove</c>.</summary>
    Removed,

    /// <summary>Its value was replaced by a write to the same key (<c>Set</c>); the event carries the old value.</summary>
    Replaced,

    /// <summary>Evicted to make room for another entry, because of the entry bound or the memory bound.</summary>
    Evicted,

    /// <summary>Its time to live had passed (found by a read, a write, eviction, <c>TryRemove</c> or <c>RemoveExpired</c>).</summary>
    Expired,

    /// <summary>Evicted by <c>Trim</c>.</summary>
    Trimmed,

    /// <summary>Dropped by <c>Clear</c>.</summary>
    Cleared,
}
