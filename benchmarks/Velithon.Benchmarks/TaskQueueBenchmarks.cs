using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Velithon.Memory;

namespace Velithon.Benchmarks;

/// <summary>
/// Enqueue-and-run throughput: each invocation enqueues <see cref="Items"/> work items (waiting for room when the
/// queue is full) and waits until all have run. The anchor is a bare bounded <see cref="Channel{T}"/> with one
/// reader loop running the same delegate. Target: the Velithon queue with one worker at ≥ 0.8× the anchor.
/// The semaphore variant is the alternative runner design (one dispatcher, a <see cref="SemaphoreSlim"/> and a
/// task per item) measured against N worker loops reading the channel, which is what the runner uses.
/// </summary>
[MemoryDiagnoser]
public class TaskQueueBenchmarks
{
    private const int Items = 10_000;
    private const int Capacity = 1024;

    private readonly Func<CancellationToken, ValueTask> _work;
    private int _done;
    private TaskCompletionSource _allDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Channel<Func<CancellationToken, ValueTask>> _channel = null!;
    private Task _channelReader = null!;

    private Channel<Func<CancellationToken, ValueTask>> _semaphoreChannel = null!;
    private Task _semaphoreDispatcher = null!;
    private SemaphoreSlim _semaphore = null!;

    private BackgroundTaskQueue _queueOne = null!;
    private BackgroundTaskRunner _runnerOne = null!;
    private BackgroundTaskQueue _queueN = null!;
    private BackgroundTaskRunner _runnerN = null!;

    public TaskQueueBenchmarks()
    {
        _work = _ =>
        {
            if (Interlocked.Increment(ref _done) == Items)
            {
                _allDone.TrySetResult();
            }

            return default;
        };
    }

    [GlobalSetup]
    public void Setup()
    {
        _channel = Channel.CreateBounded<Func<CancellationToken, ValueTask>>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _channelReader = Task.Run(async () =>
        {
            var reader = _channel.Reader;
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var item))
                {
                    await item(CancellationToken.None);
                }
            }
        });

        _semaphore = new SemaphoreSlim(Environment.ProcessorCount);
        _semaphoreChannel = Channel.CreateBounded<Func<CancellationToken, ValueTask>>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _semaphoreDispatcher = Task.Run(async () =>
        {
            var reader = _semaphoreChannel.Reader;
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var item))
                {
                    await _semaphore.WaitAsync();
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await item(CancellationToken.None);
                        }
                        finally
                        {
                            _semaphore.Release();
                        }
                    });
                }
            }
        });

        (_queueOne, _runnerOne) = StartQueue(1);
        (_queueN, _runnerN) = StartQueue(Environment.ProcessorCount);
    }

    private static (BackgroundTaskQueue, BackgroundTaskRunner) StartQueue(int maxConcurrency)
    {
        var queue = new BackgroundTaskQueue(new BackgroundTaskQueueOptions
        {
            MaxQueueLength = Capacity,
            MaxConcurrency = maxConcurrency,
            PressureThreshold = Capacity,
        });
        var runner = new BackgroundTaskRunner(queue, NullLogger<BackgroundTaskRunner>.Instance);
        runner.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return (queue, runner);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _channel.Writer.Complete();
        _semaphoreChannel.Writer.Complete();
        Task.WhenAll(_channelReader, _semaphoreDispatcher).GetAwaiter().GetResult();
        _runnerOne.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _runnerN.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _runnerOne.Dispose();
        _runnerN.Dispose();
        _semaphore.Dispose();
    }

    private Task Reset()
    {
        _done = 0;
        _allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _allDone.Task;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Items, Description = "Channel<T> bounded, 1 reader")]
    public async Task BoundedChannel()
    {
        Task done = Reset();
        var writer = _channel.Writer;
        for (int i = 0; i < Items; i++)
        {
            await writer.WriteAsync(_work);
        }

        await done;
    }

    [Benchmark(OperationsPerInvoke = Items, Description = "BackgroundTaskQueue, MaxConcurrency 1")]
    public async Task VelithonQueue_OneWorker()
    {
        Task done = Reset();
        for (int i = 0; i < Items; i++)
        {
            await _queueOne.EnqueueAsync(_work);
        }

        await done;
    }

    [Benchmark(OperationsPerInvoke = Items, Description = "BackgroundTaskQueue, MaxConcurrency = cores")]
    public async Task VelithonQueue_WorkerPerCore()
    {
        Task done = Reset();
        for (int i = 0; i < Items; i++)
        {
            await _queueN.EnqueueAsync(_work);
        }

        await done;
    }

    [Benchmark(OperationsPerInvoke = Items, Description = "Channel + SemaphoreSlim dispatcher, cores")]
    public async Task SemaphoreDispatcher()
    {
        Task done = Reset();
        var writer = _semaphoreChannel.Writer;
        for (int i = 0; i < Items; i++)
        {
            await writer.WriteAsync(_work);
        }

        await done;
    }
}
