using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Velithon.AspNetCore.Caching;

namespace Velithon.AspNetCore.Tests;

public sealed class StatsTests
{
    private static Task<TestApp> StartAsync() => TestApp.StartAsync(
        s =>
        {
            s.AddVelithonBackgroundTasks();
            s.AddVelithonMemory();
        },
        a =>
        {
            a.MapVelithonStats();
            a.MapVelithonDashboard();
        });

    [Fact]
    public async Task The_stats_endpoint_answers_one_snapshot_of_every_component()
    {
        await using TestApp app = await StartAsync();

        using HttpResponseMessage response = await app.Client.GetAsync(new Uri("/velithon/stats", UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();
        using JsonDocument stats = JsonDocument.Parse(body);
        AssertReadableTimestamp(body, stats.RootElement);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        JsonElement root = stats.RootElement;
        foreach (string section in new[] { "pool", "interner", "responseCache", "tasks", "gc" })
        {
            Assert.Equal(JsonValueKind.Object, root.GetProperty(section).ValueKind);
        }

        Assert.True(root.GetProperty("gc").GetProperty("totalMemoryBytes").GetInt64() > 0);
        Assert.True(root.GetProperty("responseCache").TryGetProperty("hitRatePercent", out _));
        Assert.True(root.GetProperty("tasks").TryGetProperty("queued", out _));
        Assert.False(root.TryGetProperty("endpointCache", out _));
    }

    [Fact]
    public async Task With_VelithonCaching_the_stats_include_the_endpoint_cache()
    {
        await using TestApp app = await TestApp.StartAsync(
            s => s.AddVelithonCaching(),
            a =>
            {
                a.UseVelithonCaching();
                a.MapGet("/cached", [VelithonCached(Duration = 60)] () => "cached");
                a.MapVelithonStats();
            });

        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage cached = await app.Client.GetAsync(new Uri("/cached", UriKind.Relative));
        }

        using HttpResponseMessage response = await app.Client.GetAsync(new Uri("/velithon/stats", UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();
        using JsonDocument stats = JsonDocument.Parse(body);
        AssertReadableTimestamp(body, stats.RootElement);

        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        JsonElement endpointCache = stats.RootElement.GetProperty("endpointCache");
        Assert.Equal(1, endpointCache.GetProperty("entries").GetInt64());
        Assert.Equal(2, endpointCache.GetProperty("hits").GetInt64());
        Assert.True(endpointCache.GetProperty("hitRatePercent").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Object, stats.RootElement.GetProperty("pool").ValueKind);
    }

    [Fact]
    public async Task The_stats_list_every_registered_cache_and_their_totals()
    {
        await using TestApp plain = await StartAsync();
        await using TestApp cached = await TestApp.StartAsync(
            s => s.AddVelithonCaching(),
            a =>
            {
                a.UseVelithonCaching();
                a.MapGet("/cached", [VelithonCached(Duration = 60)] () => "cached");
                a.MapVelithonStats();
            });
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage response = await cached.Client.GetAsync(new Uri("/cached", UriKind.Relative));
        }

        using JsonDocument without = JsonDocument.Parse(await plain.Client.GetStringAsync(new Uri("/velithon/stats", UriKind.Relative)));
        using JsonDocument with = JsonDocument.Parse(await cached.Client.GetStringAsync(new Uri("/velithon/stats", UriKind.Relative)));

        // Without AddVelithonCaching: the handler's own cache only, and the totals are its figures.
        JsonElement only = Assert.Single(without.RootElement.GetProperty("caches").EnumerateArray());
        Assert.Equal("responses", only.GetProperty("name").GetString());
        Assert.Equal(without.RootElement.GetProperty("responseCache").GetRawText(), only.GetProperty("stats").GetRawText());
        Assert.Equal(without.RootElement.GetProperty("responseCache").GetRawText(), without.RootElement.GetProperty("cacheTotals").GetRawText());

        // With it: the [VelithonCached] store under its name, with the request figures of endpointCache, summed in the totals.
        JsonElement[] caches = [.. with.RootElement.GetProperty("caches").EnumerateArray()];
        Assert.Equal(["responses", "velithon-cached"], caches.Select(c => c.GetProperty("name").GetString()));
        JsonElement store = caches[1].GetProperty("stats");
        JsonElement endpointCache = with.RootElement.GetProperty("endpointCache");
        foreach (string figure in new[] { "hits", "misses", "entries", "memoryBytes" })
        {
            Assert.Equal(endpointCache.GetProperty(figure).GetInt64(), store.GetProperty(figure).GetInt64());
        }

        Assert.Equal((2, 1), (store.GetProperty("hits").GetInt64(), store.GetProperty("misses").GetInt64()));
        Assert.Equal(
            caches.Sum(c => c.GetProperty("stats").GetProperty("memoryBytes").GetInt64()),
            with.RootElement.GetProperty("cacheTotals").GetProperty("memoryBytes").GetInt64());
    }

    [Fact]
    public async Task The_endpoint_cache_counts_a_lookup_of_a_tag_evicted_entry_as_a_miss()
    {
        // Two hits, two misses as requests see them; the L1 found an entry for the third request but it was evicted.
        await using TestApp app = await TestApp.StartAsync(
            s => s.AddVelithonCaching(),
            a =>
            {
                a.UseVelithonCaching();
                a.MapGet("/cached", [VelithonCached(Duration = 60, Tags = ["t"])] () => "cached");
                a.MapVelithonStats();
            });

        var statuses = new List<string>();
        for (int i = 0; i < 4; i++)
        {
            if (i == 2)
            {
                await app.App.Services.GetRequiredService<IVelithonCacheInvalidator>().EvictByTagAsync("t");
            }

            using HttpResponseMessage cached = await app.Client.GetAsync(new Uri("/cached", UriKind.Relative));
            statuses.Add(cached.Headers.GetValues("X-Velithon-Cache").Single());
        }

        Assert.Equal(["MISS", "HIT", "MISS", "HIT"], statuses);
        using JsonDocument stats = JsonDocument.Parse(await app.Client.GetStringAsync(new Uri("/velithon/stats", UriKind.Relative)));
        JsonElement endpointCache = stats.RootElement.GetProperty("endpointCache");
        Assert.Equal((2, 2), (endpointCache.GetProperty("hits").GetInt64(), endpointCache.GetProperty("misses").GetInt64()));
        Assert.Equal(50.0, endpointCache.GetProperty("hitRatePercent").GetDouble());
    }

    [Fact]
    public async Task Each_cached_endpoint_reports_its_hits_misses_entries_bytes_and_evictions()
    {
        // One entry fits: storing /b's response evicts /a's.
        await using TestApp app = await TestApp.StartAsync(
            s => s.AddVelithonCaching(o => o.MaxEntries = 1),
            a =>
            {
                a.UseVelithonCaching();
                a.MapGet("/a", [VelithonCached(Duration = 60)] () => "a");
                a.MapGet("/b", [VelithonCached(Duration = 60)] () => "b");
                a.MapVelithonStats();
            });

        foreach (string path in new[] { "/a", "/a", "/a", "/b" })
        {
            using HttpResponseMessage response = await app.Client.GetAsync(new Uri(path, UriKind.Relative));
        }

        using JsonDocument stats = JsonDocument.Parse(await app.Client.GetStringAsync(new Uri("/velithon/stats", UriKind.Relative)));
        JsonElement[] endpoints = [.. stats.RootElement.GetProperty("endpointCache").GetProperty("endpoints").EnumerateArray()];
        Assert.Equal(2, endpoints.Length);
        JsonElement a = endpoints.Single(e => e.GetProperty("endpoint").GetString()!.EndsWith("/a", StringComparison.Ordinal));
        JsonElement b = endpoints.Single(e => e.GetProperty("endpoint").GetString()!.EndsWith("/b", StringComparison.Ordinal));
        Assert.Equal((2L, 1L, 0L, 0L, 1L), Figures(a));
        Assert.Equal(66.67, a.GetProperty("hitRatePercent").GetDouble());
        (long hits, long misses, long entries, long bytes, long evictions) = Figures(b);
        Assert.Equal((0L, 1L, 1L, 0L), (hits, misses, entries, evictions));
        Assert.InRange(bytes, 100, 2_000); // the entry object, its ETag and its one-byte body

        static (long, long, long, long, long) Figures(JsonElement e) => (
            e.GetProperty("hits").GetInt64(), e.GetProperty("misses").GetInt64(), e.GetProperty("entries").GetInt64(),
            e.GetProperty("memoryBytes").GetInt64(), e.GetProperty("evictions").GetInt64());
    }

    [Fact]
    public async Task The_dashboard_serves_its_page_script_and_style_without_a_CDN()
    {
        await using TestApp app = await StartAsync();

        string html = await app.Client.GetStringAsync(new Uri("/velithon/dashboard", UriKind.Relative));
        using HttpResponseMessage script = await app.Client.GetAsync(new Uri("/velithon/dashboard/dashboard.js", UriKind.Relative));
        using HttpResponseMessage style = await app.Client.GetAsync(new Uri("/velithon/dashboard/dashboard.css", UriKind.Relative));
        string js = await script.Content.ReadAsStringAsync();

        Assert.Contains("data-stats-url=\"/velithon/stats\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/velithon/dashboard/dashboard.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
        foreach (string field in new[] { "totalMemoryBytes", "responseCache.hitRatePercent", "pool.hitRatePercent", "tasks.queued" })
        {
            Assert.Contains(field, js, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("https://", js, StringComparison.Ordinal);
    }

    // The snapshot's time is written as ISO 8601 text a person can read: the offset's '+' not escaped as \u002B.
    private static void AssertReadableTimestamp(string body, JsonElement root)
    {
        Assert.DoesNotContain("\\u", body, StringComparison.Ordinal);
        string timestamp = root.GetProperty("timestamp").GetString()!;
        Assert.Contains(timestamp, body, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(timestamp, System.Globalization.CultureInfo.InvariantCulture, out _), timestamp);
    }
}
