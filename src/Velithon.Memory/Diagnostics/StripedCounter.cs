using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Velithon.Memory.Diagnostics;

/// <summary>
/// A monotonic 64-bit counter split into cache-line-padded cells indexed by the current managed thread, so that hot
/// paths on several threads do not fight over one cache line. The thread id is a thread-static read;
/// <see cref="Thread.GetCurrentProcessorId"/> was measured to cost a <c>sched_getcpu</c> call on some Linux hosts. <see cref="Sum"/> adds the cells up; it is exact
/// once writers are quiet and never lower than any value the counter held before the call started.
/// </summary>
internal sealed class StripedCounter
{
    private readonly PaddedCell[] _cells;
    private readonly int _mask;

    public StripedCounter()
    {
        // Four cells a core keeps threads with neighbouring ids (the thread pool's) on different lines.
        int count = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount * 4, 4, 256));
        _cells = new PaddedCell[count];
        _mask = count - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment() => Interlocked.Increment(ref _cells[Environment.CurrentManagedThreadId & _mask].Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(long delta) => Interlocked.Add(ref _cells[Environment.CurrentManagedThreadId & _mask].Value, delta);

    public long Sum()
    {
        long sum = 0;
        foreach (ref PaddedCell cell in _cells.AsSpan())
        {
            sum += Volatile.Read(ref cell.Value);
        }

        return sum;
    }

    /// <summary>Resets every cell to zero. Increments racing with the reset may survive it.</summary>
    public void Reset()
    {
        foreach (ref PaddedCell cell in _cells.AsSpan())
        {
            Volatile.Write(ref cell.Value, 0);
        }
    }

    // 128 bytes: one cache line plus the adjacent line the prefetcher pulls in on x64.
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedCell
    {
        [FieldOffset(64)]
        public long Value;
    }
}
