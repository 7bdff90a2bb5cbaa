using static Velithon.Memory.Tests.Tasks.TaskQueueTestSupport;

namespace Velithon.Memory.Tests.Tasks;

public class BackgroundTaskQueueStatsTests
{
    [Fact]
    public void Fresh_queue_reports_limits_and_zero_counters()
    {
        var queue = CreateQueue(maxQueueLength: 8, maxConcurrency: 3, pressureThreshold: 6);
        var s = queue.GetStats();
        Assert.Equal(new BackgroundTaskQueueStats { MaxQueueLength = 8, MaxConcurrency = 3, PressureThreshold = 6 }, s);
        Assert.Equal(0d, s.UtilizationPercent);
        Assert.False(s.UnderPressure);
    }

    [Fact]
    public void Utilization_and_pressure_follow_the_queued_count()
    {
        var queue = CreateQueue(maxQueueLength: 8, pressureThreshold: 6);
        for (int i = 0; i < 5; i++)
        {
            queue.Enqueue(Noop);
        }

        var s = queue.GetStats();
        Assert.Equal(5, s.Queued);
        Assert.Equal(62.5, s.UtilizationPercent);
        Assert.False(s.UnderPressure);

        queue.Enqueue(Noop);
        s = queue.GetStats();
        Assert.Equal(75d, s.UtilizationPercent);
        Assert.True(s.UnderPressure);

        queue.Enqueue(Noop);
        queue.Enqueue(Noop);
        Assert.Equal(100d, queue.GetStats().UtilizationPercent);
    }

    [Fact]
    public void Computed_properties_round_and_guard_default()
    {
        Assert.Equal(33.33, new BackgroundTaskQueueStats { Queued = 1, MaxQueueLength = 3 }.UtilizationPercent);
        Assert.Equal(0d, default(BackgroundTaskQueueStats).UtilizationPercent);
        Assert.False(default(BackgroundTaskQueueStats).UnderPressure);
        Assert.True(new BackgroundTaskQueueStats { Queued = 2, PressureThreshold = 2 }.UnderPressure);
    }

    [Fact]
    public async Task Counters_balance_after_a_mixed_workload()
    {
        var queue = CreateQueue(maxQueueLength: 50, maxConcurrency: 2);
        for (int i = 0; i < 10; i++)
        {
            queue.Enqueue(Noop);
        }

        Assert.Equal(10, queue.Clear());
        for (int i = 0; i < 20; i++)
        {
            int n = i;
            queue.Enqueue(_ => n % 4 == 0 ? throw new InvalidOperationException("boom") : default);
        }

        var (runner, _) = CreateRunner(queue);
        await runner.StartAsync(CancellationToken.None);
        await runner.StopAsync(CancellationToken.None);
        runner.Dispose();

        var s = queue.GetStats();
        Assert.Equal(30, s.Enqueued);
        Assert.Equal(10, s.Cleared);
        Assert.Equal(15, s.Completed);
        Assert.Equal(5, s.Failed);
        Assert.Equal(0, s.Running);
        Assert.Equal(0, s.Queued);
        Assert.Equal(0, s.DroppedOnShutdown);
        AssertBalanced(s);
    }
}
