namespace Velithon.Generators.Tests;

internal static partial class TestSources
{
    /// <summary>[JsonExtensionData]: JsonElement values with mapped-unread names, object values through a constructor, a get-only one (issue 18).</summary>
    public const string ExtensionData = """
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        [VelithonJson]
        public partial class Payload
        {
            public int Id { get; set; }
            public string? Name { get; set; }
            [JsonIgnore] public int Secret { get; set; }
            [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
        }

        [VelithonJson]
        public partial record Envelope(int Version, Payload? Body)
        {
            [JsonExtensionData] public IDictionary<string, object?>? Unknown { get; set; }
        }

        [VelithonJson]
        public partial class Fixed
        {
            public bool On { get; set; }
            [JsonExtensionData] public Dictionary<string, object> Extra { get; } = new();
        }
        """;
}
