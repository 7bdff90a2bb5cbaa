using System.Globalization;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Velithon.AspNetCore.HybridCaching.Redis;

/// <summary>
/// Redis pub/sub between the instances of one hybrid cache (the <see cref="IVelithonHybridEvictionBus"/> of
/// <c>o.UseRedis(...)</c>): each key removal and tag eviction is published, and each
/// instance drops its L1 copies on hearing another's. Best effort: a message lost while Redis restarts leaves an L1
/// copy until its <c>LocalCacheExpiration</c>; the L2 (where the eviction times are written first) is always checked on
/// an L2 read.
/// </summary>
internal sealed class RedisHybridEvictionBus : IVelithonHybridEvictionBus
{
    private const char KeyKind = 'k';
    private const char TagKind = 't';

    private readonly bool _ownsConnection;
    private readonly RedisChannel _channel;
    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private readonly ILogger _logger;

    private Action<string>? _keyRemoved;
    private Action<string, long>? _tagEvicted;

    public RedisHybridEvictionBus(VelithonRedisHybridCacheOptions options, IServiceProvider services, ILogger logger)
    {
        _logger = logger;
        _channel = RedisChannel.Literal(options.RedisKeyPrefix + "evict");
        if (options.UseRedisFromServices)
        {
            Connection = Task.FromResult<IConnectionMultiplexer?>(services.GetRequiredService<IConnectionMultiplexer>());
        }
        else
        {
            _ownsConnection = true;
            Connection = ConnectAsync(options.RedisConnectionString!);
        }

        DistributedCache = new RedisDistributedCache(Connection, options.RedisKeyPrefix);
    }

    public Task<IConnectionMultiplexer?> Connection { get; }

    /// <summary>Gets the L2 on this bus's connection: plain strings under <c>{prefix}{key}</c>.</summary>
    public IDistributedCache DistributedCache { get; }

    /// <summary>Completes once the subscription is in place (or failed, logged): for tests and start-up.</summary>
    public Task Subscribed => _subscribed.Task;

    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Start(Action<string> keyRemoved, Action<string, long> tagEvicted)
    {
        _keyRemoved = keyRemoved;
        _tagEvicted = tagEvicted;
        _ = SubscribeAsync();
    }

    public Task PublishKeyRemovedAsync(string key) => PublishAsync(KeyKind, 0, key);

    public Task PublishTagEvictedAsync(string tag, long ticks) => PublishAsync(TagKind, ticks, tag);

    public void Dispose()
    {
        if (_ownsConnection && Connection.IsCompletedSuccessfully)
        {
            Connection.Result?.Dispose();
        }
    }

    private async Task PublishAsync(char kind, long ticks, string name)
    {
        IConnectionMultiplexer connection = await Connection.ConfigureAwait(false)
            ?? throw new InvalidOperationException("The hybrid cache's Redis connection is not established.");
        string message = string.Create(CultureInfo.InvariantCulture, $"{_instanceId}|{kind}|{ticks}|{name}");
        await connection.GetSubscriber().PublishAsync(_channel, message).ConfigureAwait(false);
    }

    private async Task<IConnectionMultiplexer?> ConnectAsync(string connectionString)
    {
        try
        {
            ConfigurationOptions config = ConfigurationOptions.Parse(connectionString);
            config.AbortOnConnectFail = false;
            return await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            RedisHybridLog.L2Failed(_logger, "connect", ex);
            return null;
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            if (await Connection.ConfigureAwait(false) is { } connection)
            {
                await connection.GetSubscriber().SubscribeAsync(_channel, (_, message) => Heard(message)).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            RedisHybridLog.L2Failed(_logger, "subscribe", ex);
        }
        finally
        {
            _subscribed.TrySetResult();
        }
    }

    // "{instance}|{kind}|{ticks}|{name}"; the name is last, so it may hold '|'.
    private void Heard(RedisValue message)
    {
        string? text = message;
        string[]? parts = text?.Split('|', 4);
        if (parts is not { Length: 4 } || parts[0] == _instanceId || parts[1].Length != 1
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks))
        {
            return;
        }

        if (parts[1][0] == KeyKind)
        {
            _keyRemoved?.Invoke(parts[3]);
        }
        else if (parts[1][0] == TagKind)
        {
            _tagEvicted?.Invoke(parts[3], ticks);
        }
    }
}
