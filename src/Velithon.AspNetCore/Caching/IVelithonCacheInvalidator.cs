namespace Velithon.AspNetCore.Caching;

/// <summary>Evicts stored responses by tag: in memory, in Redis, and (through Redis pub/sub) on every other instance.</summary>
public interface IVelithonCacheInvalidator
{
    /// <summary>Evicts every response stored with <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag given in <see cref="VelithonCachedAttribute.Tags"/>.</param>
    /// <param name="cancellationToken">Cancels the Redis part; the local eviction has happened by then.</param>
    /// <returns>A task that completes when the eviction was applied locally and, when Redis is reachable, sent to it.</returns>
    Task EvictByTagAsync(string tag, CancellationToken cancellationToken = default);
}
