using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// The Redis L2 cache. Every operation is bounded by <see cref="VelithonCachingOptions.RedisOperationTimeout"/> and
/// never throws to the request: while Redis is down, slow or restarting the cache serves from memory and the endpoint,
/// counts the errors and logs them at a bounded rate, and StackExchange.Redis reconnects by itself.
/// </summary>
internal sealed class RedisResponseStore : IDisposable
{
    private readonly VelithonCachingOptions _options;
    private readonly VelithonCachingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Task<IConnectionMultiplexer?> _connection;
    private readonly bool _ownsConnection;
    private readonly RedisChannel _channel;
    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private Action<string>? _onRemoteEviction;
    private long _lastErrorLog = long.MinValue;
    private long _suppressedErrors;

    public RedisResponseStore(IOptions<VelithonCachingOptions> options, IServiceProvider services, VelithonCachingMetrics metrics, ILogger<RedisResponseStore> logger, TimeProvider? timeProvider = null)
    {
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _channel = RedisChannel.Literal(_options.RedisKeyPrefix + "evict");
        if (_options.UseRedisFromServices)
        {
            _connection = Task.FromResult<IConnectionMultiplexer?>(services.GetRequiredService<IConnectionMultiplexer>());
            _ = SubscribeAsync();
        }
        else
        {
            _ownsConnection = true;
            _connection = ConnectAsync(_options.RedisConnectionString!);
        }
    }

    /// <summary>Gets whether the connection is established and currently up.</summary>
    public bool IsConnected => _connection.IsCompletedSuccessfully && _connection.Result is { IsConnected: true };

    public void AttachTagListener(Action<string> onRemoteEviction) => _onRemoteEviction = onRemoteEviction;

    public async ValueTask<CachedResponse?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        if (Database() is not IDatabase db)
        {
            return null;
        }

        try
        {
            RedisValue value = await db.StringGetAsync(EntryKey(key)).WaitAsync(_options.RedisOperationTimeout, cancellationToken).ConfigureAwait(false);
            if (value.IsNull)
            {
                return null;
            }

            CachedResponse? response = CachedResponseSerializer.Deserialize((byte[])value!);

            // The Redis key is a hash of the full key: compare the full key so a hash collision can never serve another entry.
            return response is not null && string.Equals(response.Key, key, StringComparison.Ordinal) ? response : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Failed("get", ex);
            return null;
        }
    }

    public void StoreInBackground(CachedResponse response, DateTimeOffset now)
    {
        TimeSpan ttl = response.TimeToLive(now);
        if (ttl <= TimeSpan.Zero || Database() is not IDatabase db)
        {
            return;
        }

        _ = StoreAsync(db, response, ttl);
    }

    public async Task EvictTagAsync(string tag, CancellationToken cancellationToken)
    {
        if (Database() is not IDatabase db)
        {
            Failed("evict", null);
            return;
        }

        try
        {
            RedisKey tagKey = TagKey(tag);
            RedisValue[] members = await db.SetMembersAsync(tagKey).WaitAsync(_options.RedisOperationTimeout, cancellationToken).ConfigureAwait(false);
            RedisKey[] keys = [.. members.Select(static m => (RedisKey)(string)m!), tagKey];
            await db.KeyDeleteAsync(keys).WaitAsync(_options.RedisOperationTimeout, cancellationToken).ConfigureAwait(false);
            await db.Multiplexer.GetSubscriber().PublishAsync(_channel, _instanceId + "\n" + tag).WaitAsync(_options.RedisOperationTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Failed("evict", ex);
        }
    }

    public void Dispose()
    {
        if (!_ownsConnection)
        {
            return;
        }

        // A connection still being made is closed as soon as it exists.
        _ = _connection.ContinueWith(static t => t.Result?.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    private async Task StoreAsync(IDatabase db, CachedResponse response, TimeSpan ttl)
    {
        try
        {
            RedisKey key = EntryKey(response.Key);
            byte[] bytes = CachedResponseSerializer.Serialize(response);
            var writes = new List<Task>(1 + (2 * response.Tags.Length))
            {
                db.StringSetAsync(key, bytes, ttl),
            };
            foreach (string tag in response.Tags)
            {
                RedisKey tagKey = TagKey(tag);
                writes.Add(db.SetAddAsync(tagKey, (string)key!));

                // Keeps the tag's key set alive as long as its longest-lived entry, and no longer.
                writes.Add(db.KeyExpireAsync(tagKey, ttl, ExpireWhen.GreaterThanCurrentExpiry));
                writes.Add(db.KeyExpireAsync(tagKey, ttl, ExpireWhen.HasNoExpiry));
            }

            await Task.WhenAll(writes).WaitAsync(_options.RedisOperationTimeout).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Failed("set", ex);
        }
    }

    private IDatabase? Database()
    {
        if (!_connection.IsCompletedSuccessfully || _connection.Result is not { IsConnected: true } connection)
        {
            return null; // Down or still connecting: do not wait for it.
        }

        return connection.GetDatabase();
    }

    private async Task<IConnectionMultiplexer?> ConnectAsync(string connectionString)
    {
        try
        {
            ConfigurationOptions config = ConfigurationOptions.Parse(connectionString);
            config.AbortOnConnectFail = false;
            int timeoutMs = (int)Math.Max(250, _options.RedisOperationTimeout.TotalMilliseconds * 4);
            config.ConnectTimeout = Math.Min(config.ConnectTimeout, Math.Max(1000, timeoutMs));
            config.SyncTimeout = timeoutMs;
            config.AsyncTimeout = timeoutMs;
            config.ReconnectRetryPolicy = new LinearRetry(500);
            ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
            connection.ConnectionRestored += (_, e) => CachingLog.RedisConnected(_logger, e.EndPoint?.ToString() ?? "?");
            await SubscribeCoreAsync(connection).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex)
        {
            Failed("connect", ex);
            return null;
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            if (await _connection.ConfigureAwait(false) is IConnectionMultiplexer connection)
            {
                await SubscribeCoreAsync(connection).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Failed("subscribe", ex);
        }
    }

    private async Task SubscribeCoreAsync(IConnectionMultiplexer connection)
    {
        // StackExchange.Redis keeps subscriptions across reconnects; a subscribe made while down is sent once it is up.
        try
        {
            await connection.GetSubscriber().SubscribeAsync(_channel, (_, message) => OnMessage(message)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            Failed("subscribe", ex);
        }
    }

    private void OnMessage(RedisValue message)
    {
        string text = message.ToString();
        int split = text.IndexOf('\n', StringComparison.Ordinal);
        if (split > 0 && !text.AsSpan(0, split).SequenceEqual(_instanceId))
        {
            _onRemoteEviction?.Invoke(text[(split + 1)..]);
        }
    }

    private RedisKey EntryKey(string key) =>
        _options.RedisKeyPrefix + "e:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private RedisKey TagKey(string tag) => _options.RedisKeyPrefix + "t:" + tag;

    private void Failed(string operation, Exception? exception)
    {
        _metrics.RedisError();
        long now = _time.GetTimestamp();
        long last = Interlocked.Read(ref _lastErrorLog);
        long interval = (long)(_options.RedisErrorLogInterval.TotalSeconds * _time.TimestampFrequency);
        if ((last == long.MinValue || now - last >= interval) && Interlocked.CompareExchange(ref _lastErrorLog, now, last) == last)
        {
            CachingLog.RedisFailed(_logger, operation, Interlocked.Exchange(ref _suppressedErrors, 0), exception);
        }
        else
        {
            Interlocked.Increment(ref _suppressedErrors);
        }
    }
}
