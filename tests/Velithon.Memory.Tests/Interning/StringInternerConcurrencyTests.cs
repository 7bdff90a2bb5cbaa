using System.Collections.Concurrent;
using System.Text;

namespace Velithon.Memory.Tests.Interning;

public class StringInternerConcurrencyTests
{
    private const int ThreadCount = 4;

    [Fact]
    public void Threads_interning_overlapping_sets_agree_on_one_instance_per_value()
    {
        const int valueCount = 4000;
        var interner = new StringInterner();
        string[] texts = Enumerable.Range(0, valueCount).Select(i => $"shared-{i}-é").ToArray();
        byte[][] utf8 = texts.Select(Encoding.UTF8.GetBytes).ToArray();
        var results = new string[ThreadCount][];
        var failures = new ConcurrentQueue<string>();

        RunThreads(ThreadCount, thread =>
        {
            var random = new Random(thread);
            int[] order = Enumerable.Range(0, valueCount).OrderBy(_ => random.Next()).ToArray();
            var mine = new string[valueCount];
            foreach (int i in order)
            {
                string result = ((i + thread) % 3) switch
                {
                    0 => interner.Intern(new string(texts[i].AsSpan())),
                    1 => interner.Intern(texts[i].AsSpan()),
                    _ => interner.InternUtf8(utf8[i]),
                };
                if (!string.Equals(result, texts[i], StringComparison.Ordinal))
                {
                    failures.Enqueue($"thread {thread}: '{result}' for '{texts[i]}'");
                }

                mine[i] = result;
            }

            results[thread] = mine;
        });

        Assert.Empty(failures);
        for (int i = 0; i < valueCount; i++)
        {
            for (int thread = 1; thread < ThreadCount; thread++)
            {
                Assert.Same(results[0][i], results[thread][i]);
            }

            Assert.True(interner.TryGet(texts[i].AsSpan(), out string? canonical));
            Assert.Same(results[0][i], canonical);
        }

        StringInternerStats stats = interner.GetStats();
        Assert.Equal(valueCount, stats.Misses);
        Assert.Equal((long)ThreadCount * valueCount, stats.Hits + stats.Misses + stats.Rejected);
        Assert.Equal(0, stats.Rejected);
        Assert.Equal(valueCount, stats.Count);
        GC.KeepAlive(results);
    }

    [Fact]
    public void Interning_racing_with_cleanup_gc_and_a_full_table_keeps_invariants()
    {
        const int maxCount = 256;
        const int iterations = 20_000;
        const int pinnedPerThread = 16;
        var interner = new StringInterner(new StringInternerOptions { MaxCount = maxCount });
        var failures = new ConcurrentQueue<string>();

        // Strongly held canonical values: whatever else happens they must stay interned and canonical.
        string[][] pinned = Enumerable.Range(0, ThreadCount)
            .Select(t => Enumerable.Range(0, pinnedPerThread).Select(i => interner.Intern($"pinned-{t}-{i}")).ToArray())
            .ToArray();
        long countedCalls = ThreadCount * pinnedPerThread;
        int workersLeft = ThreadCount;

        var janitor = new Thread(() =>
        {
            int round = 0;
            while (Volatile.Read(ref workersLeft) > 0)
            {
                interner.Cleanup();
                if (++round % 16 == 0)
                {
                    GC.Collect(0);
                }

                if (interner.Count > maxCount)
                {
                    failures.Enqueue($"Count {interner.Count} exceeded {maxCount}");
                }

                Thread.Yield();
            }
        });
        janitor.Start();

        RunThreads(ThreadCount, thread =>
        {
            try
            {
                var random = new Random(thread);
                for (int i = 0; i < iterations; i++)
                {
                    string text = $"churn-{random.Next(2000)}";
                    string result = (i % 3) switch
                    {
                        0 => interner.Intern(text),
                        1 => interner.Intern(text.AsSpan()),
                        _ => interner.InternUtf8(Encoding.UTF8.GetBytes(text)),
                    };
                    if (!string.Equals(result, text, StringComparison.Ordinal))
                    {
                        failures.Enqueue($"'{result}' for '{text}'");
                    }

                    string held = pinned[thread][i % pinnedPerThread];
                    if (!ReferenceEquals(held, interner.Intern(held.AsSpan())))
                    {
                        failures.Enqueue($"pinned '{held}' lost its canonical instance");
                    }
                }
            }
            finally
            {
                Interlocked.Decrement(ref workersLeft);
            }
        });
        janitor.Join();

        Assert.Empty(failures);
        Assert.InRange(interner.Count, ThreadCount * pinnedPerThread, maxCount);
        StringInternerStats stats = interner.GetStats();
        Assert.Equal(countedCalls + (2L * ThreadCount * iterations), stats.Hits + stats.Misses + stats.Rejected);
        GC.KeepAlive(pinned);
    }

    [Fact]
    public void Concurrent_first_interns_of_one_value_all_return_the_winner()
    {
        var interner = new StringInterner();
        const int rounds = 200;
        var results = new string[ThreadCount][];
        using var barrier = new Barrier(ThreadCount);

        RunThreads(ThreadCount, thread =>
        {
            results[thread] = new string[rounds];
            for (int round = 0; round < rounds; round++)
            {
                barrier.SignalAndWait();
                results[thread][round] = interner.Intern($"race-{round}");
            }
        });

        for (int round = 0; round < rounds; round++)
        {
            Assert.All(results, r => Assert.Same(results[0][round], r[round]));
        }

        Assert.Equal(rounds, interner.GetStats().Misses);
        GC.KeepAlive(results);
    }

    private static void RunThreads(int count, Action<int> body)
    {
        var errors = new ConcurrentQueue<Exception>();
        Thread[] threads = Enumerable.Range(0, count).Select(t => new Thread(() =>
        {
            try
            {
                body(t);
            }
            catch (Exception ex)
            {
                errors.Enqueue(ex);
            }
        })).ToArray();
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        if (!errors.IsEmpty)
        {
            throw new AggregateException(errors);
        }
    }
}
