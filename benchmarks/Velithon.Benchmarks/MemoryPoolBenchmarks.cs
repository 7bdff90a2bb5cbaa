using System.Buffers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Velithon.Memory;

namespace Velithon.Benchmarks;

/// <summary>
/// Rent/return of 4 KiB arrays, stats on (they always are), against <see cref="ArrayPool{T}.Shared"/>: on one thread,
/// and on two dedicated threads hammering the same pool at once. Target (issue 21): at least 1.0x the anchor's throughput.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MemoryPoolBenchmarks
{
    private const int Size = 4096;
    private const int OpsPerThread = 1_000;
    private const int OpsTwoThreads = 200_000;

    private readonly VelithonMemoryPool _instance = new();
    private TwoThreadRunner? _runner;

    [GlobalSetup]
    public void Setup() => _runner = new TwoThreadRunner();

    [GlobalCleanup]
    public void Cleanup() => _runner?.Dispose();

    [BenchmarkCategory("OneThread")]
    [Benchmark(Baseline = true, OperationsPerInvoke = OpsPerThread)]
    public void ArrayPoolShared() => RentReturn(ArrayPool<byte>.Shared, OpsPerThread);

    [BenchmarkCategory("OneThread")]
    [Benchmark(OperationsPerInvoke = OpsPerThread)]
    public void VelithonShared() => RentReturn(VelithonMemoryPool.Shared, OpsPerThread);

    [BenchmarkCategory("OneThread")]
    [Benchmark(OperationsPerInvoke = OpsPerThread)]
    public void VelithonInstance() => RentReturn(_instance, OpsPerThread);

    [BenchmarkCategory("TwoThreads")]
    [Benchmark(Baseline = true, OperationsPerInvoke = OpsTwoThreads)]
    public void ArrayPoolShared_2T() => _runner!.Run(static () => RentReturn(ArrayPool<byte>.Shared, OpsTwoThreads));

    [BenchmarkCategory("TwoThreads")]
    [Benchmark(OperationsPerInvoke = OpsTwoThreads)]
    public void VelithonShared_2T() => _runner!.Run(static () => RentReturn(VelithonMemoryPool.Shared, OpsTwoThreads));

    [BenchmarkCategory("TwoThreads")]
    [Benchmark(OperationsPerInvoke = OpsTwoThreads)]
    public void VelithonInstance_2T()
    {
        VelithonMemoryPool pool = _instance;
        _runner!.Run(() => RentReturn(pool, OpsTwoThreads));
    }

    private static void RentReturn(ArrayPool<byte> pool, int ops)
    {
        for (int i = 0; i < ops; i++)
        {
            byte[] array = pool.Rent(Size);
            array[0] = (byte)i;
            pool.Return(array);
        }
    }

    /// <summary>Two long-lived threads that run the same action at once per call, so thread start-up is not measured.</summary>
    private sealed class TwoThreadRunner : IDisposable
    {
        private readonly Barrier _barrier = new(3);
        private readonly Thread[] _threads;
        private Action? _work;
        private volatile bool _stop;

        public TwoThreadRunner()
        {
            _threads = [new Thread(Loop) { IsBackground = true }, new Thread(Loop) { IsBackground = true }];
            foreach (Thread thread in _threads)
            {
                thread.Start();
            }
        }

        public void Run(Action work)
        {
            _work = work;
            _barrier.SignalAndWait(); // start
            _barrier.SignalAndWait(); // both done
        }

        public void Dispose()
        {
            _stop = true;
            _barrier.SignalAndWait();
            foreach (Thread thread in _threads)
            {
                thread.Join();
            }

            _barrier.Dispose();
        }

        private void Loop()
        {
            while (true)
            {
                _barrier.SignalAndWait();
                if (_stop)
                {
                    return;
                }

                _work!();
                _barrier.SignalAndWait();
            }
        }
    }
}
