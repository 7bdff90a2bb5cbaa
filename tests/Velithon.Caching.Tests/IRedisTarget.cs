namespace Velithon.Caching.Tests;

/// <summary>
/// A real Redis the L2 tests run against: one node (<see cref="RedisFixture"/>) or a three-node Redis Cluster
/// (<see cref="RedisClusterFixture"/>). The same tests run against both, through the same connection string an app
/// would be given.
/// </summary>
public interface IRedisTarget
{
    /// <summary>Gets a short name for prefixes and messages: <c>node</c> or <c>cluster</c>.</summary>
    string Name { get; }

    /// <summary>Gets the StackExchange.Redis configuration string an app uses: one endpoint, or every node of the cluster.</summary>
    string ConnectionString { get; }

    /// <summary>Gets whether this is a Redis Cluster.</summary>
    bool IsCluster { get; }

    /// <summary>Gets the port of each node (primaries only; one for a single node).</summary>
    IReadOnlyList<int> Ports { get; }

    /// <summary>Kills every node (a whole-Redis outage).</summary>
    void Kill();

    /// <summary>Starts every killed node again on its port and waits until Redis serves (a cluster: its state is ok).</summary>
    void Start();

    /// <summary>Kills node <paramref name="index"/> only.</summary>
    void KillNode(int index);

    /// <summary>Starts node <paramref name="index"/> again (a cluster node with its nodes.conf) and waits until Redis serves.</summary>
    void StartNode(int index);
}
