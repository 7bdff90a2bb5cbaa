using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Velithon.AspNetCore.HybridCaching;

namespace Velithon.Caching.Tests.Hybrid;

/// <summary>
/// Edge inputs run side by side on Microsoft's HybridCache (the oracle) and Velithon's, each over its own in-memory L2
/// (<see cref="FakeDistributedCache"/>): where the user of <see cref="HybridCache"/> expects the same outcome.
/// </summary>
public sealed class HybridProbeTests : IDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    public static TheoryData<bool> Both => new() { false, true };

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Probe_factory_exception_reaches_every_waiter_and_is_not_cached(bool velithon)
    {
        HybridCache cache = Instance(velithon);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int runs = 0;
        var callers = new Task<string>[5];
        for (int i = 0; i < callers.Length; i++)
        {
            callers[i] = cache.GetOrCreateAsync<string>("k", async _ =>
            {
                Interlocked.Increment(ref runs);
                await gate.Task;
                throw new InvalidOperationException("boom");
            }).AsTask();
        }

        gate.SetResult();
        foreach (Task<string> caller in callers)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => caller);
        }

        Assert.Equal(1, runs);
        Assert.Equal("ok", await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("ok")));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(-1, null)]
    [InlineData(60, 0)]
    [InlineData(60, -5)]
    public async Task An_expiration_that_is_not_positive_has_the_outcome_of_Microsofts(int seconds, int? localSeconds)
    {
        var options = new HybridCacheEntryOptions
        {
            Expiration = TimeSpan.FromSeconds(seconds),
            LocalCacheExpiration = localSeconds is { } local ? TimeSpan.FromSeconds(local) : null,
        };

        Assert.Equal(await Scenario(Instance(velithon: false)), await Scenario(Instance(velithon: true)));

        async Task<string> Scenario(HybridCache cache)
        {
            string created = await Outcome(async () => await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("created"), options));
            string after = await Outcome(async () => await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("fresh")));
            string set = await Outcome(async () =>
            {
                await cache.SetAsync("s", "set", options);
                return "no error";
            });
            string afterSet = await Outcome(async () => await cache.GetOrCreateAsync("s", _ => ValueTask.FromResult("fresh")));
            return $"create: {created}; then: {after}; set: {set}; then: {afterSet}";
        }

        static async Task<string> Outcome(Func<Task<string>> run)
        {
            try
            {
                return await run();
            }
            catch (Exception ex)
            {
                return ex.GetType().Name;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Probe_null_value(bool velithon)
    {
        HybridCache cache = Instance(velithon);
        int runs = 0;
        string? first = await cache.GetOrCreateAsync("k", _ => { runs++; return ValueTask.FromResult<string?>(null); });
        string? second = await cache.GetOrCreateAsync("k", _ => { runs++; return ValueTask.FromResult<string?>("x"); });
        Assert.Equal((null, null, 1), (first, second, runs));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Probe_one_waiter_cancels_others_get_the_value(bool velithon)
    {
        HybridCache cache = Instance(velithon);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();
        Task<string> a = cache.GetOrCreateAsync("k", async ct => { await gate.Task; return "v"; }, cancellationToken: cts.Token).AsTask();
        Task<string> b = cache.GetOrCreateAsync("k", async ct => { await gate.Task; return "other"; }).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a);
        gate.SetResult();
        Assert.Equal("v", await b);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Probe_disable_underlying_data_miss(bool velithon)
    {
        HybridCache cache = Instance(velithon);
        var options = new HybridCacheEntryOptions { Flags = HybridCacheEntryFlags.DisableUnderlyingData };
        string? value = await cache.GetOrCreateAsync<string?>("k", _ => ValueTask.FromResult<string?>("x"), options);
        Assert.Null(value);
        await cache.SetAsync("k", "s");
        Assert.Equal("s", await cache.GetOrCreateAsync<string?>("k", _ => ValueTask.FromResult<string?>("x"), options));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Probe_key_at_max_length_is_cached_one_over_is_not(bool velithon)
    {
        HybridCache cache = Instance(velithon);
        string atLimit = new('a', 1024);
        string over = new('b', 1025);
        int runs = 0;
        await cache.GetOrCreateAsync(atLimit, _ => ValueTask.FromResult(++runs));
        await cache.GetOrCreateAsync(atLimit, _ => ValueTask.FromResult(++runs));
        await cache.GetOrCreateAsync(over, _ => ValueTask.FromResult(++runs));
        await cache.GetOrCreateAsync(over, _ => ValueTask.FromResult(++runs));
        Assert.Equal(3, runs);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Probe_remove_by_empty_tag(bool velithon)
    {
        HybridCache cache = Instance(velithon);
        await cache.SetAsync("k", "v", tags: ["t"]);
        await cache.RemoveByTagAsync(string.Empty);
        Assert.Equal("v", await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("new"), tags: ["t"]));
    }

    [Fact]
    public async Task Probe_expiration_after_time_passes()
    {
        // Velithon's only: Microsoft's L1 (MemoryCache) does not read the TimeProvider from the services.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        HybridCache cache = Instance(velithon: true, time);
        int runs = 0;
        var options = new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(1) };
        await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult(++runs), options);
        time.Advance(TimeSpan.FromMinutes(2));
        int fromL2 = await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult(++runs), options);
        time.Advance(TimeSpan.FromMinutes(9));
        int afterExpiry = await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult(++runs), options);
        Assert.Equal((1, 2), (fromL2, afterExpiry));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Probe_remove_by_null_tag(bool velithon)
    {
        HybridCache cache = Instance(velithon);
        await cache.RemoveByTagAsync((string)null!);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Probe_serializer_throwing(bool velithon)
    {
        HybridCache cache = Instance(velithon, serializer: true);
        int runs = 0;
        // Both: the serializer's exception reaches the caller; the next call runs the factory again.
        await Assert.ThrowsAsync<FormatException>(async () => await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult(new Thrower { Id = ++runs })));
        await Assert.ThrowsAsync<FormatException>(async () => await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult(new Thrower { Id = ++runs })));
        Assert.Equal(2, runs);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Probe_payload_at_and_over_the_limit(bool velithon)
    {
        var l2 = new FakeDistributedCache();
        HybridCache a = Instance(velithon, l2: l2, maximumPayloadBytes: 100);
        HybridCache b = Instance(velithon, l2: l2, maximumPayloadBytes: 100);
        await a.SetAsync("at", new string('x', 100));
        await a.SetAsync("over", new string('x', 101));
        Assert.Equal(new string('x', 101), await a.GetOrCreateAsync("over", _ => ValueTask.FromResult("miss"))); // kept in the L1
        Assert.Equal("miss", await b.GetOrCreateAsync("over", _ => ValueTask.FromResult("miss")));

        // Velithon's limit is on the serialized value, exactly; Microsoft's counts its own payload framing (key and
        // header) too, so a value of the limit is not written to its L2 (in one run, 74 of 100 bytes was its largest).
        if (velithon)
        {
            Assert.Equal(new string('x', 100), await b.GetOrCreateAsync("at", _ => ValueTask.FromResult("miss")));
        }
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task An_empty_null_or_star_entry_tag_is_an_ArgumentException_as_with_Microsofts(bool velithon)
    {
        // Microsoft's: "Tags cannot be empty." and "The tag '*' is reserved and cannot be used in this context.", both
        // ArgumentException naming 'tags', on a miss and on SetAsync. Velithon's dropped empty and null tags silently and
        // stored "*" as an ordinary tag.
        HybridCache cache = Instance(velithon);
        foreach (string?[] tags in new[] { new[] { "" }, new string?[] { null }, new[] { "*" }, new[] { "ok", "*" } })
        {
            ArgumentException miss = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult(1), tags: tags!));
            ArgumentException set = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await cache.SetAsync("k", 1, tags: tags!));
            Assert.Equal(("tags", "tags"), (miss.ParamName, set.ParamName));
        }

        // Nothing was stored or left running: the key loads normally afterwards.
        Assert.Equal(2, await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult(2), tags: ["ok"]));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_miss_with_a_cancelled_token_is_cancelled_without_running_the_factory(bool velithon)
    {
        // Microsoft's: OperationCanceledException, the factory never called, nothing stored. Velithon's started the
        // shared load anyway: a synchronous factory completed it before the wait looked at the token, so the caller got
        // the value, and the factory (given the load's own token, not cancelled) ran for a caller that had gone.
        HybridCache cache = Instance(velithon);
        int runs = 0;
        await cache.SetAsync("hit", 7);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult(++runs), cancellationToken: new CancellationToken(true)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await cache.GetOrCreateAsync("k", async ct => { await Task.Yield(); return ++runs; }, cancellationToken: new CancellationToken(true)));
        Assert.Equal(0, runs);
        if (velithon)
        {
            // A hit needs no work to cancel: Velithon's returns it (its hit path reads no token); Microsoft's throws.
            Assert.Equal(7, await cache.GetOrCreateAsync("hit", _ => ValueTask.FromResult(++runs), cancellationToken: new CancellationToken(true)));
        }

        Assert.Equal(1, await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult(++runs)));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Probe_remove_during_a_load(bool velithon)
    {
        HybridCache cache = Instance(velithon);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string> load = cache.GetOrCreateAsync("k", async _ => { await gate.Task; return "old"; }).AsTask();
        await Task.Delay(50);
        await cache.RemoveAsync("k");
        gate.SetResult();
        Assert.Equal("old", await load);
        Assert.Equal("old", await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("new")));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Probe_all_waiters_cancel(bool velithon)
    {
        HybridCache cache = Instance(velithon);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var factoryCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = new CancellationTokenSource();
        using var b = new CancellationTokenSource();
        Func<CancellationToken, ValueTask<string>> factory = async ct =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => factoryCancelled.TrySetResult(), TaskScheduler.Default);
            ct.ThrowIfCancellationRequested();
            return "never";
        };
        Task<string> ta = cache.GetOrCreateAsync("k", factory, cancellationToken: a.Token).AsTask();
        Task<string> tb = cache.GetOrCreateAsync("k", factory, cancellationToken: b.Token).AsTask();
        await started.Task;
        await a.CancelAsync();
        await b.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ta);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tb);
        await factoryCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("next", await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("next")));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Probe_set_with_cancelled_token(bool velithon)
    {
        HybridCache cache = Instance(velithon);
        Exception? ex = await Record.ExceptionAsync(async () => await cache.SetAsync("k", "v", cancellationToken: new CancellationToken(true)));
        string value = await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("factory"));
        Assert.Equal("|v", $"{ex?.GetType().Name}|{value}"); // both: a cancelled token does not stop SetAsync
    }

    [Fact]
    public async Task An_expiration_of_TimeSpan_MaxValue_caches_in_both_levels_for_as_long_as_time_can_say()
    {
        // Microsoft's throws ArgumentOutOfRangeException (its MemoryCache adds the expiration to the clock); Velithon's
        // added it to the clock's ticks without a check: the L2 entry said it had expired before it was written (a
        // wrapped long), so no other instance ever read it, and the L2 options' relative expiration overflowed the L2's
        // own clock (logged as an L2 failure).
        var l2 = new RecordingDistributedCache();
        HybridCache a = VelithonInstance(l2);
        HybridCache b = VelithonInstance(l2);
        var forever = new HybridCacheEntryOptions { Expiration = TimeSpan.MaxValue, LocalCacheExpiration = TimeSpan.MaxValue };

        await a.SetAsync("k", "v", forever);

        Assert.Equal("v", await a.GetOrCreateAsync("k", Fail<string>, forever));
        Assert.Equal("v", await b.GetOrCreateAsync("k", Fail<string>, forever));
        Assert.All(l2.Options, o => _ = DateTimeOffset.UtcNow + o.AbsoluteExpirationRelativeToNow!.Value); // representable
    }

    [Fact]
    public async Task A_FailSafeMaxDuration_of_TimeSpan_MaxValue_still_caches()
    {
        // Accepted by validation ("must not be negative"), it overflowed every expiry it was added to: nothing was kept
        // in the L1 (its keep-until time wrapped into the past) and every L2 write threw an OverflowException (logged).
        var l2 = new RecordingDistributedCache();
        HybridCache a = VelithonInstance(l2, o => o.FailSafeMaxDuration = TimeSpan.MaxValue);
        HybridCache b = VelithonInstance(l2, o => o.FailSafeMaxDuration = TimeSpan.MaxValue);
        int runs = 0;

        Assert.Equal(1, await a.GetOrCreateAsync("k", _ => ValueTask.FromResult(++runs)));
        Assert.Equal(1, await a.GetOrCreateAsync("k", _ => ValueTask.FromResult(++runs)));
        Assert.Equal(1, await b.GetOrCreateAsync("k", _ => ValueTask.FromResult(++runs)));
        Assert.Equal(1, runs);
    }

    private static ValueTask<T> Fail<T>(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The factory must not run.");

    private HybridCache VelithonInstance(IDistributedCache l2, Action<VelithonHybridCacheOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(l2);
        services.AddVelithonHybridCache(configure);
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<HybridCache>();
    }

    /// <summary>An L2 that, like Redis's and SQL Server's, adds the relative expiration to its own clock, and records the options.</summary>
    private sealed class RecordingDistributedCache : IDistributedCache
    {
        private readonly FakeDistributedCache _inner = new();

        public System.Collections.Concurrent.ConcurrentQueue<DistributedCacheEntryOptions> Options { get; } = new();

        public byte[]? Get(string key) => _inner.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => _inner.GetAsync(key, token);

        public void Refresh(string key) => _inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => _inner.RefreshAsync(key, token);

        public void Remove(string key) => _inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => _inner.RemoveAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
        {
            if (options.AbsoluteExpirationRelativeToNow is { } relative)
            {
                _ = DateTimeOffset.UtcNow + relative; // Throws when out of range, as the real ones do.
            }

            Options.Enqueue(options);
            _inner.Set(key, value, options);
        }

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            Set(key, value, options);
            return Task.CompletedTask;
        }
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task One_key_read_as_two_types_is_what_docs_caching_md_says(bool velithon)
    {
        HybridCache cache = Instance(velithon);
        Assert.Equal("text", await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("text")));

        if (velithon)
        {
            // The string's bytes do not read as an int: a miss, whose value replaces the entry; a string reads the
            // int's bytes.
            Assert.Equal(42, await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult(42)));
            Assert.Equal("42", await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("unexpected")));
        }
        else
        {
            await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => cache.GetOrCreateAsync("k", _ => ValueTask.FromResult(42)).AsTask());
            Assert.Equal("text", await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("unexpected")));
        }
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task RemoveAsync_while_the_keys_factory_runs_leaves_that_runs_value_stored_as_docs_caching_md_says(bool velithon)
    {
        HybridCache cache = Instance(velithon);
        (Task<string> running, TaskCompletionSource gate) = await StartHeldRunAsync(cache, "before", tags: null);

        await cache.RemoveAsync("k");
        gate.SetResult();

        Assert.Equal("before", await running);
        Assert.Equal("before", await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("after")));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_caller_joining_a_run_after_its_tag_was_evicted_gets_that_runs_value_as_docs_caching_md_says(bool velithon)
    {
        HybridCache cache = Instance(velithon);
        (Task<string> running, TaskCompletionSource gate) = await StartHeldRunAsync(cache, "before", tags: ["t"]);

        await cache.RemoveByTagAsync("t");
        Task<string> joining = cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("joined"), tags: ["t"]).AsTask();
        gate.SetResult();

        Assert.Equal("before", await running);
        Assert.Equal("before", await joining);
        Assert.Equal(velithon ? "after" : "before", await cache.GetOrCreateAsync("k", _ => ValueTask.FromResult("after"), tags: ["t"]));
    }

    // Starts GetOrCreateAsync("k") whose factory returns the value only once the returned gate is set.
    private static async Task<(Task<string> Run, TaskCompletionSource Gate)> StartHeldRunAsync(HybridCache cache, string value, string[]? tags)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string> run = cache.GetOrCreateAsync<string>("k", async _ =>
        {
            started.SetResult();
            await gate.Task;
            return value;
        }, tags: tags).AsTask();
        await started.Task;
        return (run, gate);
    }

    private HybridCache Instance(bool velithon, TimeProvider? time = null, FakeDistributedCache? l2 = null, long maximumPayloadBytes = 1 << 20, bool serializer = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IDistributedCache>(l2 ?? new FakeDistributedCache());
        if (serializer)
        {
            services.AddSingleton<IHybridCacheSerializer<Thrower>>(new ThrowingSerializer());
        }

        if (time is not null)
        {
            services.AddSingleton(time);
        }

        if (velithon)
        {
            services.AddVelithonHybridCache(o => o.MaximumPayloadBytes = maximumPayloadBytes);
        }
        else
        {
            services.AddHybridCache(o => o.MaximumPayloadBytes = maximumPayloadBytes);
        }

        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<HybridCache>();
    }

    public sealed class Thrower
    {
        public int Id { get; set; }
    }

    private sealed class ThrowingSerializer : IHybridCacheSerializer<Thrower>
    {
        public Thrower Deserialize(System.Buffers.ReadOnlySequence<byte> source) => throw new FormatException("deserialize");

        public void Serialize(Thrower value, System.Buffers.IBufferWriter<byte> target) => throw new FormatException("serialize");
    }
}
