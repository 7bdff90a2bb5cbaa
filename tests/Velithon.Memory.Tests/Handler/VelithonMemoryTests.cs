using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Velithon.Memory.Tests.Handler;

public class VelithonMemoryTests
{
    [Fact]
    public void Default_options_use_the_shared_pool_and_interner()
    {
        using var memory = new VelithonMemory(new VelithonMemoryOptions());

        Assert.Same(VelithonMemoryPool.Shared, memory.Pool);
        Assert.Same(StringInterner.Shared, memory.Interner);
        Assert.Same(VelithonMemoryPool.Shared, VelithonMemory.Default.Pool);
    }

    [Fact]
    public void Pool_and_interner_limits_create_owned_instances()
    {
        using var memory = new VelithonMemory(new VelithonMemoryOptions
        {
            PoolMaxArraysPerBucket = 4,
            InternerMaxCount = 10,
        });

        Assert.NotSame(VelithonMemoryPool.Shared, memory.Pool);
        Assert.Equal(4, memory.Pool.MaxArraysPerBucket);
        Assert.Equal(VelithonMemoryPool.DefaultMaxArrayLength, memory.Pool.MaxArrayLength);
        Assert.NotSame(StringInterner.Shared, memory.Interner);
        Assert.Equal(10, memory.Interner.MaxCount);
    }

    [Fact]
    public void Invalid_options_fail_with_every_bad_setting_named()
    {
        var options = new VelithonMemoryOptions
        {
            ResponseCacheMaxEntries = 0,
            ResponseCacheMaxMemoryBytes = -1,
            PoolMaxArraysPerBucket = 0,
            MemoryLoadPressurePercent = 150,
            ResponseCacheTimeToLive = TimeSpan.Zero,
        };

        var ex = Assert.Throws<OptionsValidationException>(() => new VelithonMemory(options));

        Assert.Contains(nameof(VelithonMemoryOptions.ResponseCacheMaxEntries), ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(VelithonMemoryOptions.ResponseCacheMaxMemoryBytes), ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(VelithonMemoryOptions.PoolMaxArraysPerBucket), ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(VelithonMemoryOptions.MemoryLoadPressurePercent), ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(VelithonMemoryOptions.ResponseCacheTimeToLive), ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, ex.Failures.Count());
    }

    [Theory]
    [InlineData(15, null)]
    [InlineData((1 << 30) + 1, null)]
    [InlineData(null, 65_537)]
    public void Pool_settings_outside_the_pool_limits_fail_validation_by_name(int? maxArrayLength, int? maxArraysPerBucket)
    {
        var options = new VelithonMemoryOptions { PoolMaxArrayLength = maxArrayLength, PoolMaxArraysPerBucket = maxArraysPerBucket };

        var ex = Assert.Throws<OptionsValidationException>(() => new VelithonMemory(options));

        string name = maxArrayLength is null ? nameof(VelithonMemoryOptions.PoolMaxArraysPerBucket) : nameof(VelithonMemoryOptions.PoolMaxArrayLength);
        Assert.Contains(name, Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void CacheResponse_stores_a_copy_the_caller_can_reuse_its_buffer()
    {
        using var memory = new VelithonMemory(new VelithonMemoryOptions());
        byte[] buffer = "{\"id\":1}"u8.ToArray();

        Assert.True(memory.CacheResponse("GET /users/1", buffer));
        buffer.AsSpan().Fill((byte)'x');

        Assert.True(memory.TryGetCachedResponse("GET /users/1", out ReadOnlyMemory<byte> body));
        Assert.Equal("{\"id\":1}"u8.ToArray(), body.ToArray());
        Assert.False(memory.TryGetCachedResponse("GET /users/2", out body));
        Assert.True(body.IsEmpty);
    }

    [Fact]
    public void CacheResponse_is_refused_when_disabled_or_larger_than_the_budget()
    {
        using var disabled = new VelithonMemory(new VelithonMemoryOptions { EnableResponseCaching = false });
        Assert.False(disabled.CacheResponse("k", new byte[10]));
        Assert.False(disabled.TryGetCachedResponse("k", out _));

        using var small = new VelithonMemory(new VelithonMemoryOptions { ResponseCacheMaxMemoryBytes = 4096 });
        Assert.True(small.CacheResponse("kept", new byte[100]));
        Assert.False(small.CacheResponse("huge", new byte[8192]));
        Assert.True(small.TryGetCachedResponse("kept", out _));
        Assert.False(small.TryGetCachedResponse("huge", out _));
        Assert.Equal(1, small.GetStats().ResponseCache.Rejections);
    }

    [Fact]
    public void TryGetCachedResponse_hit_allocates_nothing()
    {
        using var memory = new VelithonMemory(new VelithonMemoryOptions());
        memory.CacheResponse("key", new byte[256]);
        Allocations.AssertNone(() => memory.TryGetCachedResponse("key", out _), 10_000);
        Assert.True(memory.TryGetCachedResponse("key", out _));
    }

    [Fact]
    public void GetStats_reports_every_component_and_the_gc()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        using var memory = new VelithonMemory(new VelithonMemoryOptions { PoolMaxArraysPerBucket = 8 }, timeProvider: time);
        memory.CacheResponse("a", new byte[1000]);
        memory.TryGetCachedResponse("a", out _);
        memory.TryGetCachedResponse("b", out _);
        memory.Pool.Return(memory.Pool.Rent(100));

        VelithonMemoryStats stats = memory.GetStats();

        Assert.Equal(time.GetUtcNow(), stats.Timestamp);
        Assert.Equal(1, stats.ResponseCache.Entries);
        Assert.Equal(1, stats.ResponseCache.Hits);
        Assert.Equal(1, stats.ResponseCache.Misses);
        Assert.Equal(50, stats.ResponseCache.HitRatePercent);
        Assert.True(stats.ResponseCache.MemoryBytes >= 1000);
        Assert.Equal(1, stats.Pool.Rents);
        Assert.Equal(1, stats.Pool.Returns);
        Assert.Null(stats.Tasks);
        Assert.True(stats.Gc.TotalMemoryBytes > 0);
        Assert.True(stats.Gc.HeapSizeBytes >= 0); // as of the last GC: 0 before the first one
        Assert.True(stats.Gc.TotalAvailableMemoryBytes > 0);
        Assert.True(stats.Gc.TotalAllocatedBytes > 0);
        Assert.InRange(stats.Gc.MemoryLoadPercent, 0, 100);
        Assert.Equal(Math.Round(stats.ResponseCache.MemoryBytes / 1048576d, 3), stats.CacheMemoryMegabytes);
    }

    [Fact]
    public void GetStats_includes_the_task_queue_when_one_is_given()
    {
        var queue = new BackgroundTaskQueue(new BackgroundTaskQueueOptions { MaxQueueLength = 10, PressureThreshold = 5 });
        using var memory = new VelithonMemory(new VelithonMemoryOptions(), tasks: queue);
        queue.TryEnqueue(_ => ValueTask.CompletedTask);

        BackgroundTaskQueueStats? tasks = memory.GetStats().Tasks;

        Assert.NotNull(tasks);
        Assert.Equal(1, tasks.Value.Queued);
        Assert.Equal(10, tasks.Value.MaxQueueLength);
    }

    [Fact]
    public void Cleanup_trims_the_pool_drops_expired_responses_and_reports_the_heap()
    {
        var time = new FakeTimeProvider();
        using var memory = new VelithonMemory(
            new VelithonMemoryOptions { PoolMaxArraysPerBucket = 8, ResponseCacheTimeToLive = TimeSpan.FromMinutes(1) },
            timeProvider: time);
        byte[][] rented = Enumerable.Range(0, 4).Select(_ => memory.Pool.Rent(4096)).ToArray();
        foreach (byte[] array in rented)
        {
            memory.Pool.Return(array);
        }

        memory.CacheResponse("old", new byte[500]);
        time.Advance(TimeSpan.FromMinutes(2));
        memory.CacheResponse("fresh", new byte[500]);

        MemoryCleanupResult result = memory.Cleanup();

        Assert.True(result.PoolBytesTrimmed >= 4096, $"trimmed {result.PoolBytesTrimmed}");
        Assert.Equal(1, result.CacheEntriesRemoved);
        Assert.True(result.CacheBytesFreed >= 500);
        Assert.True(result.CollectedGarbage);
        Assert.True(result.HeapBytesBefore > 0);
        Assert.True(result.HeapBytesAfter > 0);
        Assert.True(result.Duration >= TimeSpan.Zero);
        Assert.True(memory.TryGetCachedResponse("fresh", out _));
        Assert.Equal(0, memory.GetStats().Pool.PooledBytes);
    }

    [Fact]
    public void Cleanup_removes_interned_strings_nobody_holds()
    {
        using var memory = new VelithonMemory(new VelithonMemoryOptions { InternerMaxCount = 1000 });
        InternGarbage(memory.Interner, 50);
        memory.Interner.Intern("kept");

        MemoryCleanupResult result = memory.Cleanup();

        Assert.Equal(50, result.InternerEntriesRemoved);
        Assert.Equal(1, memory.Interner.GetStats().Count);
    }

    [Fact]
    public void Cleanup_under_pressure_trims_the_cache_to_its_target()
    {
        using var memory = new VelithonMemory(new VelithonMemoryOptions
        {
            ResponseCacheMaxMemoryBytes = 100_000,
            MemoryLoadPressurePercent = 0.000001, // any load counts as pressure
            CleanupCacheTargetPercent = 50,
            CleanupCollectsGarbage = false,
        });
        for (int i = 0; i < 80; i++)
        {
            memory.CacheResponse($"key-{i}", new byte[1000]);
        }

        Assert.True(memory.GetStats().UnderPressure);
        MemoryCleanupResult result = memory.Cleanup();

        Assert.True(result.UnderPressure);
        Assert.False(result.CollectedGarbage);
        Assert.True(result.CacheEntriesRemoved > 0);
        Assert.True(memory.GetStats().ResponseCache.MemoryBytes <= 50_000);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void InternGarbage(StringInterner interner, int count)
    {
        for (int i = 0; i < count; i++)
        {
            interner.Intern(new string('g', 3) + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
