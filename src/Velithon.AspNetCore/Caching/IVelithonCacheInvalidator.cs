namespace Velithon.AspNetCore.Caching;

/// <summary>Evicts stored responses by tag: in memory, in Redis, and (through Redis) on every other instance.</summary>
public interface IVelithonCacheInvalidator
{
    /// <summary>
    /// Evicts every response stored with <paramref name="tag"/>. This instance's memory copies are stale at once; with
    /// Redis, the tag's version is incremented there (so no instance serves from Redis an entry stored before this call
    /// once it returns) and published, and every other instance drops its memory copies on the message or, if the
    /// message is lost, within <see cref="VelithonCachingOptions.TagSyncInterval"/>.
    /// </summary>
    /// <param name="tag">The tag given in <see cref="VelithonCachedAttribute.Tags"/>.</param>
    /// <param name="cancellationToken">Cancels the Redis part; the local eviction has happened by then.</param>
    /// <returns>A task that completes when the eviction was applied locally and, with Redis, confirmed by Redis.</returns>
    /// <exception cref="VelithonCacheEvictionException">
    /// Redis did not confirm the eviction within <see cref="VelithonCachingOptions.RedisOperationTimeout"/>, failed, or
    /// was disconnected. The tag was evicted on this instance only: other instances may still serve entries stored
    /// before the call, from Redis or their memory, until they expire. Retry the eviction.
    /// </exception>
    Task EvictByTagAsync(string tag, CancellationToken cancellationToken = default);
}
