namespace Velithon.Memory.Tests.Pooling;

public class VelithonMemoryPoolBoundTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(32)]
    public void A_bucket_never_holds_more_than_MaxArraysPerBucket(int bound)
    {
        var pool = PoolTestHelpers.NewPool(4096, bound);
        int index = PoolTestHelpers.BucketIndex(1024);
        byte[][] arrays = Enumerable.Range(0, bound * 3).Select(_ => pool.Rent(1024)).ToArray();

        foreach (byte[] array in arrays)
        {
            pool.Return(array);
        }

        Assert.Equal(bound, pool.CountPooledArrays(index));
        Assert.Equal(bound * 1024L, pool.GetStats().PooledBytes);
        Assert.Equal(bound * 3, pool.GetStats().Returns);
    }

    [Fact]
    public void Buckets_are_bounded_independently()
    {
        var pool = PoolTestHelpers.NewPool(4096, 2);
        var arrays = new List<byte[]>();
        foreach (int size in new[] { 16, 64, 4096 })
        {
            for (int i = 0; i < 4; i++)
            {
                arrays.Add(pool.Rent(size));
            }
        }

        arrays.ForEach(a => pool.Return(a));

        Assert.Equal(2 * (16 + 64 + 4096), pool.GetStats().PooledBytes);
    }

    [Fact]
    public void Thread_slots_hold_at_most_half_of_the_bound()
    {
        const int Bound = 4;
        var pool = PoolTestHelpers.NewPool(4096, Bound);
        int index = PoolTestHelpers.BucketIndex(64);
        using var release = new ManualResetEventSlim();
        using var ready = new CountdownEvent(6);
        var threads = Enumerable.Range(0, 6).Select(_ => new Thread(() =>
        {
            pool.Return(pool.Rent(64));
            ready.Signal();
            release.Wait();
        })).ToList();
        threads.ForEach(t => t.Start());
        ready.Wait();

        Assert.Equal(Bound / 2, pool.Buckets[index].ThreadPermits);
        Assert.True(pool.CountPooledArrays(index) <= Bound);

        release.Set();
        threads.ForEach(t => t.Join());
        pool.Trim();
        Assert.Equal(0, pool.Buckets[index].ThreadPermits);
        Assert.Equal(Bound, pool.Buckets[index].FreePermits);
    }

    [Fact]
    public void A_bound_of_one_still_pools_one_array()
    {
        var pool = PoolTestHelpers.NewPool(4096, 1);
        byte[] a = pool.Rent(32);
        byte[] b = pool.Rent(32);

        pool.Return(a);
        pool.Return(b);

        Assert.Equal(1, pool.CountPooledArrays(PoolTestHelpers.BucketIndex(32)));
        Assert.Same(a, pool.Rent(32));
    }
}
