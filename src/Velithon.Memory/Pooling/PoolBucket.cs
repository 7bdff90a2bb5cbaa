namespace Velithon.Memory;

/// <summary>
/// The shared part of one size class: per-core locked stacks plus the permit count that keeps the arrays held by the
/// whole bucket (stacks and per-thread slots) at or below <see cref="VelithonMemoryPool.MaxArraysPerBucket"/>.
/// </summary>
/// <remarks>
/// Every pooled array is backed by a permit. A stack takes one when it accepts an array and gives it back when the
/// array leaves. A thread slot takes one the first time it stores an array and keeps it while its thread lives, so
/// the rent/return fast path needs no shared write; at most half the bound (at least one) can be held by thread slots,
/// which leaves the rest for the stacks.
/// </remarks>
internal sealed class PoolBucket
{
    private const int InitialStackCapacity = 8;

    private readonly LockedStack[] _stacks;
    private readonly Lock _threadPermitLock = new();
    private readonly int _threadPermitCap;
    private int _freePermits;
    private int _threadPermits;
    private volatile bool _stacksReady;

    public PoolBucket(int arrayLength, int maxArrays, int stackCount)
    {
        ArrayLength = arrayLength;
        MaxArrays = maxArrays;
        _freePermits = maxArrays;
        _threadPermitCap = Math.Max(1, maxArrays / 2);
        _stacks = new LockedStack[stackCount];
        for (int i = 0; i < _stacks.Length; i++)
        {
            _stacks[i] = new LockedStack();
        }
    }

    public int ArrayLength { get; }

    public int MaxArrays { get; }

    /// <summary>Gets the number of permits not backing an array or a thread slot (for tests).</summary>
    public int FreePermits => Volatile.Read(ref _freePermits);

    /// <summary>Gets the number of permits held by thread slots (for tests).</summary>
    public int ThreadPermits => Volatile.Read(ref _threadPermits);

    public int ThreadPermitCap => _threadPermitCap;

    /// <summary>Gets the number of arrays in the stacks; racy unless the pool is quiet.</summary>
    public int StackedCount
    {
        get
        {
            int count = 0;
            foreach (LockedStack stack in _stacks)
            {
                count += stack.Count;
            }

            return count;
        }
    }

    /// <summary>Pops from the current core's stack first, then steals from the others.</summary>
    public byte[]? TryPop()
    {
        LockedStack[] stacks = _stacks;
        int start = CurrentStack();
        for (int i = 0; i < stacks.Length; i++)
        {
            int index = start + i;
            if (index >= stacks.Length)
            {
                index -= stacks.Length;
            }

            byte[]? array = stacks[index].TryPop();
            if (array is not null)
            {
                Interlocked.Increment(ref _freePermits);
                return array;
            }
        }

        return null;
    }

    /// <summary>Pushes onto the current core's stack if the bucket has a free permit; otherwise the caller drops the array.</summary>
    public bool TryPush(byte[] array)
    {
        if (!TryTakePermit())
        {
            return false;
        }

        if (!_stacksReady)
        {
            PrepareStacks();
        }

        _stacks[CurrentStack()].Push(array, MaxArrays);
        return true;
    }

    public bool TryAcquireThreadPermit()
    {
        lock (_threadPermitLock)
        {
            if (_threadPermits >= _threadPermitCap || !TryTakePermit())
            {
                return false;
            }

            _threadPermits++;
            return true;
        }
    }

    public void ReleaseThreadPermit()
    {
        lock (_threadPermitLock)
        {
            _threadPermits--;
            Interlocked.Increment(ref _freePermits);
        }
    }

    /// <summary>
    /// Trims every stack and returns the number of arrays released. <paramref name="all"/> empties the stacks;
    /// otherwise a stack untouched for <paramref name="idleMs"/> (measured from the first trim pass that saw it
    /// idle) is emptied, and <paramref name="keepOne"/> cuts every stack down to its bottom array.
    /// </summary>
    public int Trim(long nowMs, long idleMs, bool keepOne, bool all)
    {
        int released = 0;
        foreach (LockedStack stack in _stacks)
        {
            released += stack.Trim(nowMs, idleMs, keepOne, all);
        }

        if (released > 0)
        {
            Interlocked.Add(ref _freePermits, released);
        }

        return released;
    }

    private bool TryTakePermit()
    {
        int free = Volatile.Read(ref _freePermits);
        while (free > 0)
        {
            int seen = Interlocked.CompareExchange(ref _freePermits, free - 1, free);
            if (seen == free)
            {
                return true;
            }

            free = seen;
        }

        return false;
    }

    // Gives every core's stack its initial storage at once, so that a thread moving to another core does not
    // allocate on a warmed-up path.
    private void PrepareStacks()
    {
        int capacity = Math.Min(MaxArrays, InitialStackCapacity);
        foreach (LockedStack stack in _stacks)
        {
            stack.EnsureCapacity(capacity);
        }

        _stacksReady = true;
    }

    private int CurrentStack() => (int)((uint)Thread.GetCurrentProcessorId() % (uint)_stacks.Length);

    private sealed class LockedStack
    {
        private readonly Lock _lock = new();
        private byte[]?[] _items = [];
        private int _count;
        private long _idleSinceMs;

        public int Count => Volatile.Read(ref _count);

        public void EnsureCapacity(int capacity)
        {
            lock (_lock)
            {
                if (_items.Length < capacity)
                {
                    Array.Resize(ref _items, capacity);
                }
            }
        }

        public void Push(byte[] array, int capacityLimit)
        {
            lock (_lock)
            {
                if (_count == _items.Length)
                {
                    // Permits guarantee the stack never needs more than the bucket's bound.
                    Array.Resize(ref _items, Math.Min(capacityLimit, Math.Max(InitialStackCapacity, _items.Length * 2)));
                }

                _items[_count] = array;
                Volatile.Write(ref _count, _count + 1);
                _idleSinceMs = 0;
            }
        }

        public byte[]? TryPop()
        {
            if (Volatile.Read(ref _count) == 0)
            {
                return null;
            }

            lock (_lock)
            {
                if (_count == 0)
                {
                    return null;
                }

                int top = _count - 1;
                byte[]? array = _items[top];
                _items[top] = null;
                Volatile.Write(ref _count, top);
                _idleSinceMs = 0;
                return array;
            }
        }

        public int Trim(long nowMs, long idleMs, bool keepOne, bool all)
        {
            if (Volatile.Read(ref _count) == 0)
            {
                return 0;
            }

            lock (_lock)
            {
                int keep;
                if (all)
                {
                    keep = 0;
                }
                else if (_idleSinceMs == 0)
                {
                    // First pass that sees this stack: start its idle clock; a push or pop resets it.
                    _idleSinceMs = nowMs;
                    keep = keepOne ? Math.Min(1, _count) : _count;
                }
                else if (nowMs - _idleSinceMs >= idleMs)
                {
                    keep = 0;
                }
                else
                {
                    keep = keepOne ? Math.Min(1, _count) : _count;
                }

                int released = _count - keep;
                if (released > 0)
                {
                    Array.Clear(_items, keep, released);
                    Volatile.Write(ref _count, keep);
                }

                if (keep == 0)
                {
                    _idleSinceMs = 0;
                }

                return released;
            }
        }
    }
}
