// Compiled into both Velithon.Benchmarks and Velithon.LoadBenchmarks (<Compile Include>), so that the render-alone
// benchmark and the HTTP load benchmark measure the same payload.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Benchmarks.Payloads;

/// <summary>One catalogue item (~140 bytes of JSON), the payload of the JSON result and cached endpoint benchmarks.</summary>
[VelithonJson]
public sealed partial class CatalogueProduct
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Sku { get; set; } = "";
    public string Category { get; set; } = "";
    public double Price { get; set; }
    public int Stock { get; set; }
    public bool Active { get; set; }
    public DateTime Updated { get; set; }

    private static readonly string[] s_names = ["Green tea", "Espresso beans", "Oat milk", "Dark chocolate", "Sparkling water", "Granola"];
    private static readonly string[] s_categories = ["beverages", "pantry", "dairy-free", "snacks"];

    /// <summary><paramref name="count"/> distinct items, the same on every call.</summary>
    public static CatalogueProduct[] Build(int count)
    {
        var items = new CatalogueProduct[count];
        var epoch = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < count; i++)
        {
            items[i] = new CatalogueProduct
            {
                Id = i + 1,
                Name = s_names[i % s_names.Length],
                Sku = "SKU-" + (100000 + i).ToString(CultureInfo.InvariantCulture),
                Category = s_categories[i % s_categories.Length],
                Price = Math.Round(1.5 + (i % 97) * 0.37, 2),
                Stock = (i * 37) % 500,
                Active = i % 5 != 0,
                Updated = epoch.AddMinutes(i * 13),
            };
        }

        return items;
    }
}

/// <summary>STJ source generation with the Web defaults (what <c>[VelithonJson]</c> writes too) for the same payload.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CatalogueProduct[]))]
public sealed partial class CatalogueJsonContext : JsonSerializerContext;
