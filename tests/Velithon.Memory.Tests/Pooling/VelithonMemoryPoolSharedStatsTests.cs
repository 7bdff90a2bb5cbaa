namespace Velithon.Memory.Tests.Pooling;

/// <summary>
/// <see cref="VelithonMemoryPool.Shared"/> has its own thread-static path; other tests use it too, so exact deltas of
/// its stats are read alone (see <see cref="SharedPoolStatsGroup"/>).
/// </summary>
[Collection(nameof(SharedPoolStatsGroup))]
public class VelithonMemoryPoolSharedStatsTests
{
    [Fact]
    public void Shared_counts_every_rent_and_return_of_threads_that_exit()
    {
        VelithonMemoryPool pool = VelithonMemoryPool.Shared;
        MemoryPoolStats before = pool.GetStats();
        PoolWorkload done = PoolWorkload.Run(pool, threads: 8, opsPerThread: 2000, seed: 5);
        MemoryPoolStats after = pool.GetStats();

        Assert.Equal(done.Rents, after.Rents - before.Rents);
        Assert.Equal(done.Returns, after.Returns - before.Returns);
        Assert.Equal(done.OutstandingBytes, after.CurrentRentedBytes - before.CurrentRentedBytes);
        Assert.Equal(after.Rents, after.Hits + after.Misses);
    }
}
