using System.Text.Json;
using System.Text.Json.Serialization;
using Velithon.Memory;

namespace Velithon.AspNetCore;

/// <summary>System.Text.Json source generation for the stats snapshot (Web defaults: camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(VelithonMemoryStats))]
[JsonSerializable(typeof(CacheStats))]
internal sealed partial class VelithonWebJsonContext : JsonSerializerContext;
