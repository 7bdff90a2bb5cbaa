namespace Velithon.Caching.Tests;

public sealed class LoadTests
{
    [Fact]
    public async Task Hundred_concurrent_misses_run_the_endpoint_once()
    {
        await using TestApp app = await TestApp.StartAsync();
        var requests = Enumerable.Range(0, 100).Select(_ => app.GetAsync("/slow")).ToArray();
        var results = await Task.WhenAll(requests);

        Assert.Equal(1, app.Runs["slow"]);
        Assert.All(results, r => Assert.Equal("slow run 1", r.Body));
        Assert.Equal(1, results.Count(r => r.Status == "MISS"));
        Assert.Equal(99, results.Count(r => r.Status == "HIT"));
    }

    [Fact]
    public async Task Waiters_run_the_endpoint_themselves_after_the_bounded_wait()
    {
        await using TestApp app = await TestApp.StartAsync(o => o.StampedeWaitTimeout = TimeSpan.FromMilliseconds(50));
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => app.GetAsync("/slow")));
        Assert.All(results, r => Assert.StartsWith("slow run", r.Body, StringComparison.Ordinal));
        Assert.True(app.Runs["slow"] > 1);
    }

    [Fact]
    public async Task Memory_bound_is_never_exceeded_while_caching_many_large_bodies()
    {
        const long bound = 1024 * 1024;
        await using TestApp app = await TestApp.StartAsync(o =>
        {
            o.MaxMemoryBytes = bound;
            o.MaxBodyBytes = 300_000;
            o.MaxEntries = 1000;
        });

        for (int i = 0; i < 120; i++)
        {
            var response = await app.GetAsync($"/big/{i}/{100_000 + (i * 1000)}");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.Response.StatusCode);
            Assert.InRange(app.Cache.Memory.MemoryBytes, 0, bound);
        }

        Assert.InRange(app.Cache.Memory.Count, 1, 10);

        // The most recent entry is still served, byte for byte.
        byte[] expected = new byte[219_000];
        new Random(119).NextBytes(expected);
        Assert.Equal(expected, await app.Client.GetByteArrayAsync("/big/119/219000"));
        Assert.Equal(120, app.Runs["big"]);
    }
}
