using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Benchmarks.Documents;

/// <summary>The System.Text.Json source-generation anchor for twitter.json: the settings the [VelithonJson] types carry.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TwitterSearch))]
public sealed partial class TwitterJsonContext : JsonSerializerContext;

/// <summary>The System.Text.Json source-generation anchor for canada.json and citm_catalog.json (Web defaults).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CanadaGeoJson))]
[JsonSerializable(typeof(CitmCatalog))]
public sealed partial class WebDocumentsJsonContext : JsonSerializerContext;

/// <summary>The documents, decompressed once.</summary>
public static class RealDocuments
{
    /// <summary>The documents' names, as the files are called.</summary>
    public static readonly string[] Names = ["twitter", "canada", "citm_catalog"];

    /// <summary>The document's bytes, as published.</summary>
    public static byte[] Load(string name)
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Documents", name + ".json.gz"));
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        return bytes.ToArray();
    }
}
