using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Velithon.Caching.Tests;

/// <summary>Pipelines put together in the wrong order are either handled correctly or refused loudly.</summary>
public sealed class PipelineTests
{
    private static readonly string s_text = string.Concat(Enumerable.Repeat("{\"id\":1,\"name\":\"compressible\"},", 40));

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    [InlineData("identity")]
    [InlineData("gzip, br")]
    public async Task Compression_placed_after_the_cache_gives_decodable_responses_to_every_client(string acceptEncoding)
    {
        await using TestApp app = await TestApp.StartCustomAsync(
            a =>
            {
                a.UseRouting();
                a.UseVelithonCaching();
                a.UseResponseCompression();
                a.MapGet("/data", [VelithonCached] (Counters c) =>
                {
                    c.Run("data");
                    return Results.Text(s_text, "application/json");
                });
            },
            b => b.Services.AddResponseCompression(o => o.EnableForHttps = true));

        // Clients with other encodings first, so that each kind of entry exists when this client asks.
        foreach (string other in new[] { "gzip", "br", "identity" })
        {
            await SendAsync(app, other);
        }

        for (int i = 0; i < 2; i++)
        {
            (string body, string? _) = await SendAsync(app, acceptEncoding);
            Assert.Equal(s_text, body);
        }
    }

    [Fact]
    public async Task A_cache_placed_before_routing_is_reported_as_an_error_and_caches_nothing()
    {
        var logs = new FakeLogCollector();
        await using TestApp app = await TestApp.StartCustomAsync(
            a =>
            {
                a.UseVelithonCaching();
                a.UseRouting();
                a.MapGet("/late", [VelithonCached] (Counters c) => $"late run {c.Run("late")}");
            },
            b => b.Logging.AddProvider(new FakeLoggerProvider(logs)));

        await app.GetAsync("/late");
        var second = await app.GetAsync("/late");
        Assert.Equal("late run 2", second.Body);
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("UseVelithonCaching() runs before UseRouting()", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Endpoint_filters_on_a_cached_endpoint_are_reported_at_startup()
    {
        var logs = new FakeLogCollector();
        await using TestApp app = await TestApp.StartCustomAsync(
            a =>
            {
                a.UseRouting();
                a.UseVelithonCaching();
                a.MapGet("/guarded", [VelithonCached] () => "x").AddEndpointFilter(static async (c, n) => await n(c));
            },
            b => b.Logging.AddProvider(new FakeLoggerProvider(logs)));

        await app.GetAsync("/guarded");
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("/guarded", StringComparison.Ordinal) && r.Message.Contains("endpoint filter", StringComparison.Ordinal));
    }

    private static async Task<(string Body, string? Encoding)> SendAsync(TestApp app, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/data");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using HttpResponseMessage response = await app.Client.SendAsync(request);
        byte[] raw = await response.Content.ReadAsByteArrayAsync();
        ICollection<string> codings = response.Content.Headers.ContentEncoding;
        Assert.True(codings.Count <= 1, "encoded twice: " + string.Join(", ", codings));
        string? coding = codings.SingleOrDefault();
        Assert.True(coding is null || AcceptsCoding(acceptEncoding, coding), $"{coding} sent to a client that accepts {acceptEncoding}");
        byte[] decoded = coding switch
        {
            null => raw,
            "br" => Decode(new BrotliStream(new MemoryStream(raw), CompressionMode.Decompress)),
            "gzip" => Decode(new GZipStream(new MemoryStream(raw), CompressionMode.Decompress)),
            _ => throw new InvalidOperationException("unexpected coding " + coding),
        };
        return (Encoding.UTF8.GetString(decoded), coding);
    }

    private static bool AcceptsCoding(string acceptEncoding, string coding) =>
        acceptEncoding.Split(',').Select(static s => s.Trim()).Contains(coding);

    private static byte[] Decode(Stream stream)
    {
        using (stream)
        {
            using var output = new MemoryStream();
            stream.CopyTo(output);
            return output.ToArray();
        }
    }
}
