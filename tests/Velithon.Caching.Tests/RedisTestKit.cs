using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// What the Redis tests share: a key prefix of their own, an admin connection to the target (one node or every node of
/// the cluster), apps started against it, bounded waits, and a way to stall the server.
/// </summary>
internal sealed class RedisTestKit(IRedisTarget redis, string name)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(10);

    private ConnectionMultiplexer? _connection;

    public string Prefix { get; } = name + ":" + Guid.NewGuid().ToString("N")[..8] + ":";

    public IRedisTarget Target => redis;

    public ConnectionMultiplexer Connection => _connection!;

    public IDatabase Db => _connection!.GetDatabase();

    /// <summary>Gets every primary (one for a single node): keys are listed per node.</summary>
    public IServer[] Servers => [.. _connection!.GetServers().Where(static s => !s.IsReplica)];

    public async Task InitializeAsync() => _connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    /// <summary>
    /// Starts an app on the target with this kit's prefix and waits until it is connected. Its Redis operations are
    /// <see cref="Patient"/> unless <paramref name="configure"/> sets a timeout: a test about timing says so itself.
    /// </summary>
    public async Task<TestApp> StartAsync(Action<VelithonRedisCacheOptions>? configure = null, TimeProvider? time = null)
    {
        TestApp app = await TestApp.StartAsync(
            o => o.UseRedis(redis.ConnectionString, r =>
            {
                r.RedisKeyPrefix = Prefix;
                r.RedisErrorLogInterval = TimeSpan.FromSeconds(1);
                Patient(r);
                configure?.Invoke(r);
            }),
            time);
        await WaitUntilAsync(() => Task.FromResult(app.Cache.Redis!.IsConnected));
        return app;
    }

    /// <summary>
    /// Gives each Redis operation 3 s instead of the default 250 ms, for tests about what Redis holds rather than how fast it
    /// answers: on a loaded CI runner one operation (an eviction's INCR, a read that must be counted) can take longer.
    /// </summary>
    public static void Patient(VelithonRedisCacheOptions options) => options.RedisOperationTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Bounds a request: a planted entry or a stall that made one hang fails the test instead of stalling it.</summary>
    public static Task<T> Within<T>(Task<T> request) => request.WaitAsync(RequestTimeout);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? WaitTimeout;
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < limit, $"condition not met within {limit}");
            await Task.Delay(20);
        }
    }

    /// <summary>Blocks every Redis node for <paramref name="seconds"/> (DEBUG SLEEP) from a connection of its own.</summary>
    public async Task StallRedisAsync(int seconds)
    {
        using ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true,syncTimeout=10000,asyncTimeout=10000");
        string duration = seconds.ToString(CultureInfo.InvariantCulture);
        await Task.WhenAll(admin.GetServers().Where(static s => !s.IsReplica).Select(s => s.ExecuteAsync("DEBUG", "SLEEP", duration)));
    }

    /// <summary>Lists this kit's keys matching <paramref name="pattern"/> (after the prefix) on every node.</summary>
    public RedisKey[] Keys(string pattern = "*") => [.. Servers.SelectMany(s => s.Keys(pattern: Prefix + pattern))];

    public async Task<RedisKey> SingleEntryKeyAsync()
    {
        await WaitForKeysAsync(1);
        return Assert.Single(Keys("e:*"));
    }

    /// <summary>Waits until at least <paramref name="count"/> entries (written in the background) are in Redis.</summary>
    public Task WaitForKeysAsync(int count, string pattern = "e:*") => WaitUntilAsync(() => Task.FromResult(Keys(pattern).Length >= count));
}
