using System.Buffers;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;

namespace Velithon.AspNetCore.HybridCaching;

/// <summary>The serializers every cache has: <see cref="string"/> as UTF-8 and <c>byte[]</c> as is, as Microsoft's does.</summary>
internal sealed class BuiltInHybridSerializers : IHybridCacheSerializer<string>, IHybridCacheSerializer<byte[]>
{
    public static readonly BuiltInHybridSerializers Instance = new();

    string IHybridCacheSerializer<string>.Deserialize(ReadOnlySequence<byte> source) => Encoding.UTF8.GetString(source);

    void IHybridCacheSerializer<string>.Serialize(string value, IBufferWriter<byte> target) => Encoding.UTF8.GetBytes(value, target);

    byte[] IHybridCacheSerializer<byte[]>.Deserialize(ReadOnlySequence<byte> source) => source.ToArray();

    void IHybridCacheSerializer<byte[]>.Serialize(byte[] value, IBufferWriter<byte> target) => target.Write(value);
}
