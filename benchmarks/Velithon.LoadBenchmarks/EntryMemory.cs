using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.OutputCaching;
using Velithon.AspNetCore;

namespace Velithon.Benchmarks.Load;

/// <summary>
/// Heap per cached response (issue 26): one cache per process, filled through real Kestrel on loopback with distinct
/// responses of one body size, the managed heap measured after full compacting collections before and after.
/// <c>dotnet run -c Release --project benchmarks/Velithon.LoadBenchmarks -- entry-memory velithon|output|none BODY ENTRIES</c>;
/// <c>none</c> runs the same endpoint uncached (what the requests themselves leave behind).
/// </summary>
internal static class EntryMemory
{
    public static async Task<int> RunAsync(string mode, int bodySize, int entries)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddOutputCache(o => o.SizeLimit = 1L << 34);
        builder.Services.AddVelithonCaching(o =>
        {
            o.MaxEntries = entries + 1000;
            o.MaxMemoryBytes = 1L << 34;
        });

        WebApplication app = builder.Build();
        app.UseRouting();
        app.UseOutputCache();
        app.UseVelithonCaching();

        static IResult Body(int n, int size)
        {
            var body = new byte[size];
            new Random(n).NextBytes(body);
            return Results.Bytes(body, "application/octet-stream");
        }

        app.MapGet("/velithon/{n:int}/{size:int}", [VelithonCached(Duration = 3600, VaryByRouteValue = ["n", "size"])] (int n, int size) => Body(n, size));
        app.MapGet("/output/{n:int}/{size:int}", (int n, int size) => Body(n, size)).CacheOutput(b => b.Expire(TimeSpan.FromHours(1)));
        app.MapGet("/none/{n:int}/{size:int}", (int n, int size) => Body(n, size));

        await app.StartAsync();
        string address = app.Urls.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        // Warm up what is created once (routing, connections, pools) on keys that are not counted.
        for (int i = 0; i < 500; i++)
        {
            await client.GetByteArrayAsync($"/{mode}/{10_000_000 + i}/{bodySize}");
        }

        long before = Heap();
        for (int i = 0; i < entries; i++)
        {
            await client.GetByteArrayAsync($"/{mode}/{i}/{bodySize}");
        }

        long after = Heap();
        double perEntry = (after - before) / (double)entries;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"entry-memory mode={mode} body={bodySize} entries={entries}: {perEntry:F0} B per response, {perEntry - bodySize:F0} B beyond the body"));
        await app.StopAsync();
        return 0;
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
