namespace Velithon.Memory.Tests.Pooling;

public class VelithonMemoryPoolAllocationTests
{
    private const int Iterations = 100_000;

    [Fact]
    public void Rent_and_return_of_the_same_size_allocate_nothing()
    {
        var pool = PoolTestHelpers.NewPool();
        AssertNoAllocation(() =>
        {
            for (int i = 0; i < Iterations; i++)
            {
                pool.Return(pool.Rent(4096));
            }
        });
    }

    [Fact]
    public void Shared_rent_and_return_allocate_nothing()
    {
        AssertNoAllocation(() =>
        {
            for (int i = 0; i < Iterations; i++)
            {
                VelithonMemoryPool.Shared.Return(VelithonMemoryPool.Shared.Rent(4096));
            }
        });
    }

    [Fact]
    public void Several_outstanding_arrays_through_the_per_core_stacks_allocate_nothing()
    {
        var pool = PoolTestHelpers.NewPool();
        AssertNoAllocation(() =>
        {
            for (int i = 0; i < Iterations / 10; i++)
            {
                byte[] a = pool.Rent(1024);
                byte[] b = pool.Rent(1024);
                byte[] c = pool.Rent(1000);
                pool.Return(c);
                pool.Return(b);
                pool.Return(a);
            }
        });
    }

    [Fact]
    public void Alternating_between_two_pools_allocates_nothing()
    {
        var first = PoolTestHelpers.NewPool();
        var second = PoolTestHelpers.NewPool();
        AssertNoAllocation(() =>
        {
            for (int i = 0; i < Iterations / 10; i++)
            {
                first.Return(first.Rent(512));
                second.Return(second.Rent(512));
            }
        });
    }

    [Fact]
    public void GetStats_allocates_nothing()
    {
        var pool = PoolTestHelpers.NewPool();
        pool.Return(pool.Rent(100));
        AssertNoAllocation(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                _ = pool.GetStats();
            }
        });
    }

    private static void AssertNoAllocation(Action body)
    {
        body(); // warm-up: thread caches, stack storage, JIT tiers

        body();
        long before = GC.GetAllocatedBytesForCurrentThread();
        body();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
