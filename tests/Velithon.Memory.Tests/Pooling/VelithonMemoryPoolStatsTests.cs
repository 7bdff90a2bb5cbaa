namespace Velithon.Memory.Tests.Pooling;

public class VelithonMemoryPoolStatsTests
{
    [Fact]
    public void New_pool_has_empty_stats()
    {
        MemoryPoolStats stats = PoolTestHelpers.NewPool().GetStats();

        Assert.Equal(default, stats);
        Assert.Equal(0d, stats.HitRatePercent);
    }

    [Fact]
    public void Rents_returns_hits_and_misses_are_counted()
    {
        var pool = PoolTestHelpers.NewPool();

        byte[] a = pool.Rent(4096); // miss
        pool.Return(a);
        byte[] b = pool.Rent(4096); // hit
        byte[] c = pool.Rent(4096); // miss
        pool.Return(b);

        MemoryPoolStats stats = pool.GetStats();
        Assert.Equal(3, stats.Rents);
        Assert.Equal(2, stats.Returns);
        Assert.Equal(1, stats.Hits);
        Assert.Equal(2, stats.Misses);
        Assert.Equal(33.33, stats.HitRatePercent);
        Assert.Equal(4096, stats.CurrentRentedBytes);
        Assert.Equal(8192, stats.PeakRentedBytes);
        Assert.Equal(4096, stats.PooledBytes);
        GC.KeepAlive(c);
    }

    [Fact]
    public void HitRatePercent_is_hits_over_rents_rounded_to_two_decimals()
    {
        var stats = new MemoryPoolStats { Rents = 3, Hits = 2, Misses = 1 };

        Assert.Equal(66.67, stats.HitRatePercent);
        Assert.Equal(0d, new MemoryPoolStats { Hits = 5 }.HitRatePercent);
    }

    [Fact]
    public void Peak_is_an_exact_high_water_mark_on_one_thread()
    {
        var pool = PoolTestHelpers.NewPool();
        var held = new List<byte[]>();
        for (int i = 0; i < 40; i++)
        {
            held.Add(pool.Rent(4096)); // 160 KiB: crosses the 64 KiB publication threshold twice
        }

        held.Add(pool.Rent(1000)); // +1024
        Assert.Equal((40 * 4096) + 1024, pool.GetStats().PeakRentedBytes);

        foreach (byte[] array in held)
        {
            pool.Return(array);
        }

        held.Clear();
        for (int i = 0; i < 3; i++)
        {
            held.Add(pool.Rent(4096));
        }

        MemoryPoolStats stats = pool.GetStats();
        Assert.Equal(3 * 4096, stats.CurrentRentedBytes);
        Assert.Equal((40 * 4096) + 1024, stats.PeakRentedBytes);
    }

    [Fact]
    public void Peak_below_the_publication_threshold_is_exact_after_everything_is_returned()
    {
        var pool = PoolTestHelpers.NewPool();
        byte[][] arrays = [pool.Rent(4096), pool.Rent(4096), pool.Rent(16)];
        foreach (byte[] array in arrays)
        {
            pool.Return(array);
        }

        MemoryPoolStats stats = pool.GetStats();
        Assert.Equal(0, stats.CurrentRentedBytes);
        Assert.Equal(8192 + 16, stats.PeakRentedBytes);
    }

    [Fact]
    public void Large_rents_are_counted_in_current_and_peak_bytes()
    {
        var pool = PoolTestHelpers.NewPool(4096);

        byte[] big = pool.Rent(3_000_000);
        MemoryPoolStats during = pool.GetStats();
        pool.Return(big);
        MemoryPoolStats after = pool.GetStats();

        Assert.Equal(3_000_000, during.CurrentRentedBytes);
        Assert.Equal(0, after.CurrentRentedBytes);
        Assert.Equal(3_000_000, after.PeakRentedBytes);
    }

    [Fact]
    public void Counters_of_exited_threads_are_kept()
    {
        var pool = PoolTestHelpers.NewPool();
        PoolTestHelpers.RunOnNewThread(() =>
        {
            for (int i = 0; i < 10; i++)
            {
                pool.Return(pool.Rent(512));
            }

            _ = pool.Rent(100_000); // still outstanding when the thread exits
        });

        pool.Trim(); // sweeps the exited thread
        MemoryPoolStats stats = pool.GetStats();

        Assert.Equal(11, stats.Rents);
        Assert.Equal(10, stats.Returns);
        Assert.Equal(9, stats.Hits);
        Assert.Equal(2, stats.Misses);
        Assert.Equal(131072, stats.CurrentRentedBytes);
    }

    [Fact]
    public void Stats_are_a_value_snapshot()
    {
        var pool = PoolTestHelpers.NewPool();
        pool.Return(pool.Rent(64));
        MemoryPoolStats first = pool.GetStats();
        MemoryPoolStats second = pool.GetStats();

        Assert.Equal(first, second);
        pool.Rent(64);
        Assert.NotEqual(first, pool.GetStats());
        Assert.Equal(1, first.Rents);
    }
}
