using System.Buffers;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Velithon.Memory.Tests;

/// <summary>Hostile-user and operator probes of the memory runtime against its .NET counterparts.</summary>
public sealed class RuntimeProbeTests
{
    // ---- VelithonMemoryPool vs ArrayPool<byte>.Shared ----

    [Fact]
    public void Pool_rent_edges_match_ArrayPool()
    {
        var pool = new VelithonMemoryPool();
        Assert.Empty(pool.Rent(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(int.MinValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => ArrayPool<byte>.Shared.Rent(int.MinValue));
        foreach (int n in new[] { 1, 15, 16, 17, 31, 32, 33, 1023, 1025, (1 << 20) - 1, 1 << 20, (1 << 20) + 1 })
        {
            byte[] a = pool.Rent(n);
            Assert.True(a.Length >= n);
            pool.Return(a);
        }
    }

    [Fact]
    public void Pool_return_of_foreign_arrays()
    {
        var pool = new VelithonMemoryPool();
        Assert.Throws<ArgumentNullException>(() => pool.Return(null!));
        Assert.Throws<ArgumentException>(() => pool.Return(new byte[8]));
        Assert.Throws<ArgumentException>(() => pool.Return(new byte[100]));
        pool.Return(new byte[2 << 20]);
        pool.Return([]);
        MemoryPoolStats stats = pool.GetStats();
        Assert.True(stats.CurrentRentedBytes >= 0);
        Assert.True(stats.Hits >= 0);
    }

    [Fact]
    public void Pool_double_return_keeps_stats_sane()
    {
        var pool = new VelithonMemoryPool(maxArraysPerBucket: 4);
        byte[] a = pool.Rent(100);
        pool.Return(a);
        pool.Return(a);
        MemoryPoolStats stats = pool.GetStats();
        Assert.Equal(0, stats.CurrentRentedBytes);
        Assert.True(stats.PooledBytes <= 4L * 128);
    }

    [Fact]
    public void Pool_clear_array()
    {
        var pool = new VelithonMemoryPool();
        byte[] a = pool.Rent(32);
        a.AsSpan().Fill(7);
        pool.Return(a, clearArray: true);
        Assert.All(a, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Pool_cross_thread_returns_and_concurrent_totals_add_up()
    {
        var pool = new VelithonMemoryPool(maxArraysPerBucket: 8);
        const int Threads = 8, PerThread = 5_000;
        var bag = new System.Collections.Concurrent.BlockingCollection<byte[]>();
        var renters = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                bag.Add(pool.Rent(16 << (i % 6)));
            }
        })).ToArray();
        var returners = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                pool.Return(bag.Take());
            }
        })).ToArray();
        foreach (Thread th in renters.Concat(returners))
        {
            th.Start();
        }

        foreach (Thread th in renters.Concat(returners))
        {
            th.Join();
        }

        MemoryPoolStats stats = pool.GetStats();
        Assert.Equal(Threads * PerThread, stats.Rents);
        Assert.Equal(Threads * PerThread, stats.Returns);
        Assert.Equal(0, stats.CurrentRentedBytes);
        Assert.Equal(stats.Rents, stats.Hits + stats.Misses);
        for (int b = 0; b < pool.Buckets.Length; b++)
        {
            Assert.True(pool.CountPooledArrays(b) <= 8, $"bucket {b}");
        }
    }

    [Fact]
    public void Pool_never_hands_one_array_to_two_renters_while_trimming()
    {
        var pool = new VelithonMemoryPool(maxArraysPerBucket: 4);
        using var stop = new CancellationTokenSource();
        int conflicts = 0;
        var trimmer = new Thread(() =>
        {
            long now = 0;
            while (!stop.IsCancellationRequested)
            {
                pool.Trim();
                pool.TrimCore(now += 70_000, highPressure: (now & 1) == 0, all: false);
                _ = pool.GetStats();
            }
        });
        trimmer.Start();
        var workers = Enumerable.Range(0, 6).Select(t => new Thread(() =>
        {
            byte mark = (byte)(t + 1);
            var held = new List<byte[]>();
            for (int i = 0; i < 20_000; i++)
            {
                byte[] a = pool.Rent(16 << (i % 4));
                a.AsSpan().Fill(mark);
                held.Add(a);
                if (held.Count > 3 || (i & 1) == 0)
                {
                    byte[] back = held[0];
                    held.RemoveAt(0);
                    if (back.AsSpan().IndexOfAnyExcept(mark) >= 0)
                    {
                        Interlocked.Increment(ref conflicts);
                    }

                    pool.Return(back);
                }
            }

            foreach (byte[] a in held)
            {
                pool.Return(a);
            }
        })).ToArray();
        foreach (Thread w in workers)
        {
            w.Start();
        }

        foreach (Thread w in workers)
        {
            w.Join();
        }

        stop.Cancel();
        trimmer.Join();
        Assert.Equal(0, conflicts);
        MemoryPoolStats stats = pool.GetStats();
        Assert.Equal(stats.Rents, stats.Returns);
        Assert.Equal(0, stats.CurrentRentedBytes);
        for (int b = 0; b < pool.Buckets.Length; b++)
        {
            Assert.True(pool.CountPooledArrays(b) <= 4, $"bucket {b}");
        }
    }

    [Fact]
    public void A_negative_size_hint_throws_as_ArrayBufferWriter_does()
    {
        // ArrayBufferWriter<T> throws ArgumentException; PooledBufferWriter took a negative hint for 1 byte.
        var reference = new ArrayBufferWriter<byte>();
        using var writer = new PooledBufferWriter(new VelithonMemoryPool());
        Assert.ThrowsAny<ArgumentException>(() => reference.GetSpan(-1));
        Assert.Equal("sizeHint", Assert.Throws<ArgumentOutOfRangeException>(() => writer.GetSpan(-1)).ParamName);
        Assert.Equal("sizeHint", Assert.Throws<ArgumentOutOfRangeException>(() => writer.GetMemory(int.MinValue)).ParamName);
        Assert.Equal(0, writer.WrittenCount);

        // The other edges already agreed: Advance(-1) (an ArgumentException, here the more precise subtype) and advancing
        // past what was asked for.
        Assert.ThrowsAny<ArgumentException>(() => reference.Advance(-1));
        Assert.ThrowsAny<ArgumentException>(() => writer.Advance(-1));
        reference.GetSpan(10);
        Assert.True(writer.GetSpan(0).Length >= 1);
        Assert.Equal(Record.Exception(() => reference.Advance(1 << 20))?.GetType(), Record.Exception(() => writer.Advance(1 << 20))?.GetType());
    }

    // ---- StringInterner ----

    [Fact]
    public void Interner_invalid_utf8_matches_Encoding()
    {
        var interner = new StringInterner();
        byte[][] inputs =
        [
            [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF, 0x41],
            [0x41, 0xE2, 0x82, 0x41], [0xF0, 0x9F, 0x98], [0x80, 0x80, 0x80, 0x80],
        ];
        foreach (byte[] input in inputs)
        {
            string expected = Encoding.UTF8.GetString(input);
            string got = interner.InternUtf8(input);
            Assert.Equal(expected, got);
            Assert.Same(got, interner.Intern(expected));
            Assert.True(interner.TryGet(input, out string? found));
            Assert.Same(got, found);
        }
    }

    [Fact]
    public void Interner_bound_is_exact()
    {
        var interner = new StringInterner(new StringInternerOptions { MaxCount = 10, MaxStringLength = 4 });
        var keep = new List<string>();
        for (int i = 0; i < 20; i++)
        {
            keep.Add(interner.Intern(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(10, interner.Count);
        StringInternerStats stats = interner.GetStats();
        Assert.Equal(10, stats.Misses);
        Assert.Equal(10, stats.Rejected);
        string five = "abcd";
        Assert.NotSame(interner.Intern(five.AsSpan()), interner.Intern(five.AsSpan())); // full: returned un-interned
        string longer = "abcde";
        Assert.Same(longer, interner.Intern(longer));
        Assert.Equal(longer, interner.InternUtf8("abcde"u8));
        GC.KeepAlive(keep);
    }

    [Fact]
    public void Interner_max_string_length_at_utf8_boundary()
    {
        var interner = new StringInterner(new StringInternerOptions { MaxStringLength = 3 });
        // 3 chars of 3 bytes each: 9 bytes, exactly the limit.
        string cjk = "\u4E00\u4E01\u4E02";
        string a = interner.InternUtf8(Encoding.UTF8.GetBytes(cjk));
        Assert.Same(a, interner.Intern(cjk));
        // A supplementary char is 2 UTF-16 chars from 4 bytes: 2 of them are 4 chars > 3.
        string emoji = "\U0001F600\U0001F600";
        Assert.Equal(emoji, interner.InternUtf8(Encoding.UTF8.GetBytes(emoji)));
        Assert.Equal(1, interner.GetStats().Rejected);
    }

    [Fact]
    public void Interner_stays_canonical_under_concurrent_cleanup_and_collection()
    {
        var interner = new StringInterner(new StringInternerOptions { MaxCount = 256 });
        string[] kept = Enumerable.Range(0, 100).Select(i => interner.Intern("kept-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                interner.Cleanup();
            }
        });
        collector.Start();
        int wrong = 0;
        Parallel.For(0, 4, t =>
        {
            for (int i = 0; i < 20_000; i++)
            {
                int n = i % 400;
                string text = (n < 100 ? "kept-" : "temp-") + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                string got = (i & 1) == 0 ? interner.Intern(text) : interner.InternUtf8(Encoding.UTF8.GetBytes(text));
                if (got != text || (n < 100 && !ReferenceEquals(got, kept[n])))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });
        stop.Cancel();
        collector.Join();
        Assert.Equal(0, wrong);
        Assert.InRange(interner.Count, 100, 256);
        StringInternerStats stats = interner.GetStats();
        Assert.Equal(4 * 20_000 + 100, stats.Hits + stats.Misses + stats.Rejected);
    }

    // ---- MemoryBoundedCache ----

    [Fact]
    public void Cache_sizer_throwing_leaves_previous_value()
    {
        bool fail = false;
        var cache = new MemoryBoundedCache<string, string>(new MemoryBoundedCacheOptions<string, string>
        {
            ValueSizer = v => fail ? throw new FormatException("sizer") : v.Length,
        });
        cache.Set("k", "old");
        fail = true;
        Assert.Throws<FormatException>(() => cache.Set("k", "new"));
        Assert.Throws<FormatException>(() => cache.GetOrAdd("z", _ => "new"));
        fail = false;
        Assert.True(cache.TryGet("k", out string? v));
        Assert.Equal("old", v);
        Assert.Equal("zz", cache.GetOrAdd("z", _ => "zz"));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Cache_ttl_near_the_end_of_time()
    {
        var time = new FakeTimeProvider(DateTimeOffset.MaxValue - TimeSpan.FromSeconds(10));
        var cache = new MemoryBoundedCache<string, string>(new MemoryBoundedCacheOptions<string, string>
        {
            TimeProvider = time,
            TimeToLive = TimeSpan.MaxValue,
        });
        cache.Set("a", "1");
        cache.Set("b", "2", TimeSpan.MaxValue);
        cache.Set("c", "3", TimeSpan.FromSeconds(5));
        Assert.True(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.False(cache.TryGet("c", out _));
        Assert.True(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("b", out _));
    }

    [Fact]
    public void Cache_ttl_edges_throw_clearly()
    {
        var cache = new MemoryBoundedCache<string, string>(10, 1 << 20);
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Set("k", "v", TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Set("k", "v", TimeSpan.FromTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Set("k", "v", TimeSpan.MinValue));
        Assert.True(cache.Set("k", "v", TimeSpan.FromTicks(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryBoundedCache<string, string>(new MemoryBoundedCacheOptions<string, string> { TimeToLive = TimeSpan.Zero }));
    }

    [Fact]
    public void Cache_update_with_different_sizes_keeps_totals()
    {
        var cache = new MemoryBoundedCache<string, byte[]>(3, 10_000);
        cache.Set("a", new byte[100]);
        long one = cache.MemoryBytes;
        cache.Set("a", new byte[1000]);
        cache.Set("a", new byte[10]);
        Assert.Equal(1, cache.Count);
        Assert.True(cache.MemoryBytes < one);
        Assert.False(cache.Set("a", new byte[20_000]));
        Assert.True(cache.TryGet("a", out byte[]? v));
        Assert.Equal(10, v!.Length);
        cache.TryRemove("a");
        Assert.Equal((0, 0L), (cache.Count, cache.MemoryBytes));
    }

    [Fact]
    public void Cache_concurrent_mix_is_consistent_after_quiescence()
    {
        var cache = new MemoryBoundedCache<int, byte[]>(new MemoryBoundedCacheOptions<int, byte[]> { MaxEntries = 64, MaxMemoryBytes = 64 * 400 });
        Parallel.For(0, 8, t =>
        {
            var random = new Random(t);
            for (int i = 0; i < 20_000; i++)
            {
                int key = random.Next(200);
                switch (random.Next(6))
                {
                    case 0: cache.Set(key, new byte[random.Next(0, 600)]); break;
                    case 1: cache.TryRemove(key); break;
                    case 2: cache.GetOrAdd(key, k => new byte[k]); break;
                    case 3: cache.TryGet(key, out _); break;
                    case 4: cache.GetOrAddAsync(key, (k, ct) => ValueTask.FromResult(new byte[k % 50])).AsTask().Wait(); break;
                    default: if (i % 1000 == 0) { cache.Trim(1000); } break;
                }
            }
        });
        Assert.InRange(cache.Count, 0, 64);
        Assert.InRange(cache.MemoryBytes, 0, 64 * 400);
        for (int k = 0; k < 200; k++)
        {
            cache.TryRemove(k);
        }

        Assert.Equal((0, 0L), (cache.Count, cache.MemoryBytes));
    }

    [Fact]
    public void A_cache_bounded_at_long_MaxValue_bytes_never_wraps_its_byte_total()
    {
        var cache = new MemoryBoundedCache<string, long[]>(new MemoryBoundedCacheOptions<string, long[]>
        {
            MaxMemoryBytes = long.MaxValue,
            ValueSizer = v => v[0],
        });
        Assert.True(cache.Set("a", [long.MaxValue / 2]));
        Assert.True(cache.Set("b", [long.MaxValue / 2]));
        Assert.True(cache.Set("c", [1_000]));
        Assert.InRange(cache.MemoryBytes, 0, long.MaxValue);
        Assert.Equal(cache.MemoryBytes, cache.GetStats().MemoryBytes);
        Assert.Equal(1, cache.GetStats().Evictions);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Cache_factory_throwing_caches_nothing_and_releases()
    {
        var cache = new MemoryBoundedCache<string, string>(10, 1 << 20);
        Assert.Throws<InvalidOperationException>(() => cache.GetOrAdd("k", _ => throw new InvalidOperationException("x")));
        Assert.Equal(0, cache.Count);
        Assert.Equal("v", cache.GetOrAdd("k", _ => "v"));
        Assert.Throws<InvalidOperationException>(() => cache.GetOrAdd("r", k => cache.GetOrAdd(k, _ => "inner")));
        Assert.Equal("ok", cache.GetOrAdd("r", _ => "ok"));
    }

    [Fact]
    public async Task Cache_async_factory_throwing_synchronously()
    {
        var cache = new MemoryBoundedCache<string, string>(10, 1 << 20);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await cache.GetOrAddAsync("k", (_, _) => throw new InvalidOperationException("x")));
        Assert.Equal(0, cache.Count);
        Assert.Equal("v", await cache.GetOrAddAsync("k", (_, _) => ValueTask.FromResult("v")));
    }

    // ---- Background queue ----

    [Fact]
    public void Queue_capacity_is_exact()
    {
        var queue = new BackgroundTaskQueue(new BackgroundTaskQueueOptions { MaxQueueLength = 3, MaxConcurrency = 1 });
        Assert.True(queue.TryEnqueue(_ => default));
        Assert.True(queue.TryEnqueue(_ => default));
        Assert.True(queue.TryEnqueue(_ => default));
        Assert.False(queue.TryEnqueue(_ => default));
        QueueFullException ex = Assert.Throws<QueueFullException>(() => queue.Enqueue(_ => default));
        Assert.Contains("MaxQueueLength", ex.Message);
        Assert.Equal(3, queue.Count);
        Assert.Equal(2, queue.GetStats().Rejected);
    }
}
