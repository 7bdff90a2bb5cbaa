using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Velithon.Memory;

namespace Velithon.AspNetCore;

/// <summary>System.Text.Json source generation for the stats snapshot (Web defaults: camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(VelithonMemoryStats))]
[JsonSerializable(typeof(CacheStats))]
internal sealed partial class VelithonWebJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Web defaults with the relaxed encoder: the snapshot holds numbers, names and ISO 8601 times, and the default
    /// encoder would write the <c>+</c> of every UTC offset as <c>\u002B</c>. Served as <c>application/json</c>, never
    /// embedded in HTML.
    /// </summary>
    public static VelithonWebJsonContext Readable { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
