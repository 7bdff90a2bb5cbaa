using System.Buffers;
using CsCheck;
using Velithon.Memory;

namespace Velithon.AspNetCore.Tests;

public sealed class ParallelRenderingPropertyTests
{
    private static readonly Gen<Item> ItemGen =
        Gen.Select(Gen.Int, Gen.String[Gen.Char, 0, 40], Gen.Double, Gen.String[Gen.Char.AlphaNumeric, 0, 8].List[0, 3].Null())
            .Select((id, name, score, tags) => new Item(id, name, double.IsFinite(score) ? score : 0, tags));

    [Fact]
    public void Parallel_chunks_are_byte_identical_to_sequential_rendering_around_the_threshold()
    {
        Gen.Select(ItemGen.Array[0, 300], Gen.Int[-3, 3], Gen.Int[2, 8], Gen.Int[1, 4096])
            .Sample(
                (items, offset, dop, chunkBytes) =>
                {
                    byte[] sequential = Render(items, long.MaxValue, 1, chunkBytes);
                    if (items.Length == 0)
                    {
                        return sequential.AsSpan().SequenceEqual("[]"u8);
                    }

                    // The threshold a few items' worth either side of this list's own estimate.
                    long perItem = VelithonJson.SerializeToUtf8Bytes(items[0]).Length + 1;
                    long threshold = Math.Max(0, (perItem * items.Length) + (offset * perItem));
                    byte[] configured = Render(items, threshold, dop, chunkBytes);
                    byte[] forced = Render(items, 0, dop, chunkBytes);

                    // Neither an array nor a List<T>: indexed through the interface instead of as a span.
                    byte[] wrapped = Render(Array.AsReadOnly(items), 0, dop, chunkBytes);
                    return sequential.AsSpan().SequenceEqual(configured) && sequential.AsSpan().SequenceEqual(forced)
                        && sequential.AsSpan().SequenceEqual(wrapped);
                },
                iter: 300);
    }

    private static byte[] Render(IReadOnlyList<Item> items, long threshold, int dop, int chunkBytes)
    {
        var output = new ArrayBufferWriter<byte>();
        JsonListRenderer.RenderTo(items, output, VelithonJsonOptions.Default, threshold, dop, chunkBytes, VelithonMemoryPool.Shared);
        return output.WrittenSpan.ToArray();
    }
}
