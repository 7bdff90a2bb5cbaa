using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Velithon.Caching.Tests;

public sealed class ConditionalAndCompressionTests
{
    [Fact]
    public async Task Matching_If_None_Match_gets_304_without_a_body_or_an_endpoint_run()
    {
        await using TestApp app = await TestApp.StartAsync();
        var first = await app.GetAsync("/items");
        EntityTagHeaderValue etag = first.Response.Headers.ETag!;

        var notModified = await app.GetAsync("/items", r => r.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.NotModified, notModified.Response.StatusCode);
        Assert.Equal(string.Empty, notModified.Body);
        Assert.Equal(etag, notModified.Response.Headers.ETag);

        var weakForm = await app.GetAsync("/items", r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"other\", W/" + etag.Tag));
        Assert.Equal(HttpStatusCode.NotModified, weakForm.Response.StatusCode);

        var otherTag = await app.GetAsync("/items", r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"other\""));
        Assert.Equal(HttpStatusCode.OK, otherTag.Response.StatusCode);
        Assert.Equal(first.Body, otherTag.Body);
        Assert.Equal(1, app.Runs["items"]);
    }

    [Fact]
    public async Task ETag_is_stable_for_the_same_body_and_changes_with_it()
    {
        await using TestApp app = await TestApp.StartAsync();
        var a = await app.GetAsync("/q?a=1");
        var a2 = await app.GetAsync("/q?a=1");
        var b = await app.GetAsync("/q?a=2");
        Assert.Equal(a.Response.Headers.ETag, a2.Response.Headers.ETag);
        Assert.NotEqual(a.Response.Headers.ETag, b.Response.Headers.ETag);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    [InlineData("gzip;q=0.5, br")]
    public async Task Compressed_variants_are_stored_once_per_encoding(string acceptEncoding)
    {
        await using TestApp app = await TestApp.StartAsync();
        string identity = (await app.GetAsync("/text/5000")).Body;
        string expected = acceptEncoding.Contains("br", StringComparison.Ordinal) ? "br" : "gzip";

        HttpResponseMessage first = await Send(app, acceptEncoding);
        HttpResponseMessage second = await Send(app, acceptEncoding);

        Assert.Equal(expected, first.Content.Headers.ContentEncoding.Single());
        Assert.Equal("HIT", first.Headers.GetValues("X-Velithon-Cache").Single()); // built from the identity entry
        Assert.Contains("Accept-Encoding", first.Headers.Vary);
        byte[] compressed = await second.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < 5000);
        Assert.Equal(identity, Decompress(compressed, expected));
        Assert.Equal(1, app.Runs["text"]);
        Assert.NotEqual(first.Headers.ETag, (await app.GetAsync("/text/5000")).Response.Headers.ETag);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task A_compressed_miss_stores_both_the_identity_and_the_variant()
    {
        await using TestApp app = await TestApp.StartAsync();
        HttpResponseMessage miss = await Send(app, "gzip");
        Assert.Equal("MISS", miss.Headers.GetValues("X-Velithon-Cache").Single());
        Assert.Equal("gzip", miss.Content.Headers.ContentEncoding.Single());
        var identity = await app.GetAsync("/text/5000");
        Assert.Equal("HIT", identity.Status);
        Assert.Empty(identity.Response.Content.Headers.ContentEncoding);
        Assert.Equal(identity.Body, Decompress(await miss.Content.ReadAsByteArrayAsync(), "gzip"));
        Assert.Equal(2, app.Cache.Memory.Count);
    }

    [Fact]
    public async Task Incompressible_or_small_bodies_are_served_as_is()
    {
        await using TestApp app = await TestApp.StartAsync();
        await app.GetAsync("/big/1/5000");
        HttpResponseMessage binary = await Send(app, "br", "/big/1/5000");
        Assert.Empty(binary.Content.Headers.ContentEncoding);
        Assert.Equal(5000, (await binary.Content.ReadAsByteArrayAsync()).Length);

        HttpResponseMessage small = await Send(app, "br", "/items");
        Assert.Empty(small.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Compression_can_be_turned_off()
    {
        await using TestApp app = await TestApp.StartAsync(o => o.EnableCompression = false);
        HttpResponseMessage response = await Send(app, "br");
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.DoesNotContain("Accept-Encoding", response.Headers.Vary);
    }

    private static async Task<HttpResponseMessage> Send(TestApp app, string acceptEncoding, string url = "/text/5000")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await app.Client.SendAsync(request);
    }

    private static string Decompress(byte[] data, string encoding)
    {
        using var input = new MemoryStream(data);
        using Stream decompressor = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(decompressor, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
