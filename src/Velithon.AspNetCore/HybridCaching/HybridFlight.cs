namespace Velithon.AspNetCore.HybridCaching;

/// <summary>
/// One load of a key shared by every caller that misses it at the same time. Each caller waits with its own token; when
/// all of them have stopped waiting the load's token is cancelled, so an abandoned factory can stop.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "See _abandoned.")]
internal sealed class HybridFlight<T>
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Never disposed: a late caller may still cancel it after the load ends, and without a timer or wait handle a
    // CancellationTokenSource holds nothing to release.
    private readonly CancellationTokenSource _abandoned = new();
    private int _callers = 1;

    /// <summary>Gets the token the shared load runs with: cancelled once no caller waits for it.</summary>
    public CancellationToken Token => _abandoned.Token;

    /// <summary>Joins the load; <see langword="false"/> when every caller has already left it.</summary>
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

    public async ValueTask<T> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !_result.Task.IsCompleted)
        {
            if (Interlocked.Decrement(ref _callers) == 0)
            {
                _abandoned.Cancel();
            }

            throw;
        }
    }

    public void Complete(T value)
    {
        _result.TrySetResult(value);
    }

    public void Fail(Exception exception)
    {
        if (exception is OperationCanceledException canceled)
        {
            _result.TrySetCanceled(canceled.CancellationToken);
        }
        else
        {
            _result.TrySetException(exception);
        }
    }
}
