using CsCheck;

namespace Velithon.Memory.Tests.Pooling;

public sealed class PooledBufferWriterTests
{
    [Fact]
    public void Any_sequence_of_writes_keeps_the_bytes_and_returns_every_rented_array()
    {
        Gen.Int[0, 5000].Array[0, 30].Sample(sizes =>
        {
            VelithonMemoryPool pool = PoolTestHelpers.NewPool();
            var expected = new List<byte>();
            using (var writer = new PooledBufferWriter(pool))
            {
                byte next = 0;
                foreach (int size in sizes)
                {
                    Span<byte> span = writer.GetSpan(size);
                    Assert.True(span.Length >= Math.Max(size, 1));
                    for (int i = 0; i < size; i++)
                    {
                        span[i] = next;
                        expected.Add(next++);
                    }

                    writer.Advance(size);
                }

                Assert.Equal(expected.ToArray(), writer.WrittenSpan.ToArray());
                Assert.Equal(expected.Count, writer.WrittenCount);
            }

            MemoryPoolStats stats = pool.GetStats();
            Assert.Equal(stats.Rents, stats.Returns);
        }, iter: 500);
    }

    [Fact]
    public void Advancing_past_what_was_requested_is_refused_and_loses_nothing()
    {
        using var writer = new PooledBufferWriter(PoolTestHelpers.NewPool(), 16);
        writer.GetSpan(4)[..4].Fill(7);
        writer.Advance(4);
        var error = Assert.Throws<InvalidOperationException>(() => writer.Advance(writer.Capacity));
        Assert.Contains("Cannot advance", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(-1));
        Assert.Equal(new byte[] { 7, 7, 7, 7 }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Clear_keeps_the_array_and_Dispose_returns_it_once()
    {
        VelithonMemoryPool pool = PoolTestHelpers.NewPool();
        var writer = new PooledBufferWriter(pool, 1000);
        writer.Advance(10);
        int capacity = writer.Capacity;
        writer.Clear();
        Assert.Equal(0, writer.WrittenCount);
        Assert.Equal(capacity, writer.Capacity);

        writer.Dispose();
        writer.Dispose();
        Assert.Equal(0, writer.Capacity);
        Assert.Equal(1, pool.GetStats().Returns);

        // Usable again after Dispose: it rents on the next write.
        writer.GetSpan(1)[0] = 42;
        writer.Advance(1);
        Assert.Equal(new byte[] { 42 }, writer.WrittenSpan.ToArray());
        writer.Dispose();
        Assert.Equal(pool.GetStats().Rents, pool.GetStats().Returns);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => new PooledBufferWriter(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PooledBufferWriter(PoolTestHelpers.NewPool(), -1));
    }
}
