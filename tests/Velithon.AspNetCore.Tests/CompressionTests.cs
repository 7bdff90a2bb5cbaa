using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;

namespace Velithon.AspNetCore.Tests;

/// <summary>Compression is left to ASP.NET's middleware (docs/web.md): the results must compose with it.</summary>
public sealed class CompressionTests
{
    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Results_and_streams_compress_through_the_ResponseCompression_middleware(string encoding)
    {
        Item[] items = Enumerable.Range(0, 2000).Select(i => new Item(i, "name" + i, i, ["t"])).ToArray();
        string expected = AspNetCoreOracle.Stj(items);
        await using TestApp app = await TestApp.StartAsync(
            s =>
            {
                s.AddResponseCompression(o => o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Append("application/x-ndjson"));
                s.AddVelithonJsonResults(o => o.ParallelThreshold = 0);
            },
            a =>
            {
                a.UseResponseCompression();
                a.MapGet("/items", () => VelithonResults.Json(items));
                a.MapGet("/batch", () => VelithonResults.JsonBatch(items, 100));
            });

        foreach (string path in new[] { "/items", "/batch" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            using HttpResponseMessage response = await app.Client.SendAsync(request);
            byte[] compressed = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.True(compressed.Length < expected.Length / 2);
            using Stream decoder = encoding == "gzip"
                ? new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress)
                : new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var reader = new StreamReader(decoder, Encoding.UTF8);
            Assert.Equal(expected, await reader.ReadToEndAsync());
        }
    }
}
