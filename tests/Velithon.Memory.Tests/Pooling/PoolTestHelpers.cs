using System.Numerics;

namespace Velithon.Memory.Tests.Pooling;

internal static class PoolTestHelpers
{
    /// <summary>
    /// A pool that gen-2 GCs leave alone, so that exact pooled counts cannot be changed by a collection some other
    /// test triggers at the same time.
    /// </summary>
    public static VelithonMemoryPool NewPool(
        int maxArrayLength = VelithonMemoryPool.DefaultMaxArrayLength,
        int maxArraysPerBucket = VelithonMemoryPool.DefaultMaxArraysPerBucket)
        => new(maxArrayLength, maxArraysPerBucket) { AutomaticTrimEnabled = false };

    public static int BucketIndex(int length) => BitOperations.Log2((uint)length) - 4;

    /// <summary>Runs <paramref name="action"/> on a fresh thread and waits for it to exit.</summary>
    public static void RunOnNewThread(Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("The worker thread failed.", failure);
        }
    }
}
