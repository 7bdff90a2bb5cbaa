using System.Diagnostics;
using StackExchange.Redis;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// What the Redis attack tests share: a key prefix of their own, an admin connection to the fixture's server, apps
/// started against it, bounded waits, and a way to stall the server.
/// </summary>
internal sealed class RedisTestKit(RedisFixture redis, string name)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(10);

    private ConnectionMultiplexer? _connection;

    public string Prefix { get; } = name + ":" + Guid.NewGuid().ToString("N")[..8] + ":";

    public IDatabase Db => _connection!.GetDatabase();

    public IServer Server => _connection!.GetServers()[0];

    public async Task InitializeAsync() => _connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    /// <summary>Starts an app on the fixture's Redis with this kit's prefix and waits until it is connected.</summary>
    public async Task<TestApp> StartAsync(Action<VelithonCachingOptions>? configure = null, TimeProvider? time = null)
    {
        TestApp app = await TestApp.StartAsync(
            o =>
            {
                o.UseRedis(redis.ConnectionString);
                o.RedisKeyPrefix = Prefix;
                o.RedisErrorLogInterval = TimeSpan.FromSeconds(1);
                configure?.Invoke(o);
            },
            time);
        await WaitUntilAsync(() => Task.FromResult(app.Cache.Redis!.IsConnected));
        return app;
    }

    /// <summary>Bounds a request: a planted entry or a stall that made one hang fails the test instead of stalling it.</summary>
    public static Task<T> Within<T>(Task<T> request) => request.WaitAsync(RequestTimeout);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < WaitTimeout, $"condition not met within {WaitTimeout}");
            await Task.Delay(20);
        }
    }

    /// <summary>Blocks the whole Redis server for <paramref name="seconds"/> (DEBUG SLEEP) from a connection of its own.</summary>
    public async Task StallRedisAsync(int seconds)
    {
        using ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true,syncTimeout=10000,asyncTimeout=10000");
        await admin.GetServers()[0].ExecuteAsync("DEBUG", "SLEEP", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<RedisKey> SingleEntryKeyAsync()
    {
        await WaitForKeysAsync(1);
        return Assert.Single(Server.Keys(pattern: Prefix + "e:*"));
    }

    /// <summary>Waits until at least <paramref name="count"/> entries (written in the background) are in Redis.</summary>
    public Task WaitForKeysAsync(int count) => WaitUntilAsync(() => Task.FromResult(Server.Keys(pattern: Prefix + "e:*").Count() >= count));
}
