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
        Allocations.AssertNone(
            () =>
            {
                var s = queue.GetStats();
                sink += s.Enqueued + s.Queued + queue.Count + (long)s.UtilizationPercent + (s.UnderPressure ? 1 : 0);
            },
            Iterations);
        Assert.True(sink > 0);
    }

    [Fact]
    public void Enqueue_paths_and_Clear_do_not_allocate_once_warm()
    {
        var queue = CreateQueue(maxQueueLength: 64);
        Func<CancellationToken, ValueTask> item = Noop;
        int rejected = 0;
        Allocations.AssertNone(
            () =>
            {
                Fill(queue, item);
                rejected += queue.TryEnqueue(item) ? 0 : 1;
                queue.Clear();
            },
            Iterations / 64);
        Assert.True(rejected >= 2 * (Iterations / 64), $"{rejected}"); // a full queue refuses every time
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
