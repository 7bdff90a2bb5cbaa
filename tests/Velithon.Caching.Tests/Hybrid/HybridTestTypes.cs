using System.Buffers;
using System.ComponentModel;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;
using Velithon;

namespace Velithon.Caching.Tests.Hybrid;

/// <summary>A mutable type: every cache hit must hand out its own copy.</summary>
public sealed class MutableOrder
{
    public int Id { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>A type the cache may share between callers (sealed and marked immutable).</summary>
[ImmutableObject(true)]
public sealed record SharedPrice(int Id, decimal Amount);

/// <summary>A [VelithonJson] type: served by the generated serializer.</summary>
[VelithonJson]
public sealed partial class GeneratedProduct
{
    public int Id { get; set; }

    public string Title { get; set; } = "";
}

/// <summary>A type only the user's own serializer knows how to write: "id|name".</summary>
public sealed class PipeItem
{
    public int Id { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>Counts its calls, so a test sees which serializer the cache picked.</summary>
public sealed class PipeItemSerializer : IHybridCacheSerializer<PipeItem>
{
    private int _serialized;

    public int Serialized => Volatile.Read(ref _serialized);

    public PipeItem Deserialize(ReadOnlySequence<byte> source)
    {
        string[] parts = Encoding.UTF8.GetString(source).Split('|');
        return new PipeItem { Id = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), Name = parts[1] };
    }

    public void Serialize(PipeItem value, IBufferWriter<byte> target)
    {
        Interlocked.Increment(ref _serialized);
        Encoding.UTF8.GetBytes(FormattableString.Invariant($"{value.Id}|{value.Name}"), target);
    }
}

/// <summary>A factory that serves <see cref="PipeItem"/> with <see cref="PipeItemSerializer"/>.</summary>
public sealed class PipeItemSerializerFactory : IHybridCacheSerializerFactory
{
    public PipeItemSerializer Serializer { get; } = new();

    public bool TryCreateSerializer<T>([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IHybridCacheSerializer<T>? serializer)
    {
        serializer = Serializer as IHybridCacheSerializer<T>;
        return serializer is not null;
    }
}
