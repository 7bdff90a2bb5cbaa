namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Evicts stored responses by tag, by path or all of them: in memory, in Redis, and (through Redis) on every other
/// instance. Every eviction has the guarantees of <see cref="EvictByTagAsync"/>, including against a response being
/// stored while it runs: one whose endpoint started before the eviction is not kept.
/// </summary>
public interface IVelithonCacheInvalidator
{
    /// <summary>
    /// Evicts every response stored with <paramref name="tag"/>. This instance's memory copies are stale at once; with
    /// Redis, the tag's version is incremented there (so no instance serves from Redis an entry stored before this call
    /// once it returns) and published, and every other instance drops its memory copies on the message or, if the
    /// message is lost, within the Redis options' <c>TagSyncInterval</c>.
    /// </summary>
    /// <param name="tag">The tag given in <see cref="VelithonCachedAttribute.Tags"/>.</param>
    /// <param name="cancellationToken">Cancels the Redis part; the local eviction has happened by then.</param>
    /// <returns>A task that completes when the eviction was applied locally and, with Redis, confirmed by Redis.</returns>
    /// <exception cref="VelithonCacheEvictionException">
    /// Redis (the L2 store) did not confirm the eviction within its operation timeout, failed, or
    /// was disconnected. The tag was evicted on this instance only: other instances may still serve entries stored
    /// before the call, from Redis or their memory, until they expire. Retry the eviction.
    /// </exception>
    Task EvictByTagAsync(string tag, CancellationToken cancellationToken = default);

    /// <summary>
    /// Evicts every stored response of <paramref name="path"/>: all its variants (every query string, vary value, user,
    /// cookie and encoding, on every host). Entries carry a tag of their path's bucket (one of 256, by a hash of the
    /// case-insensitive path), so the eviction is a tag eviction, with the same guarantees; it also evicts the responses
    /// of the other paths that share the bucket (about 1 in 256), which the next request stores again.
    /// </summary>
    /// <param name="path">The request path as the app sees it, path base included (<c>Request.PathBase + Request.Path</c>,
    /// unescaped), e.g. <c>/products/42</c>; compared case-insensitively.</param>
    /// <param name="cancellationToken">Cancels the Redis part; the local eviction has happened by then.</param>
    /// <returns>A task that completes when the eviction was applied locally and, with Redis, confirmed by Redis.</returns>
    /// <exception cref="VelithonCacheEvictionException">Redis did not confirm it (see <see cref="EvictByTagAsync"/>); retry.</exception>
    Task EvictAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Evicts every stored response: this instance's at once, and (with Redis) every instance's, by incrementing the
    /// version of every path bucket (<see cref="EvictAsync"/>), with the guarantees of <see cref="EvictByTagAsync"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the Redis part; the local eviction has happened by then.</param>
    /// <returns>A task that completes when the eviction was applied locally and, with Redis, confirmed by Redis.</returns>
    /// <exception cref="VelithonCacheEvictionException">Redis did not confirm every bucket's eviction; the ones it did take apply everywhere. Retry.</exception>
    Task EvictAllAsync(CancellationToken cancellationToken = default);
}
