namespace Velithon.Memory;

// GetOrAddAsync: the asynchronous side of the single-flight load (see MemoryBoundedCache.Loading.cs), sharing its
// registry, so synchronous and asynchronous callers of one key share one factory run too.
public sealed partial class MemoryBoundedCache<TKey, TValue>
{
    /// <summary>
    /// Returns the cached value for <paramref name="key"/>, or creates it with an asynchronous factory, stores and
    /// returns it; the factory runs once per key however many callers (synchronous or asynchronous) miss it at the same
    /// time. Counts one hit or miss.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A hit completes synchronously without allocating (a canceled token does not fail a hit). On a miss the callers
    /// share one run of the first caller's factory, as for <see cref="GetOrAdd(TKey, Func{TKey, TValue})"/>; a factory
    /// exception reaches every caller of that run, nothing is stored, and the next call runs a factory again.
    /// </para>
    /// <para>
    /// Cancellation: <paramref name="cancellationToken"/> cancels this caller's wait (its task ends in an
    /// <see cref="OperationCanceledException"/>), not the shared run, which goes on for the other callers. When every
    /// caller of a run has stopped waiting, the run is abandoned: the token the factory received is cancelled, and the
    /// next call for the key starts a new run. A synchronous <c>GetOrAdd</c> caller never stops waiting, so a run it
    /// waits for is never cancelled. An abandoned run that still returns a value stores it like any other. The factory
    /// never receives a caller's own token.
    /// </para>
    /// <para>
    /// A factory must not ask for its own key. That is detected only on the thread running a synchronous factory; an
    /// asynchronous factory that awaits its own key waits for itself.
    /// </para>
    /// </remarks>
    /// <param name="key">The key.</param>
    /// <param name="valueFactory">Creates the value on a miss; its token is cancelled if every caller stops waiting.</param>
    /// <param name="cancellationToken">Cancels this caller's wait.</param>
    /// <returns>The cached or created value.</returns>
    /// <exception cref="InvalidOperationException">A synchronous factory running on this thread asked for its own key.</exception>
    public ValueTask<TValue> GetOrAddAsync(
        TKey key, Func<TKey, CancellationToken, ValueTask<TValue>> valueFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);
        return TryGet(key, out TValue? value)
            ? new ValueTask<TValue>(value)
            : LoadAsync(key, new AsyncKeyFactory(valueFactory), _defaultLifetime, cancellationToken);
    }

    /// <summary>
    /// Returns the cached value for <paramref name="key"/>, or creates it from <paramref name="factoryArgument"/> with an
    /// asynchronous factory, stores and returns it (see
    /// <see cref="GetOrAddAsync(TKey, Func{TKey, CancellationToken, ValueTask{TValue}}, CancellationToken)"/>).
    /// </summary>
    /// <typeparam name="TArg">The type of the state passed to the factory.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="valueFactory">Creates the value on a miss; its token is cancelled if every caller stops waiting.</param>
    /// <param name="factoryArgument">State passed to <paramref name="valueFactory"/>, so it need not capture.</param>
    /// <param name="cancellationToken">Cancels this caller's wait.</param>
    /// <returns>The cached or created value.</returns>
    /// <exception cref="InvalidOperationException">A synchronous factory running on this thread asked for its own key.</exception>
    public ValueTask<TValue> GetOrAddAsync<TArg>(
        TKey key,
        Func<TKey, TArg, CancellationToken, ValueTask<TValue>> valueFactory,
        TArg factoryArgument,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);
        return TryGet(key, out TValue? value)
            ? new ValueTask<TValue>(value)
            : LoadAsync(key, new AsyncArgumentFactory<TArg>(valueFactory, factoryArgument), _defaultLifetime, cancellationToken);
    }

    /// <summary>
    /// Returns the cached value for <paramref name="key"/>, or creates it with an asynchronous factory and stores it
    /// with its own time to live (see <see cref="Set(TKey, TValue, TimeSpan)"/>), and returns it (see
    /// <see cref="GetOrAddAsync(TKey, Func{TKey, CancellationToken, ValueTask{TValue}}, CancellationToken)"/>). A hit
    /// leaves the entry's expiry as it was.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="valueFactory">Creates the value on a miss; its token is cancelled if every caller stops waiting.</param>
    /// <param name="timeToLive">How long a created entry lives: positive, or <see cref="Timeout.InfiniteTimeSpan"/>
    /// for an entry that never expires. A run shared with other callers stores with the time to live of the caller
    /// that started it.</param>
    /// <param name="cancellationToken">Cancels this caller's wait.</param>
    /// <returns>The cached or created value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeToLive"/> is zero or negative (other than
    /// <see cref="Timeout.InfiniteTimeSpan"/>).</exception>
    /// <exception cref="InvalidOperationException">A synchronous factory running on this thread asked for its own key.</exception>
    public ValueTask<TValue> GetOrAddAsync(
        TKey key,
        Func<TKey, CancellationToken, ValueTask<TValue>> valueFactory,
        TimeSpan timeToLive,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);
        ValidateTimeToLive(timeToLive);
        return TryGet(key, out TValue? value)
            ? new ValueTask<TValue>(value)
            : LoadAsync(key, new AsyncKeyFactory(valueFactory), LifetimeOf(timeToLive), cancellationToken);
    }

    private ValueTask<TValue> LoadAsync<TFactory>(TKey key, TFactory factory, long lifetime, CancellationToken cancellationToken)
        where TFactory : struct, IAsyncValueFactory
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TValue>(cancellationToken);
        }

        while (true)
        {
            if (_loading.TryGetValue(key, out PendingLoad? running))
            {
                ThrowIfOwnLoad(key, running);
                if (running.TryJoin())
                {
                    return WaitAsync(key, running, cancellationToken);
                }

                _loading.TryRemove(KeyValuePair.Create(key, running));
                continue;
            }

            // The shared run needs a token of its own only if this caller can stop waiting (if it cannot, the run is
            // never abandoned). Nothing to dispose: no timer, no linked tokens.
            var load = new PendingLoad(ownerThreadId: 0, cancellationToken.CanBeCanceled ? new CancellationTokenSource() : null);
            if (!_loading.TryAdd(key, load))
            {
                continue;
            }

            if (TryGetUncounted(key, out TValue? found))
            {
                Succeed(key, load, found);
                return WaitAsync(key, load, cancellationToken);
            }

            Task run = RunAsync(key, load, factory, lifetime);
            return run.IsCompletedSuccessfully ? WaitAsync(key, load, cancellationToken) : WaitForRunAsync(key, load, run, cancellationToken);
        }
    }

    // The shared run: never faults for the factory (its exception goes to the load's callers), only for an ItemRemoved
    // handler's exception after the load completed, which reaches the caller that started the run (if still waiting).
    private async Task RunAsync<TFactory>(TKey key, PendingLoad load, TFactory factory, long lifetime)
        where TFactory : struct, IAsyncValueFactory
    {
        TValue value;
        Removals removals;
        try
        {
            value = await factory.CreateAsync(key, load.Cancellation?.Token ?? CancellationToken.None).ConfigureAwait(false);
            value = StoreLoaded(key, value, lifetime, load, out removals);
        }
        catch (Exception ex)
        {
            Fail(key, load, ex);
            return;
        }

        Succeed(key, load, value);
        Publish(ref removals);
    }

    // A caller of a run it did not start.
    private ValueTask<TValue> WaitAsync(TKey key, PendingLoad load, CancellationToken cancellationToken)
    {
        Task<TValue> task = load.Task;
        if (task.IsCompleted)
        {
            Release(key, load);
            return task.IsCompletedSuccessfully ? new ValueTask<TValue>(task.Result) : new ValueTask<TValue>(task);
        }

        return WaitSlowAsync(key, load, cancellationToken);
    }

    private async ValueTask<TValue> WaitSlowAsync(TKey key, PendingLoad load, CancellationToken cancellationToken)
    {
        try
        {
            return await load.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release(key, load);
        }
    }

    // The caller that started the run returns after it, notifications included, as a synchronous GetOrAdd does.
    private async ValueTask<TValue> WaitForRunAsync(TKey key, PendingLoad load, Task run, CancellationToken cancellationToken)
    {
        try
        {
            await run.WaitAsync(cancellationToken).ConfigureAwait(false);
            return await load.Task.ConfigureAwait(false);
        }
        finally
        {
            Release(key, load);
        }
    }

    private interface IAsyncValueFactory
    {
        ValueTask<TValue> CreateAsync(TKey key, CancellationToken cancellationToken);
    }

    private readonly struct AsyncKeyFactory(Func<TKey, CancellationToken, ValueTask<TValue>> factory) : IAsyncValueFactory
    {
        private readonly Func<TKey, CancellationToken, ValueTask<TValue>> _factory = factory;

        public ValueTask<TValue> CreateAsync(TKey key, CancellationToken cancellationToken) => _factory(key, cancellationToken);
    }

    private readonly struct AsyncArgumentFactory<TArg>(Func<TKey, TArg, CancellationToken, ValueTask<TValue>> factory, TArg argument)
        : IAsyncValueFactory
    {
        private readonly Func<TKey, TArg, CancellationToken, ValueTask<TValue>> _factory = factory;
        private readonly TArg _argument = argument;

        public ValueTask<TValue> CreateAsync(TKey key, CancellationToken cancellationToken) => _factory(key, _argument, cancellationToken);
    }
}
