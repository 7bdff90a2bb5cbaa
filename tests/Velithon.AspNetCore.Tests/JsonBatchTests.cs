using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Velithon.AspNetCore.Tests;

[Collection(nameof(AllocationSensitive))]
public sealed class JsonBatchTests
{
    private static readonly Tick[] Ticks = Enumerable.Range(0, 100).Select(i => new Tick(i)).ToArray();

    private static IEnumerable<Tick> Cycle(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return Ticks[i % Ticks.Length];
        }
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 3)]
    [InlineData(3, 3)]
    [InlineData(1000, 7)]
    public async Task A_sequence_streams_as_one_JSON_array(int count, int chunkSize)
    {
        await using TestApp app = await TestApp.StartAsync(null, a => a.MapGet("/ticks", () => VelithonResults.JsonBatch(Cycle(count), chunkSize)));

        using HttpResponseMessage response = await app.Client.GetAsync(new Uri("/ticks", UriKind.Relative));

        (_, string? contentType, string aspNetBody) = await AspNetCoreOracle.ResultsJsonAsync(Cycle(count));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(MediaTypeHeaderValue.Parse(contentType!).MediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(AspNetCoreOracle.Stj(Cycle(count).ToArray()), await response.Content.ReadAsStringAsync());
        Assert.Equal(aspNetBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Accept_ndjson_gets_one_value_per_line_and_async_sequences_work()
    {
        static async IAsyncEnumerable<Tick> Slow([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (Tick tick in Ticks.Take(10))
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                yield return tick;
            }
        }

        await using TestApp app = await TestApp.StartAsync(null, a =>
        {
            a.MapGet("/ticks", () => VelithonResults.JsonBatch(Slow(), chunkSize: 4));
        });
        using var ndjsonRequest = new HttpRequestMessage(HttpMethod.Get, new Uri("/ticks", UriKind.Relative));
        ndjsonRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));

        using HttpResponseMessage ndjson = await app.Client.SendAsync(ndjsonRequest);
        using HttpResponseMessage array = await app.Client.GetAsync(new Uri("/ticks", UriKind.Relative));

        Assert.Equal("application/x-ndjson", ndjson.Content.Headers.ContentType?.MediaType);
        Assert.Equal(AspNetCoreOracle.StjLines(Ticks.Take(10)), await ndjson.Content.ReadAsStringAsync());
        Assert.Equal(AspNetCoreOracle.Stj(Ticks.Take(10).ToArray()), await array.Content.ReadAsStringAsync());
        Assert.Equal((await AspNetCoreOracle.ResultsJsonAsync(Slow())).Body, await array.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("application/x-ndjson;q=0, application/json", "application/json")]
    [InlineData("application/x-ndjson;q=0.5, application/json", "application/x-ndjson")]
    public async Task An_Accept_that_refuses_NDJSON_gets_the_JSON_array(string accept, string expected)
    {
        await using TestApp app = await TestApp.StartAsync(null, a => a.MapGet("/ticks", () => VelithonResults.JsonBatch(Ticks.Take(3))));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/ticks", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using HttpResponseMessage response = await app.Client.SendAsync(request);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_million_items_stream_with_bounded_allocation()
    {
        const int Count = 1_000_000;
        await using TestApp app = await TestApp.StartAsync(null, a => a.MapGet("/ticks", () => VelithonResults.JsonBatch(Cycle(Count), chunkSize: 1000)));
        HttpClient client = app.Client;
        using (HttpResponseMessage warm = await client.GetAsync(new Uri("/ticks", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead))
        {
            await (await warm.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null);
        }

        long before = GC.GetTotalAllocatedBytes(precise: true);
        using HttpResponseMessage response = await client.GetAsync(new Uri("/ticks", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        byte last = 0;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
            last = buffer[read - 1];
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // About 9 MB of JSON went through; buffering it anywhere would allocate at least that much.
        Assert.True(total > 8_000_000, $"{total} bytes");
        Assert.Equal((byte)']', last);
        Assert.True(allocated < total / 4, $"{allocated} bytes allocated for {total} bytes streamed");
    }

    [Fact]
    public async Task A_slow_reader_holds_the_producer_back()
    {
        int produced = 0;
        IEnumerable<Tick> Counted()
        {
            for (int i = 0; i < 1_000_000; i++)
            {
                Interlocked.Increment(ref produced);
                yield return Ticks[i % Ticks.Length];
            }
        }

        await using TestApp app = await TestApp.StartAsync(null, a => a.MapGet("/ticks", () => VelithonResults.JsonBatch(Counted(), chunkSize: 100)));
        using HttpResponseMessage response = await app.Client.GetAsync(new Uri("/ticks", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        byte[] buffer = new byte[1024];
        Assert.True(await body.ReadAsync(buffer) > 0);

        // The pipe's back-pressure stops the producer a few chunks ahead of the reader: it comes to rest, far from
        // the end. Without back-pressure it would only come to rest at 1,000,000.
        int stalled = await WhenProducedStopsChangingAsync(() => Volatile.Read(ref produced));
        Assert.InRange(stalled, 1, 200_000);

        // And it was the reader holding it: reading on lets it produce more.
        long read = 0;
        while (Volatile.Read(ref produced) == stalled && read < 4_000_000)
        {
            int n = await body.ReadAsync(buffer);
            Assert.True(n > 0);
            read += n;
        }

        Assert.True(Volatile.Read(ref produced) > stalled, $"the producer stayed at {stalled} while {read} more bytes were read");
    }

    // Bounded polling on a condition: the count unchanged over five looks 20 ms apart (at most 30 s).
    private static async Task<int> WhenProducedStopsChangingAsync(Func<int> count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int last = count();
        int unchanged = 0;
        while (unchanged < 5)
        {
            await Task.Delay(20, timeout.Token);
            int now = count();
            unchanged = now == last && now > 0 ? unchanged + 1 : 0;
            last = now;
        }

        return last;
    }

    [Fact]
    public async Task A_disconnecting_client_ends_the_stream_with_a_cancellation_not_a_normal_return()
    {
        var disposed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        IEnumerable<Tick> Endless()
        {
            try
            {
                for (int i = 0; ; i++)
                {
                    yield return Ticks[i % Ticks.Length];
                }
            }
            finally
            {
                disposed.TrySetResult();
            }
        }

        await using TestApp app = await TestApp.StartAsync(null, a =>
        {
            a.Use(async (HttpContext context, RequestDelegate next) =>
            {
                try
                {
                    await next(context);
                    finished.TrySetResult(null);
                }
                catch (Exception ex)
                {
                    finished.TrySetResult(ex);
                    throw;
                }
            });
            a.MapGet("/ticks", () => VelithonResults.JsonBatch(Endless(), chunkSize: 50));
        });

        HttpResponseMessage response = await app.Client.GetAsync(new Uri("/ticks", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Stream body = await response.Content.ReadAsStreamAsync();
        Assert.True(await body.ReadAsync(new byte[512]) > 0);
        await body.DisposeAsync();
        response.Dispose();

        await disposed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // A cut-short body must not look like a whole one to what runs after the result (a response cache stores those).
        Assert.IsAssignableFrom<OperationCanceledException>(await finished.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}

/// <summary>Tests that measure process-wide allocation run alone.</summary>
[CollectionDefinition(nameof(AllocationSensitive), DisableParallelization = true)]
public sealed class AllocationSensitive;

public sealed class JsonBatchAsyncAbortTests
{
    [Fact]
    public async Task An_async_sequence_gets_the_abort_token_when_the_client_disconnects()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async IAsyncEnumerable<Tick> Endless([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            using CancellationTokenRegistration registration = cancellationToken.Register(() => cancelled.TrySetResult());
            for (int i = 0; ; i++)
            {
                await Task.Yield();
                yield return new Tick(i);
            }
        }

        await using TestApp app = await TestApp.StartAsync(null, a => a.MapGet("/ticks", () => VelithonResults.JsonBatch(Endless(), chunkSize: 20)));
        HttpResponseMessage response = await app.Client.GetAsync(new Uri("/ticks", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Stream body = await response.Content.ReadAsStreamAsync();
        Assert.True(await body.ReadAsync(new byte[256]) > 0);
        await body.DisposeAsync();
        response.Dispose();

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

public sealed class JsonBatchArgumentTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData((1 << 20) + 1)]
    public void Chunk_sizes_outside_the_range_are_rejected(int chunkSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VelithonResults.JsonBatch(Array.Empty<Tick>(), chunkSize));
}
