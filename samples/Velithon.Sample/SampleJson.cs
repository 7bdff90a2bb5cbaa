using System.Text.Json;
using System.Text.Json.Serialization;
using Velithon.Memory;

namespace Velithon.Sample;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(User[]))]
[JsonSerializable(typeof(VelithonMemoryStats))]
[JsonSerializable(typeof(MemoryCleanupResult))]
internal sealed partial class SampleJson : JsonSerializerContext;
