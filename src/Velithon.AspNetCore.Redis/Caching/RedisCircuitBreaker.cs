namespace Velithon.AspNetCore.Caching.Redis;

/// <summary>
/// Stops charging requests for a Redis that does not answer: after <see cref="FailureThreshold"/> consecutive failures or
/// timeouts, reads and writes skip Redis for a break period (doubled after each failed probe, up to
/// <see cref="MaxBreakFactor"/> times the configured one); then one operation is let through as a probe, and its success
/// closes the breaker.
/// </summary>
internal sealed class RedisCircuitBreaker(TimeProvider time, TimeSpan breakDuration)
{
    private readonly TimeSpan _breakDuration = breakDuration;

    public const int FailureThreshold = 3;
    public const int MaxBreakFactor = 8;

    private readonly Lock _lock = new();
    private int _failures;
    private bool _open;
    private bool _probing;
    private long _openUntil;
    private TimeSpan _currentBreak = breakDuration;

    /// <summary>Raised once when the breaker opens, with the break period.</summary>
    public event Action<int, TimeSpan>? Opened;

    /// <summary>Raised once when the breaker closes again.</summary>
    public event Action? Closed;

    /// <summary>Gets whether Redis is being skipped (the breaker is open, probe or not).</summary>
    public bool IsOpen => Volatile.Read(ref _open);

    /// <summary>
    /// Returns whether an operation may go to Redis now; when it does, report it with <see cref="Success"/>,
    /// <see cref="Failure"/> or <see cref="Abandon"/>.
    /// </summary>
    public bool TryAcquire()
    {
        if (!Volatile.Read(ref _open))
        {
            return true;
        }

        lock (_lock)
        {
            if (!_open)
            {
                return true;
            }

            if (_probing || time.GetTimestamp() < _openUntil)
            {
                return false;
            }

            _probing = true;
            return true;
        }
    }

    public void Success()
    {
        if (Volatile.Read(ref _failures) == 0 && !Volatile.Read(ref _open))
        {
            return;
        }

        bool closed;
        lock (_lock)
        {
            closed = _open;
            _open = false;
            _probing = false;
            _failures = 0;
            _currentBreak = _breakDuration;
        }

        if (closed)
        {
            Closed?.Invoke();
        }
    }

    public void Failure()
    {
        int failures;
        TimeSpan period;
        lock (_lock)
        {
            failures = ++_failures;
            if (_open)
            {
                if (!_probing)
                {
                    return; // An operation that started before the breaker opened.
                }

                _probing = false;
                _currentBreak = TimeSpan.FromTicks(Math.Min(_currentBreak.Ticks * 2, _breakDuration.Ticks * MaxBreakFactor));
                _openUntil = time.GetTimestamp() + Ticks(_currentBreak);
                return;
            }

            if (failures < FailureThreshold)
            {
                return;
            }

            _open = true;
            period = _currentBreak;
            _openUntil = time.GetTimestamp() + Ticks(period);
        }

        Opened?.Invoke(failures, period);
    }

    /// <summary>An acquired operation ended without a verdict (cancelled by its caller): a probe slot is given back.</summary>
    public void Abandon()
    {
        lock (_lock)
        {
            _probing = false;
        }
    }

    /// <summary>The connection was re-established: start afresh (a flapping Redis opens it again after a few failures).</summary>
    public void Reset() => Success();

    private long Ticks(TimeSpan period) => (long)(period.TotalSeconds * time.TimestampFrequency);
}
