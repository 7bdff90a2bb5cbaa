using Xunit.Abstractions;

namespace Velithon.Caching.Tests;

/// <summary>
/// What a cached response costs in memory: the managed heap growth of filling the cache, after full collections,
/// against the cache's own <c>MemoryBytes</c> statistic (issue 26). Run alone: other tests' allocations would be counted.
/// </summary>
[Collection(HitAllocationGroup.Name)]
public sealed class EntryMemoryTests
{
    private readonly ITestOutputHelper _output;

    public EntryMemoryTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(1024)]
    [InlineData(16 * 1024)]
    public async Task MemoryBytes_is_within_ten_percent_of_the_heap_the_entries_hold(int bodySize)
    {
        const int Entries = 3000;
        await using TestApp app = await TestApp.StartAsync(o =>
        {
            o.MaxEntries = 100_000;
            o.MaxMemoryBytes = 1L << 30;
        });

        // Warm up everything that is created once (routing, the test client, pools), on other keys.
        for (int i = 0; i < 200; i++)
        {
            await app.Client.GetByteArrayAsync($"/big/{1_000_000 + i}/{bodySize}");
        }

        long entriesBefore = app.Cache.Memory.Count;
        long accountedBefore = app.Cache.Memory.MemoryBytes;
        long heapBefore = Heap();
        for (int i = 0; i < Entries; i++)
        {
            await app.Client.GetByteArrayAsync($"/big/{i}/{bodySize}");
        }

        long heapAfter = Heap();
        long stored = app.Cache.Memory.Count - entriesBefore;
        long accounted = app.Cache.Memory.MemoryBytes - accountedBefore;
        Assert.Equal(Entries, stored);

        double heapPerEntry = (heapAfter - heapBefore) / (double)Entries;
        double accountedPerEntry = accounted / (double)Entries;
        _output.WriteLine($"body {bodySize} B: heap {heapPerEntry:F0} B/entry, MemoryBytes {accountedPerEntry:F0} B/entry, overhead beyond the body {heapPerEntry - bodySize:F0} B");
        Assert.InRange(accountedPerEntry, heapPerEntry * 0.9, heapPerEntry * 1.1);

        // A regression guard: measured about 380 B beyond the body here (the standalone script, without the test host's
        // own allocations: ~340 B, [OutputCache] ~390-430 B): the cache and dictionary nodes with the 16-byte key digest
        // ~136 B, the entry ~104 B, the ETag 64 B, the body's array header 24 B; header sets and tag generations are
        // shared between entries (docs/benchmarks.md "Memory per cached response"). Before: 580-670 B.
        Assert.InRange(heapPerEntry - bodySize, 0, 480);
        GC.KeepAlive(app);
    }

    private static long Heap()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
