namespace Velithon.Memory.Tests.Pooling;

public class VelithonMemoryPoolAllocationTests
{
    private const int Iterations = 100_000;

    [Fact]
    public void Rent_and_return_of_the_same_size_allocate_nothing()
    {
        var pool = PoolTestHelpers.NewPool();
        Allocations.AssertNone(() => pool.Return(pool.Rent(4096)), Iterations);
    }

    [Fact]
    public void Shared_rent_and_return_allocate_nothing()
    {
        Allocations.AssertNone(() => VelithonMemoryPool.Shared.Return(VelithonMemoryPool.Shared.Rent(4096)), Iterations);
    }

    [Fact]
    public void Shared_rent_and_return_of_every_size_class_allocate_nothing()
    {
        VelithonMemoryPool shared = VelithonMemoryPool.Shared;
        Allocations.AssertNone(
            () =>
            {
                for (int size = 16; size <= shared.MaxArrayLength; size *= 2)
                {
                    shared.Return(shared.Rent(size));
                }
            },
            Iterations / 100);
    }

    [Fact]
    public void Alternating_between_Shared_and_an_instance_allocates_nothing()
    {
        var pool = PoolTestHelpers.NewPool();
        Allocations.AssertNone(
            () =>
            {
                pool.Return(pool.Rent(4096));
                VelithonMemoryPool.Shared.Return(VelithonMemoryPool.Shared.Rent(4096));
            },
            Iterations / 10);
    }

    [Fact]
    public void Several_outstanding_arrays_through_the_per_core_stacks_allocate_nothing()
    {
        var pool = PoolTestHelpers.NewPool();
        Allocations.AssertNone(
            () =>
            {
                byte[] a = pool.Rent(1024);
                byte[] b = pool.Rent(1024);
                byte[] c = pool.Rent(1000);
                pool.Return(c);
                pool.Return(b);
                pool.Return(a);
            },
            Iterations / 10);
    }

    [Fact]
    public void Alternating_between_two_pools_allocates_nothing()
    {
        var first = PoolTestHelpers.NewPool();
        var second = PoolTestHelpers.NewPool();
        Allocations.AssertNone(
            () =>
            {
                first.Return(first.Rent(512));
                second.Return(second.Rent(512));
            },
            Iterations / 10);
    }

    [Fact]
    public void GetStats_allocates_nothing()
    {
        var pool = PoolTestHelpers.NewPool();
        pool.Return(pool.Rent(100));
        Allocations.AssertNone(() => _ = pool.GetStats(), 10_000);
    }
}
