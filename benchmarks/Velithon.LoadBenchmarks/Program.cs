using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OutputCaching;
using Velithon;
using Velithon.AspNetCore;
using Velithon.LoadBenchmarks;

// HTTP load-benchmark target for benchmarks/load.sh (issues 6 and 7). Every endpoint answers the same JSON:
//   /cached/velithon   [VelithonCached] (a hit after the first request)
//   /cached/output     ASP.NET Core output caching (.CacheOutput(), a hit after the first request)
//   /uncached/stj      the same payload rendered on every request by Results.Json + STJ source generation
//   /limit             a pre-built byte[] of the same JSON, same content type
//   /json/velithon/{n} VelithonResults.Json of n pre-built items (n = 10, 1000, 100000)
//   /json/stj/{n}      Results.Json with the STJ source-generated type info of the same items
//   /alloc             GC.GetTotalAllocatedBytes(false) as text (the script reads it around each wrk run)
// Port: first argument, or LOADBENCH_PORT, or 5080. Loopback only, logging off.
int port = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture)
    : int.TryParse(Environment.GetEnvironmentVariable("LOADBENCH_PORT"), CultureInfo.InvariantCulture, out int p) ? p : 5080;

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    k.Listen(System.Net.IPAddress.Loopback, port);
});
builder.Services.AddOutputCache();
builder.Services.AddVelithonCaching();

WebApplication app = builder.Build();

Product[] page = Catalogue.Build(10);                     // ~1.4 KB of JSON: the cached payload
Dictionary<int, Product[]> lists = new()
{
    [10] = page,
    [1000] = Catalogue.Build(1000),
    [100000] = Catalogue.Build(100000),
};
byte[] limitBody = JsonSerializer.SerializeToUtf8Bytes(page, LoadJsonContext.Default.ProductArray);
const string JsonContentType = "application/json; charset=utf-8";

// Both caches run after routing; each only acts on endpoints that carry its own metadata
// ([OutputCache]/CacheOutput() policies for UseOutputCache, [VelithonCached] for UseVelithonCaching).
app.UseRouting();
app.UseOutputCache();
app.UseVelithonCaching();

app.MapGet("/cached/velithon", [VelithonCached(Duration = 3600, VaryByQuery = [])] () => VelithonResults.Json(page));
app.MapGet("/cached/output", () => Results.Json(page, LoadJsonContext.Default.ProductArray))
   .CacheOutput(b => b.Expire(TimeSpan.FromHours(1)));
app.MapGet("/uncached/stj", () => Results.Json(page, LoadJsonContext.Default.ProductArray));
app.MapGet("/limit", (RequestDelegate)(context =>
{
    context.Response.ContentType = JsonContentType;
    context.Response.ContentLength = limitBody.Length;
    return context.Response.Body.WriteAsync(limitBody).AsTask();
}));

app.MapGet("/json/velithon/{n:int}", (int n) =>
    lists.TryGetValue(n, out Product[]? items) ? (IResult)VelithonResults.Json(items) : Results.NotFound());
app.MapGet("/json/stj/{n:int}", (int n) =>
    lists.TryGetValue(n, out Product[]? items) ? Results.Json(items, LoadJsonContext.Default.ProductArray) : Results.NotFound());

app.MapGet("/alloc", () => Results.Text(GC.GetTotalAllocatedBytes(false).ToString(CultureInfo.InvariantCulture)));

await app.RunAsync();

namespace Velithon.LoadBenchmarks
{
    /// <summary>One catalogue item (~140 bytes of JSON).</summary>
    [VelithonJson]
    public sealed partial class Product
    {
        public int Id { get; set; }
        public string Name { get; set; } = "";
        public string Sku { get; set; } = "";
        public string Category { get; set; } = "";
        public double Price { get; set; }
        public int Stock { get; set; }
        public bool Active { get; set; }
        public DateTime Updated { get; set; }
    }

    internal static class Catalogue
    {
        private static readonly string[] s_names = ["Green tea", "Espresso beans", "Oat milk", "Dark chocolate", "Sparkling water", "Granola"];
        private static readonly string[] s_categories = ["beverages", "pantry", "dairy-free", "snacks"];

        public static Product[] Build(int count)
        {
            var items = new Product[count];
            var epoch = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (int i = 0; i < count; i++)
            {
                items[i] = new Product
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

    /// <summary>STJ source generation for the same types, Web defaults (what VelithonJson writes too).</summary>
    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
    [JsonSerializable(typeof(Product[]))]
    internal sealed partial class LoadJsonContext : JsonSerializerContext;
}
