using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Velithon.AspNetCore.HybridCaching;
using StackExchange.Redis;
using Velithon.Testing;

namespace Velithon.Caching.Tests.Hybrid;

/// <summary>What only Velithon's HybridCache promises: allocation-free L1 hits, time from the TimeProvider, generated serializers, an L2 that fails.</summary>
[Collection(RedisGroup.Name)]
public sealed class VelithonHybridCacheTests(RedisFixture redis) : IDisposable
{
    private readonly string _prefix = "vhc-" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public async Task An_L1_hit_of_an_immutable_value_completes_synchronously_and_allocates_nothing()
    {
        HybridCache cache = Provider(withRedis: false).GetRequiredService<HybridCache>();
        await cache.GetOrCreateAsync("text", static _ => ValueTask.FromResult("cached"));
        await cache.GetOrCreateAsync("price", static _ => ValueTask.FromResult(new SharedPrice(1, 2m)));
        await cache.GetOrCreateAsync("number", static _ => ValueTask.FromResult(42));
        await cache.GetOrCreateAsync("tagged", static _ => ValueTask.FromResult("t"), tags: ["a", "b"]);

        // Checked without Assert.Equal inside the measured body: xUnit's string comparison allocates.
        Allocations.AssertNone(() => Check(Hit(cache.GetOrCreateAsync("text", static _ => ValueTask.FromResult("miss"))) == "cached"));
        Allocations.AssertNone(() => GC.KeepAlive(Hit(cache.GetOrCreateAsync("price", static _ => ValueTask.FromResult(new SharedPrice(0, 0m))))));
        Allocations.AssertNone(() => Check(Hit(cache.GetOrCreateAsync("number", static _ => ValueTask.FromResult(0))) == 42));
        Allocations.AssertNone(() => Check(Hit(cache.GetOrCreateAsync("tagged", static _ => ValueTask.FromResult("miss"))) == "t"));
    }

    [Fact]
    public async Task String_L1_hits_on_the_system_clock_allocate_nothing_over_many_keys_and_after_other_tags_are_evicted()
    {
        HybridCache cache = Provider(withRedis: false).GetRequiredService<HybridCache>();
        Func<CancellationToken, ValueTask<string>> factory = static _ => ValueTask.FromResult("miss"); // One delegate: each lambda site allocates its own once.
        string[] keys = Enumerable.Range(0, 1024).Select(i => $"key-{i:D6}").ToArray();
        foreach (string key in keys)
        {
            await cache.SetAsync(key, "value-" + key, tags: key.EndsWith('7') ? ["seven"] : null);
        }

        // Warm-up rounds (the JIT, tier-up), each after another tag's eviction, so every entry also takes the path that
        // checks its tags again; the measured rounds start after one more eviction: that path, then fast hits.
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            await cache.RemoveByTagAsync("unrelated-" + warmUp);
            foreach (string key in keys)
            {
                Hit(cache.GetOrCreateAsync(key, factory));
            }
        }

        await cache.RemoveByTagAsync("other");
        int length = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 20; round++)
        {
            foreach (string key in keys)
            {
                length += Hit(cache.GetOrCreateAsync(key, factory)).Length;
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(20 * keys.Sum(k => ("value-" + k).Length), length);
        Assert.True(allocated == 0, $"{allocated} bytes allocated in {20 * keys.Length} hits");
    }

    [Fact]
    public async Task On_the_system_clock_no_hit_that_starts_after_the_expiry_returns_the_value()
    {
        // The fast hit compares a coarse clock with a margin: a hit that starts after the latest possible expiry (the
        // time SetAsync returned plus the expiration) must run the factory, whatever the coarse clock's lag.
        HybridCache cache = Provider(withRedis: false).GetRequiredService<HybridCache>();
        var expiration = TimeSpan.FromMilliseconds(300);
        var options = new HybridCacheEntryOptions { Expiration = expiration, LocalCacheExpiration = expiration };
        var late = new List<double>();
        int cachedHits = 0;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            string key = "expiring-" + attempt;
            await cache.SetAsync(key, "cached", options);
            long stored = System.Diagnostics.Stopwatch.GetTimestamp();
            while (System.Diagnostics.Stopwatch.GetElapsedTime(stored) < expiration + TimeSpan.FromMilliseconds(150))
            {
                TimeSpan started = System.Diagnostics.Stopwatch.GetElapsedTime(stored);
                string value = await cache.GetOrCreateAsync(key, static _ => ValueTask.FromResult("fresh"), options, tags: null);
                if (value == "cached")
                {
                    cachedHits++;
                    if (started > expiration)
                    {
                        late.Add(started.TotalMilliseconds);
                    }
                }
                else
                {
                    await cache.RemoveAsync(key); // The factory's value is not the one under test.
                    await cache.SetAsync(key, "cached", options);
                    break;
                }
            }
        }

        Assert.Empty(late);
        Assert.True(cachedHits > 0, "no hit was served before the expiry");
    }

    [Fact]
    public async Task The_memory_handler_sweep_removes_expired_L1_entries_and_keeps_fresh_ones()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddVelithonMemory();
        services.AddVelithonHybridCache();
        await using ServiceProvider provider = services.BuildServiceProvider();
        HybridCache cache = provider.GetRequiredService<HybridCache>();
        Velithon.Memory.IVelithonMemory memory = provider.GetRequiredService<Velithon.Memory.IVelithonMemory>();
        await cache.SetAsync("short", "s", new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(1) });
        await cache.SetAsync("long", "l", new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(10) });
        Assert.Equal("s", Hit(cache.GetOrCreateAsync("short", static _ => ValueTask.FromResult("miss"))));

        time.Advance(TimeSpan.FromMinutes(2));
        memory.Cleanup();

        Assert.Equal(1, memory.GetStats().Caches.Single(c => c.Name == VelithonHybridCache.MemoryCacheName).Stats.Entries);
        Assert.Equal("l", Hit(cache.GetOrCreateAsync("long", static _ => ValueTask.FromResult("miss"))));
        Assert.Equal("miss", await cache.GetOrCreateAsync("short", static _ => ValueTask.FromResult("miss")));
    }

    [Fact]
    public async Task A_key_is_cached_exactly_when_it_has_no_character_char_IsControl_rejects()
    {
        // Every UTF-16 code unit, in the middle of a key: a control character (C0, DEL, C1) bypasses the cache (the
        // factory runs on each call), anything else, lone surrogates included, is an ordinary key.
        HybridCache cache = Provider(withRedis: false).GetRequiredService<HybridCache>();
        var wrong = new List<int>();
        for (int c = 0; c <= char.MaxValue; c++)
        {
            string key = "k" + (char)c + "k";
            int runs = 0;
            await cache.GetOrCreateAsync(key, _ => ValueTask.FromResult(++runs));
            await cache.GetOrCreateAsync(key, _ => ValueTask.FromResult(++runs));
            if (runs != (char.IsControl((char)c) ? 2 : 1))
            {
                wrong.Add(c);
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task An_L1_hit_of_a_mutable_value_allocates_only_its_copy()
    {
        HybridCache cache = Provider(withRedis: false).GetRequiredService<HybridCache>();
        await cache.GetOrCreateAsync("order", static _ => ValueTask.FromResult(new GeneratedProduct { Id = 1, Title = "t" }));
        long bytes = Allocations.Measure(() => GC.KeepAlive(Hit(cache.GetOrCreateAsync("order", static _ => ValueTask.FromResult(new GeneratedProduct())))), calls: 1);

        // The copy: the object (32 B) and its Title string (24 B); nothing else per hit.
        Assert.True(bytes <= 64, $"{bytes} bytes for one hit");
    }

    [RedisFact]
    public async Task Expirations_follow_the_TimeProvider_at_both_levels()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        HybridCache a = Provider(time: time).GetRequiredService<HybridCache>();
        var options = new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(1), LocalCacheExpiration = TimeSpan.FromSeconds(30) };
        int runs = 0;
        await a.GetOrCreateAsync("k", _ => ValueTask.FromResult(++runs), options);

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, await a.GetOrCreateAsync("k", _ => ValueTask.FromResult(++runs), options));

        time.Advance(TimeSpan.FromSeconds(2)); // L1 expired; the L2 copy still lives.
        Assert.Equal(1, await a.GetOrCreateAsync("k", _ => ValueTask.FromResult(++runs), options));
        Assert.Equal(1, runs);

        time.Advance(TimeSpan.FromSeconds(30)); // Both expired (Redis's own TTL is longer on the real clock: the header decides).
        Assert.Equal(2, await a.GetOrCreateAsync("k", _ => ValueTask.FromResult(++runs), options));
    }

    [RedisFact]
    public async Task VelithonJson_types_use_the_generated_serializer_with_the_bytes_of_System_Text_Json()
    {
        Assert.True(new VelithonJsonHybridSerializerFactory().TryCreateSerializer(out IHybridCacheSerializer<GeneratedProduct>? generated));
        Assert.False(new VelithonJsonHybridSerializerFactory().TryCreateSerializer(out IHybridCacheSerializer<MutableOrder>? _));
        Assert.False(new VelithonJsonHybridSerializerFactory().TryCreateSerializer(out IHybridCacheSerializer<int>? _));

        ServiceProvider provider = Provider();
        HybridCache cache = provider.GetRequiredService<HybridCache>();
        var product = new GeneratedProduct { Id = 3, Title = "Ünïcode \"quoted\" <b>" };
        await cache.SetAsync("product", product);

        byte[] expected = JsonSerializer.SerializeToUtf8Bytes(product, JsonSerializerOptions.Web);
        byte[] stored = (await provider.GetRequiredService<IDistributedCache>().GetAsync("product"))!;
        Assert.True(stored.AsSpan().IndexOf(expected) > 0, "the L2 value does not hold System.Text.Json's Web bytes");

        GeneratedProduct read = await Provider().GetRequiredService<HybridCache>().GetOrCreateAsync("product", static _ => ValueTask.FromResult(new GeneratedProduct()));
        Assert.Equal((3, product.Title), (read.Id, read.Title));
        Assert.IsNotType<SystemTextJsonHybridSerializer<GeneratedProduct>>(generated);
    }

    [Fact]
    public async Task A_failing_L2_is_skipped_and_the_value_still_served()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDistributedCache, FailingDistributedCache>();
        services.AddVelithonHybridCache();
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        HybridCache cache = provider.GetRequiredService<HybridCache>();
        int runs = 0;
        Assert.Equal(1, await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult(++runs)));
        Assert.Equal(1, await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult(++runs)));
        Assert.Equal(1, runs);
    }

    [Fact]
    public void AddVelithonHybridCache_is_the_HybridCache_the_app_gets()
    {
        var services = new ServiceCollection();
        services.AddHybridCache();
        services.AddVelithonHybridCache();
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.IsType<VelithonHybridCache>(provider.GetRequiredService<HybridCache>());
        Assert.False(((VelithonHybridCache)provider.GetRequiredService<HybridCache>()).HasDistributedCache);
    }

    [Fact]
    public async Task An_L2_entry_whose_tag_times_cannot_be_read_is_not_served()
    {
        var l2 = new FakeDistributedCache();
        HybridCache a = FakeL2Instance(l2);
        await a.SetAsync("k", "v1", tags: ["orders"]);
        l2.Fails = static key => key.StartsWith("__VLHC_tag:", StringComparison.Ordinal);
        Assert.Equal("v2", await FakeL2Instance(l2).GetOrCreateAsync("k", static _ => ValueTask.FromResult("v2"), tags: ["orders"]));
    }

    [Fact]
    public async Task A_removal_or_tag_eviction_the_L2_does_not_take_throws()
    {
        var l2 = new FakeDistributedCache { Fails = static _ => true };
        HybridCache cache = FakeL2Instance(l2);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await cache.RemoveByTagAsync("orders"));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await cache.RemoveAsync("k"));
    }

    [Fact]
    public async Task DistributedCacheServiceKey_picks_the_keyed_IDistributedCache()
    {
        var keyed = new FakeDistributedCache();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDistributedCache>(new FakeDistributedCache { Fails = static _ => true });
        services.AddKeyedSingleton<IDistributedCache>("l2", keyed);
        services.AddVelithonHybridCache(o => o.DistributedCacheServiceKey = "l2");
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        await provider.GetRequiredService<HybridCache>().SetAsync("k", "v");
        Assert.NotNull(keyed.Get("k"));
    }

    [RedisFact]
    public async Task An_L2_entry_past_its_expiry_header_is_a_miss()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        HybridCache a = Provider(time: time).GetRequiredService<HybridCache>();
        await a.SetAsync("k", "old", new HybridCacheEntryOptions { Expiration = TimeSpan.FromSeconds(10) });
        time.Advance(TimeSpan.FromSeconds(11));
        HybridCache b = Provider(time: time).GetRequiredService<HybridCache>();
        Assert.Equal("new", await b.GetOrCreateAsync("k", static _ => ValueTask.FromResult("new")));
    }

    [Fact]
    public async Task A_caller_that_cancels_leaves_the_shared_load_to_the_others_and_the_last_one_cancels_it()
    {
        HybridCache cache = Provider(withRedis: false).GetRequiredService<HybridCache>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var factoryCanceled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async ValueTask<string> Factory(CancellationToken ct)
        {
            using CancellationTokenRegistration _ = ct.Register(() => factoryCanceled.TrySetResult());
            started.TrySetResult();
            await release.Task;
            return "shared";
        }

        using var first = new CancellationTokenSource();
        Task<string> leaving = cache.GetOrCreateAsync("k", Factory, cancellationToken: first.Token).AsTask();
        Task<string> staying = cache.GetOrCreateAsync("k", Factory).AsTask();
        await started.Task;
        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        Assert.False(factoryCanceled.Task.IsCompleted);
        release.SetResult();
        Assert.Equal("shared", await staying);

        var release2 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var only = new CancellationTokenSource();
        Task<string> alone = cache.GetOrCreateAsync("k2", async ct =>
        {
            using CancellationTokenRegistration _ = ct.Register(() => release2.TrySetResult());
            await release2.Task;
            ct.ThrowIfCancellationRequested();
            return "never";
        }, cancellationToken: only.Token).AsTask();
        await only.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => alone);
        await release2.Task; // The factory's token was cancelled when its last caller left.
    }

    [RedisFact]
    public async Task With_UseRedis_Redis_is_the_L2_and_evictions_drop_the_L1_copies_of_other_instances()
    {
        VelithonHybridCache a = await BusInstanceAsync();
        VelithonHybridCache b = await BusInstanceAsync(fromServices: true);
        HybridCacheEntryOptions l1Only = new() { Flags = HybridCacheEntryFlags.DisableDistributedCacheRead };

        await a.GetOrCreateAsync("tagged", static _ => ValueTask.FromResult("v1"), tags: ["orders"]);
        await a.GetOrCreateAsync("keyed", static _ => ValueTask.FromResult("k1"));
        Assert.Equal("v1", await b.GetOrCreateAsync("tagged", Fail<string>, tags: ["orders"])); // From Redis, now in b's L1.
        Assert.Equal("k1", await b.GetOrCreateAsync("keyed", Fail<string>));
        Assert.Equal("v1", await b.GetOrCreateAsync("tagged", Fail<string>, l1Only));

        Task heardTag = Heard(b, "orders");
        await a.RemoveByTagAsync("orders");
        await heardTag.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("v2", await b.GetOrCreateAsync("tagged", static _ => ValueTask.FromResult("v2"), l1Only, tags: ["orders"]));

        Task heardKey = Heard(b, "keyed");
        await a.RemoveAsync("keyed");
        await heardKey.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("k2", await b.GetOrCreateAsync("keyed", static _ => ValueTask.FromResult("k2"), l1Only));

        // SetAsync replaces the value everywhere: b drops its L1 copy and reads the new one from Redis.
        Task heardSet = Heard(b, "keyed");
        await a.SetAsync("keyed", "k3");
        await heardSet.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("k3", await b.GetOrCreateAsync("keyed", Fail<string>));
    }

    [RedisFact]
    public async Task RemoveByTagAsync_star_reaches_an_instance_that_reads_the_L2_afterwards()
    {
        HybridCache a = Provider().GetRequiredService<HybridCache>();
        await a.SetAsync("plain", "p1");
        await a.SetAsync("tagged", "t1", tags: ["x"]);

        await a.RemoveByTagAsync("*");

        HybridCache b = Provider().GetRequiredService<HybridCache>();
        Assert.Equal("p2", await b.GetOrCreateAsync("plain", static _ => ValueTask.FromResult("p2")));
        Assert.Equal("t2", await b.GetOrCreateAsync("tagged", static _ => ValueTask.FromResult("t2"), tags: ["x"]));
    }

    private HybridCache FakeL2Instance(FakeDistributedCache l2)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDistributedCache>(l2);
        services.AddVelithonHybridCache();
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<HybridCache>();
    }

    // The first instance connects itself (UseRedis), the second takes the app's IConnectionMultiplexer.
    private async Task<VelithonHybridCache> BusInstanceAsync(bool fromServices = false)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (fromServices)
        {
            ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
            services.AddSingleton<IConnectionMultiplexer>(connection);
        }

        services.AddVelithonHybridCache(o =>
        {
            if (fromServices)
            {
                o.UseRedis(r => r.RedisKeyPrefix = _prefix);
            }
            else
            {
                o.UseRedis(redis.ConnectionString, r => r.RedisKeyPrefix = _prefix);
            }
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        var cache = (VelithonHybridCache)provider.GetRequiredService<HybridCache>();
        Assert.True(cache.HasDistributedCache);
        await cache.EvictionBusReady.WaitAsync(TimeSpan.FromSeconds(10));
        return cache;
    }

    private static Task Heard(VelithonHybridCache cache, string name)
    {
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cache.EvictionHeard += n =>
        {
            if (n == name)
            {
                heard.TrySetResult();
            }
        };
        return heard.Task;
    }

    private static ValueTask<T> Fail<T>(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The factory ran although the value is cached.");

    private static void Check(bool condition)
    {
        if (!condition)
        {
            throw new Xunit.Sdk.XunitException("The hit returned another value.");
        }
    }

    // A hit completes synchronously: its result is read without awaiting.
    private static T Hit<T>(ValueTask<T> task)
    {
        Check(task.IsCompletedSuccessfully);
        return task.Result;
    }

    private ServiceProvider Provider(bool withRedis = true, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        if (withRedis)
        {
            services.AddStackExchangeRedisCache(o =>
            {
                o.Configuration = redis.ConnectionString;
                o.InstanceName = _prefix;
            });
        }

        services.AddVelithonHybridCache();
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    private sealed class FailingDistributedCache : IDistributedCache
    {
        public byte[]? Get(string key) => throw new InvalidOperationException("L2 down");

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => throw new InvalidOperationException("L2 down");

        public void Refresh(string key) => throw new InvalidOperationException("L2 down");

        public Task RefreshAsync(string key, CancellationToken token = default) => throw new InvalidOperationException("L2 down");

        public void Remove(string key) => throw new InvalidOperationException("L2 down");

        public Task RemoveAsync(string key, CancellationToken token = default) => throw new InvalidOperationException("L2 down");

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new InvalidOperationException("L2 down");

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => throw new InvalidOperationException("L2 down");
    }
}
