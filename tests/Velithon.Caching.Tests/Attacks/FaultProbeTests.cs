using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StackExchange.Redis;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// Faults injected by an operator or an attacker: a Redis that loses or rolls back what it held, clients that leave,
/// endpoints that fail half-way. The rule: a fault loses at most what was stored, and never serves a response it should not.
/// </summary>
[Collection(RedisGroup.Name)]
public sealed class FaultProbeTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly RedisTestKit _kit = new(redis, "fault");

    public Task InitializeAsync() => _kit.InitializeAsync();

    public Task DisposeAsync() => _kit.DisposeAsync();

    [RedisFact]
    public async Task A_tag_version_key_lost_after_an_eviction_never_brings_back_the_evicted_entry()
    {
        // An allkeys-* maxmemory policy (or an operator's DEL) drops the version key; the entry written before the
        // eviction, never read since, is still in Redis. The instance that evicted knows the version was above 0.
        await using TestApp a = await _kit.StartAsync(o => o.TagSyncInterval = TimeSpan.FromHours(1));
        Assert.Equal("tagged 1 run 1", (await a.GetAsync("/tagged/1")).Body);
        await _kit.WaitForKeysAsync(1);

        await a.Invalidator.EvictByTagAsync("products");
        Assert.True(await _kit.Db.KeyDeleteAsync(_kit.Prefix + "tv:products"));

        var after = await RedisTestKit.Within(a.GetAsync("/tagged/1"));
        Assert.NotEqual("tagged 1 run 1", after.Body);
    }

    [RedisFact]
    public async Task A_tag_version_rolled_back_by_a_restore_never_brings_back_the_evicted_entry()
    {
        // Redis restarted from a snapshot taken between two evictions: the version key holds the first one's number, and
        // the entry stored under it is back. No instance may serve it, not even one started after the restore.
        await using TestApp a = await _kit.StartAsync(o => o.TagSyncInterval = TimeSpan.FromHours(1));
        RedisKey version = _kit.Prefix + "tv:products";
        await a.Invalidator.EvictByTagAsync("products");
        RedisValue first = await _kit.Db.StringGetAsync(version);
        Assert.Equal("tagged 1 run 1", (await a.GetAsync("/tagged/1")).Body);
        RedisKey entry = await _kit.SingleEntryKeyAsync();
        byte[] snapshot = (byte[])(await _kit.Db.StringGetAsync(entry))!;

        await a.Invalidator.EvictByTagAsync("products");
        long second = (long)await _kit.Db.StringGetAsync(version);
        await _kit.Db.StringSetAsync(version, first);
        await _kit.Db.StringSetAsync(entry, snapshot, TimeSpan.FromMinutes(1));

        Assert.NotEqual("tagged 1 run 1", (await RedisTestKit.Within(a.GetAsync("/tagged/1"))).Body);

        // An eviction on the rolled-back key goes above the version the evicting instance saw, not to first + 1: every
        // instance that saw the second eviction must hear this one as news.
        await a.Invalidator.EvictByTagAsync("products");
        Assert.True((long)await _kit.Db.StringGetAsync(version) > second);

        // The instance that knows the later version puts Redis above it on its next sync; one started afterwards then
        // cannot take the rolled-back entry for current either.
        await _kit.Db.StringSetAsync(version, first);
        await _kit.Db.StringSetAsync(entry, snapshot, TimeSpan.FromMinutes(1));
        await a.Cache.Redis!.SyncAsync();
        await using TestApp c = await _kit.StartAsync(o => o.TagSyncInterval = TimeSpan.FromHours(1));
        for (int i = 0; i < 50; i++)
        {
            c.Runs.Run("tagged");
        }

        Assert.NotEqual("tagged 1 run 1", (await RedisTestKit.Within(c.GetAsync("/tagged/1"))).Body);
    }

    [RedisFact]
    public async Task Evicting_tags_no_endpoint_uses_does_not_grow_what_every_sync_reads()
    {
        // An admin API or a webhook that evicts a tag per product id (tags of [VelithonCached] are fixed, so none of these
        // is used): each distinct tag stayed known for good, and every instance's sync read all of them from Redis every
        // TagSyncInterval, without end.
        await using TestApp a = await _kit.StartAsync(o => o.TagSyncInterval = TimeSpan.FromHours(1));
        Assert.Equal("tagged 1 run 1", (await a.GetAsync("/tagged/1")).Body);
        var mirror = (IVelithonTagVersionMirror)a.Cache;
        int known = mirror.KnownTags.Count;

        for (int i = 0; i < 2000; i++)
        {
            await a.Invalidator.EvictByTagAsync("product-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(known, mirror.KnownTags.Count);

        // A tag in use is still evicted here and in Redis.
        await a.Invalidator.EvictByTagAsync("products");
        var after = await a.GetAsync("/tagged/1");
        Assert.Equal(("MISS", "tagged 1 run 2"), (after.Status, after.Body));
    }
}

/// <summary>Faults of endpoints and clients over HTTP: what an endpoint did that the cache must not replay to another request.</summary>
public sealed class FaultProbeHttpTests
{
    [Fact]
    public async Task A_body_the_endpoint_gzipped_without_Vary_is_never_served_to_a_client_that_cannot_decode_it()
    {
        // The endpoint picks its coding from Accept-Encoding but forgets Vary: the gzip body of the first request must not
        // answer a client that sent no Accept-Encoding (or only br): it could not decode it.
        int runs = 0;
        await using TestApp app = await TestApp.StartCustomAsync(a =>
        {
            a.UseRouting();
            a.UseVelithonCaching();
            a.MapGet("/report", [VelithonCached] async (HttpContext context) =>
            {
                Interlocked.Increment(ref runs);
                byte[] text = Encoding.UTF8.GetBytes("quarterly report");
                context.Response.ContentType = "text/plain";
                if (!context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.Ordinal))
                {
                    await context.Response.Body.WriteAsync(text);
                    return;
                }

                context.Response.Headers.ContentEncoding = "gzip";
                using var gzipped = new MemoryStream();
                using (var gzip = new GZipStream(gzipped, CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(text);
                }

                await context.Response.Body.WriteAsync(gzipped.ToArray());
            });
        });

        var gzip = await app.GetAsync("/report", r => r.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip"));
        Assert.Equal(["gzip"], gzip.Response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", gzip.Response.Headers.Vary);

        foreach (string? acceptEncoding in new[] { null, "br", "identity" })
        {
            var other = await app.GetAsync("/report", r =>
            {
                if (acceptEncoding is not null)
                {
                    r.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
                }
            });
            Assert.True(other.Response.Content.Headers.ContentEncoding.Count == 0 && other.Body == "quarterly report",
                $"Accept-Encoding {acceptEncoding ?? "(none)"}: {other.Status} with Content-Encoding {string.Join(",", other.Response.Content.Headers.ContentEncoding)}");
        }

        // The gzip client still gets its entry.
        Assert.Equal("HIT", (await app.GetAsync("/report", r => r.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip"))).Status);
    }

    [Theory]
    [InlineData("Cache-Control")]
    [InlineData("cache-control")]
    [InlineData("Vary")]
    [InlineData("Pragma")]
    [InlineData("Expires")]
    [InlineData("Set-Cookie")]
    [InlineData("ETag")]
    [InlineData("Content-Type")]
    [InlineData("Content-Length")]
    [InlineData("Content-Encoding")]
    [InlineData("Location")]
    [InlineData("Age")]
    [InlineData("Server-Timing")]
    [InlineData("Transfer-Encoding")]
    public async Task A_status_header_named_after_a_header_the_response_relies_on_fails_the_start(string name)
    {
        // StatusHeaderName = "Cache-Control" wrote "MISS" over an endpoint's "Cache-Control: private" (and "no-store"): a
        // CDN in front then stored the private page; "Vary" dropped Accept-Encoding, "Content-Type" retyped every page.
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TestApp.StartAsync(o => o.StatusHeaderName = name));
        Assert.Contains("StatusHeaderName", error.Message, StringComparison.Ordinal);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_check_a_status_header_named_Cache_Control_strips_private_from_a_private_page()
    {
        // What the start check prevents, shown with a name it still allows: the endpoint's own header survives.
        await using TestApp app = await TestApp.StartAsync(o => o.StatusHeaderName = "X-Cache-Control-Status");
        var response = await app.GetAsync("/private");
        Assert.True(response.Response.Headers.CacheControl?.Private);
    }
}
