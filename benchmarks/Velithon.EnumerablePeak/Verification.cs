using System.Text.Json;
using Velithon.Benchmarks.Payloads;

namespace Velithon.Benchmarks.EnumerablePeak;

/// <summary>
/// Checks the measured input before any measurement: <see cref="ProductArrayStream"/> produces exactly the bytes STJ
/// source generation writes for <c>CatalogueProduct.Build(count)</c>, and both enumerables read back values that STJ
/// writes as those bytes again.
/// </summary>
internal static class Verification
{
    public static async Task RunAsync(int count)
    {
        CatalogueProduct[] expected = CatalogueProduct.Build(count);
        byte[] stj = JsonSerializer.SerializeToUtf8Bytes(expected, CatalogueJsonContext.Default.CatalogueProductArray);
        using var produced = new MemoryStream();
        await new ProductArrayStream(count).CopyToAsync(produced).ConfigureAwait(false);
        if (!produced.ToArray().AsSpan().SequenceEqual(stj))
        {
            throw new InvalidOperationException("The generated array differs from STJ's serialization of CatalogueProduct.Build.");
        }

        await CheckAsync("stj", JsonSerializer.DeserializeAsyncEnumerable(new ProductArrayStream(count), CatalogueJsonContext.Default.CatalogueProduct), expected).ConfigureAwait(false);
        await CheckAsync("velithon", VelithonJson.DeserializeAsyncEnumerable<CatalogueProduct>(new ProductArrayStream(count)), expected).ConfigureAwait(false);
    }

    private static async Task CheckAsync(string side, IAsyncEnumerable<CatalogueProduct?> elements, CatalogueProduct[] expected)
    {
        int index = 0;
        await foreach (CatalogueProduct? element in elements.ConfigureAwait(false))
        {
            CatalogueProduct value = element ?? throw new InvalidOperationException($"{side} read element {index} as null.");
            byte[] read = JsonSerializer.SerializeToUtf8Bytes(value, CatalogueJsonContext.Default.CatalogueProduct);
            byte[] wanted = JsonSerializer.SerializeToUtf8Bytes(expected[index], CatalogueJsonContext.Default.CatalogueProduct);
            if (!read.AsSpan().SequenceEqual(wanted))
            {
                throw new InvalidOperationException($"{side} read element {index} differently.");
            }

            index++;
        }

        if (index != expected.Length)
        {
            throw new InvalidOperationException($"{side} read {index} of {expected.Length} elements.");
        }
    }
}
