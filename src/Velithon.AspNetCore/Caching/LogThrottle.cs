namespace Velithon.AspNetCore.Caching;

/// <summary>Lets one log line through per interval and counts the ones it held back, lock-free.</summary>
internal sealed class LogThrottle(TimeProvider time, TimeSpan interval)
{
    private long _last = long.MinValue;
    private long _suppressed;

    /// <summary>Returns <see langword="true"/> when a line may be logged now, with the number held back since the last one.</summary>
    public bool TryEnter(out long suppressed)
    {
        long now = time.GetTimestamp();
        long last = Interlocked.Read(ref _last);
        long ticks = (long)(interval.TotalSeconds * time.TimestampFrequency);
        if ((last == long.MinValue || now - last >= ticks) && Interlocked.CompareExchange(ref _last, now, last) == last)
        {
            suppressed = Interlocked.Exchange(ref _suppressed, 0);
            return true;
        }

        Interlocked.Increment(ref _suppressed);
        suppressed = 0;
        return false;
    }
}
