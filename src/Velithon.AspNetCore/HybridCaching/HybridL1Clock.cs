namespace Velithon.AspNetCore.HybridCaching;

/// <summary>
/// The clock the L1 store reads on every lookup: the configured <see cref="TimeProvider"/>'s timestamp as last read by
/// <see cref="Refresh"/>, so an L1 hit reads no clock there. The store's own expiry is only a backstop that frees memory:
/// a stale reading is never ahead of the real time, so the store keeps an entry a little past its lifetime, never drops
/// it early, and the cache checks each entry's lifetime itself (<see cref="LocalEntry.KeepUntilTimestamp"/>).
/// </summary>
internal sealed class HybridL1Clock(TimeProvider time) : TimeProvider
{
    private long _now = time.GetTimestamp();

    public override long TimestampFrequency => time.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => time.LocalTimeZone;

    public override long GetTimestamp() => Volatile.Read(ref _now);

    public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        time.CreateTimer(callback, state, dueTime, period);

    /// <summary>Reads the configured clock, makes it the store's time, and returns it.</summary>
    public long Refresh()
    {
        long now = time.GetTimestamp();

        // Racing writers may leave a slightly older reading: still a past time, which only keeps entries longer.
        if (now > Volatile.Read(ref _now))
        {
            Volatile.Write(ref _now, now);
        }

        return now;
    }
}
