using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Velithon.Benchmarks.Payloads;

namespace Velithon.Benchmarks.EnumerablePeak;

/// <summary>
/// One enumeration of <see cref="ProductArrayStream"/> by one side in this process, elements consumed and dropped one
/// by one. The GC figures are sampled every 1,000 elements; in the <c>live</c> mode a forced full collection every
/// 50,000 elements measures what the reader itself keeps alive (the <c>natural</c> mode never forces one, so that the
/// heap, committed and resident peaks are the ones an application would see).
/// </summary>
internal static class Measurement
{
    private const int SampleEvery = 1_000;
    private const int LiveEvery = 50_000;

    public static async Task<PeakSample> RunAsync(string side, string mode, int count)
    {
        bool live = mode switch
        {
            "natural" => false,
            "live" => true,
            _ => throw new ArgumentException($"Unknown mode '{mode}': natural or live.", nameof(mode)),
        };

        // Warm up (JIT, the type metadata, the pools) on a small array, then start from a collected heap.
        await EnumerateAsync(side, new ProductArrayStream(2_000), null);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long residentBefore = Status("VmRSS:");
        long committedBaseline = GC.GetGCMemoryInfo().TotalCommittedBytes;
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long allocated = GC.GetTotalAllocatedBytes(precise: true);

        long heapPeak = 0, afterGcPeak = 0, committedPeak = 0, livePeak = 0;
        long lastGcIndex = GC.GetGCMemoryInfo().Index;
        var stream = new ProductArrayStream(count);
        var clock = Stopwatch.StartNew();
        int read = await EnumerateAsync(side, stream, index =>
        {
            if (index % SampleEvery != 0)
            {
                return;
            }

            heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
            GCMemoryInfo info = GC.GetGCMemoryInfo();
            committedPeak = Math.Max(committedPeak, info.TotalCommittedBytes - committedBaseline);
            if (info.Index != lastGcIndex)
            {
                lastGcIndex = info.Index;
                afterGcPeak = Math.Max(afterGcPeak, info.HeapSizeBytes - baseline);
            }

            if (live && index % LiveEvery == 0 && index > 0)
            {
                livePeak = Math.Max(livePeak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        });
        clock.Stop();
        if (read != count || stream.BytesRead == 0)
        {
            throw new InvalidOperationException($"{side} read {read} of {count} elements.");
        }

        double perElement = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)count;
        return new PeakSample(side, mode, heapPeak, afterGcPeak, committedPeak, livePeak, Status("VmHWM:"), residentBefore, perElement,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2, clock.Elapsed.TotalSeconds);
    }

    // Counts the elements; each is dropped as soon as the callback has seen its index.
    private static async Task<int> EnumerateAsync(string side, Stream stream, Action<int>? sample)
    {
        int index = 0;
        IAsyncEnumerable<CatalogueProduct?> elements = side switch
        {
            "stj" => JsonSerializer.DeserializeAsyncEnumerable(stream, CatalogueJsonContext.Default.CatalogueProduct),
            "velithon" => VelithonJson.DeserializeAsyncEnumerable<CatalogueProduct>(stream),
            _ => throw new ArgumentException($"Unknown side '{side}': stj or velithon.", nameof(side)),
        };
        await foreach (CatalogueProduct? element in elements.ConfigureAwait(false))
        {
            if (element is null || element.Id != index + 1)
            {
                throw new InvalidOperationException($"{side}: element {index} read as {element?.Id.ToString(CultureInfo.InvariantCulture) ?? "null"}.");
            }

            sample?.Invoke(index);
            index++;
        }

        return index;
    }

    // A figure of /proc/self/status in bytes: VmHWM, the peak resident set of the whole process, or VmRSS, the current one.
    private static long Status(string field)
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                string kilobytes = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
