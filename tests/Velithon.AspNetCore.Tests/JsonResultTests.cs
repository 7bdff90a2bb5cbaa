using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Velithon.AspNetCore.Tests;

public sealed class JsonResultTests
{
    private static readonly Item Sample = new(7, "seven \"quoted\" é", 1.5, ["a", "b"]);

    private static readonly JsonSerializerOptions WebIndented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static Item[] Items(int count) =>
        Enumerable.Range(0, count).Select(i => new Item(i, "name" + i, i / 3.0, i % 2 == 0 ? ["x", "y" + i] : null)).ToArray();

    [Fact]
    public async Task A_single_value_is_sent_as_ASP_NET_Core_sends_it_with_headers()
    {
        await using TestApp app = await TestApp.StartAsync(null, a => a.MapGet("/one", () => VelithonResults.Json(Sample)));

        using HttpResponseMessage response = await app.Client.GetAsync(new Uri("/one", UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();
        (int status, string? contentType, string aspNetBody) = await AspNetCoreOracle.ResultsJsonAsync(Sample);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(AspNetCoreOracle.Stj(Sample), body);
        Assert.Equal(aspNetBody, body);
        string timing = Assert.Single(response.Headers.GetValues("Server-Timing"));
        Assert.StartsWith("render;dur=", timing, StringComparison.Ordinal);
        Assert.EndsWith("desc=\"sequential\"", timing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Known_difference_ASP_NET_Cores_default_Results_Json_escapes_less()
    {
        // ASP.NET Core's JsonOptions write with JavaScriptEncoder.UnsafeRelaxedJsonEscaping; Velithon writes as STJ's
        // Web defaults do (JavaScriptEncoder.Default). Same JSON value, different escapes for '"', non-ASCII, '<', ...
        await using TestApp app = await TestApp.StartAsync(null, a => a.MapGet("/one", () => VelithonResults.Json(Sample)));
        using HttpResponseMessage response = await app.Client.GetAsync(new Uri("/one", UriKind.Relative));
        string velithon = await response.Content.ReadAsStringAsync();
        (_, string? contentType, string aspNet) = await AspNetCoreOracle.ResultsJsonAsync(Sample, aspNetDefaults: true);

        Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal("""{"id":7,"name":"seven \"quoted\" é","score":1.5,"tags":["a","b"]}""", aspNet);
        Assert.Equal("""{"id":7,"name":"seven \u0022quoted\u0022 \u00E9","score":1.5,"tags":["a","b"]}""", velithon);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(aspNet), System.Text.Json.Nodes.JsonNode.Parse(velithon)));
    }

    [Fact]
    public async Task An_indented_type_is_sent_indented_and_list_and_batch_results_refuse_it()
    {
        var pretty = new PrettyItem(7, "seven", ["a", "b"]);
        await using TestApp app = await TestApp.StartAsync(null, a => a.MapGet("/one", () => VelithonResults.Json(pretty)));
        using HttpResponseMessage response = await app.Client.GetAsync(new Uri("/one", UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(JsonSerializer.Serialize(pretty, WebIndented), body);
        Assert.Contains(Environment.NewLine + "  \"tags\": [" + Environment.NewLine + "    \"a\",", body, StringComparison.Ordinal);

        // The list and batch results write the array around the items compactly: never other bytes than STJ, so refused.
        foreach (IResult result in new IResult[] { VelithonResults.Json<PrettyItem>([pretty, pretty]), VelithonResults.JsonBatch<PrettyItem>([pretty]) })
        {
            var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
            NotSupportedException error = await Assert.ThrowsAsync<NotSupportedException>(() => result.ExecuteAsync(context));
            Assert.Contains("is compiled with WriteIndented = true", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Result_interfaces_and_the_results_extension_report_value_status_and_type()
    {
        VelithonJsonResult<Item> result = Results.Extensions.VelithonJson(Sample, StatusCodes.Status201Created);
        IResult list = VelithonResults.Json(Items(3));

        Assert.Equal(201, ((IStatusCodeHttpResult)result).StatusCode);
        Assert.Equal("application/json; charset=utf-8", ((IContentTypeHttpResult)result).ContentType);
        Assert.Same(Sample, ((IValueHttpResult)result).Value);
        Assert.Same(Sample, ((IValueHttpResult<Item>)result).Value);
        Assert.IsType<VelithonJsonListResult<Item>>(list);

        await using TestApp app = await TestApp.StartAsync(null, a => a.MapPost("/made", () => Results.Extensions.VelithonJson(Sample, StatusCodes.Status201Created)));
        using HttpResponseMessage response = await app.Client.PostAsync(new Uri("/made", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Server_timing_can_be_turned_off()
    {
        await using TestApp app = await TestApp.StartAsync(
            s => s.AddVelithonJsonResults(o => o.ServerTiming = false),
            a => a.MapGet("/one", () => VelithonResults.Json(Sample)));

        using HttpResponseMessage response = await app.Client.GetAsync(new Uri("/one", UriKind.Relative));

        Assert.False(response.Headers.Contains("Server-Timing"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5000)]
    public async Task Lists_render_the_same_bytes_sequentially_and_in_parallel(int count)
    {
        Item[] items = Items(count);
        byte[] expected = Encoding.UTF8.GetBytes(AspNetCoreOracle.Stj(items));
        Assert.Equal(AspNetCoreOracle.Stj(items), (await AspNetCoreOracle.ResultsJsonAsync(items)).Body);

        await using TestApp sequential = await TestApp.StartAsync(
            s => s.AddVelithonJsonResults(o => o.ParallelThreshold = long.MaxValue),
            a => a.MapGet("/items", () => VelithonResults.Json(items)));
        await using TestApp parallel = await TestApp.StartAsync(
            s => s.AddVelithonJsonResults(o =>
            {
                o.ParallelThreshold = 0;
                o.MaxDegreeOfParallelism = 4;
                o.TargetChunkBytes = 1024;
            }),
            a => a.MapGet("/items", () => VelithonResults.Json(items)));

        using HttpResponseMessage s1 = await sequential.Client.GetAsync(new Uri("/items", UriKind.Relative));
        using HttpResponseMessage p1 = await parallel.Client.GetAsync(new Uri("/items", UriKind.Relative));

        Assert.Equal(expected, await s1.Content.ReadAsByteArrayAsync());
        Assert.Equal(expected, await p1.Content.ReadAsByteArrayAsync());
        Assert.EndsWith("desc=\"sequential\"", Assert.Single(s1.Headers.GetValues("Server-Timing")), StringComparison.Ordinal);
        string mode = count >= 3 ? "parallel" : "sequential";
        Assert.EndsWith($"desc=\"{mode}\"", Assert.Single(p1.Headers.GetValues("Server-Timing")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_threshold_counts_work_not_items()
    {
        // 100 items: parallel only when each item is big enough for 100 x size to reach the threshold.
        Item[] small = Items(100);
        Item[] large = small.Select(i => i with { Name = new string('n', 2000) }).ToArray();
        await using TestApp app = await TestApp.StartAsync(
            s => s.AddVelithonJsonResults(o =>
            {
                o.ParallelThreshold = 100 * 1000;
                o.MaxDegreeOfParallelism = 2;
            }),
            a =>
            {
                a.MapGet("/small", () => VelithonResults.Json(small));
                a.MapGet("/large", () => VelithonResults.Json(large));
            });

        using HttpResponseMessage s = await app.Client.GetAsync(new Uri("/small", UriKind.Relative));
        using HttpResponseMessage l = await app.Client.GetAsync(new Uri("/large", UriKind.Relative));

        Assert.EndsWith("desc=\"sequential\"", Assert.Single(s.Headers.GetValues("Server-Timing")), StringComparison.Ordinal);
        Assert.EndsWith("desc=\"parallel\"", Assert.Single(l.Headers.GetValues("Server-Timing")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_list_and_null_items_write_null()
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        JsonListRenderer.RenderTo<Item>(new Item[] { null!, Sample, null!, null! }, output, VelithonJsonOptions.Default, 0, 2, 1, Velithon.Memory.VelithonMemoryPool.Shared);

        Assert.Equal(AspNetCoreOracle.Stj(new Item?[] { null, Sample, null, null }), Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Parallel_rendering_fails_like_sequential_rendering_at_the_depth_limit()
    {
        var deep = new Node();
        Node tail = deep;
        for (int i = 0; i < 80; i++)
        {
            tail.Next = new Node();
            tail = tail.Next;
        }

        var nodes = Enumerable.Range(0, 10).Select(_ => new Node()).ToList();
        nodes[7] = deep;

        var sequential = Assert.Throws<System.Text.Json.JsonException>(() =>
            JsonListRenderer.RenderTo(nodes, new System.Buffers.ArrayBufferWriter<byte>(), VelithonJsonOptions.Default, long.MaxValue, 1, 1, Velithon.Memory.VelithonMemoryPool.Shared));
        var parallel = Assert.Throws<System.Text.Json.JsonException>(() =>
            JsonListRenderer.RenderTo(nodes, new System.Buffers.ArrayBufferWriter<byte>(), VelithonJsonOptions.Default, 0, 4, 1, Velithon.Memory.VelithonMemoryPool.Shared));

        Assert.Equal(sequential.Message, parallel.Message);
    }

    [Fact]
    public async Task Parallel_rendering_holds_a_window_of_chunks_not_the_whole_list()
    {
        // ~5 MB of JSON in 64 KiB chunks: about 90 chunks, of which a window of 2 × 2 may be rented at once.
        Item[] items = Items(60_000);
        var pool = new TrackingPool();
        var output = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(pauseWriterThreshold: 0));
        Task<byte[]> drained = DrainAsync(output.Reader);

        using (ParallelListRendering<Item>? chunks = JsonListRenderer.Render(items, output.Writer, VelithonJsonOptions.Default, 0, 2, 64 * 1024, pool))
        {
            Assert.NotNull(chunks);
            Assert.Equal(4, chunks.WindowSize);
            await chunks.CopyToAsync(output.Writer, CancellationToken.None);
        }

        await output.Writer.FlushAsync();
        await output.Writer.CompleteAsync();
        byte[] body = await drained;

        Assert.Equal(AspNetCoreOracle.Stj(items), Encoding.UTF8.GetString(body));
        Assert.Equal(0, pool.Outstanding);

        // The first item underestimates the later (longer) ones, so a chunk may grow once into the next size class and
        // briefly hold both: a window of 4 is at most 4 × (128 + 64) KiB, a small fraction of the body.
        Assert.InRange(pool.MaxOutstandingBytes, 1, 4 * 192 * 1024);
        Assert.True(pool.MaxOutstandingBytes * 4 < body.Length, $"{pool.MaxOutstandingBytes} bytes held for a {body.Length}-byte body");
        Assert.True(pool.Rented > 40, $"{pool.Rented} rents");
    }

    private static async Task<byte[]> DrainAsync(System.IO.Pipelines.PipeReader reader)
    {
        using var copy = new MemoryStream();
        await reader.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>An array pool that counts what is rented and not yet returned.</summary>
    private sealed class TrackingPool : System.Buffers.ArrayPool<byte>
    {
        private long _outstandingBytes;

        public int Outstanding { get; private set; }

        public int Rented { get; private set; }

        public long MaxOutstandingBytes { get; private set; }

        public override byte[] Rent(int minimumLength)
        {
            byte[] array = Shared.Rent(minimumLength);
            lock (this)
            {
                Outstanding++;
                Rented++;
                _outstandingBytes += array.Length;
                MaxOutstandingBytes = Math.Max(MaxOutstandingBytes, _outstandingBytes);
            }

            return array;
        }

        public override void Return(byte[] array, bool clearArray = false)
        {
            lock (this)
            {
                Outstanding--;
                _outstandingBytes -= array.Length;
            }

            Shared.Return(array, clearArray);
        }
    }
}
