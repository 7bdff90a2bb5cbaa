namespace Velithon.Memory.Tests.Pooling;

public class VelithonMemoryPoolConstructionTests
{
    [Fact]
    public void Defaults_are_1_MiB_and_32_arrays()
    {
        var pool = new VelithonMemoryPool();

        Assert.Equal(1024 * 1024, VelithonMemoryPool.DefaultMaxArrayLength);
        Assert.Equal(32, VelithonMemoryPool.DefaultMaxArraysPerBucket);
        Assert.Equal(VelithonMemoryPool.DefaultMaxArrayLength, pool.MaxArrayLength);
        Assert.Equal(VelithonMemoryPool.DefaultMaxArraysPerBucket, pool.MaxArraysPerBucket);
    }

    [Theory]
    [InlineData(16, 16)]
    [InlineData(17, 32)]
    [InlineData(1000, 1024)]
    [InlineData(4096, 4096)]
    [InlineData(1 << 30, 1 << 30)]
    public void MaxArrayLength_is_rounded_up_to_a_power_of_two(int requested, int expected)
    {
        var pool = new VelithonMemoryPool(requested);

        Assert.Equal(expected, pool.MaxArrayLength);
        Assert.Equal(VelithonMemoryPool.DefaultMaxArraysPerBucket, pool.MaxArraysPerBucket);
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData((1 << 30) + 1)]
    [InlineData(int.MaxValue)]
    public void MaxArrayLength_outside_16_to_2_pow_30_throws(int maxArrayLength)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new VelithonMemoryPool(maxArrayLength));

        Assert.Equal("maxArrayLength", ex.ParamName);
        Assert.Contains("16", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1073741824", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65536)]
    public void MaxArraysPerBucket_accepts_1_to_65536(int maxArraysPerBucket)
    {
        var pool = new VelithonMemoryPool(4096, maxArraysPerBucket);

        Assert.Equal(maxArraysPerBucket, pool.MaxArraysPerBucket);
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(65537)]
    public void MaxArraysPerBucket_outside_1_to_65536_throws(int maxArraysPerBucket)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new VelithonMemoryPool(4096, maxArraysPerBucket));

        Assert.Equal("maxArraysPerBucket", ex.ParamName);
        Assert.Contains("65536", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shared_is_one_instance_with_default_limits()
    {
        Assert.Same(VelithonMemoryPool.Shared, VelithonMemoryPool.Shared);
        Assert.Equal(VelithonMemoryPool.DefaultMaxArrayLength, VelithonMemoryPool.Shared.MaxArrayLength);
        Assert.Equal(VelithonMemoryPool.DefaultMaxArraysPerBucket, VelithonMemoryPool.Shared.MaxArraysPerBucket);
        Assert.NotSame(System.Buffers.ArrayPool<byte>.Shared, VelithonMemoryPool.Shared);
    }

    [Fact]
    public void Shared_rents_and_reuses_arrays()
    {
        byte[] first = VelithonMemoryPool.Shared.Rent(3000);
        Assert.Equal(4096, first.Length);
        VelithonMemoryPool.Shared.Return(first);

        byte[] second = VelithonMemoryPool.Shared.Rent(4096);
        VelithonMemoryPool.Shared.Return(second);

        Assert.Same(first, second);
    }

    [Fact]
    public void Buckets_cover_16_bytes_to_MaxArrayLength()
    {
        var pool = new VelithonMemoryPool(1000);

        Assert.Equal(7, pool.Buckets.Length); // 16, 32, 64, 128, 256, 512, 1024
        Assert.Equal(16, pool.Buckets[0].ArrayLength);
        Assert.Equal(1024, pool.Buckets[^1].ArrayLength);
    }
}
