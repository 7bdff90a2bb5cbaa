namespace Velithon.AspNetCore.HybridCaching;

/// <summary>
/// An L1 entry: the value itself when its type is immutable (every hit returns it), otherwise the serialized payload
/// (every hit deserializes a fresh copy, as Microsoft's HybridCache does, so callers cannot change each other's value).
/// </summary>
internal sealed class LocalEntry(Type type, object? value, byte[]? payload, int size, string[] tags, long createdTicks)
{
    public Type Type { get; } = type;

    public object? Value { get; } = value;

    public byte[]? Payload { get; } = payload;

    /// <summary>Gets the serialized length, which the L1 accounts.</summary>
    public int Size { get; } = size;

    public string[] Tags { get; } = tags;

    public long CreatedTicks { get; } = createdTicks;
}
