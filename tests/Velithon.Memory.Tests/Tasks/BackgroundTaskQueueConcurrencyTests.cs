using static Velithon.Memory.Tests.Tasks.TaskQueueTestSupport;

namespace Velithon.Memory.Tests.Tasks;

public class BackgroundTaskQueueConcurrencyTests
{
    [Fact]
    public void Concurrent_flood_accepts_exactly_capacity_and_never_exceeds_it()
    {
        const int capacity = 500;
        const int producers = 4;
        const int attemptsPerProducer = capacity * 10 / producers;
        var queue = CreateQueue(maxQueueLength: capacity);
        using var start = new Barrier(producers + 1);
        int accepted = 0;
        int overLimitSightings = 0;
        int producing = producers;

        var sampler = new Thread(() =>
        {
            start.SignalAndWait();
            while (Volatile.Read(ref producing) > 0)
            {
                if (queue.Count > capacity || Volatile.Read(ref accepted) > capacity)
                {
                    Interlocked.Increment(ref overLimitSightings);
                }
            }
        });
        sampler.Start();

        var threads = Enumerable.Range(0, producers).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < attemptsPerProducer; i++)
            {
                if (queue.TryEnqueue(Noop))
                {
                    Interlocked.Increment(ref accepted);
                }
            }

            Interlocked.Decrement(ref producing);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        sampler.Join();

        Assert.Equal(0, overLimitSightings);
        Assert.Equal(capacity, accepted);
        Assert.Equal(capacity, queue.Count);
        var s = queue.GetStats();
        Assert.Equal(capacity, s.Enqueued);
        Assert.Equal(capacity * 9, s.Rejected);
    }

    [Fact]
    public async Task Concurrent_producers_with_runner_run_every_accepted_item_exactly_once()
    {
        const int capacity = 64;
        const int maxConcurrency = 3;
        const int producers = 4;
        const int attemptsPerProducer = 2_000;
        var queue = CreateQueue(maxQueueLength: capacity, maxConcurrency: maxConcurrency);
        var (runner, logger) = CreateRunner(queue);
        await runner.StartAsync(CancellationToken.None);

        var runs = new int[producers * attemptsPerProducer];
        var accepted = new bool[runs.Length];
        int violations = 0;
        int producing = producers;

        var sampler = Task.Run(() =>
        {
            while (Volatile.Read(ref producing) > 0)
            {
                var s = queue.GetStats();
                if (s.Queued > capacity || s.Running > maxConcurrency)
                {
                    Interlocked.Increment(ref violations);
                }
            }
        });

        var producerTasks = Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            for (int i = 0; i < attemptsPerProducer; i++)
            {
                int id = p * attemptsPerProducer + i;
                Func<CancellationToken, ValueTask> item = _ => { Interlocked.Increment(ref runs[id]); return default; };
                if (i % 2 == 0)
                {
                    accepted[id] = queue.TryEnqueue(item);
                }
                else
                {
                    await queue.EnqueueAsync(item);
                    accepted[id] = true;
                }
            }

            Interlocked.Decrement(ref producing);
        })).ToArray();

        await Task.WhenAll(producerTasks).WaitAsync(Bound);
        await sampler.WaitAsync(Bound);
        await runner.StopAsync(CancellationToken.None);
        runner.Dispose();

        Assert.Equal(0, violations);
        for (int id = 0; id < runs.Length; id++)
        {
            Assert.Equal(accepted[id] ? 1 : 0, runs[id]);
        }

        var stats = queue.GetStats();
        Assert.Equal(accepted.Count(a => a), stats.Enqueued);
        Assert.Equal(stats.Enqueued, stats.Completed);
        Assert.Equal(0, stats.DroppedOnShutdown);
        AssertBalanced(stats);
        Assert.Empty(logger.Events(5));
    }

    [Fact]
    public async Task Runner_never_exceeds_MaxConcurrency_and_reaches_it()
    {
        const int maxConcurrency = 3;
        const int items = 300;
        var queue = CreateQueue(maxQueueLength: items, maxConcurrency: maxConcurrency);
        int gauge = 0;
        int maxSeen = 0;
        var allBusy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        for (int i = 0; i < items; i++)
        {
            queue.Enqueue(async _ =>
            {
                int now = Interlocked.Increment(ref gauge);
                UpdateMax(ref maxSeen, now);
                if (now == maxConcurrency)
                {
                    allBusy.TrySetResult();
                }

                // The first items hold their slot until all slots are busy, so reaching the limit is certain.
                await allBusy.Task;
                await Task.Yield();
                Interlocked.Decrement(ref gauge);
            });
        }

        var (runner, _) = CreateRunner(queue);
        await runner.StartAsync(CancellationToken.None);
        await allBusy.Task.WaitAsync(Bound);
        await runner.StopAsync(CancellationToken.None);
        runner.Dispose();

        Assert.Equal(maxConcurrency, maxSeen);
        Assert.Equal(items, queue.GetStats().Completed);
    }

    [Fact]
    public async Task Clear_racing_with_runner_and_producers_loses_nothing()
    {
        var queue = CreateQueue(maxQueueLength: 32, maxConcurrency: 2);
        var (runner, _) = CreateRunner(queue);
        await runner.StartAsync(CancellationToken.None);
        int ran = 0;
        long cleared = 0;
        Func<CancellationToken, ValueTask> item = _ => { Interlocked.Increment(ref ran); return default; };

        var producer = Task.Run(() =>
        {
            for (int i = 0; i < 5_000; i++)
            {
                queue.TryEnqueue(item);
            }
        });
        var clearer = Task.Run(() =>
        {
            while (!producer.IsCompleted)
            {
                Interlocked.Add(ref cleared, queue.Clear());
            }
        });
        await Task.WhenAll(producer, clearer).WaitAsync(Bound);
        await runner.StopAsync(CancellationToken.None);
        runner.Dispose();

        var s = queue.GetStats();
        Assert.Equal(cleared, s.Cleared);
        Assert.Equal(ran, s.Completed);
        Assert.Equal(s.Enqueued, s.Completed + s.Cleared);
        AssertBalanced(s);
    }

    private static void UpdateMax(ref int max, int value)
    {
        int current = Volatile.Read(ref max);
        while (value > current)
        {
            int seen = Interlocked.CompareExchange(ref max, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
