namespace Velithon.AspNetCore.HybridCaching;

/// <summary>
/// An L1 entry: the value itself when its type is immutable (every hit returns it), otherwise the serialized payload
/// (every hit deserializes a fresh copy, as Microsoft's HybridCache does, so callers cannot change each other's value).
/// With fail-safe it is kept past <see cref="ExpiresTicks"/> until <see cref="KeepUntilTicks"/>, as a fallback only.
/// </summary>
internal sealed class LocalEntry(
    Type type, object? value, byte[]? payload, int size, string[] tags, long createdTicks, long expiresTicks, long keepUntilTicks, long refreshAfterTicks, long keepUntilTimestamp, long fastUntilTick)
{
#pragma warning disable CA1051 // Fields: the hit path reads them, and other paths change them for this entry.
    /// <summary>
    /// When a hit starts an eager refresh (UTC ticks); <see cref="long.MaxValue"/> when none is due (the option is off,
    /// the value is a fail-safe fallback, or a refresh of it failed).
    /// </summary>
    public long RefreshAfterTicks = refreshAfterTicks;

    /// <summary>The <see cref="TagInvalidations.Version"/> at which the entry's tags were last found current; -1 before.</summary>
    public long TagVersion = -1;
#pragma warning restore CA1051

    public Type Type { get; } = type;

    public object? Value { get; } = value;

    public byte[]? Payload { get; } = payload;

    /// <summary>Gets the serialized length, which the L1 accounts.</summary>
    public int Size { get; } = size;

    public string[] Tags { get; } = tags;

    public long CreatedTicks { get; } = createdTicks;

    /// <summary>Gets when the entry stops being fresh (UTC ticks).</summary>
    public long ExpiresTicks { get; } = expiresTicks;

    /// <summary>Gets until when the entry is kept as a fail-safe fallback (UTC ticks); its expiry when fail-safe is off.</summary>
    public long KeepUntilTicks { get; } = keepUntilTicks;

    /// <summary>Gets when the L1 lets the entry go, as a <see cref="TimeProvider.GetTimestamp"/> of the cache's clock.</summary>
    public long KeepUntilTimestamp { get; } = keepUntilTimestamp;

    /// <summary>
    /// Gets the <see cref="Environment.TickCount64"/> before which the entry is surely kept, fresh and not due for an
    /// eager refresh, so a hit needs no precise clock reading; <see cref="long.MinValue"/> when the cache's clock is not
    /// the system's (every hit reads that clock).
    /// </summary>
    public long FastUntilTick { get; } = fastUntilTick;
}
