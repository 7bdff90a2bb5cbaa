using System.Collections.Concurrent;

namespace Velithon.Memory.Tests.Pooling;

public class VelithonMemoryPoolConcurrencyTests
{
    private static readonly int[] Sizes = [16, 100, 1024, 4096, 5000, 65536];

    [Fact]
    public void Threads_renting_and_returning_keep_stats_and_bounds_consistent()
    {
        const int Threads = 4;
        const int Phases = 12;
        const int OpsPerPhase = 3000;
        const int Bound = 8;
        var pool = PoolTestHelpers.NewPool(65536, Bound);
        var failures = new ConcurrentQueue<string>();
        var outstandingCount = new long[Threads];
        var outstandingBytes = new long[Threads];

        // At each phase boundary every worker is parked, so the pool is quiet and exact checks are valid.
        using var barrier = new Barrier(Threads, _ =>
        {
            MemoryPoolStats stats = pool.GetStats();
            long held = outstandingCount.Sum();
            if (stats.Rents != stats.Returns + held)
            {
                failures.Enqueue($"rents {stats.Rents} != returns {stats.Returns} + outstanding {held}");
            }

            if (stats.CurrentRentedBytes != outstandingBytes.Sum())
            {
                failures.Enqueue($"current {stats.CurrentRentedBytes} != outstanding bytes {outstandingBytes.Sum()}");
            }

            if (stats.PeakRentedBytes < stats.CurrentRentedBytes || stats.Hits + stats.Misses != stats.Rents)
            {
                failures.Enqueue($"inconsistent snapshot {stats}");
            }

            CheckBounds(pool, Bound, failures, quiet: true);
        });

        using var stop = new CancellationTokenSource();
        var monitor = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                CheckBounds(pool, Bound, failures, quiet: false);
                MemoryPoolStats stats = pool.GetStats();
                if (stats.CurrentRentedBytes < 0 || stats.PooledBytes < 0 || stats.PooledBytes > Bound * 2L * 65536 * 13)
                {
                    failures.Enqueue($"impossible snapshot {stats}");
                }
            }
        });
        monitor.Start();

        var workers = Enumerable.Range(0, Threads).Select(id => new Thread(() =>
        {
            var random = new Random(id);
            var held = new List<byte[]>();
            try
            {
                for (int phase = 0; phase < Phases; phase++)
                {
                    for (int op = 0; op < OpsPerPhase; op++)
                    {
                        if (held.Count < 12 && (held.Count == 0 || random.Next(2) == 0))
                        {
                            held.Add(pool.Rent(Sizes[random.Next(Sizes.Length)]));
                        }
                        else
                        {
                            int at = random.Next(held.Count);
                            pool.Return(held[at], clearArray: (op & 7) == 0);
                            held[at] = held[^1];
                            held.RemoveAt(held.Count - 1);
                        }
                    }

                    outstandingCount[id] = held.Count;
                    outstandingBytes[id] = held.Sum(a => (long)a.Length);
                    barrier.SignalAndWait();
                }

                held.ForEach(a => pool.Return(a));
                held.Clear();
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex.ToString());
                barrier.RemoveParticipant();
            }
        })).ToList();

        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        stop.Cancel();
        monitor.Join();

        Assert.Empty(failures);
        MemoryPoolStats final = pool.GetStats();
        Assert.Equal(final.Rents, final.Returns);
        Assert.Equal(0, final.CurrentRentedBytes);
        Assert.True(final.PeakRentedBytes > 0);
        Assert.True(final.Hits > final.Misses);
        CheckBounds(pool, Bound, failures, quiet: true);
        Assert.Empty(failures);
    }

    [Fact]
    public void Arrays_handed_between_threads_are_accounted_for()
    {
        const int Producers = 2;
        const int PerProducer = 20_000;
        var pool = PoolTestHelpers.NewPool(8192, 16);
        var queue = new BlockingCollection<byte[]>(boundedCapacity: 64);

        var producers = Enumerable.Range(0, Producers).Select(id => new Thread(() =>
        {
            for (int i = 0; i < PerProducer; i++)
            {
                queue.Add(pool.Rent(i % 3 == 0 ? 8192 : 512));
            }
        })).ToList();
        var consumer = new Thread(() =>
        {
            foreach (byte[] array in queue.GetConsumingEnumerable())
            {
                pool.Return(array);
            }
        });

        consumer.Start();
        producers.ForEach(t => t.Start());
        producers.ForEach(t => t.Join());
        queue.CompleteAdding();
        consumer.Join();
        queue.Dispose();

        MemoryPoolStats stats = pool.GetStats();
        Assert.Equal(Producers * PerProducer, stats.Rents);
        Assert.Equal(stats.Rents, stats.Returns);
        Assert.Equal(0, stats.CurrentRentedBytes);
        for (int i = 0; i < pool.Buckets.Length; i++)
        {
            Assert.InRange(pool.CountPooledArrays(i), 0, 16);
        }
    }

    [Fact]
    public void Trim_and_GetStats_racing_with_renters_never_break_the_bound()
    {
        const int Bound = 4;
        var pool = PoolTestHelpers.NewPool(4096, Bound);
        var failures = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var trimmer = new Thread(() =>
        {
            long now = Environment.TickCount64;
            while (!stop.IsCancellationRequested)
            {
                pool.Trim();
                pool.TrimCore(now += 30_000, highPressure: (now & 1) == 0, all: false);
                CheckBounds(pool, Bound, failures, quiet: false);
            }
        });
        trimmer.Start();

        var workers = Enumerable.Range(0, 2).Select(id => new Thread(() =>
        {
            var held = new Stack<byte[]>();
            for (int i = 0; i < 50_000; i++)
            {
                if (held.Count < 6 && (i % 7) < 4)
                {
                    held.Push(pool.Rent(i % 2 == 0 ? 4096 : 256));
                }
                else if (held.Count > 0)
                {
                    pool.Return(held.Pop());
                }
            }

            while (held.Count > 0)
            {
                pool.Return(held.Pop());
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        stop.Cancel();
        trimmer.Join();

        Assert.Empty(failures);
        MemoryPoolStats stats = pool.GetStats();
        Assert.Equal(stats.Rents, stats.Returns);
        Assert.Equal(0, stats.CurrentRentedBytes);
        for (int i = 0; i < pool.Buckets.Length; i++)
        {
            Assert.InRange(pool.CountPooledArrays(i), 0, Bound);
        }

        pool.Return(pool.Rent(4096));
        long trimmedBefore = pool.GetStats().TrimmedBytes;
        long released = pool.Trim(); // the trimmer may already have released everything else
        Assert.True(released >= 4096);
        Assert.Equal(trimmedBefore + released, pool.GetStats().TrimmedBytes);
        Assert.Equal(0, pool.GetStats().PooledBytes);
    }

    private static void CheckBounds(VelithonMemoryPool pool, int bound, ConcurrentQueue<string> failures, bool quiet)
    {
        ReadOnlySpan<PoolBucket> buckets = pool.Buckets;
        for (int i = 0; i < buckets.Length; i++)
        {
            PoolBucket bucket = buckets[i];
            int free = bucket.FreePermits;
            int threads = bucket.ThreadPermits;
            if (free < 0 || free > bound || threads < 0 || threads > bucket.ThreadPermitCap)
            {
                failures.Enqueue($"bucket {bucket.ArrayLength}: free permits {free}, thread permits {threads}");
            }

            if (quiet)
            {
                int pooled = pool.CountPooledArrays(i);
                if (pooled > bound || pooled > bound - free)
                {
                    failures.Enqueue($"bucket {bucket.ArrayLength}: {pooled} arrays pooled, bound {bound}, free permits {free}");
                }
            }
        }
    }
}
