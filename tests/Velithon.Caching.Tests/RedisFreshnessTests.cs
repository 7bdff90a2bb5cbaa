using Microsoft.Extensions.Time.Testing;

namespace Velithon.Caching.Tests;

/// <summary><c>Age</c> of an entry another instance stored, read from a real redis-server.</summary>
[Collection(RedisGroup.Name)]
public sealed class RedisFreshnessTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly RedisTestKit _kit = new(redis, "fresh");

    public Task InitializeAsync() => _kit.InitializeAsync();

    public Task DisposeAsync() => _kit.DisposeAsync();

    [RedisFact]
    public async Task An_L2_hit_has_the_Age_of_the_entry_since_the_other_instance_stored_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp a = await _kit.StartAsync(time: time);
        await using TestApp b = await _kit.StartAsync(time: time);
        Assert.Equal("MISS", (await a.GetAsync("/fluent")).Status); // 10 s
        await _kit.WaitForKeysAsync(1);
        time.Advance(TimeSpan.FromSeconds(4));

        var fromRedis = await b.GetAsync("/fluent");
        Assert.Contains(fromRedis.Response.Headers.GetValues("Server-Timing"), v => v.Contains("HIT L2", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.FromSeconds(4), fromRedis.Response.Headers.Age);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(6), (await b.GetAsync("/fluent")).Response.Headers.Age); // the L1 copy keeps it
    }
}
