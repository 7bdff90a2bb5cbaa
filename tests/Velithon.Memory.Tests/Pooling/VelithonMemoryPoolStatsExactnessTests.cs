using System.Collections.Concurrent;

namespace Velithon.Memory.Tests.Pooling;

/// <summary>
/// The per-thread counters summed by <see cref="VelithonMemoryPool.GetStats"/> lose nothing: totals are exact once the
/// threads are done (whether they exited or not, swept or not), and snapshots taken meanwhile never break an invariant.
/// </summary>
public class VelithonMemoryPoolStatsExactnessTests
{
    [Fact]
    public void Totals_are_exact_across_many_threads_that_exit()
    {
        var pool = PoolTestHelpers.NewPool(65536, 8);
        PoolWorkload expected = PoolWorkload.Run(pool, threads: 16, opsPerThread: 4000, seed: 1);

        AssertTotals(expected, pool.GetStats()); // exited threads not swept yet
        pool.Trim(); // folds the exited threads into the retired totals
        AssertTotals(expected, pool.GetStats());

        // A second generation of threads adds to the retired totals.
        PoolWorkload more = PoolWorkload.Run(pool, threads: 8, opsPerThread: 2000, seed: 2);
        AssertTotals(expected + more, pool.GetStats());
        pool.Trim();
        AssertTotals(expected + more, pool.GetStats());
    }

    [Fact]
    public void Snapshots_taken_during_the_work_never_break_an_invariant()
    {
        var pool = PoolTestHelpers.NewPool(65536, 8);
        var failures = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var monitor = new Thread(() =>
        {
            MemoryPoolStats previous = default;
            while (!stop.IsCancellationRequested)
            {
                MemoryPoolStats stats = pool.GetStats();
                if (stats.Hits < 0 || stats.Misses > stats.Rents || stats.CurrentRentedBytes < 0
                    || stats.PeakRentedBytes < stats.CurrentRentedBytes)
                {
                    failures.Enqueue($"inconsistent snapshot {stats}");
                }

                if (stats.Rents < previous.Rents || stats.Returns < previous.Returns || stats.Misses < previous.Misses
                    || stats.PeakRentedBytes < previous.PeakRentedBytes)
                {
                    failures.Enqueue($"a counter went back: {previous} then {stats}");
                }

                previous = stats;
            }
        });
        monitor.Start();

        PoolWorkload expected = PoolWorkload.Run(pool, threads: 8, opsPerThread: 20_000, seed: 3, trimWhileRunning: true);
        stop.Cancel();
        monitor.Join();

        Assert.Empty(failures);
        AssertTotals(expected, pool.GetStats());
    }

    [Fact]
    public void Peak_is_at_least_every_reading_and_at_most_everything_rented()
    {
        var pool = PoolTestHelpers.NewPool(65536, 8);
        PoolWorkload expected = PoolWorkload.Run(pool, threads: 4, opsPerThread: 3000, seed: 4);
        MemoryPoolStats stats = pool.GetStats();

        Assert.InRange(stats.PeakRentedBytes, Math.Max(1, stats.CurrentRentedBytes), expected.RentedBytes);
    }

    [Fact]
    public void A_high_reached_by_reusing_pooled_arrays_is_seen_by_a_reading_while_it_is_held()
    {
        var pool = PoolTestHelpers.NewPool();
        byte[] a = pool.Rent(4096); // allocates: sampled, peak 4096
        pool.Return(a);
        byte[] b = pool.Rent(16); // allocates while holding 16 bytes: below the thread's high, not sampled
        byte[] again = pool.Rent(4096); // reuses the pooled array: 4112 held, nothing allocated

        Assert.Same(a, again);
        Assert.Equal(4096 + 16, pool.GetStats().PeakRentedBytes);
        pool.Return(again);
        pool.Return(b);
        Assert.Equal(4096 + 16, pool.GetStats().PeakRentedBytes);
    }

    private static void AssertTotals(PoolWorkload expected, MemoryPoolStats stats)
    {
        Assert.Equal(expected.Rents, stats.Rents);
        Assert.Equal(expected.Returns, stats.Returns);
        Assert.Equal(stats.Rents, stats.Hits + stats.Misses);
        Assert.InRange(stats.Misses, expected.UnpooledRents, expected.Rents);
        Assert.Equal(expected.OutstandingBytes, stats.CurrentRentedBytes);
        Assert.True(stats.PeakRentedBytes >= stats.CurrentRentedBytes);
    }
}
