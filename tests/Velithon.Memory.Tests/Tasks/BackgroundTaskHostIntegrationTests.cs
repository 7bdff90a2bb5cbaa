using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using static Velithon.Memory.Tests.Tasks.TaskQueueTestSupport;

namespace Velithon.Memory.Tests.Tasks;

public class BackgroundTaskHostIntegrationTests
{
    private static HostApplicationBuilder CreateBuilder()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        return builder;
    }

    [Fact]
    public void Registers_one_queue_for_both_service_types_and_one_runner_even_when_called_twice()
    {
        var builder = CreateBuilder();
        builder.Services.AddVelithonBackgroundTasks(o => o.MaxQueueLength = 20);
        builder.Services.AddVelithonBackgroundTasks(o => o.PressureThreshold = 5);
        using IHost host = builder.Build();

        var queue = host.Services.GetRequiredService<BackgroundTaskQueue>();
        Assert.Same(queue, host.Services.GetRequiredService<IBackgroundTaskQueue>());
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<BackgroundTaskRunner>());
        Assert.Single(host.Services.GetServices<IValidateOptions<BackgroundTaskQueueOptions>>());
        Assert.Equal(20, queue.MaxQueueLength);
        Assert.Equal(5, queue.PressureThreshold);
    }

    [Fact]
    public async Task Invalid_options_fail_host_start_with_a_clear_message()
    {
        var builder = CreateBuilder();
        builder.Services.AddVelithonBackgroundTasks(o => o.MaxConcurrency = 0);
        using IHost host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("MaxConcurrency must be between 1 and 1024", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_items_from_DI_and_logs_failures_through_the_host_logger()
    {
        var builder = CreateBuilder();
        builder.Services.AddVelithonBackgroundTasks(o => { o.MaxQueueLength = 100; o.PressureThreshold = 50; o.MaxConcurrency = 2; });
        using IHost host = builder.Build();
        await host.StartAsync();

        var queue = host.Services.GetRequiredService<IBackgroundTaskQueue>();
        int ran = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (int i = 0; i < 50; i++)
        {
            await queue.EnqueueAsync(async ct =>
            {
                await Task.Yield();
                if (Interlocked.Increment(ref ran) == 50)
                {
                    done.TrySetResult();
                }
            });
        }

        queue.Enqueue(_ => throw new InvalidOperationException("item failed"));
        await done.Task.WaitAsync(Bound);
        await host.StopAsync();

        var stats = queue.GetStats();
        Assert.Equal(50, stats.Completed);
        Assert.Equal(1, stats.Failed);
        var collector = host.Services.GetRequiredService<FakeLogCollector>();
        var failure = Assert.Single(collector.GetSnapshot(), r => r.Id.Id == 1);
        Assert.Equal(typeof(BackgroundTaskRunner).FullName, failure.Category);
        Assert.Equal("item failed", failure.Exception!.Message);
    }

    [Fact]
    public async Task Host_stop_drains_accepted_items()
    {
        var builder = CreateBuilder();
        builder.Services.AddVelithonBackgroundTasks(o => { o.MaxQueueLength = 500; o.PressureThreshold = 500; o.MaxConcurrency = 2; });
        using IHost host = builder.Build();
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IBackgroundTaskQueue>();
        int ran = 0;
        for (int i = 0; i < 500; i++)
        {
            queue.Enqueue(async _ => { await Task.Yield(); Interlocked.Increment(ref ran); });
        }

        await host.StopAsync();

        Assert.Equal(500, ran);
        Assert.Equal(0, queue.GetStats().DroppedOnShutdown);
        Assert.False(queue.TryEnqueue(Noop));
    }

    [Fact]
    public async Task Host_shutdown_timeout_cancels_the_running_item_and_reports_items_not_run()
    {
        var builder = CreateBuilder();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200));
        builder.Services.AddVelithonBackgroundTasks(o => { o.MaxQueueLength = 10; o.PressureThreshold = 10; o.MaxConcurrency = 1; });
        using IHost host = builder.Build();
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IBackgroundTaskQueue>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Enqueue(async ct => { started.TrySetResult(); await Task.Delay(Timeout.Infinite, ct); });
        for (int i = 0; i < 5; i++)
        {
            queue.Enqueue(Noop);
        }

        await started.Task.WaitAsync(Bound);
        await host.StopAsync().WaitAsync(Bound);

        // On a loaded machine the cancelled item may need longer than the runner's grace period to finish; it is then
        // logged as abandoned and counted when it ends. Wait for that, bounded.
        var deadline = DateTime.UtcNow + Bound;
        while (queue.GetStats().Running != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        var stats = queue.GetStats();
        Assert.Equal(1, stats.Failed);
        Assert.Equal(5, stats.DroppedOnShutdown);
        Assert.Equal(0, stats.Running);
        AssertBalanced(stats);
        var records = host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        Assert.Single(records, r => r.Id.Id == 2);
        Assert.Equal("5", Assert.Single(records, r => r.Id.Id == 5).GetStructuredStateValue("Dropped"));
    }
}
