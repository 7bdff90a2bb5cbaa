using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Velithon.Caching.Tests;

/// <summary>
/// Two different apps, or one app in two environments, on one Redis with the default key prefix never serve each
/// other's entries or hear each other's evictions; two instances of one app in one environment still share them.
/// </summary>
[Collection(RedisGroup.Name)]
public sealed class RedisApplicationIsolationTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    private ConnectionMultiplexer? _admin;

    public async Task InitializeAsync() => _admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");

    public async Task DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }
    }

    [RedisFact]
    public async Task Another_app_with_the_default_prefix_is_not_served_this_apps_entry()
    {
        await using TestApp billing = await StartAsync("Billing-" + _suffix, "config of BILLING: db-password=hunter2");
        await using TestApp shop = await StartAsync("Shop-" + _suffix, "config of SHOP");

        Assert.Equal("MISS", (await billing.GetAsync("/config")).Status);
        await WaitForKeyAsync($"velithon:cache:Billing-{_suffix}:Production:e:*");

        var served = await shop.GetAsync("/config");
        Assert.Equal(("MISS", "config of SHOP run 1"), (served.Status, served.Body));
    }

    [RedisFact]
    public async Task The_same_app_in_another_environment_is_not_served_this_environments_entry()
    {
        await using TestApp staging = await StartAsync("Billing-" + _suffix, "config of STAGING: db=staging-db", environment: "Staging");
        await using TestApp production = await StartAsync("Billing-" + _suffix, "config of PRODUCTION");

        Assert.Equal("MISS", (await staging.GetAsync("/config")).Status);
        await WaitForKeyAsync($"velithon:cache:Billing-{_suffix}:Staging:e:*");

        var served = await production.GetAsync("/config");
        Assert.Equal(("MISS", "config of PRODUCTION run 1"), (served.Status, served.Body));

        // Nor does an eviction in one environment reach the other's entries.
        Assert.Equal("HIT", (await production.GetAsync("/config")).Status);
        await staging.Invalidator.EvictByTagAsync("config");
        await WaitForKeyAsync($"velithon:cache:Billing-{_suffix}:Staging:tv:config");
        Assert.Equal("HIT", (await production.GetAsync("/config")).Status);
        Assert.Empty(Keys($"velithon:cache:Billing-{_suffix}:Production:tv:*"));
    }

    [RedisFact]
    public async Task Two_instances_of_one_app_with_the_default_prefix_share_entries_and_evictions()
    {
        await using TestApp first = await StartAsync("Catalog-" + _suffix, "catalog");
        await using TestApp second = await StartAsync("Catalog-" + _suffix, "catalog");
        await using TestApp other = await StartAsync("Orders-" + _suffix, "orders");

        Assert.Equal("MISS", (await first.GetAsync("/config")).Status);
        await WaitForKeyAsync($"velithon:cache:Catalog-{_suffix}:Production:e:*");
        var fromRedis = await second.GetAsync("/config");
        Assert.Equal(("HIT", "catalog run 1"), (fromRedis.Status, fromRedis.Body));
        Assert.Equal("MISS", (await other.GetAsync("/config")).Status);
        Assert.Equal("HIT", (await other.GetAsync("/config")).Status);

        // The tag version and the eviction message stay under the app's own prefix: the other app keeps its entry.
        await first.Invalidator.EvictByTagAsync("config");
        await WaitForKeyAsync($"velithon:cache:Catalog-{_suffix}:Production:tv:config");
        await RedisTestKit.WaitUntilAsync(async () => (await second.GetAsync("/config")).Status == "MISS");
        Assert.Equal("HIT", (await other.GetAsync("/config")).Status);
        Assert.Empty(Keys($"velithon:cache:Orders-{_suffix}:Production:tv:*"));
    }

    [RedisFact]
    public async Task Apps_that_set_the_same_prefix_share_it_as_documented()
    {
        string prefix = "shared-" + _suffix + ":";
        await using TestApp one = await StartAsync("One-" + _suffix, "one", prefix);
        await using TestApp two = await StartAsync("Two-" + _suffix, "two", prefix);

        Assert.Equal("MISS", (await one.GetAsync("/config")).Status);
        await WaitForKeyAsync(prefix + "e:*");
        Assert.Equal(("HIT", "one run 1"), ((await two.GetAsync("/config")).Status, (await two.GetAsync("/config")).Body));
    }

    private async Task<TestApp> StartAsync(string applicationName, string body, string? prefix = null, string environment = "Production")
    {
        TestApp app = await TestApp.StartCustomAsync(
            web =>
            {
                web.UseRouting();
                web.UseVelithonCaching();
                web.MapGet("/config", [VelithonCached(Tags = ["config"])] (Counters c) => $"{body} run {c.Run("config")}");
            },
            caching: o => o.UseRedis(redis.ConnectionString, r =>
            {
                RedisTestKit.Patient(r);
                if (prefix is not null)
                {
                    r.RedisKeyPrefix = prefix;
                }
            }),
            applicationName: applicationName,
            environmentName: environment);
        await RedisTestKit.WaitUntilAsync(() => Task.FromResult(app.Cache.Redis!.IsConnected));
        return app;
    }

    private RedisKey[] Keys(string pattern) => [.. _admin!.GetServers().SelectMany(s => s.Keys(pattern: pattern))];

    private Task WaitForKeyAsync(string pattern) => RedisTestKit.WaitUntilAsync(() => Task.FromResult(Keys(pattern).Length > 0));
}
