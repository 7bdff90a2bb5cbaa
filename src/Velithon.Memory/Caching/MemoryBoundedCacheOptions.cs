namespace Velithon.Memory;

/// <summary>Configures a <see cref="MemoryBoundedCache{TKey, TValue}"/>. Validated when the cache is constructed.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class MemoryBoundedCacheOptions<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Gets or sets the most entries the cache holds at once. At least 1. Default 10,000.</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets the most bytes the cache accounts for at once (keys, values and per-entry overhead). At least 1.
    /// Default 100 MiB.
    /// </summary>
    public long MaxMemoryBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// Gets or sets how long an entry lives after it was written (reads do not extend it), or <see langword="null"/>
    /// for no expiry. Must be positive when set. Default <see langword="null"/>.
    /// </summary>
    public TimeSpan? TimeToLive { get; set; }

    /// <summary>
    /// Gets or sets whether the cache disposes <see cref="IDisposable"/> values when their entries leave it — evicted,
    /// expired, removed by <c>TryRemove(key)</c>, replaced by a different value, trimmed or cleared — after raising
    /// <c>ItemRemoved</c> for them. Default <see langword="false"/>: the cache never disposes values.
    /// </summary>
    /// <remarks>
    /// Not disposed: a value handed to the caller by <c>TryRemove(key, out value)</c>, one written again under its own
    /// key, one never stored (refused as too large), and one a pending <c>GetOrAdd</c> is about to return. A reader that
    /// got a value just before its entry left the cache may still be using it when it is disposed: enable this only for
    /// values whose readers tolerate that (or that are used only under the cache's ownership). Only
    /// <see cref="IDisposable"/> is used, and one instance stored under two keys is disposed when either entry leaves.
    /// </remarks>
    public bool DisposeValues { get; set; }

    /// <summary>Gets or sets the clock used for <see cref="TimeToLive"/>. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the key comparer, or <see langword="null"/> for <see cref="EqualityComparer{T}.Default"/>.</summary>
    public IEqualityComparer<TKey>? KeyComparer { get; set; }

    /// <summary>
    /// Gets or sets a function returning the bytes a value keeps alive. Required unless <typeparamref name="TValue"/> is
    /// <c>byte[]</c>, <see cref="string"/>, <see cref="ReadOnlyMemory{T}">ReadOnlyMemory&lt;byte&gt;</see> or
    /// implements <see cref="IMemorySized"/>; when given it is used even for those types. Not called for
    /// <see langword="null"/> values (they count 0 bytes). Must not return a negative number.
    /// </summary>
    public Func<TValue, long>? ValueSizer { get; set; }

    /// <summary>
    /// Gets or sets a function returning the heap bytes a key keeps alive outside the entry. Required unless
    /// <typeparamref name="TKey"/> is <see cref="string"/> or an unmanaged type (whose inline size is already part of the
    /// per-entry overhead). Must not return a negative number.
    /// </summary>
    public Func<TKey, long>? KeySizer { get; set; }
}
