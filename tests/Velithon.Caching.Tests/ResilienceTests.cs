using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// Stale-while-revalidate, stale-if-error and the soft and hard timeouts on one instance (memory only), each with the
/// safety rules it must keep: a tag eviction and another user's entry are never served stale.
/// </summary>
public sealed class ResilienceTests
{
    private static readonly TimeSpan PastExpiry = TimeSpan.FromSeconds(11);

    [Fact]
    public async Task An_endpoint_that_throws_after_expiry_is_replaced_by_the_stale_entry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await ResilienceApp.StartAsync(time);
        using var stale = new MetricCollector<long>(app.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), VelithonCachingMetrics.MeterName, "velithon.cache.stale");
        Assert.Equal(("MISS", "sie run 1"), Pick(await app.GetAsync("/sie")));

        time.Advance(PastExpiry);
        app.Backend().Mode = "throw";
        var served = await app.GetAsync("/sie");

        Assert.Equal(HttpStatusCode.OK, served.Response.StatusCode);
        Assert.Equal(("STALE-ERROR", "sie run 1"), Pick(served));
        Assert.Equal("1", Header(served, "X-Attempt")); // the stored header, not the failed attempt's "2"
        Assert.Equal("1", Header(served, "X-Before")); // set before the cache: kept
        Assert.Contains(served.Response.Headers.GetValues("Server-Timing"), v => v.Contains("STALE-ERROR L1", StringComparison.Ordinal));
        Assert.Equal(2, app.Runs["sie"]);
        Assert.Equal("error", Assert.Single(stale.GetMeasurementSnapshot()).Tags["velithon.reason"]);

        // Past the stale-if-error window the failure is the answer.
        time.Advance(TimeSpan.FromSeconds(60));
        var failed = await app.GetAsync("/sie");
        Assert.Equal((HttpStatusCode.InternalServerError, "unhandled"), (failed.Response.StatusCode, failed.Body));
    }

    [Fact]
    public async Task Without_stale_if_error_an_endpoint_that_throws_after_expiry_fails()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await ResilienceApp.StartAsync(time);
        await app.GetAsync("/plain");

        time.Advance(PastExpiry);
        app.Backend().Mode = "throw";
        var failed = await app.GetAsync("/plain");

        Assert.Equal((HttpStatusCode.InternalServerError, "unhandled"), (failed.Response.StatusCode, failed.Body));
        Assert.Equal(2, app.Runs["plain"]);
    }

    [Fact]
    public async Task A_5xx_after_expiry_is_replaced_by_the_stale_entry_only_with_stale_if_error()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await ResilienceApp.StartAsync(time);
        await app.GetAsync("/sie");
        await app.GetAsync("/plain");

        time.Advance(PastExpiry);
        app.Backend().Mode = "503";
        var served = await app.GetAsync("/sie");
        var failed = await app.GetAsync("/plain");

        Assert.Equal((HttpStatusCode.OK, "STALE-ERROR", "sie run 1"), (served.Response.StatusCode, served.Status, served.Body));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "plain down 2"), (failed.Response.StatusCode, failed.Body));

        // Once the endpoint answers again, the refresh replaces the stale entry.
        app.Backend().Mode = "ok";
        Assert.Equal(("MISS", "sie run 3"), Pick(await app.GetAsync("/sie")));
        Assert.Equal(("HIT", "sie run 3"), Pick(await app.GetAsync("/sie")));
    }

    [Fact]
    public async Task The_fluent_builder_and_the_global_options_turn_stale_if_error_on()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await ResilienceApp.StartAsync(time, o => o.StaleIfError = TimeSpan.FromMinutes(1));
        await app.GetAsync("/fluent");
        await app.GetAsync("/global");

        time.Advance(PastExpiry);
        app.Backend().Mode = "throw";

        Assert.Equal(("STALE-ERROR", "fluent run 1"), Pick(await app.GetAsync("/fluent")));
        Assert.Equal(("STALE-ERROR", "global run 1"), Pick(await app.GetAsync("/global")));
    }

    [Fact]
    public async Task Hundred_concurrent_stale_hits_run_the_endpoint_once_more()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await ResilienceApp.StartAsync(time);
        Assert.Equal(("MISS", "swr run 1"), Pick(await app.GetAsync("/swr")));

        time.Advance(PastExpiry);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Backend().Hold = release.Task;
        Task<(string Status, string Body, HttpResponseMessage Response)>[] requests = [.. Enumerable.Range(0, 100).Select(_ => Task.Run(() => app.GetAsync("/swr")))];

        // Everyone but the refreshing request is answered while the refresh is held.
        await RedisTestKit.WaitUntilAsync(() => Task.FromResult(requests.Count(static r => r.IsCompleted) == 99));
        release.SetResult();
        var all = await Task.WhenAll(requests);

        Assert.Equal(99, all.Count(static r => (r.Status, r.Body) == ("STALE", "swr run 1")));
        Assert.Equal(("MISS", "swr run 2"), Pick(Assert.Single(all, static r => r.Status != "STALE")));
        Assert.Equal(2, app.Runs["swr"]);
        Assert.Equal(("HIT", "swr run 2"), Pick(await app.GetAsync("/swr")));

        // Past the window it is a plain miss.
        app.Backend().Hold = null;
        time.Advance(TimeSpan.FromSeconds(71));
        Assert.Equal(("MISS", "swr run 3"), Pick(await app.GetAsync("/swr")));
    }

    [Fact]
    public async Task A_tag_eviction_is_never_served_stale()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await ResilienceApp.StartAsync(time);
        await app.GetAsync("/tagged");

        time.Advance(PastExpiry);
        await app.Invalidator.EvictByTagAsync("t");
        app.Backend().Mode = "throw";
        var failed = await app.GetAsync("/tagged");
        Assert.Equal((HttpStatusCode.InternalServerError, "unhandled"), (failed.Response.StatusCode, failed.Body));

        // Nor while revalidating: the evicted entry is gone, the request runs the endpoint.
        app.Backend().Mode = "ok";
        Assert.Equal(("MISS", "tagged run 3"), Pick(await app.GetAsync("/tagged")));
    }

    [Fact]
    public async Task A_tag_evicted_while_the_refresh_runs_is_not_served_in_place_of_its_failure()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await ResilienceApp.StartAsync(time);
        await app.GetAsync("/tagged");

        time.Advance(PastExpiry);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Backend backend = app.Backend();
        backend.Hold = release.Task;
        backend.Mode = "throw";
        backend.ExpectRun();
        Task<(string Status, string Body, HttpResponseMessage Response)> refresh = app.GetAsync("/tagged");
        await backend.Started.WaitAsync(TimeSpan.FromSeconds(10));
        await app.Invalidator.EvictByTagAsync("t");
        release.SetResult();

        var failed = await refresh;
        Assert.Equal((HttpStatusCode.InternalServerError, "unhandled"), (failed.Response.StatusCode, failed.Body));
    }

    [Fact]
    public async Task A_per_user_stale_entry_is_never_served_to_another_user()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await ResilienceApp.StartAsync(time);
        Assert.Equal(("MISS", "user alice run 1"), Pick(await app.GetAsync("/user", As("alice"))));

        time.Advance(PastExpiry);
        app.Backend().Mode = "throw";
        var bob = await app.GetAsync("/user", As("bob"));
        Assert.Equal((HttpStatusCode.InternalServerError, "unhandled"), (bob.Response.StatusCode, bob.Body));
        Assert.Equal(("STALE-ERROR", "user alice run 1"), Pick(await app.GetAsync("/user", As("alice")))); // her own entry

        app.Backend().Mode = "ok";
        Assert.Equal(("MISS", "user bob run 2"), Pick(await app.GetAsync("/user", As("bob")))); // run 1 threw
        Assert.Equal(("MISS", "user anonymous-not-shared run 1"), Pick(await app.GetAsync("/user", As("anonymous-not-shared"))));
        Assert.DoesNotContain("alice", (await app.GetAsync("/user")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hard_timeout_cancels_a_slow_refresh_and_serves_the_stale_entry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await ResilienceApp.StartAsync(time);
        using var stale = new MetricCollector<long>(app.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), VelithonCachingMetrics.MeterName, "velithon.cache.stale");
        await app.GetAsync("/hard");

        time.Advance(PastExpiry);
        Backend backend = app.Backend();
        backend.Mode = "hang";
        backend.ExpectRun();
        Task<(string Status, string Body, HttpResponseMessage Response)> refresh = app.GetAsync("/hard");
        await backend.Started.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(refresh.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var served = await refresh.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("STALE-ERROR", "hard run 1"), Pick(served));
        Assert.Equal("timeout", Assert.Single(stale.GetMeasurementSnapshot()).Tags["velithon.reason"]);

        // A refresh within the hard timeout is stored as usual.
        backend.Mode = "ok";
        Assert.Equal(("MISS", "hard run 3"), Pick(await app.GetAsync("/hard")));
        Assert.Equal(("HIT", "hard run 3"), Pick(await app.GetAsync("/hard")));
    }

    [Fact]
    public async Task A_request_waiting_for_a_slow_refresh_gets_the_stale_entry_after_the_soft_timeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await ResilienceApp.StartAsync(time);
        await app.GetAsync("/soft");

        time.Advance(PastExpiry);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Backend backend = app.Backend();
        backend.Hold = release.Task;
        backend.ExpectRun();
        Task<(string Status, string Body, HttpResponseMessage Response)> refresh = app.GetAsync("/soft");
        await backend.Started.WaitAsync(TimeSpan.FromSeconds(10));

        Task<(string Status, string Body, HttpResponseMessage Response)> waiter = app.GetAsync("/soft");
        await RedisTestKit.WaitUntilAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            return Task.FromResult(waiter.IsCompleted);
        });

        Assert.Equal(("STALE", "soft run 1"), Pick(await waiter));
        Assert.False(refresh.IsCompleted); // the refreshing request itself waits for its endpoint
        release.SetResult();
        Assert.Equal(("MISS", "soft run 2"), Pick(await refresh));
        Assert.Equal(2, app.Runs["soft"]);
    }

    [Fact]
    public async Task An_MVC_action_is_served_stale_through_its_filters_and_never_in_place_of_a_failure()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await ResilienceApp.StartAsync(time);
        Action<HttpRequestMessage> key = static r => r.Headers.Add("X-Api-Key", "secret-key");
        Assert.Equal(("MISS", "mvc run 1"), Pick(await app.GetAsync("/mvc/resilient", key)));

        time.Advance(PastExpiry);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Backend backend = app.Backend();
        backend.Hold = release.Task;
        backend.ExpectRun();
        Task<(string Status, string Body, HttpResponseMessage Response)> refresh = app.GetAsync("/mvc/resilient", key);
        await backend.Started.WaitAsync(TimeSpan.FromSeconds(10));

        // While the refresh runs: the stale entry, through the authorization filter.
        Assert.Equal(("STALE", "mvc run 1"), Pick(await app.GetAsync("/mvc/resilient", key)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync("/mvc/resilient")).Response.StatusCode);
        release.SetResult();
        Assert.Equal(("MISS", "mvc run 2"), Pick(await refresh));

        // A failure of an MVC action is not replaced: it may come from a filter that decides access.
        backend.Hold = null;
        backend.Mode = "throw";
        time.Advance(PastExpiry);
        var failed = await app.GetAsync("/mvc/resilient", key);
        Assert.Equal((HttpStatusCode.InternalServerError, "unhandled"), (failed.Response.StatusCode, failed.Body));
    }

    [Fact]
    public async Task The_documented_example_serves_stale_on_error()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var db = new Db();
        await using TestApp app = await TestApp.StartCustomAsync(
            app =>
            {
                app.UseRouting();
                app.UseVelithonCaching();

                // As in docs/caching.md#resilience.
                app.MapGet("/prices", [VelithonCached(Duration = 10, StaleWhileRevalidate = 60, StaleIfError = 600, HardTimeoutMilliseconds = 2000)]
                    (Db db, CancellationToken ct) => db.PricesAsync(ct));

                app.MapGet("/rates", (Db db, CancellationToken ct) => db.RatesAsync(ct))
                   .CacheWithVelithon(p => p.Expire(TimeSpan.FromSeconds(10))
                                            .StaleWhileRevalidate(TimeSpan.FromMinutes(1))
                                            .StaleIfError(TimeSpan.FromMinutes(10))
                                            .SoftTimeout(TimeSpan.FromMilliseconds(300))
                                            .HardTimeout(TimeSpan.FromSeconds(2)));
            },
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(time);
                builder.Services.AddSingleton(db);
            },
            o => o.StaleIfError = TimeSpan.FromMinutes(5));
        Assert.Equal(("MISS", "prices 1"), Pick(await app.GetAsync("/prices")));
        Assert.Equal(("MISS", "rates 1"), Pick(await app.GetAsync("/rates")));

        time.Advance(PastExpiry);
        db.Down = true;
        Assert.Equal(("STALE-ERROR", "prices 1"), Pick(await app.GetAsync("/prices")));
        Assert.Equal(("STALE-ERROR", "rates 1"), Pick(await app.GetAsync("/rates")));
    }

    [Theory]
    [InlineData("/eager")]
    [InlineData("/eager-fluent")]
    [InlineData("/global")] // the global option
    public async Task Past_the_eager_refresh_threshold_one_request_refreshes_while_the_others_are_served_the_entry(string path)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await ResilienceApp.StartAsync(time, o => o.EagerRefreshThreshold = 0.5);
        string name = path.TrimStart('/');
        Assert.Equal(("MISS", name + " run 1"), Pick(await app.GetAsync(path)));

        // Before half of the 10 s duration: hits.
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(("HIT", name + " run 1"), Pick(await app.GetAsync(path)));

        // Past it: one of 100 concurrent requests runs the endpoint (held), the 99 others are served the entry as hits.
        time.Advance(TimeSpan.FromSeconds(0.2));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Backend().Hold = release.Task;
        Task<(string Status, string Body, HttpResponseMessage Response)>[] requests = [.. Enumerable.Range(0, 100).Select(_ => Task.Run(() => app.GetAsync(path)))];
        await RedisTestKit.WaitUntilAsync(() => Task.FromResult(requests.Count(static r => r.IsCompleted) == 99));
        release.SetResult();
        var all = await Task.WhenAll(requests);

        Assert.Equal(99, all.Count(r => (r.Status, r.Body) == ("HIT", name + " run 1")));
        Assert.Equal(("MISS", name + " run 2"), Pick(Assert.Single(all, static r => r.Status != "HIT")));
        Assert.Equal(2, app.Runs[name]);

        // The new entry is fresh for its own duration and due at its own half.
        app.Backend().Hold = null;
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(("HIT", name + " run 2"), Pick(await app.GetAsync(path)));
        time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(("MISS", name + " run 3"), Pick(await app.GetAsync(path)));
        Assert.Equal(("HIT", name + " run 3"), Pick(await app.GetAsync(path)));
    }

    [Theory]
    [InlineData("throw")]
    [InlineData("503")]
    public async Task An_eager_refresh_that_fails_is_replaced_by_the_fresh_entry_and_not_retried(string mode)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await ResilienceApp.StartAsync(time);
        await app.GetAsync("/eager");
        time.Advance(TimeSpan.FromSeconds(6));
        app.Backend().Mode = mode;

        var served = await app.GetAsync("/eager");
        Assert.Equal((HttpStatusCode.OK, "STALE-ERROR", "eager run 1"), (served.Response.StatusCode, served.Status, served.Body));
        Assert.Equal("1", Header(served, "X-Attempt")); // the stored response, not the failed attempt
        Assert.Equal(2, app.Runs["eager"]);

        // Not retried for this entry: hits until it expires, then a plain miss (no stale-if-error on this endpoint).
        Assert.Equal(("HIT", "eager run 1"), Pick(await app.GetAsync("/eager")));
        Assert.Equal(2, app.Runs["eager"]);
        time.Advance(TimeSpan.FromSeconds(5));
        var failed = await app.GetAsync("/eager");
        Assert.NotEqual(HttpStatusCode.OK, failed.Response.StatusCode);
        Assert.Equal(3, app.Runs["eager"]);
    }

    [Fact]
    public async Task An_eager_refresh_never_serves_an_entry_whose_tag_was_evicted_meanwhile()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await ResilienceApp.StartAsync(time);
        await app.GetAsync("/eager");
        time.Advance(TimeSpan.FromSeconds(6));

        // The refresh starts, and the path is evicted while the endpoint runs; then the endpoint fails.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Backend().Hold = release.Task;
        app.Backend().Mode = "throw";
        app.Backend().ExpectRun();
        Task<(string Status, string Body, HttpResponseMessage Response)> refreshing = app.GetAsync("/eager");
        await app.Backend().Started;
        await app.App.Services.GetRequiredService<IVelithonCacheInvalidator>().EvictAsync("/eager");
        release.SetResult();

        var failed = await refreshing;
        Assert.Equal((HttpStatusCode.InternalServerError, "unhandled"), (failed.Response.StatusCode, failed.Body));
    }

    [Fact]
    public void Settings_resolve_from_the_attribute_the_builder_and_the_options()
    {
        var options = new VelithonCachingOptions { StaleWhileRevalidate = TimeSpan.FromSeconds(5), StaleIfError = TimeSpan.FromSeconds(7), SoftTimeout = TimeSpan.FromMilliseconds(9), HardTimeout = TimeSpan.FromSeconds(2) };

        CachePolicy inherited = CachePolicy.From(new VelithonCachedAttribute(), defaults: options);
        Assert.Equal((5.0, 7.0, 0.009, 2.0), (inherited.StaleWhileRevalidate.TotalSeconds, inherited.StaleIfError.TotalSeconds, inherited.SoftTimeout.TotalSeconds, inherited.HardTimeout.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(7), inherited.StaleWindow);

        CachePolicy off = CachePolicy.From(new VelithonCachedAttribute { StaleWhileRevalidate = 0, StaleIfError = 0, SoftTimeoutMilliseconds = 0, HardTimeoutMilliseconds = 0 }, defaults: options);
        Assert.Equal(TimeSpan.Zero, off.StaleWindow + off.SoftTimeout + off.HardTimeout);

        VelithonCachedAttribute built = new VelithonCachePolicyBuilder().StaleWhileRevalidate(TimeSpan.FromMilliseconds(1500)).StaleIfError(TimeSpan.FromMinutes(1))
            .SoftTimeout(TimeSpan.FromTicks(1)).HardTimeout(TimeSpan.FromSeconds(3)).Build();
        Assert.Equal((2, 60, 1, 3000), (built.StaleWhileRevalidate, built.StaleIfError, built.SoftTimeoutMilliseconds, built.HardTimeoutMilliseconds));

        Assert.Throws<InvalidOperationException>(() => CachePolicy.From(new VelithonCachedAttribute { StaleIfError = -2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VelithonCachePolicyBuilder().HardTimeout(TimeSpan.FromSeconds(-1)));

        // Eager refresh: the lead before expiry is the duration times one minus the threshold; -1 inherits, 0 is off.
        var eager = new VelithonCachingOptions { EagerRefreshThreshold = 0.9 };
        Assert.Equal(6_000, CachePolicy.From(new VelithonCachedAttribute { Duration = 60 }, defaults: eager).EagerRefreshLeadMilliseconds);
        Assert.Equal(30_000, CachePolicy.From(new VelithonCachedAttribute { Duration = 60, EagerRefreshThreshold = 0.5 }, defaults: eager).EagerRefreshLeadMilliseconds);
        Assert.Equal(0, CachePolicy.From(new VelithonCachedAttribute { Duration = 60, EagerRefreshThreshold = 0 }, defaults: eager).EagerRefreshLeadMilliseconds);
        Assert.Equal(0, CachePolicy.From(new VelithonCachedAttribute { Duration = 60 }).EagerRefreshLeadMilliseconds);
        Assert.Equal(0.25, new VelithonCachePolicyBuilder().EagerRefresh(0.25).Build().EagerRefreshThreshold);
        foreach (double invalid in new[] { 1.0, 1.5, -0.5, -2, double.NaN })
        {
            Assert.Throws<InvalidOperationException>(() => CachePolicy.From(new VelithonCachedAttribute { EagerRefreshThreshold = invalid }));
            Assert.Throws<ArgumentOutOfRangeException>(() => new VelithonCachePolicyBuilder().EagerRefresh(invalid));
        }
    }

    private static (string Status, string Body) Pick((string Status, string Body, HttpResponseMessage Response) result) => (result.Status, result.Body);

    private static string? Header((string Status, string Body, HttpResponseMessage Response) result, string name) =>
        result.Response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? string.Join(",", values) : null;

    private static Action<HttpRequestMessage> As(string user) => r => r.Headers.Add("X-Test-User", user);
}

/// <summary>The data source of the documented example: down when the test says so.</summary>
public sealed class Db
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _runs = new();

    public bool Down { get; set; }

    public Task<string> PricesAsync(CancellationToken cancellationToken) => QueryAsync("prices", cancellationToken);

    public Task<string> RatesAsync(CancellationToken cancellationToken) => QueryAsync("rates", cancellationToken);

    private Task<string> QueryAsync(string what, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int run = _runs.AddOrUpdate(what, 1, static (_, n) => n + 1);
        return Down ? throw new InvalidOperationException("database down") : Task.FromResult($"{what} {run}");
    }
}
