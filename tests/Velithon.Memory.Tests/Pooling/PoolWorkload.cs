using System.Collections.Concurrent;

namespace Velithon.Memory.Tests.Pooling;

/// <summary>What a set of worker threads rented and returned (see <see cref="Run"/>), to compare with a pool's stats.</summary>
internal struct PoolWorkload
{
    // Pooled sizes, a length that is rounded up, and two above the test pools' largest size class (64 KiB).
    private static readonly int[] Sizes = [16, 100, 1024, 4096, 65536, 70_000, 200_000];

    public long Rents;
    public long Returns;
    public long UnpooledRents;
    public long RentedBytes;
    public long OutstandingBytes;
    public long MaxOutstandingBytesOfOneThread;

    public static PoolWorkload operator +(PoolWorkload a, PoolWorkload b) => new()
    {
        Rents = a.Rents + b.Rents,
        Returns = a.Returns + b.Returns,
        UnpooledRents = a.UnpooledRents + b.UnpooledRents,
        RentedBytes = a.RentedBytes + b.RentedBytes,
        OutstandingBytes = a.OutstandingBytes + b.OutstandingBytes,
        MaxOutstandingBytesOfOneThread = Math.Max(a.MaxOutstandingBytesOfOneThread, b.MaxOutstandingBytesOfOneThread),
    };

    /// <summary>
    /// Runs threads that rent and return random sizes and exit with a few arrays still rented, and returns what they
    /// did. With <paramref name="trimWhileRunning"/> one of them also trims now and then (sweeping threads that exited).
    /// </summary>
    public static PoolWorkload Run(VelithonMemoryPool pool, int threads, int opsPerThread, int seed, bool trimWhileRunning = false)
    {
        var results = new PoolWorkload[threads];
        var errors = new ConcurrentQueue<Exception>();
        var workers = Enumerable.Range(0, threads).Select(id => new Thread(() =>
        {
            try
            {
                var random = new Random((seed * 1000) + id);
                var held = new List<byte[]>();
                PoolWorkload done = default;
                long outstanding = 0;
                for (int op = 0; op < opsPerThread; op++)
                {
                    if (held.Count < 10 && (held.Count == 0 || random.Next(2) == 0))
                    {
                        int size = Sizes[random.Next(Sizes.Length)];
                        byte[] array = pool.Rent(size);
                        held.Add(array);
                        done.Rents++;
                        done.RentedBytes += array.Length;
                        done.UnpooledRents += size > pool.MaxArrayLength ? 1 : 0;
                        outstanding += array.Length;
                        done.MaxOutstandingBytesOfOneThread = Math.Max(done.MaxOutstandingBytesOfOneThread, outstanding);
                    }
                    else
                    {
                        int at = random.Next(held.Count);
                        pool.Return(held[at], clearArray: (op & 15) == 0);
                        outstanding -= held[at].Length;
                        done.Returns++;
                        held[at] = held[^1];
                        held.RemoveAt(held.Count - 1);
                    }

                    if (trimWhileRunning && id == 0 && (op & 1023) == 0)
                    {
                        pool.Trim();
                    }
                }

                done.OutstandingBytes = outstanding; // left rented when the thread exits
                results[id] = done;
            }
            catch (Exception ex)
            {
                errors.Enqueue(ex);
            }
        })).ToList();

        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        Assert.Empty(errors);
        return results.Aggregate(default(PoolWorkload), (sum, one) => sum + one);
    }
}
