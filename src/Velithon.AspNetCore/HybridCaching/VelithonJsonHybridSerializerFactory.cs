using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Velithon.Json;

namespace Velithon.AspNetCore.HybridCaching;

/// <summary>
/// Serializes <c>[VelithonJson]</c> types (and the collections of them the generated code registers) with the
/// generated writer and reader: the same JSON as System.Text.Json with the type's options, without reflection.
/// <see cref="VelithonHybridCache"/> uses it after any user-registered serializer or factory; it can also be given to
/// Microsoft's HybridCache with <c>AddSerializerFactory&lt;VelithonJsonHybridSerializerFactory&gt;()</c>.
/// </summary>
public sealed class VelithonJsonHybridSerializerFactory : IHybridCacheSerializerFactory
{
    /// <summary>Creates a serializer for <typeparamref name="T"/> when it is a <c>[VelithonJson]</c> type or a collection of one.</summary>
    /// <typeparam name="T">The cached type.</typeparam>
    /// <param name="serializer">The serializer, when one is returned.</param>
    /// <returns>Whether <typeparamref name="T"/> is served by generated code.</returns>
    public bool TryCreateSerializer<T>([NotNullWhen(true)] out IHybridCacheSerializer<T>? serializer)
    {
        // A registered handler with a contract is generated code (a [VelithonJson] type or a collection of them);
        // primitives have handlers but no contract, and stay with the serializers Microsoft's cache would use.
        if (JsonValueHandler<T>.IsRegistered && JsonValueHandler<T>.Contract is not null)
        {
            serializer = Serializer<T>.Instance;
            return true;
        }

        serializer = null;
        return false;
    }

    private sealed class Serializer<T> : IHybridCacheSerializer<T>
    {
        public static readonly Serializer<T> Instance = new();

        public T Deserialize(ReadOnlySequence<byte> source)
        {
            VelithonJsonOptions options = VelithonJsonOptions.Default;
            if (source.IsSingleSegment)
            {
                var fast = new JsonFastReader(source.FirstSpan, options.MaxDepth);
                if (JsonValueHandler<T>.TryReadFast(ref fast, options, out T value) && fast.AtEnd())
                {
                    return value;
                }
            }

            var reader = new Utf8JsonReader(source, new JsonReaderOptions { MaxDepth = options.MaxDepth });
            if (!reader.Read())
            {
                throw new JsonException("The cached payload is empty.");
            }

            return JsonValueHandler<T>.Read(ref reader, options);
        }

        public void Serialize(T value, IBufferWriter<byte> target)
        {
            var writer = new VelithonJsonWriter(target, VelithonJsonOptions.Default);
            JsonValueHandler<T>.Write(ref writer, value);
            writer.Flush();
        }
    }
}
