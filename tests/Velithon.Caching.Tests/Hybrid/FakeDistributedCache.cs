using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;

namespace Velithon.Caching.Tests.Hybrid;

/// <summary>An in-memory <see cref="IDistributedCache"/> (not <c>MemoryDistributedCache</c>, which the caches ignore) whose keys can be made to fail.</summary>
internal sealed class FakeDistributedCache : IDistributedCache
{
    private readonly ConcurrentDictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    /// <summary>Gets or sets which keys fail (throw) on every operation.</summary>
    public Func<string, bool> Fails { get; set; } = static _ => false;

    public int Reads { get; private set; }

    public byte[]? Get(string key) => Check(key) ? _values.GetValueOrDefault(key) : null;

    /// <summary>Gets or sets a wait every read goes through first (a slow L2), given the key; <see langword="null"/>: none.</summary>
    public Func<string, Task>? BeforeRead { get; set; }

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        Reads++;
        return BeforeRead is { } wait ? ReadAfterAsync(key, wait) : Task.FromResult(Get(key));
    }

    private async Task<byte[]?> ReadAfterAsync(string key, Func<string, Task> wait)
    {
        await wait(key);
        return Get(key);
    }

    public void Refresh(string key) => Check(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.FromResult(Check(key));

    public void Remove(string key)
    {
        Check(key);
        _values.TryRemove(key, out _);
    }

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        Check(key);
        _values[key] = value;
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Set(key, value, options);
        return Task.CompletedTask;
    }

    private bool Check(string key) => Fails(key) ? throw new InvalidOperationException("L2 down for " + key) : true;
}
