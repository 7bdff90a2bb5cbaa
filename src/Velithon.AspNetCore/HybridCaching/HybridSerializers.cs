using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Velithon.AspNetCore.HybridCaching;

/// <summary>
/// Finds the serializer of each type once: a registered <see cref="IHybridCacheSerializer{T}"/> first, then the
/// registered factories (the last registered first), then the generated <c>[VelithonJson]</c> code, then
/// System.Text.Json — Microsoft's order, with the generated code before its JSON fallback.
/// </summary>
internal sealed class HybridSerializers(IServiceProvider services)
{
    private static readonly VelithonJsonHybridSerializerFactory Generated = new();
    private readonly ConcurrentDictionary<Type, object> _serializers = new();
    private readonly IHybridCacheSerializerFactory[] _factories = services.GetServices<IHybridCacheSerializerFactory>().Reverse().ToArray();

    public IHybridCacheSerializer<T> Get<T>() =>
        _serializers.TryGetValue(typeof(T), out object? found)
            ? (IHybridCacheSerializer<T>)found
            : (IHybridCacheSerializer<T>)_serializers.GetOrAdd(typeof(T), _ => Create<T>());

    private IHybridCacheSerializer<T> Create<T>()
    {
        if (services.GetService<IHybridCacheSerializer<T>>() is { } registered)
        {
            return registered;
        }

        foreach (IHybridCacheSerializerFactory factory in _factories)
        {
            if (factory.TryCreateSerializer(out IHybridCacheSerializer<T>? created))
            {
                return created;
            }
        }

        return Generated.TryCreateSerializer(out IHybridCacheSerializer<T>? generated)
            ? generated
            : SystemTextJsonHybridSerializer<T>.Instance;
    }
}
