using System.Buffers;

namespace Velithon.Memory.Tests.Pooling;

public class VelithonMemoryPoolAdapterTests
{
    [Fact]
    public void AsMemoryPool_returns_the_same_adapter_each_call()
    {
        var pool = PoolTestHelpers.NewPool();

        Assert.Same(pool.AsMemoryPool(), pool.AsMemoryPool());
        Assert.Equal(Array.MaxLength, pool.AsMemoryPool().MaxBufferSize);
    }

    [Fact]
    public void Rent_with_the_default_size_gives_4_KiB()
    {
        var pool = PoolTestHelpers.NewPool();

        using IMemoryOwner<byte> owner = pool.AsMemoryPool().Rent();

        Assert.Equal(4096, owner.Memory.Length);
        Assert.Equal(1, pool.GetStats().Rents);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 16)]
    [InlineData(3000, 4096)]
    [InlineData(2_000_000, 2_000_000)]
    public void Rent_gives_at_least_the_requested_size(int requested, int expected)
    {
        var pool = PoolTestHelpers.NewPool();

        using IMemoryOwner<byte> owner = pool.AsMemoryPool().Rent(requested);

        Assert.Equal(expected, owner.Memory.Length);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(int.MinValue)]
    public void Rent_of_a_negative_size_other_than_minus_one_throws(int size)
    {
        var pool = PoolTestHelpers.NewPool();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => pool.AsMemoryPool().Rent(size));

        Assert.Equal("minBufferSize", ex.ParamName);
    }

    [Fact]
    public void Disposing_an_owner_returns_its_array_exactly_once()
    {
        var pool = PoolTestHelpers.NewPool();
        IMemoryOwner<byte> owner = pool.AsMemoryPool().Rent(1024);

        owner.Dispose();
        owner.Dispose();

        MemoryPoolStats stats = pool.GetStats();
        Assert.Equal(1, stats.Rents);
        Assert.Equal(1, stats.Returns);
        Assert.Equal(0, stats.CurrentRentedBytes);
        Assert.Equal(1024, stats.PooledBytes);
    }

    [Fact]
    public void Concurrent_disposes_return_the_array_once()
    {
        var pool = PoolTestHelpers.NewPool();
        for (int round = 0; round < 200; round++)
        {
            IMemoryOwner<byte> owner = pool.AsMemoryPool().Rent(64);
            Parallel.For(0, 4, _ => owner.Dispose());
        }

        MemoryPoolStats stats = pool.GetStats();
        Assert.Equal(200, stats.Returns);
        Assert.Equal(0, stats.CurrentRentedBytes);
    }

    [Fact]
    public void Using_an_owner_after_dispose_throws()
    {
        var pool = PoolTestHelpers.NewPool();
        IMemoryOwner<byte> owner = pool.AsMemoryPool().Rent(64);
        owner.Dispose();

        Assert.Throws<ObjectDisposedException>(() => owner.Memory);
    }

    [Fact]
    public void The_owner_memory_is_the_pooled_array()
    {
        var pool = PoolTestHelpers.NewPool();
        IMemoryOwner<byte> owner = pool.AsMemoryPool().Rent(256);
        Memory<byte> memory = owner.Memory;
        owner.Dispose();

        byte[] array = pool.Rent(256);

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out ArraySegment<byte> segment));
        Assert.Same(array, segment.Array);
    }

    [Fact]
    public void Disposing_the_adapter_leaves_it_usable()
    {
        var pool = PoolTestHelpers.NewPool();
        MemoryPool<byte> adapter = pool.AsMemoryPool();

        adapter.Dispose();

        using IMemoryOwner<byte> owner = adapter.Rent(16);
        Assert.Equal(16, owner.Memory.Length);
    }
}
