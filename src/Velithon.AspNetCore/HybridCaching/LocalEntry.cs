namespace Velithon.AspNetCore.HybridCaching;

/// <summary>
/// An L1 entry: the value itself when its type is immutable (every hit returns it), otherwise the serialized payload
/// (every hit deserializes a fresh copy, as Microsoft's HybridCache does, so callers cannot change each other's value).
/// With fail-safe it is kept past <see cref="ExpiresTicks"/> until <see cref="KeepUntilTicks"/>, as a fallback only.
/// </summary>
internal sealed class LocalEntry(Type type, object? value, byte[]? payload, int size, string[] tags, long createdTicks, long expiresTicks, long keepUntilTicks, long refreshAfterTicks)
{
    /// <summary>
    /// When a hit starts an eager refresh (UTC ticks); <see cref="long.MaxValue"/> when none is due (the option is off,
    /// the value is a fail-safe fallback, or a refresh of it failed).
    /// </summary>
#pragma warning disable CA1051 // A field: the hit path reads it, and a failed refresh turns it off for this entry.
    public long RefreshAfterTicks = refreshAfterTicks;
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
}
