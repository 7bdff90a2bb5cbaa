using System.Collections.Concurrent;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// The core talks to its L2 only through <see cref="IVelithonResponseStore"/>: memory only without one, and any store
/// (here an in-process one shared by two apps) gets L2 hits and tag evictions across instances. Redis is an optional
/// package: the core assembly references no Redis client.
/// </summary>
public sealed class ResponseStoreContractTests
{
    private static readonly string[] RedisClientAssemblies = ["StackExchange.Redis", "RESPite", "Pipelines.Sockets.Unofficial"];

    [Fact]
    public void The_core_assemblies_reference_no_Redis_client_and_the_Redis_package_does()
    {
        string[] core = [.. typeof(VelithonCachingOptions).Assembly.GetReferencedAssemblies().Select(static a => a.Name!)];
        string[] memory = [.. typeof(Velithon.Memory.MemoryBoundedCacheOptions<int, int>).Assembly.GetReferencedAssemblies().Select(static a => a.Name!)];
        string[] redis = [.. typeof(VelithonRedisCacheOptions).Assembly.GetReferencedAssemblies().Select(static a => a.Name!)];

        Assert.DoesNotContain(core, name => RedisClientAssemblies.Contains(name));
        Assert.DoesNotContain(memory, name => RedisClientAssemblies.Contains(name));
        Assert.Contains("StackExchange.Redis", redis);
        Assert.Contains("Velithon.AspNetCore", redis);
    }

    [Fact]
    public async Task Without_a_store_the_cache_is_memory_only()
    {
        await using TestApp app = await TestApp.StartAsync();
        var first = await app.GetAsync("/items");
        var second = await app.GetAsync("/items");

        Assert.Null(app.Cache.L2);
        Assert.Equal(("MISS", "HIT"), (first.Status, second.Status));
        Assert.Contains(second.Response.Headers.GetValues("Server-Timing"), v => v.StartsWith("velithon-cache;desc=\"HIT L1\"", StringComparison.Ordinal));
        await app.Invalidator.EvictByTagAsync("products"); // Nothing to confirm it with: local only, no exception.
    }

    [Fact]
    public async Task Any_store_gives_L2_hits_and_tag_evictions_across_instances()
    {
        var shared = new SharedStore();
        await using TestApp a = await TestApp.StartAsync(o => o.ResponseStore = _ => shared.Connect());
        await using TestApp b = await TestApp.StartAsync(o => o.ResponseStore = _ => shared.Connect());

        var miss = await a.GetAsync("/tagged/1");
        var fromL2 = await b.GetAsync("/tagged/1");
        Assert.Equal(("MISS", "HIT", miss.Body), (miss.Status, fromL2.Status, fromL2.Body));
        Assert.Contains(fromL2.Response.Headers.GetValues("Server-Timing"), v => v.Contains("HIT L2", StringComparison.Ordinal));
        Assert.Equal("HIT", (await b.GetAsync("/tagged/1")).Status); // Now in b's memory too.

        await a.Invalidator.EvictByTagAsync("products");

        // b heard the new version: its memory copy and the L2 entry are both outdated, so b runs the endpoint.
        var afterEviction = await b.GetAsync("/tagged/1");
        Assert.Equal("MISS", afterEviction.Status);
        Assert.Equal(1, b.Runs["tagged"]);
    }

    [Fact]
    public async Task An_eviction_the_store_does_not_confirm_throws()
    {
        var shared = new SharedStore { FailIncrements = true };
        await using TestApp a = await TestApp.StartAsync(o => o.ResponseStore = _ => shared.Connect());
        await a.GetAsync("/tagged/1");

        var error = await Assert.ThrowsAsync<VelithonCacheEvictionException>(() => a.Invalidator.EvictByTagAsync("products"));

        Assert.Equal("products", error.Tag);
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    /// <summary>An in-process L2 and bus for several apps: entries, tag versions, and the instances to tell.</summary>
    private sealed class SharedStore
    {
        private readonly ConcurrentDictionary<string, byte[]> _entries = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);
        private readonly ConcurrentBag<Instance> _instances = [];

        public bool FailIncrements { get; init; }

        public IVelithonResponseStore Connect()
        {
            var instance = new Instance(this);
            _instances.Add(instance);
            return instance;
        }

        private sealed class Instance(SharedStore shared) : IVelithonResponseStore
        {
            private IVelithonTagVersionMirror? _mirror;

            public void Attach(IVelithonTagVersionMirror mirror) => _mirror = mirror;

            public ValueTask<VelithonStoreLookup?> TryGetAsync(string key, string[] tags, CancellationToken cancellationToken) =>
                ValueTask.FromResult<VelithonStoreLookup?>(new VelithonStoreLookup(
                    shared._entries.GetValueOrDefault(key),
                    [.. tags.Select(tag => shared._versions.GetValueOrDefault(tag))]));

            public void SetInBackground(string key, byte[] entry, TimeSpan timeToLive) => shared._entries[key] = entry;

            public void DeleteInBackground(string key) => shared._entries.TryRemove(key, out _);

            public Task<long> IncrementTagVersionAsync(string tag, CancellationToken cancellationToken) =>
                shared.FailIncrements
                    ? Task.FromException<long>(VelithonCacheEvictionException.For(tag, new TimeoutException("test store")))
                    : Task.FromResult(shared._versions.AddOrUpdate(tag, 1, static (_, v) => v + 1));

            public Task PublishTagVersionAsync(string tag, long version)
            {
                foreach (Instance other in shared._instances.Where(i => i != this))
                {
                    other._mirror?.Observe(tag, version, VelithonTagVersionSource.Remote);
                }

                return Task.CompletedTask;
            }

            public void Dispose()
            {
            }
        }
    }
}
