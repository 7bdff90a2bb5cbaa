namespace Velithon.Memory.Tests.Pooling;

public class VelithonMemoryPoolRentReturnTests
{
    [Theory]
    [InlineData(1, 16)]
    [InlineData(15, 16)]
    [InlineData(16, 16)]
    [InlineData(17, 32)]
    [InlineData(4000, 4096)]
    [InlineData(4096, 4096)]
    [InlineData(4097, 8192)]
    [InlineData(1024 * 1024, 1024 * 1024)]
    public void Rent_rounds_up_to_the_bucket_size(int requested, int expected)
    {
        var pool = PoolTestHelpers.NewPool();

        byte[] array = pool.Rent(requested);

        Assert.Equal(expected, array.Length);
    }

    [Fact]
    public void Rent_zero_returns_the_empty_array_and_is_not_counted()
    {
        var pool = PoolTestHelpers.NewPool();

        byte[] array = pool.Rent(0);
        pool.Return(array);

        Assert.Same(Array.Empty<byte>(), array);
        Assert.Equal(default, pool.GetStats());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Rent_negative_throws(int minimumLength)
    {
        var pool = PoolTestHelpers.NewPool();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(minimumLength));

        Assert.Equal("minimumLength", ex.ParamName);
    }

    [Fact]
    public void Rent_over_the_maximum_allocates_the_exact_length_and_Return_drops_it()
    {
        var pool = PoolTestHelpers.NewPool(4096);

        byte[] big = pool.Rent(5000);
        Assert.Equal(5000, big.Length);
        Assert.Equal(5000, pool.GetStats().CurrentRentedBytes);

        pool.Return(big);
        byte[] again = pool.Rent(5000);

        Assert.NotSame(big, again);
        MemoryPoolStats stats = pool.GetStats();
        Assert.Equal(2, stats.Rents);
        Assert.Equal(2, stats.Misses);
        Assert.Equal(1, stats.Returns);
        Assert.Equal(0, stats.PooledBytes);
        Assert.Equal(5000, stats.CurrentRentedBytes);
    }

    [Fact]
    public void Returned_array_is_reused_for_the_same_bucket()
    {
        var pool = PoolTestHelpers.NewPool();

        byte[] first = pool.Rent(100);
        pool.Return(first);
        byte[] second = pool.Rent(128);

        Assert.Same(first, second);
    }

    [Fact]
    public void Arrays_beyond_the_thread_slot_go_through_the_shared_stacks()
    {
        var pool = PoolTestHelpers.NewPool();
        byte[][] arrays = Enumerable.Range(0, 5).Select(_ => pool.Rent(256)).ToArray();
        foreach (byte[] array in arrays)
        {
            pool.Return(array);
        }

        var again = new HashSet<byte[]>(Enumerable.Range(0, 5).Select(_ => pool.Rent(256)), ReferenceEqualityComparer.Instance);

        Assert.True(again.SetEquals(arrays));
        Assert.Equal(5, pool.GetStats().Hits);
    }

    [Fact]
    public void Return_null_throws()
    {
        var pool = PoolTestHelpers.NewPool();

        var ex = Assert.Throws<ArgumentNullException>(() => pool.Return(null!));

        Assert.Equal("array", ex.ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(100)]
    [InlineData(4095)]
    [InlineData(4097)]
    public void Return_of_a_length_that_is_not_a_bucket_size_throws(int length)
    {
        var pool = PoolTestHelpers.NewPool(8192);

        var ex = Assert.Throws<ArgumentException>(() => pool.Return(new byte[length]));

        Assert.Equal("array", ex.ParamName);
        Assert.Contains("not rented from this pool", ex.Message, StringComparison.Ordinal);
        Assert.Contains(length.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, pool.GetStats().Returns);
    }

    [Fact]
    public void Return_of_an_empty_array_is_ignored()
    {
        var pool = PoolTestHelpers.NewPool();

        pool.Return([]);

        Assert.Equal(default, pool.GetStats());
    }

    [Fact]
    public void Foreign_array_of_a_bucket_size_is_accepted_and_current_bytes_never_go_negative()
    {
        var pool = PoolTestHelpers.NewPool();
        var foreign = new byte[4096];

        pool.Return(foreign);

        MemoryPoolStats stats = pool.GetStats();
        Assert.Equal(1, stats.Returns);
        Assert.Equal(0, stats.CurrentRentedBytes);
        Assert.Equal(4096, stats.PooledBytes);
        Assert.Same(foreign, pool.Rent(4096));
    }

    [Fact]
    public void ClearArray_zeroes_the_array()
    {
        var pool = PoolTestHelpers.NewPool();
        byte[] array = pool.Rent(64);
        array.AsSpan().Fill(0xAB);

        pool.Return(array, clearArray: true);

        Assert.All(array, b => Assert.Equal(0, b));
    }

    [Fact]
    public void ClearArray_zeroes_a_dropped_oversized_array_too()
    {
        var pool = PoolTestHelpers.NewPool(1024);
        byte[] array = pool.Rent(2000);
        array.AsSpan().Fill(0xCD);

        pool.Return(array, clearArray: true);

        Assert.All(array, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Without_clearArray_the_contents_are_kept()
    {
        var pool = PoolTestHelpers.NewPool();
        byte[] array = pool.Rent(64);
        array.AsSpan().Fill(0x5A);

        pool.Return(array);

        Assert.All(pool.Rent(64), b => Assert.Equal(0x5A, b));
    }

    [Fact]
    public void Array_returned_on_another_thread_is_pooled_there_and_counted()
    {
        var pool = PoolTestHelpers.NewPool();
        byte[] array = pool.Rent(1024);

        PoolTestHelpers.RunOnNewThread(() => pool.Return(array));

        MemoryPoolStats stats = pool.GetStats();
        Assert.Equal(1, stats.Rents);
        Assert.Equal(1, stats.Returns);
        Assert.Equal(0, stats.CurrentRentedBytes);
        Assert.Equal(1024, stats.PooledBytes); // held by the exited thread's slot until the next sweep
        Assert.Equal(1024, pool.Trim());
    }
}
