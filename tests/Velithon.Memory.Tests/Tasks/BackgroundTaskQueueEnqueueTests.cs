using static Velithon.Memory.Tests.Tasks.TaskQueueTestSupport;

namespace Velithon.Memory.Tests.Tasks;

public class BackgroundTaskQueueEnqueueTests
{
    [Fact]
    public void TryEnqueue_accepts_until_full_then_returns_false()
    {
        var queue = CreateQueue(maxQueueLength: 3);
        Assert.True(queue.TryEnqueue(Noop));
        Assert.True(queue.TryEnqueue(Noop));
        Assert.True(queue.TryEnqueue(Noop));
        Assert.False(queue.TryEnqueue(Noop));
        Assert.Equal(3, queue.Count);
    }

    [Fact]
    public void Flood_of_ten_times_capacity_accepts_exactly_capacity()
    {
        const int capacity = 100;
        var queue = CreateQueue(maxQueueLength: capacity);
        int accepted = 0;
        for (int i = 0; i < capacity * 10; i++)
        {
            if (queue.TryEnqueue(Noop))
            {
                accepted++;
            }
        }

        Assert.Equal(capacity, accepted);
        Assert.Equal(capacity, queue.Count);
        var stats = queue.GetStats();
        Assert.Equal(capacity, stats.Enqueued);
        Assert.Equal(capacity * 9, stats.Rejected);
    }

    [Fact]
    public void Enqueue_throws_QueueFullException_naming_the_limit_when_full()
    {
        var queue = CreateQueue(maxQueueLength: 2);
        queue.Enqueue(Noop);
        queue.Enqueue(Noop);
        var ex = Assert.Throws<QueueFullException>(() => queue.Enqueue(Noop));
        Assert.Equal(2, ex.MaxQueueLength);
        Assert.Contains("MaxQueueLength = 2", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, queue.Count);
        Assert.Equal(1, queue.GetStats().Rejected);
    }

    [Fact]
    public async Task Null_work_items_are_rejected()
    {
        var queue = CreateQueue();
        Assert.Throws<ArgumentNullException>("workItem", () => queue.TryEnqueue(null!));
        Assert.Throws<ArgumentNullException>("workItem", () => queue.Enqueue(null!));
        await Assert.ThrowsAsync<ArgumentNullException>("workItem", async () => await queue.EnqueueAsync(null!));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task EnqueueAsync_completes_synchronously_when_there_is_room()
    {
        var queue = CreateQueue(maxQueueLength: 2);
        ValueTask pending = queue.EnqueueAsync(Noop);
        Assert.True(pending.IsCompletedSuccessfully);
        await pending;
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task EnqueueAsync_waits_for_room_then_enqueues()
    {
        var queue = CreateQueue(maxQueueLength: 2);
        queue.Enqueue(Noop);
        queue.Enqueue(Noop);

        Task waiting = queue.EnqueueAsync(Noop).AsTask();
        Assert.False(waiting.IsCompleted);
        Assert.Equal(2, queue.Clear());

        // The waiting item took a freed slot during Clear() and was kept: Clear removes only what was pending when called.
        await waiting.WaitAsync(Bound);
        Assert.Equal(1, queue.Count);
        Assert.Equal(3, queue.GetStats().Enqueued);
    }

    [Fact]
    public async Task EnqueueAsync_cancelled_while_waiting_does_not_enqueue()
    {
        var queue = CreateQueue(maxQueueLength: 1);
        queue.Enqueue(Noop);
        using var cts = new CancellationTokenSource();
        Task waiting = queue.EnqueueAsync(Noop, cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Bound));
        Assert.Equal(1, queue.Count);
        Assert.Equal(1, queue.GetStats().Enqueued);
    }

    [Fact]
    public async Task EnqueueAsync_with_cancelled_token_throws_even_when_there_is_room()
    {
        var queue = CreateQueue();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queue.EnqueueAsync(Noop, new CancellationToken(true)));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Count_tracks_enqueue_and_clear()
    {
        var queue = CreateQueue(maxQueueLength: 10);
        Assert.Equal(0, queue.Count);
        for (int i = 0; i < 7; i++)
        {
            queue.Enqueue(Noop);
        }

        Assert.Equal(7, queue.Count);
        Assert.Equal(7, queue.Clear());
        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.Clear());
        Assert.Equal(7, queue.GetStats().Cleared);
        Assert.True(queue.TryEnqueue(Noop));
    }

    [Fact]
    public void Clear_drops_items_so_they_never_run()
    {
        var queue = CreateQueue(maxQueueLength: 4);
        int ran = 0;
        for (int i = 0; i < 4; i++)
        {
            queue.Enqueue(_ => { Interlocked.Increment(ref ran); return default; });
        }

        queue.Clear();
        Assert.False(queue.Reader.TryRead(out _));
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task After_stopping_TryEnqueue_returns_false_and_Enqueue_methods_throw_InvalidOperationException()
    {
        var queue = CreateQueue();
        var (runner, _) = CreateRunner(queue);
        await runner.StopAsync(CancellationToken.None);

        Assert.True(queue.IsStopped);
        Assert.False(queue.TryEnqueue(Noop));
        var ex = Assert.Throws<InvalidOperationException>(() => queue.Enqueue(Noop));
        Assert.IsNotType<QueueFullException>(ex);
        Assert.Contains("stopped", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await queue.EnqueueAsync(Noop));
        Assert.Equal(3, queue.GetStats().Rejected);
        runner.Dispose();
    }

    [Fact]
    public async Task EnqueueAsync_waiting_for_room_throws_when_the_queue_stops()
    {
        var queue = CreateQueue(maxQueueLength: 1);
        queue.Enqueue(Noop);
        Task waiting = queue.EnqueueAsync(Noop).AsTask();
        var (runner, _) = CreateRunner(queue);
        await runner.StopAsync(CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => waiting.WaitAsync(Bound));
        Assert.Contains("stopped", ex.Message, StringComparison.Ordinal);
        runner.Dispose();
    }
}
