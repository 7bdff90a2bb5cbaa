using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Velithon.Sample.Tests;

/// <summary>Drives the sample app through the ASP.NET Core test server, as a new user's first requests would.</summary>
public sealed class SampleAppTests(SampleAppTests.Factory factory) : IClassFixture<SampleAppTests.Factory>
{
    [Fact]
    public async Task Users_are_written_by_the_generated_serializer_like_System_Text_Json()
    {
        HttpClient client = factory.CreateClient();

        using HttpResponseMessage response = await client.GetAsync(new Uri("/users", UriKind.Relative));
        string generated = await response.Content.ReadAsStringAsync();
        string cached = await client.GetStringAsync(new Uri("/users/cached", UriKind.Relative));

        Assert.Equal(cached, generated);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("render;dur=", Assert.Single(response.Headers.GetValues("Server-Timing")), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("X-Memory-Usage-MB"));
    }

    [Fact]
    public async Task Users_stream_as_a_JSON_array_or_NDJSON()
    {
        HttpClient client = factory.CreateClient();

        using JsonDocument array = JsonDocument.Parse(await client.GetStringAsync(new Uri("/users/stream?count=1234", UriKind.Relative)));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/users/stream?count=300", UriKind.Relative));
        request.Headers.Accept.ParseAdd("application/x-ndjson");
        using HttpResponseMessage ndjson = await client.SendAsync(request);
        string[] lines = (await ndjson.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(1234, array.RootElement.GetArrayLength());
        Assert.Equal(1234, array.RootElement[1233].GetProperty("id").GetInt32());
        Assert.Equal("application/x-ndjson", ndjson.Content.Headers.ContentType?.MediaType);
        Assert.Equal(300, lines.Length);
        Assert.Equal(300, JsonDocument.Parse(lines[^1]).RootElement.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Users_are_rendered_once_then_served_from_the_response_cache()
    {
        HttpClient client = factory.CreateClient();
        long hitsBefore = await CacheHitsAsync(client);

        string first = await client.GetStringAsync(new Uri("/users/cached", UriKind.Relative));
        string second = await client.GetStringAsync(new Uri("/users/cached", UriKind.Relative));

        Assert.Equal(first, second);
        using JsonDocument users = JsonDocument.Parse(first);
        Assert.Equal(200, users.RootElement.GetArrayLength());
        Assert.Equal("user1@example.com", users.RootElement[0].GetProperty("email").GetString());
        Assert.True(await CacheHitsAsync(client) > hitsBefore);
    }

    [Fact]
    public async Task The_catalogue_is_a_VelithonCached_endpoint_evicted_by_tag()
    {
        HttpClient client = factory.CreateClient();
        var tea = new Uri("/catalogue?category=tea", UriKind.Relative);

        using HttpResponseMessage first = await client.GetAsync(tea);
        using HttpResponseMessage second = await client.GetAsync(tea);
        using HttpResponseMessage coffee = await client.GetAsync(new Uri("/catalogue?category=coffee", UriKind.Relative));
        using var conditional = new HttpRequestMessage(HttpMethod.Get, tea);
        conditional.Headers.IfNoneMatch.Add(second.Headers.ETag!);
        using HttpResponseMessage notModified = await client.SendAsync(conditional);
        using HttpResponseMessage reprice = await client.PostAsync(new Uri("/catalogue/reprice", UriKind.Relative), content: null);
        using HttpResponseMessage afterReprice = await client.GetAsync(tea);

        Assert.Equal("MISS", CacheStatus(first));
        Assert.Equal("HIT", CacheStatus(second));
        Assert.Equal("MISS", CacheStatus(coffee));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, reprice.StatusCode);
        Assert.Equal("MISS", CacheStatus(afterReprice));

        string firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Product[] before = JsonSerializer.Deserialize<Product[]>(firstBody, JsonSerializerOptions.Web)!;
        Product[] after = JsonSerializer.Deserialize<Product[]>(await afterReprice.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        Assert.NotEmpty(before);
        Assert.All(before, p => Assert.Equal("tea", p.Category));
        Assert.Equal(decimal.Round(before[0].Price * 1.05m, 2), after[0].Price);
    }

    [Fact]
    public async Task Known_values_read_from_JSON_are_the_table_constants()
    {
        HttpClient client = factory.CreateClient();

        byte[] userJson = await client.GetByteArrayAsync(new Uri("/users/4", UriKind.Relative));
        byte[] catalogueJson = await client.GetByteArrayAsync(new Uri("/catalogue", UriKind.Relative));
        User user = VelithonJson.Deserialize<User>(userJson)!;
        using JsonDocument catalogue = JsonDocument.Parse(catalogueJson);
        Product[] products = catalogue.RootElement.EnumerateArray()
            .Select(e => VelithonJson.Deserialize<Product>(Encoding.UTF8.GetBytes(e.GetRawText()))!)
            .ToArray();

        Assert.Same(Roles.Admin, user.Role);
        Assert.Same(Countries.Brazil, user.Country);
        Assert.Equal(60, products.Length);
        Assert.All(products, p => Assert.Same(Categories.All.Single(c => c == p.Category), p.Category));
        Assert.All(products, p => Assert.Same(Countries.All.Single(c => c == p.Origin), p.Origin));
        Assert.True(Roles.TryGet("billing"u8, out string? billing));
        Assert.Same(Roles.Billing, billing);
    }

    [Fact]
    public async Task One_user_and_a_missing_user()
    {
        HttpClient client = factory.CreateClient();

        User? user = await client.GetFromJsonAsync<User>(new Uri("/users/5", UriKind.Relative));
        HttpResponseMessage missing = await client.GetAsync(new Uri("/users/999", UriKind.Relative));

        Assert.Equal(new User(5, "user5@example.com", "editor", "IN"), user);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_flood_of_reports_fills_the_queue_and_gets_503_problem_details()
    {
        HttpClient client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 40; i++)
        {
            using HttpResponseMessage response = await client.PostAsync(new Uri($"/reports/r{i}", UriKind.Relative), content: null);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                using JsonDocument receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal($"r{i}", receipt.RootElement.GetProperty("report").GetString());
            }

            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            }
        }

        Assert.Contains(HttpStatusCode.Accepted, statuses);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
    }

    [Fact]
    public async Task Stats_and_cleanup_answer_with_their_snapshots()
    {
        HttpClient client = factory.CreateClient();

        using JsonDocument stats = JsonDocument.Parse(await client.GetStringAsync(new Uri("/memory/stats", UriKind.Relative)));
        using HttpResponseMessage cleanupResponse = await client.PostAsync(new Uri("/memory/cleanup", UriKind.Relative), content: null);
        using JsonDocument cleanup = JsonDocument.Parse(await cleanupResponse.Content.ReadAsStringAsync());

        JsonElement root = stats.RootElement;
        foreach (string section in new[] { "pool", "interner", "responseCache", "tasks", "gc" })
        {
            Assert.Equal(JsonValueKind.Object, root.GetProperty(section).ValueKind);
        }

        // heapSizeBytes is as of the last GC, which may not have happened yet in a fresh test host: 0 is valid there.
        Assert.True(root.GetProperty("gc").GetProperty("totalMemoryBytes").GetInt64() > 0);
        Assert.True(root.GetProperty("gc").GetProperty("heapSizeBytes").GetInt64() >= 0);
        Assert.Equal(HttpStatusCode.OK, cleanupResponse.StatusCode);
        Assert.True(cleanup.RootElement.GetProperty("heapBytesBefore").GetInt64() > 0);
    }

    [Fact]
    public async Task Health_stats_and_dashboard_are_mapped()
    {
        HttpClient client = factory.CreateClient();

        using HttpResponseMessage health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using JsonDocument memoryHealth = JsonDocument.Parse(await client.GetStringAsync(new Uri("/health/memory", UriKind.Relative)));
        using JsonDocument stats = JsonDocument.Parse(await client.GetStringAsync(new Uri("/velithon/stats", UriKind.Relative)));
        string dashboard = await client.GetStringAsync(new Uri("/velithon/dashboard", UriKind.Relative));
        string root = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(memoryHealth.RootElement.GetProperty("status").GetString(), new[] { "healthy", "warning" });
        Assert.Equal(JsonValueKind.Array, memoryHealth.RootElement.GetProperty("recommendations").ValueKind);
        Assert.Equal(JsonValueKind.Object, stats.RootElement.GetProperty("tasks").ValueKind);
        Assert.Contains("data-stats-url=\"/velithon/stats\"", dashboard, StringComparison.Ordinal);
        foreach (string url in new[] { "/users/stream", "/health/memory", "/velithon/stats", "/velithon/dashboard" })
        {
            Assert.Contains(url, root, StringComparison.Ordinal);
        }
    }

    private static string CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Velithon-Cache", out IEnumerable<string>? values) ? string.Join(",", values) : "(none)";

    private static async Task<long> CacheHitsAsync(HttpClient client)
    {
        using JsonDocument stats = JsonDocument.Parse(await client.GetStringAsync(new Uri("/memory/stats", UriKind.Relative)));
        return stats.RootElement.GetProperty("responseCache").GetProperty("hits").GetInt64();
    }

    public sealed class Factory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // A small queue and one slow worker so a flood of requests is guaranteed to overflow it.
            builder.UseSetting("Velithon:Tasks:MaxQueueLength", "5");
            builder.UseSetting("Velithon:Tasks:MaxConcurrency", "1");
            builder.UseSetting("Velithon:Tasks:PressureThreshold", "3");
        }
    }
}
