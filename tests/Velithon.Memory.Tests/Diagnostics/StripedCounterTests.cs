using Velithon.Memory.Diagnostics;

namespace Velithon.Memory.Tests.Diagnostics;

public class StripedCounterTests
{
    [Fact]
    public void Counts_every_increment_of_more_threads_than_cells()
    {
        // 64 threads on at most 4 * cores cells: most cells have an owner counting with plain stores and other threads
        // counting in the same cell with Interlocked, at the same time.
        var counter = new StripedCounter();
        const int Threads = 64;
        const int PerThread = 20_000;
        using var start = new Barrier(Threads);
        var threads = new Thread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            threads[t] = new Thread(() =>
            {
                start.SignalAndWait();
                for (int i = 0; i < PerThread; i++)
                {
                    counter.Increment();
                }
            });
            threads[t].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Equal((long)Threads * PerThread, counter.Sum());
    }

    [Fact]
    public void Keeps_the_counts_of_exited_owners_when_their_ids_are_reused()
    {
        var counter = new StripedCounter();
        long expected = 0;
        for (int round = 0; round < 200; round++)
        {
            int delta = round + 1;
            var thread = new Thread(() => counter.Add(delta));
            thread.Start();
            thread.Join();
            expected += delta;
        }

        counter.Add(5);
        Assert.Equal(expected + 5, counter.Sum());
    }

    [Fact]
    public async Task Sum_never_goes_below_a_value_already_seen_while_writers_run()
    {
        var counter = new StripedCounter();
        using var stop = new CancellationTokenSource();
        Task[] writers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                counter.Increment();
            }
        })).ToArray();

        long last = 0;
        for (int i = 0; i < 10_000; i++)
        {
            long sum = counter.Sum();
            Assert.True(sum >= last, $"Sum went from {last} to {sum}.");
            last = sum;
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);
    }
}
