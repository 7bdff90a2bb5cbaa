using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Velithon.Memory.Diagnostics;

/// <summary>
/// A monotonic 64-bit counter split into cache-line-padded cells indexed by the current managed thread, so that hot
/// paths on several threads do not fight over one cache line. The thread id is a thread-static read;
/// <see cref="Thread.GetCurrentProcessorId"/> was measured to cost a <c>sched_getcpu</c> call on some Linux hosts.
/// </summary>
/// <remarks>
/// The first thread to count in a cell owns it and counts there with plain stores: managed thread ids are unique among
/// live threads, so nobody else writes that field, and an exited owner's id is only ever reused by a thread that
/// follows it. Other threads mapped to the same cell count in its shared field with <see cref="Interlocked"/>. No
/// increment is lost either way. <see cref="Sum"/> adds the cells up; it is exact once writers are quiet and never
/// lower than any value the counter held before the call started.
/// </remarks>
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
    public void Increment() => Add(1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(long delta)
    {
        int id = Environment.CurrentManagedThreadId;
        ref PaddedCell cell = ref _cells[id & _mask];
        if (cell.Owner == id)
        {
            // A plain read-modify-write: only this thread writes OwnedValue. Volatile.Write keeps the store whole and
            // ordered for readers on weakly ordered platforms; on x64 and arm64 it is an ordinary store.
            Volatile.Write(ref cell.OwnedValue, cell.OwnedValue + delta);
            return;
        }

        AddShared(ref cell, id, delta);
    }

    public long Sum()
    {
        long sum = 0;
        foreach (ref PaddedCell cell in _cells.AsSpan())
        {
            sum += Volatile.Read(ref cell.OwnedValue) + Volatile.Read(ref cell.SharedValue);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddShared(ref PaddedCell cell, int id, long delta)
    {
        // Claim a free cell once; a claimed one stays its owner's (and its id's successors') for good.
        if (Volatile.Read(ref cell.Owner) == 0 && Interlocked.CompareExchange(ref cell.Owner, id, 0) == 0)
        {
            Volatile.Write(ref cell.OwnedValue, cell.OwnedValue + delta);
            return;
        }

        Interlocked.Add(ref cell.SharedValue, delta);
    }

    // 128 bytes: one cache line plus the adjacent line the prefetcher pulls in on x64.
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedCell
    {
        [FieldOffset(64)]
        public int Owner;

        [FieldOffset(72)]
        public long OwnedValue;

        [FieldOffset(80)]
        public long SharedValue;
    }
}
