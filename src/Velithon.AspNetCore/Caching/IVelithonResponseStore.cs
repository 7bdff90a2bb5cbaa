namespace Velithon.AspNetCore.Caching;

/// <summary>
/// The shared second level (L2) of the response cache and the bus of its tag versions: what
/// <c>services.AddVelithonCaching(o => o.ResponseStore = ...)</c> plugs in behind the memory L1. The Redis store of the
/// <c>Velithon.AspNetCore.Redis</c> package implements it (<c>o.UseRedis(...)</c>); without a store the cache is
/// memory only.
/// </summary>
/// <remarks>
/// <para>
/// The store moves opaque bytes: the cache writes each entry in its own checksummed format, and checks every entry it
/// reads (checksum, the full key inside it, what the endpoint could have produced, the tag versions it was produced
/// under) before it serves it. A store therefore never decides what is served; it must only never return the bytes of
/// one key for another.
/// </para>
/// <para>
/// Reads, writes and deletes must never throw to the request: a store that is down, slow or failing answers
/// <see langword="null"/> (a miss) within its own time bound and counts or logs the error. Tag-version increments
/// must throw <see cref="VelithonCacheEvictionException"/> when the store did not confirm them.
/// </para>
/// </remarks>
public interface IVelithonResponseStore : IDisposable
{
    /// <summary>
    /// Connects the cache's tag-version mirror: the store calls <see cref="IVelithonTagVersionMirror.Observe"/> with each
    /// tag version it hears from other instances or reads on its own (a periodic sync), from now on. Called once, when
    /// the cache is created.
    /// </summary>
    /// <param name="mirror">The cache's view of every tag's version.</param>
    void Attach(IVelithonTagVersionMirror mirror);

    /// <summary>
    /// Reads the entry stored under <paramref name="key"/> and the current versions of <paramref name="tags"/>, together
    /// (the cache serves an entry only when the versions it was stored under are still current).
    /// </summary>
    /// <param name="key">The full cache key.</param>
    /// <param name="tags">The tags of the endpoint; the returned versions are in this order.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    /// <returns>
    /// The entry's bytes (or none) and the tags' versions; <see langword="null"/> when the store is down, skipped or
    /// failed, which the cache treats as a miss.
    /// </returns>
    ValueTask<VelithonStoreLookup?> TryGetAsync(string key, string[] tags, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="entry"/> under <paramref name="key"/> for <paramref name="timeToLive"/> without waiting; best effort.</summary>
    /// <param name="key">The full cache key.</param>
    /// <param name="entry">The entry in the cache's format (the store keeps the array as given; the cache does not reuse it).</param>
    /// <param name="timeToLive">How long the store keeps it: its expiry plus the stale windows; always positive.</param>
    void SetInBackground(string key, byte[] entry, TimeSpan timeToLive);

    /// <summary>Deletes the entry of <paramref name="key"/> without waiting (one the cache rejected or found outdated); best effort.</summary>
    /// <param name="key">The full cache key.</param>
    void DeleteInBackground(string key);

    /// <summary>
    /// Increments the version of <paramref name="tag"/> shared by every instance and returns it. A version is positive
    /// and never goes back, not even when the store lost the tag (a restart): it then starts above every earlier one.
    /// </summary>
    /// <param name="tag">The tag to evict.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The new version.</returns>
    /// <exception cref="VelithonCacheEvictionException">The store did not confirm the increment (timeout, failure, disconnected).</exception>
    Task<long> IncrementTagVersionAsync(string tag, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the other instances that <paramref name="tag"/> is at <paramref name="version"/>, so they drop their memory
    /// copies at once; best effort (never throws): a lost message is caught up by the store's own sync.
    /// </summary>
    /// <param name="tag">The evicted tag.</param>
    /// <param name="version">Its version from <see cref="IncrementTagVersionAsync"/>.</param>
    /// <returns>A task that completes when the message was sent or given up.</returns>
    Task PublishTagVersionAsync(string tag, long version);
}
