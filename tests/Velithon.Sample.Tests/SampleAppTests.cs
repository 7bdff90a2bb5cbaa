using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Velithon.Sample.Tests;

/// <summary>Drives the sample app through the ASP.NET Core test server, as a new user's first requests would.</summary>
public sealed class SampleAppTests(SampleAppTests.Factory factory) : IClassFixture<SampleAppTests.Factory>
{
    [Fact]
    public async Task Users_are_rendered_once_then_served_from_the_response_cache()
    {
        HttpClient client = factory.CreateClient();
        long hitsBefore = await CacheHitsAsync(client);

        string first = await client.GetStringAsync(new Uri("/users", UriKind.Relative));
        string second = await client.GetStringAsync(new Uri("/users", UriKind.Relative));

        Assert.Equal(first, second);
        using JsonDocument users = JsonDocument.Parse(first);
        Assert.Equal(200, users.RootElement.GetArrayLength());
        Assert.Equal("user1@example.com", users.RootElement[0].GetProperty("email").GetString());
        Assert.True(await CacheHitsAsync(client) > hitsBefore);
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
