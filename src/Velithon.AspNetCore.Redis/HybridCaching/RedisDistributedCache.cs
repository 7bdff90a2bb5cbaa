using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace Velithon.AspNetCore.HybridCaching.Redis;

/// <summary>
/// The L2 on the hybrid cache's own Redis connection when no <see cref="IDistributedCache"/> is registered: plain
/// strings under <c>{prefix}{key}</c> with the entry's expiry as their TTL. Sliding expiration is not used by the
/// hybrid cache, so <see cref="Refresh"/> does nothing.
/// </summary>
internal sealed class RedisDistributedCache(Task<IConnectionMultiplexer?> connection, string prefix) : IDistributedCache
{
    public byte[]? Get(string key) => Database().StringGet(Key(key));

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        await Database().StringGetAsync(Key(key)).WaitAsync(token).ConfigureAwait(false);

    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => Database().KeyDelete(Key(key));

    public Task RemoveAsync(string key, CancellationToken token = default) => Database().KeyDeleteAsync(Key(key)).WaitAsync(token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Database().StringSet(Key(key), value, Ttl(options), When.Always);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        Database().StringSetAsync(Key(key), value, Ttl(options), When.Always).WaitAsync(token);

    private static Expiration Ttl(DistributedCacheEntryOptions options) =>
        options.AbsoluteExpirationRelativeToNow is { } ttl ? new Expiration(ttl) : Expiration.Default;

    private RedisKey Key(string key) => prefix + key;

    private IDatabase Database() =>
        connection.IsCompletedSuccessfully && connection.Result is { } multiplexer
            ? multiplexer.GetDatabase()
            : throw new InvalidOperationException("The hybrid cache's Redis connection is not established.");
}
