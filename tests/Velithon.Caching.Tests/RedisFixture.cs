namespace Velithon.Caching.Tests;

/// <summary>
/// Runs a real <c>redis-server</c> on a free loopback port with persistence off, can kill and restart it on the same
/// port, and kills it on dispose.
/// </summary>
public sealed class RedisFixture : IRedisTarget, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly RedisServerProcess? _server;

    public RedisFixture()
    {
        if (!IsAvailable)
        {
            return;
        }

        _server = new RedisServerProcess(RedisServerProcess.FreePort());
        Start();
    }

    public static bool IsAvailable => RedisServerProcess.Server is not null;

    public string Name => "node";

    public int Port => _server?.Port ?? 0;

    public string ConnectionString => $"127.0.0.1:{Port}";

    public bool IsCluster => false;

    public IReadOnlyList<int> Ports => [Port];

    public void Start()
    {
        if (_server is not null && !_server.IsRunning && !_server.TryStart(StartTimeout))
        {
            throw new InvalidOperationException($"redis-server exited at start on port {Port}.");
        }
    }

    public void Kill() => _server?.Kill();

    public void KillNode(int index) => Kill();

    public void StartNode(int index) => Start();

    public void Dispose() => _server?.Dispose();
}

/// <summary>
/// A fact that is skipped, saying why, when <c>redis-server</c> or <c>redis-cli</c> is not installed on a developer
/// machine; never on CI (the <c>CI</c> variable set), where <c>.ci/run</c> installs them and a missing one must fail the
/// run instead.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if ((RedisServerProcess.Server is null || RedisServerProcess.Cli is null) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = "redis-server or redis-cli is not installed (apt-get install redis-server redis-tools); the L2 cache tests need a real Redis and a real Redis Cluster.";
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RedisGroup : ICollectionFixture<RedisFixture>
{
    public const string Name = "redis";
}
