namespace Velithon.Memory.Tests.Pooling;

public class VelithonMemoryPoolTrimTests
{
    [Fact]
    public void Trim_releases_everything_and_returns_the_bytes_released()
    {
        var pool = PoolTestHelpers.NewPool();
        byte[][] arrays = [pool.Rent(4096), pool.Rent(4096), pool.Rent(4096), pool.Rent(64)];
        foreach (byte[] array in arrays)
        {
            pool.Return(array);
        }

        long released = pool.Trim();

        Assert.Equal((3 * 4096) + 64, released);
        MemoryPoolStats stats = pool.GetStats();
        Assert.Equal(0, stats.PooledBytes);
        Assert.Equal(released, stats.TrimmedBytes);
        Assert.Equal(0, pool.Trim());
        Assert.NotSame(arrays[0], pool.Rent(4096));
    }

    [Fact]
    public void TrimmedBytes_accumulates()
    {
        var pool = PoolTestHelpers.NewPool();
        pool.Return(pool.Rent(128));
        pool.Trim();
        pool.Return(pool.Rent(256));
        pool.Trim();

        Assert.Equal(128 + 256, pool.GetStats().TrimmedBytes);
    }

    [Fact]
    public void Trim_releases_the_slots_of_other_live_threads()
    {
        var pool = PoolTestHelpers.NewPool();
        using var pooled = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            pool.Return(pool.Rent(2048));
            pooled.Set();
            release.Wait();
        });
        thread.Start();
        pooled.Wait();

        Assert.Equal(2048, pool.Trim());
        Assert.Equal(0, pool.GetStats().PooledBytes);

        release.Set();
        thread.Join();
    }

    [Fact]
    public void Trim_releases_the_slots_and_permits_of_exited_threads()
    {
        var pool = PoolTestHelpers.NewPool(4096, 4);
        PoolTestHelpers.RunOnNewThread(() => pool.Return(pool.Rent(512)));
        int index = PoolTestHelpers.BucketIndex(512);
        Assert.Equal(1, pool.Buckets[index].ThreadPermits);

        Assert.Equal(512, pool.Trim());
        Assert.Equal(0, pool.Buckets[index].ThreadPermits);
        Assert.Equal(4, pool.Buckets[index].FreePermits);
    }

    [Fact]
    public void Automatic_trim_drops_arrays_idle_for_a_minute()
    {
        var pool = PoolTestHelpers.NewPool();
        byte[][] arrays = [pool.Rent(1024), pool.Rent(1024), pool.Rent(1024)];
        foreach (byte[] array in arrays)
        {
            pool.Return(array);
        }

        long now = Environment.TickCount64;

        Assert.Equal(0, pool.TrimCore(now, highPressure: false, all: false)); // first pass only starts the idle clock
        Assert.Equal(0, pool.TrimCore(now + 30_000, highPressure: false, all: false));
        Assert.Equal(3 * 1024, pool.TrimCore(now + 61_000, highPressure: false, all: false));
        Assert.Equal(3 * 1024, pool.GetStats().TrimmedBytes);
    }

    [Fact]
    public void Using_an_array_restarts_its_idle_clock()
    {
        var pool = PoolTestHelpers.NewPool();
        pool.Return(pool.Rent(1024));
        long now = Environment.TickCount64;
        pool.TrimCore(now, highPressure: false, all: false);

        pool.Return(pool.Rent(1024));

        Assert.Equal(0, pool.TrimCore(now + 61_000, highPressure: false, all: false));
        Assert.Equal(1024, pool.TrimCore(now + 122_000, highPressure: false, all: false));
    }

    [Fact]
    public void High_memory_load_keeps_one_array_per_stack_and_shortens_the_idle_time()
    {
        var pool = PoolTestHelpers.NewPool();
        byte[][] arrays = Enumerable.Range(0, 10).Select(_ => pool.Rent(8192)).ToArray();
        foreach (byte[] array in arrays)
        {
            pool.Return(array);
        }

        int index = PoolTestHelpers.BucketIndex(8192);
        long now = Environment.TickCount64;

        long released = pool.TrimCore(now, highPressure: true, all: false);

        int stacks = Math.Clamp(Environment.ProcessorCount, 1, 64);
        Assert.True(pool.Buckets[index].StackedCount <= stacks);
        Assert.Equal((9 - pool.Buckets[index].StackedCount) * 8192L, released);
        Assert.Equal(
            10 * 8192L - released,
            pool.TrimCore(now + 11_000, highPressure: true, all: false));
        Assert.Equal(0, pool.GetStats().PooledBytes);
    }

    [Fact]
    public void Gen2_collections_run_the_automatic_trim()
    {
        var pool = new VelithonMemoryPool();
        pool.Return(pool.Rent(64));
        int before = pool.Gen2TrimPasses;

        for (int i = 0; i < 3 && pool.Gen2TrimPasses == before; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.True(pool.Gen2TrimPasses > before);
        Assert.Equal(64, pool.GetStats().PooledBytes); // recently used: kept
    }

    [Fact]
    public void An_unreferenced_pool_is_collected_although_threads_cached_it()
    {
        WeakReference weak = CreateAndUsePool();

        for (int i = 0; i < 5 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(weak.IsAlive);

        // The thread's stale cache entry is replaced by a new pool's cache without trouble.
        var other = new VelithonMemoryPool();
        other.Return(other.Rent(64));
        Assert.Equal(1, other.GetStats().Rents);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference CreateAndUsePool()
    {
        var pool = new VelithonMemoryPool();
        pool.Return(pool.Rent(64));
        pool.Return(pool.Rent(4096));
        return new WeakReference(pool);
    }
}
