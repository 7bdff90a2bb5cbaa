using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;

namespace Velithon.AspNetCore.HybridCaching;

/// <summary>The fallback for types no other serializer takes: System.Text.Json with its default options, as Microsoft's does.</summary>
internal sealed class SystemTextJsonHybridSerializer<T> : IHybridCacheSerializer<T>
{
    public static readonly SystemTextJsonHybridSerializer<T> Instance = new();

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The fallback for types without a registered serializer, as in Microsoft's HybridCache; register one for trimmed apps.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As above.")]
    public T Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new Utf8JsonReader(source);
        return JsonSerializer.Deserialize<T>(ref reader, JsonSerializerOptions.Default)!;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "As above.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As above.")]
    public void Serialize(T value, IBufferWriter<byte> target)
    {
        using var writer = new Utf8JsonWriter(target);
        JsonSerializer.Serialize(writer, value, JsonSerializerOptions.Default);
    }
}
