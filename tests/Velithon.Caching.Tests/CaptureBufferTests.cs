using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Velithon.Memory;

namespace Velithon.Caching.Tests;

/// <summary>
/// A miss buffers the endpoint's body in arrays rented from the app's <see cref="VelithonMemoryPool"/> and returns them
/// on every way out: stored, not storable, streamed through past <c>MaxBodyBytes</c>, failed. What is stored and served
/// is the exact body.
/// </summary>
public sealed class CaptureBufferTests
{
    [Fact]
    public async Task Misses_rent_from_the_app_pool_and_return_everything_they_rent_on_every_way_out()
    {
        await using TestApp app = await TestApp.StartCustomAsync(
            web =>
            {
                web.UseRouting();
                web.UseVelithonCaching();
                web.MapGet("/body/{n:int}", [VelithonCached(VaryByRouteValue = ["n"])] (int n) => Results.Text(Body(n)));
                web.MapGet("/nostore/{n:int}", [VelithonCached(VaryByRouteValue = ["n"])] (int n, HttpResponse r) =>
                {
                    r.Headers.CacheControl = "no-store";
                    return Results.Text(Body(n));
                });
                web.MapGet("/throws", [VelithonCached] string () => throw new InvalidOperationException("endpoint failed"));
            },
            builder => builder.Services.AddVelithonMemory(),
            caching => caching.MaxBodyBytes = 64 * 1024);
        VelithonMemoryPool pool = app.App.Services.GetRequiredService<IVelithonMemory>().Pool;
        MemoryPoolStats before = pool.GetStats();

        // Bodies from empty to past MaxBodyBytes: the buffer grows by doubling, and past the limit streams through.
        int[] sizes = [0, 1, 100, 4095, 4096, 4097, 20_000, 65_536, 65_537, 200_000];
        foreach (int n in sizes)
        {
            (string status, string body, _) = await app.GetAsync($"/body/{n}");
            Assert.Equal(("MISS", Body(n)), (status, body));
            (string again, string cached, _) = await app.GetAsync($"/body/{n}");
            Assert.Equal(n <= 65_536 ? "HIT" : "MISS", again);
            Assert.Equal(Body(n), cached);
            Assert.Equal(("MISS", Body(n)), (await app.GetAsync($"/nostore/{n}")).ToTuple2());
        }

        // TestServer hands the endpoint's exception to the client.
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.GetAsync("/throws"));

        // The server may still be finishing the last request (its buffer is returned as the middleware unwinds, which
        // the client need not wait for): every rent must be matched by a return within a bounded time, or it leaked.
        MemoryPoolStats after = pool.GetStats();
        for (int i = 0; i < 500 && after.Rents - before.Rents != after.Returns - before.Returns; i++)
        {
            await Task.Delay(10);
            after = pool.GetStats();
        }

        Assert.True(after.Rents - before.Rents >= sizes.Count(static n => n > 0), $"{after.Rents - before.Rents} rents");
        Assert.Equal(after.Rents - before.Rents, after.Returns - before.Returns);
        Assert.Equal(before.CurrentRentedBytes, after.CurrentRentedBytes);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Compressed_variants_are_built_in_buffers_from_the_app_pool_and_decompress_to_the_body(string encoding)
    {
        await using TestApp app = await TestApp.StartCustomAsync(
            web =>
            {
                web.UseRouting();
                web.UseVelithonCaching();
                web.MapGet("/body/{n:int}", [VelithonCached(VaryByRouteValue = ["n"])] (int n) => Results.Text(Body(n)));
            },
            builder => builder.Services.AddVelithonMemory(),
            caching => caching.MaxBodyBytes = 1024 * 1024);
        VelithonMemoryPool pool = app.App.Services.GetRequiredService<IVelithonMemory>().Pool;
        long idle = Outstanding(pool.GetStats());

        // Small to large bodies: the writer starts at half the body and grows when the output does not fit.
        foreach (int n in new[] { 2_000, 4_097, 65_537, 300_000 })
        {
            Assert.Equal("MISS", (await app.GetAsync($"/body/{n}")).Status);

            // The miss returns its capture buffer as the middleware unwinds, which the client need not wait for.
            MemoryPoolStats before = await SettledAsync(pool, idle);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/body/{n}");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
            using HttpResponseMessage response = await app.Client.SendAsync(request);
            byte[] compressed = await response.Content.ReadAsByteArrayAsync();
            MemoryPoolStats after = await SettledAsync(pool, idle);

            Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
            Assert.Equal(Body(n), Decompress(compressed, encoding));
            Assert.True(after.Rents > before.Rents, $"{n}: compression rented nothing from the app's pool");
        }
    }

    private static long Outstanding(MemoryPoolStats stats) => stats.Rents - stats.Returns;

    // Waits until every array rented since the app was idle is back (or fails: one was kept).
    private static async Task<MemoryPoolStats> SettledAsync(VelithonMemoryPool pool, long idle)
    {
        MemoryPoolStats stats = pool.GetStats();
        for (int i = 0; i < 500 && Outstanding(stats) != idle; i++)
        {
            await Task.Delay(10);
            stats = pool.GetStats();
        }

        Assert.Equal(idle, Outstanding(stats));
        return stats;
    }

    private static string Decompress(byte[] data, string encoding)
    {
        using var input = new MemoryStream(data);
        using Stream decompressor = encoding == "br"
            ? new System.IO.Compression.BrotliStream(input, System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(decompressor, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Body(int n) => n == 0 ? string.Empty : string.Create(n, n, static (span, seed) =>
    {
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = (char)('a' + ((i * 7 + seed) % 26));
        }
    });
}

internal static class ResultTuples
{
    public static (string Status, string Body) ToTuple2(this (string Status, string Body, HttpResponseMessage Response) result) => (result.Status, result.Body);
}
