namespace Velithon.Memory;

/// <summary>
/// The global memory handler: one place that holds the byte pool, the string interner and a byte response cache,
/// knows every other cache registered with it (<see cref="RegisterCache"/>), reports one stats snapshot over all of
/// them, and frees what can be freed (Python Velithon's
/// <c>get_global_memory_handler()</c>); resolve it from DI (<c>AddVelithonMemory</c>) or use
/// <see cref="VelithonMemory.Default"/> in code without DI.
/// </summary>
public interface IVelithonMemory
{
    /// <summary>Gets the byte pool.</summary>
    VelithonMemoryPool Pool { get; }

    /// <summary>Gets the string interner.</summary>
    StringInterner Interner { get; }

    /// <summary>Gets the response cache behind <see cref="CacheResponse"/> and <see cref="TryGetCachedResponse"/>.</summary>
    MemoryBoundedCache<string, byte[]> ResponseCache { get; }

    /// <summary>
    /// Stores a copy of <paramref name="body"/> under <paramref name="key"/> (the caller may reuse its buffer
    /// afterwards). Returns <see langword="false"/> when caching is disabled or the entry is larger than the
    /// cache's byte budget; the cache is then unchanged.
    /// </summary>
    /// <param name="key">The cache key. It is compared in full (ordinal); callers build it from everything the response varies by.</param>
    /// <param name="body">The response bytes.</param>
    bool CacheResponse(string key, ReadOnlyMemory<byte> body);

    /// <summary>Looks up a response stored with <see cref="CacheResponse"/>. A hit allocates nothing.</summary>
    /// <param name="key">The cache key.</param>
    /// <param name="body">The stored bytes on a hit; empty on a miss. Callers must not write to them.</param>
    bool TryGetCachedResponse(string key, out ReadOnlyMemory<byte> body);

    /// <summary>
    /// Registers <paramref name="cache"/>, a cache that holds memory on the application's behalf, under
    /// <paramref name="name"/>: from then on <see cref="GetStats"/> lists it in <see cref="VelithonMemoryStats.Caches"/>
    /// and counts it in <see cref="VelithonMemoryStats.CacheTotals"/>, the meter reports it with the
    /// <c>velithon.cache.name</c> tag, and <see cref="Cleanup"/> sweeps and trims it. <see cref="ResponseCache"/> is
    /// registered from the start as <c>responses</c>; <c>AddVelithonCaching</c> registers the <c>[VelithonCached]</c> store.
    /// </summary>
    /// <param name="name">A name unique within this handler (compared ordinally).</param>
    /// <param name="cache">The cache.</param>
    /// <returns>A registration; disposing it unregisters the cache.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already registered.</exception>
    IDisposable RegisterCache(string name, IMemoryBoundedCache cache);

    /// <summary>Takes one consistent-enough snapshot of every component and of the GC (Python Velithon's <c>get_memory_stats()</c>).</summary>
    VelithonMemoryStats GetStats();

    /// <summary>
    /// Frees what can be freed now (Python Velithon's <c>cleanup_memory()</c>) and reports what was actually freed: trims
    /// the pool, drops the expired entries of every registered cache (and, under memory pressure, trims each to its
    /// cleanup target: <see cref="VelithonMemoryOptions.CleanupCacheTargetPercent"/> of its own byte budget),
    /// optionally runs a full garbage collection, then removes interned strings that were collected.
    /// </summary>
    MemoryCleanupResult Cleanup();
}
