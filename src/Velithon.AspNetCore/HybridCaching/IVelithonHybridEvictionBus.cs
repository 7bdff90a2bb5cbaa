using Microsoft.Extensions.Caching.Distributed;

namespace Velithon.AspNetCore.HybridCaching;

/// <summary>
/// The messages between the instances of one <see cref="VelithonHybridCache"/>: each key removal and tag eviction is
/// published, and each instance drops its L1 copies on hearing another's. Set with
/// <see cref="VelithonHybridCacheOptions.EvictionBus"/>; the <c>Velithon.AspNetCore.Redis</c> package's
/// <c>o.UseRedis(...)</c> sets a Redis pub/sub bus.
/// </summary>
/// <remarks>
/// Best effort by design: the L2 holds each tag's eviction time, which every L2 read checks, so a lost message only
/// leaves an L1 copy until its <c>LocalCacheExpiration</c>. A publish that fails throws to the caller of
/// <c>RemoveAsync</c>/<c>RemoveByTagAsync</c>, as an eviction must not be lost silently.
/// </remarks>
public interface IVelithonHybridEvictionBus : IDisposable
{
    /// <summary>
    /// Gets an L2 on the bus's own connection, used when no <see cref="IDistributedCache"/> is registered;
    /// <see langword="null"/> for none.
    /// </summary>
    IDistributedCache? DistributedCache { get; }

    /// <summary>Gets a task that completes once the bus listens (or failed to, logged).</summary>
    Task Subscribed { get; }

    /// <summary>Starts listening: <paramref name="keyRemoved"/> and <paramref name="tagEvicted"/> are called with what other instances publish (never this one's).</summary>
    /// <param name="keyRemoved">Called with each key removed on another instance.</param>
    /// <param name="tagEvicted">Called with each tag evicted on another instance and the time of the eviction (UTC ticks).</param>
    void Start(Action<string> keyRemoved, Action<string, long> tagEvicted);

    /// <summary>Tells the other instances that <paramref name="key"/> was removed or replaced.</summary>
    /// <param name="key">The key.</param>
    /// <returns>A task that completes when the message was sent; faulted when it could not be.</returns>
    Task PublishKeyRemovedAsync(string key);

    /// <summary>Tells the other instances that <paramref name="tag"/> was evicted at <paramref name="utcTicks"/>.</summary>
    /// <param name="tag">The tag (<c>*</c> for every entry).</param>
    /// <param name="utcTicks">The time of the eviction, in UTC ticks.</param>
    /// <returns>A task that completes when the message was sent; faulted when it could not be.</returns>
    Task PublishTagEvictedAsync(string tag, long utcTicks);
}
