namespace Velithon.AspNetCore.Caching;

/// <summary>
/// One <c>[VelithonCached]</c> endpoint's figures for the stats endpoint and the dashboard: hits and misses as requests
/// saw them (as the meters count them), and the L1 entries its responses hold, their bytes and how many were evicted.
/// </summary>
internal sealed class EndpointCacheCounters(string endpoint)
{
    private long _hits;
    private long _misses;
    private long _entries;
    private long _bytes;
    private long _evictions;

    /// <summary>Gets the endpoint's display name (its route pattern and handler, as ASP.NET Core names it).</summary>
    public string Endpoint { get; } = endpoint;

    public void Hit() => Interlocked.Increment(ref _hits);

    public void Miss() => Interlocked.Increment(ref _misses);

    /// <summary>An entry of <paramref name="bytes"/> (<see cref="CachedResponse.SizeInBytes"/>) entered the L1.</summary>
    public void Stored(long bytes)
    {
        Interlocked.Increment(ref _entries);
        Interlocked.Add(ref _bytes, bytes);
    }

    /// <summary>An entry of <paramref name="bytes"/> left the L1; <paramref name="evicted"/> when a bound pushed it out.</summary>
    public void Removed(long bytes, bool evicted)
    {
        Interlocked.Decrement(ref _entries);
        Interlocked.Add(ref _bytes, -bytes);
        if (evicted)
        {
            Interlocked.Increment(ref _evictions);
        }
    }

    public Snapshot Read() => new(
        Endpoint, Volatile.Read(ref _hits), Volatile.Read(ref _misses), Volatile.Read(ref _entries), Volatile.Read(ref _bytes), Volatile.Read(ref _evictions));

    /// <summary>The figures at one moment.</summary>
    public readonly record struct Snapshot(string Endpoint, long Hits, long Misses, long Entries, long MemoryBytes, long Evictions)
    {
        public double HitRatePercent => Hits + Misses == 0 ? 0 : Math.Round(100.0 * Hits / (Hits + Misses), 2);
    }
}
