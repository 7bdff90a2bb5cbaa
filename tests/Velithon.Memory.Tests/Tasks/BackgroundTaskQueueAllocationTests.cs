using static Velithon.Memory.Tests.Tasks.TaskQueueTestSupport;

namespace Velithon.Memory.Tests.Tasks;

public class BackgroundTaskQueueAllocationTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void GetStats_and_Count_do_not_allocate()
    {
        var queue = CreateQueue(maxQueueLength: 64);
        queue.Enqueue(Noop);
        long sink = 0;
        for (int i = 0; i < 100; i++)
        {
            sink += queue.GetStats().Enqueued + queue.Count;
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            var s = queue.GetStats();
            sink += s.Enqueued + s.Queued + queue.Count + (long)s.UtilizationPercent + (s.UnderPressure ? 1 : 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sink > 0);
    }

    [Fact]
    public void Enqueue_paths_and_Clear_do_not_allocate_once_warm()
    {
        var queue = CreateQueue(maxQueueLength: 64);
        Func<CancellationToken, ValueTask> item = Noop;
        for (int i = 0; i < 10; i++)
        {
            Fill(queue, item);
            queue.Clear();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations / 64; i++)
        {
            Fill(queue, item);
            Assert.False(queue.TryEnqueue(item));
            queue.Clear();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Fill(BackgroundTaskQueue queue, Func<CancellationToken, ValueTask> item)
    {
        for (int i = 0; i < 21; i++)
        {
            queue.TryEnqueue(item);
            queue.Enqueue(item);
            ValueTask pending = queue.EnqueueAsync(item);
            if (!pending.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("EnqueueAsync should complete synchronously when there is room.");
            }
        }

        queue.TryEnqueue(item);
    }
}
