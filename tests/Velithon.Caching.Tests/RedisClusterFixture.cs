using System.Diagnostics;
using System.Globalization;

namespace Velithon.Caching.Tests;

/// <summary>
/// Runs a real three-node Redis Cluster (three primaries, no replicas, persistence off) on free loopback ports: starts
/// <c>redis-server --cluster-enabled yes</c> three times, joins them with <c>redis-cli --cluster create</c> and waits
/// until every node says <c>cluster_state:ok</c>. A node can be killed and started again with its own nodes.conf on
/// its port (it comes back empty, owning the same slots). Dispose kills the nodes and deletes their directory.
/// </summary>
public sealed class RedisClusterFixture : IRedisTarget, IDisposable
{
    public const int NodeCount = 3;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    // Long enough for a node that was marked failed to be cleared again (twice the node timeout, 15 s by default)
    // on a stalled machine; polled, so a healthy start takes well under a second.
    private static readonly TimeSpan ClusterTimeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo? _directory;
    private readonly RedisServerProcess[] _nodes = [];

    public RedisClusterFixture()
    {
        if (!IsAvailable)
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                throw new InvalidOperationException("The Redis Cluster tests need redis-server and redis-cli (apt-get install redis-server redis-tools).");
            }

            return; // Developer machine: the [RedisFact] tests say why they are skipped.
        }

        _directory = Directory.CreateTempSubdirectory("velithon-redis-cluster-");
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                _nodes = [.. PickPorts().Select(port => new RedisServerProcess(port, NodeArgs(port)))];
                if (_nodes.All(node => node.TryStart(StartTimeout)))
                {
                    break;
                }

                // A port was taken between the check and the start: try others.
                KillAll();
                if (attempt == 4)
                {
                    throw new InvalidOperationException("Could not start three cluster nodes on free ports.");
                }
            }

            Create();
            WaitUntilHealthy();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public static bool IsAvailable => RedisServerProcess.Server is not null && RedisServerProcess.Cli is not null;

    public string Name => "cluster";

    public string ConnectionString => string.Join(",", _nodes.Select(static node => $"127.0.0.1:{node.Port}"));

    public bool IsCluster => true;

    public IReadOnlyList<int> Ports => [.. _nodes.Select(static node => node.Port)];

    public void Kill()
    {
        for (int i = 0; i < _nodes.Length; i++)
        {
            _nodes[i].Kill();
        }
    }

    public void Start()
    {
        foreach (RedisServerProcess node in _nodes.Where(static node => !node.IsRunning))
        {
            StartProcess(node);
        }

        WaitUntilHealthy();
    }

    public void KillNode(int index) => _nodes[index].Kill();

    public void StartNode(int index)
    {
        if (!_nodes[index].IsRunning)
        {
            StartProcess(_nodes[index]);
        }

        WaitUntilHealthy();
    }

    /// <summary>Gets the index of the node that owns <paramref name="slot"/>, as node <paramref name="askedNode"/> sees it (<c>CLUSTER NODES</c>).</summary>
    public int OwnerOf(int slot, int askedNode = 0)
    {
        string nodes = (string)Execute(_nodes[askedNode].Port, "CLUSTER", "NODES")!;
        foreach (string line in nodes.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split(' ');
            int port = int.Parse(fields[1].AsSpan(fields[1].IndexOf(':', StringComparison.Ordinal) + 1, fields[1].IndexOf('@', StringComparison.Ordinal) - fields[1].IndexOf(':', StringComparison.Ordinal) - 1), CultureInfo.InvariantCulture);
            foreach (string range in fields.Skip(8).Where(static f => !f.StartsWith('[')))
            {
                int dash = range.IndexOf('-', StringComparison.Ordinal);
                int first = int.Parse(dash < 0 ? range : range[..dash], CultureInfo.InvariantCulture);
                int last = dash < 0 ? first : int.Parse(range[(dash + 1)..], CultureInfo.InvariantCulture);
                if (slot >= first && slot <= last)
                {
                    return Array.FindIndex(_nodes, node => node.Port == port);
                }
            }
        }

        throw new InvalidOperationException($"No node owns slot {slot}: {nodes}");
    }

    /// <summary>
    /// Moves <paramref name="slot"/> and its keys to node <paramref name="to"/> the way <c>redis-cli --cluster reshard</c>
    /// does (IMPORTING on the target, MIGRATING on the source, MIGRATE of the keys, SETSLOT NODE on every node) and waits
    /// until every node agrees. Clients that knew the old owner get MOVED for it.
    /// </summary>
    public void MoveSlot(int slot, int to)
    {
        int from = OwnerOf(slot);
        if (from == to)
        {
            return;
        }

        string text = slot.ToString(CultureInfo.InvariantCulture);
        string[] ids = [.. _nodes.Select(static node => (string)Execute(node.Port, "CLUSTER", "MYID")!)];
        Execute(_nodes[to].Port, "CLUSTER", "SETSLOT", text, "IMPORTING", ids[from]);
        Execute(_nodes[from].Port, "CLUSTER", "SETSLOT", text, "MIGRATING", ids[to]);
        while (Execute(_nodes[from].Port, "CLUSTER", "GETKEYSINSLOT", text, "100") is object?[] { Length: > 0 } keys)
        {
            Execute(_nodes[from].Port, ["MIGRATE", "127.0.0.1", _nodes[to].Port.ToString(CultureInfo.InvariantCulture), "", "0", "5000", "KEYS", .. keys.Cast<string>()]);
        }

        // The target first (it takes the slot and bumps its epoch), then the source, then the rest.
        foreach (int node in new[] { to, from }.Concat(Enumerable.Range(0, _nodes.Length)).Distinct())
        {
            Execute(_nodes[node].Port, "CLUSTER", "SETSLOT", text, "NODE", ids[to]);
        }

        var watch = Stopwatch.StartNew();
        while (Enumerable.Range(0, _nodes.Length).Any(node => OwnerOf(slot, node) != to))
        {
            if (watch.Elapsed > ClusterTimeout)
            {
                throw new InvalidOperationException($"The nodes did not agree on the new owner of slot {slot} within {ClusterTimeout.TotalSeconds} s.");
            }

            Thread.Sleep(50);
        }

        WaitUntilHealthy();
    }

    public void Dispose()
    {
        KillAll();
        try
        {
            _directory?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A node still writing its nodes.conf as it died; the temp directory is the system's to clean then.
        }
    }

    private static void StartProcess(RedisServerProcess node)
    {
        if (!node.TryStart(StartTimeout))
        {
            throw new InvalidOperationException($"Cluster node {node.Port} exited at start (its port or bus port {node.Port + 10000} was taken).");
        }
    }

    /// <summary>Three ports P that are free with their cluster bus ports P + 10000, below the usual ephemeral range.</summary>
    private static int[] PickPorts()
    {
        var ports = new List<int>();
        while (ports.Count < NodeCount)
        {
            int port = Random.Shared.Next(15000, 22000);
            if (!ports.Contains(port) && !ports.Contains(port + 10000) && RedisServerProcess.IsFree(port) && RedisServerProcess.IsFree(port + 10000))
            {
                ports.Add(port);
            }
        }

        return [.. ports];
    }

    private string[] NodeArgs(int port) =>
    [
        "--cluster-enabled", "yes",
        "--cluster-config-file", Path.Combine(_directory!.FullName, $"nodes-{port.ToString(CultureInfo.InvariantCulture)}.conf"),
        "--dir", _directory.FullName,
    ];

    private void Create()
    {
        var info = new ProcessStartInfo(RedisServerProcess.Cli!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--cluster");
        info.ArgumentList.Add("create");
        foreach (RedisServerProcess node in _nodes)
        {
            info.ArgumentList.Add($"127.0.0.1:{node.Port}");
        }

        info.ArgumentList.Add("--cluster-replicas");
        info.ArgumentList.Add("0");
        info.ArgumentList.Add("--cluster-yes");

        using Process cli = Process.Start(info) ?? throw new InvalidOperationException("redis-cli did not start.");
        cli.StandardInput.Close();
        Task<string> output = cli.StandardOutput.ReadToEndAsync();
        Task<string> error = cli.StandardError.ReadToEndAsync();
        if (!cli.WaitForExit(ClusterTimeout))
        {
            cli.Kill();
            throw new InvalidOperationException("redis-cli --cluster create did not finish.");
        }

        if (cli.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed ({cli.ExitCode}): {output.Result} {error.Result}");
        }
    }

    /// <summary>Polls every node until it reports <c>cluster_state:ok</c> with every slot assigned and every node known.</summary>
    private void WaitUntilHealthy()
    {
        var watch = Stopwatch.StartNew();
        string last = string.Empty;
        while (true)
        {
            bool ok = true;
            foreach (RedisServerProcess node in _nodes)
            {
                last = ClusterInfo(node.Port);
                ok &= last.Contains("cluster_state:ok", StringComparison.Ordinal)
                    && last.Contains("cluster_slots_ok:16384", StringComparison.Ordinal)
                    && last.Contains($"cluster_known_nodes:{NodeCount}", StringComparison.Ordinal);
            }

            if (ok)
            {
                return;
            }

            if (watch.Elapsed > ClusterTimeout)
            {
                throw new InvalidOperationException($"The cluster was not ok within {ClusterTimeout.TotalSeconds} s: {last}");
            }

            Thread.Sleep(50);
        }
    }

    private static string ClusterInfo(int port)
    {
        try
        {
            using var client = RespClient.Connect(port, TimeSpan.FromSeconds(5));
            return client.Execute("CLUSTER", "INFO") as string ?? string.Empty;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
        {
            return $"{port}: {ex.Message}";
        }
    }

    private static object? Execute(int port, params string[] args)
    {
        using var client = RespClient.Connect(port, TimeSpan.FromSeconds(10));
        object? reply = client.Execute(args);
        return reply is RespError error ? throw new InvalidOperationException($"{string.Join(' ', args)} on {port}: {error.Message}") : reply;
    }

    private void KillAll()
    {
        foreach (RedisServerProcess node in _nodes)
        {
            node.Kill();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RedisClusterGroup : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "redis-cluster";
}
