using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Velithon.Memory;

// GetOrAdd: a hit is exactly TryGet (lock-free, no allocation); a miss joins or starts the one load of its key, so a
// factory runs once per key however many callers miss it at the same time (single flight).
public sealed partial class MemoryBoundedCache<TKey, TValue>
{
    /// <summary>
    /// Returns the cached value for <paramref name="key"/>, or creates, stores and returns one; the factory runs once
    /// per key under concurrency. Counts one hit or miss.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A hit costs what <see cref="TryGet(TKey, out TValue)"/> costs: no lock, no allocation. On a miss, the callers
    /// that miss the same key at the same time share one run of one factory (the first caller's, outside the cache's
    /// lock); the others wait for it, count a miss, and their factories are not called. Every caller of that run returns
    /// the same value. If the factory throws, the exception is rethrown to every caller of that run, nothing is stored,
    /// and the next call runs a factory again.
    /// </para>
    /// <para>
    /// A value too large to cache is returned uncached (and counted as a rejection). If a <c>Set</c> stored a value for
    /// the key while the factory ran, every caller returns that value. A factory must not ask for its own key: on the
    /// thread running it that throws <see cref="InvalidOperationException"/>.
    /// </para>
    /// </remarks>
    /// <param name="key">The key.</param>
    /// <param name="valueFactory">Creates the value on a miss.</param>
    /// <returns>The cached or created value.</returns>
    /// <exception cref="InvalidOperationException">The factory asked for its own key.</exception>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);
        return TryGet(key, out TValue? value) ? value : Load(key, new KeyFactory(valueFactory), _defaultLifetime);
    }

    /// <summary>
    /// Returns the cached value for <paramref name="key"/>, or creates one from <paramref name="factoryArgument"/>,
    /// stores and returns it (see <see cref="GetOrAdd(TKey, Func{TKey, TValue})"/>: once per key under concurrency).
    /// </summary>
    /// <typeparam name="TArg">The type of the state passed to the factory.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="valueFactory">Creates the value on a miss.</param>
    /// <param name="factoryArgument">State passed to <paramref name="valueFactory"/>, so it need not capture.</param>
    /// <returns>The cached or created value.</returns>
    /// <exception cref="InvalidOperationException">The factory asked for its own key.</exception>
    public TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);
        return TryGet(key, out TValue? value)
            ? value
            : Load(key, new ArgumentFactory<TArg>(valueFactory, factoryArgument), _defaultLifetime);
    }

    /// <summary>
    /// Returns the cached value for <paramref name="key"/>, or creates one (once per key under concurrency, see
    /// <see cref="GetOrAdd(TKey, Func{TKey, TValue})"/>) and stores it with its own time to live (see
    /// <see cref="Set(TKey, TValue, TimeSpan)"/>). A hit leaves the entry's expiry as it was.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="valueFactory">Creates the value on a miss.</param>
    /// <param name="timeToLive">How long a created entry lives: positive, or <see cref="Timeout.InfiniteTimeSpan"/>
    /// for an entry that never expires.</param>
    /// <returns>The cached or created value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeToLive"/> is zero or negative (other than
    /// <see cref="Timeout.InfiniteTimeSpan"/>).</exception>
    /// <exception cref="InvalidOperationException">The factory asked for its own key.</exception>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory, TimeSpan timeToLive)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);
        ValidateTimeToLive(timeToLive);
        return TryGet(key, out TValue? value) ? value : Load(key, new KeyFactory(valueFactory), LifetimeOf(timeToLive));
    }

    /// <summary>Gets how many callers share the load of <paramref name="key"/> in flight, 0 when none (for tests).</summary>
    internal int LoadCallers(TKey key) => _loading.TryGetValue(key, out PendingLoad? load) ? load.Callers : 0;

    // The value of a live entry, without counting a lookup: the re-check of a caller that already counted its miss.
    private bool TryGetUncounted(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_map.TryGetValue(key, out Node? node) && (node.ExpiresAt == NoExpiry || _timeProvider.GetTimestamp() < node.ExpiresAt))
        {
            Touch(node);
            value = node.Value;
            return true;
        }

        value = default;
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TValue Load<TFactory>(TKey key, TFactory factory, long lifetime)
        where TFactory : struct, IValueFactory
    {
        while (true)
        {
            if (_loading.TryGetValue(key, out PendingLoad? running))
            {
                ThrowIfOwnLoad(key, running);
                if (running.TryJoin())
                {
                    return Wait(key, running);
                }

                // Every caller of that load gave up (cancelled GetOrAddAsync waits): start afresh.
                _loading.TryRemove(KeyValuePair.Create(key, running));
                continue;
            }

            var load = new PendingLoad(Environment.CurrentManagedThreadId, cancellation: null);
            if (!_loading.TryAdd(key, load))
            {
                continue;
            }

            TValue value;
            var removals = default(Removals);
            try
            {
                // A load that ended between this caller's miss and its registration stored its value: take it.
                value = TryGetUncounted(key, out TValue? found)
                    ? found
                    : StoreLoaded(key, factory.Create(key), lifetime, load, out removals);
            }
            catch (Exception ex)
            {
                Fail(key, load, ex);
                Release(key, load);
                throw;
            }

            Succeed(key, load, value);
            try
            {
                // After the load is complete, so a handler that asks for this key neither waits for it nor deadlocks.
                Publish(ref removals);
            }
            finally
            {
                Release(key, load);
            }

            return value;
        }
    }

    // The load's registration on this thread means its factory (or a notification it raised) asked for its own key.
    private static void ThrowIfOwnLoad(TKey key, PendingLoad running)
    {
        if (running.OwnerThreadId == Environment.CurrentManagedThreadId)
        {
            throw new InvalidOperationException(
                $"The value factory for key '{key}' asked the cache for the same key: a factory must not depend on its own result.");
        }
    }

    private TValue Wait(TKey key, PendingLoad load)
    {
        try
        {
            // Rethrows the factory's own exception, not an AggregateException.
            return load.Task.GetAwaiter().GetResult();
        }
        finally
        {
            Release(key, load);
        }
    }

    // Stores a created value unless a live one got there first. Returns the value the callers get; the removals it
    // caused are published by the caller once the load is complete.
    private TValue StoreLoaded(TKey key, TValue value, long lifetime, PendingLoad load, out Removals removals)
    {
        removals = new Removals(TracksRemovals);
        long size = MeasureEntry(key, value);
        if (size > MaxMemoryBytes)
        {
            Interlocked.Increment(ref _rejections);
            return value;
        }

        long expiresAt = ExpiryFromNow(lifetime);
        lock (_sync)
        {
            if (_map.TryGetValue(key, out Node? existing) && !IsExpired(existing, Now()))
            {
                // A Set stored a value while the factory ran: every caller gets that one; nobody gets the created one.
                Touch(existing);
                if (_disposeValues && !IsSameInstance(existing.Value, value))
                {
                    removals.AddOrphan(value);
                }

                return existing.Value;
            }

            Node node = Store(key, value, size, expiresAt, ref removals);
            if (_disposeValues)
            {
                load.Pin(node);
            }
        }

        return value;
    }

    private void Succeed(TKey key, PendingLoad load, TValue value)
    {
        // Unregistered before it completes: a caller arriving now finds the stored value, or starts a new load.
        _loading.TryRemove(KeyValuePair.Create(key, load));
        load.TrySetResult(value);
    }

    private void Fail(TKey key, PendingLoad load, Exception exception)
    {
        _loading.TryRemove(KeyValuePair.Create(key, load));
        load.TrySetException(exception);

        // Mark it observed: every caller gets it from the task, but all of them may have stopped waiting.
        _ = load.Task.Exception;
    }

    // A caller is done with the load (it has its result, or stopped waiting). When the last caller stops waiting before
    // the load ends, the load is abandoned: new callers start afresh and its factory's token is cancelled.
    private void Release(TKey key, PendingLoad load)
    {
        if (load.Leave() && !load.Task.IsCompleted)
        {
            _loading.TryRemove(KeyValuePair.Create(key, load));
            load.Cancellation?.Cancel();
        }
    }

    private interface IValueFactory
    {
        TValue Create(TKey key);
    }

    private readonly struct KeyFactory(Func<TKey, TValue> factory) : IValueFactory
    {
        private readonly Func<TKey, TValue> _factory = factory;

        public TValue Create(TKey key) => _factory(key);
    }

    private readonly struct ArgumentFactory<TArg>(Func<TKey, TArg, TValue> factory, TArg argument) : IValueFactory
    {
        private readonly Func<TKey, TArg, TValue> _factory = factory;
        private readonly TArg _argument = argument;

        public TValue Create(TKey key) => _factory(key, _argument);
    }

    /// <summary>
    /// One in-flight load of one key: its result (the task), the callers still waiting for or returning it, and the
    /// node it stored while they are. Registered in <c>_loading</c> from its start until it completes.
    /// </summary>
    private sealed class PendingLoad(int ownerThreadId, CancellationTokenSource? cancellation)
        : TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        // The callers of this load that have not returned: the first is the one running the factory. At 0 the load is
        // closed for good (no one joins it again).
        private int _callers = 1;
        private Node? _node;

        // The thread running a synchronous factory (0 for an asynchronous one): a lookup of the key on it is recursion.
        public int OwnerThreadId { get; } = ownerThreadId;

        // Cancels the shared factory run when every caller stopped waiting; null when one never can.
        public CancellationTokenSource? Cancellation { get; } = cancellation;

        public int Callers => Volatile.Read(ref _callers);

        public bool TryJoin()
        {
            int callers = Volatile.Read(ref _callers);
            while (callers > 0)
            {
                int seen = Interlocked.CompareExchange(ref _callers, callers + 1, callers);
                if (seen == callers)
                {
                    return true;
                }

                callers = seen;
            }

            return false;
        }

        // Returns whether this was the last caller. Then the stored value is no longer on its way to anyone: unpinned.
        public bool Leave()
        {
            if (Interlocked.Decrement(ref _callers) != 0)
            {
                return false;
            }

            // Interlocked above and in Pin: either Pin sees no callers, or this sees the node.
            if (Volatile.Read(ref _node) is { } node)
            {
                Volatile.Write(ref node.Pinned, false);
            }

            return true;
        }

        // Under the cache's lock, as the node is stored: while callers remain, removing it does not dispose the value.
        public void Pin(Node node)
        {
            node.Pinned = true;
            Interlocked.Exchange(ref _node, node);
            if (Volatile.Read(ref _callers) == 0)
            {
                Volatile.Write(ref node.Pinned, false);
            }
        }
    }
}
