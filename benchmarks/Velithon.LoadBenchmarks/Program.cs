using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.OutputCaching;
using Velithon;
using Velithon.AspNetCore;
using Velithon.Benchmarks.Payloads;

// HTTP load-benchmark target for benchmarks/load.sh (issues 6 and 7). Every endpoint answers the same JSON:
//   /cached/velithon   [VelithonCached] (a hit after the first request)
//   /cached/output     ASP.NET Core output caching (.CacheOutput(), a hit after the first request)
//   /uncached/stj      the same payload rendered on every request by Results.Json + STJ source generation
//   /limit             a pre-built byte[] of the same JSON, same content type
//   /json/velithon/{n} VelithonResults.Json of n pre-built items (n = 10, 1000, 100000)
//   /json/stj/{n}      Results.Json with the STJ source-generated type info of the same items
//   /json/minimal/{n}  the items returned as they are: ASP.NET Core writes them with its JSON options, where
//                      AddVelithonJson() put the generated code first (issue 17)
//   /json/bytes/{n}    the floor of the three above: the same JSON pre-built, written by an endpoint of the same route
//                      shape (n = 10, 1000): what a serializer that cost nothing would answer
//   /alloc             GC.GetTotalAllocatedBytes(false) as text (the script reads it around each wrk run)
// Port: first argument, or LOADBENCH_PORT, or 5080. Loopback only, logging off.
// `entry-memory MODE BODY ENTRIES` measures heap per cached response instead (benchmarks/entry-memory.sh, issue 26).
if (args is ["entry-memory", string mode, string body, string entries])
{
    return await Velithon.Benchmarks.Load.EntryMemory.RunAsync(mode, int.Parse(body, CultureInfo.InvariantCulture), int.Parse(entries, CultureInfo.InvariantCulture));
}

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
builder.Services.AddVelithonJson();

WebApplication app = builder.Build();

CatalogueProduct[] page = CatalogueProduct.Build(10);                     // ~1.4 KB of JSON: the cached payload
Dictionary<int, CatalogueProduct[]> lists = new()
{
    [10] = page,
    [1000] = CatalogueProduct.Build(1000),
    [100000] = CatalogueProduct.Build(100000),
};
byte[] limitBody = JsonSerializer.SerializeToUtf8Bytes(page, CatalogueJsonContext.Default.CatalogueProductArray);
Dictionary<int, byte[]> listBodies = new()
{
    [10] = limitBody,
    [1000] = JsonSerializer.SerializeToUtf8Bytes(lists[1000], CatalogueJsonContext.Default.CatalogueProductArray),
};
const string JsonContentType = "application/json; charset=utf-8";

// Both caches run after routing; each only acts on endpoints that carry its own metadata
// ([OutputCache]/CacheOutput() policies for UseOutputCache, [VelithonCached] for UseVelithonCaching).
app.UseRouting();
app.UseOutputCache();
app.UseVelithonCaching();

app.MapGet("/cached/velithon", [VelithonCached(Duration = 3600, VaryByQuery = [])] () => VelithonResults.Json(page));
app.MapGet("/cached/output", () => Results.Json(page, CatalogueJsonContext.Default.CatalogueProductArray))
   .CacheOutput(b => b.Expire(TimeSpan.FromHours(1)));
app.MapGet("/uncached/stj", () => Results.Json(page, CatalogueJsonContext.Default.CatalogueProductArray));
app.MapGet("/limit", (RequestDelegate)(context =>
{
    context.Response.ContentType = JsonContentType;
    context.Response.ContentLength = limitBody.Length;
    return context.Response.Body.WriteAsync(limitBody).AsTask();
}));

app.MapGet("/json/velithon/{n:int}", (int n) =>
    lists.TryGetValue(n, out CatalogueProduct[]? items) ? (IResult)VelithonResults.Json(items) : Results.NotFound());
app.MapGet("/json/stj/{n:int}", (int n) =>
    lists.TryGetValue(n, out CatalogueProduct[]? items) ? Results.Json(items, CatalogueJsonContext.Default.CatalogueProductArray) : Results.NotFound());

app.MapGet("/json/minimal/{n:int}", (int n) => lists.TryGetValue(n, out CatalogueProduct[]? items) ? items : []);

app.MapGet("/json/bytes/{n:int}", (HttpContext context, int n) =>
{
    if (!listBodies.TryGetValue(n, out byte[]? body))
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    context.Response.ContentType = JsonContentType;
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});

app.MapGet("/alloc", () => Results.Text(GC.GetTotalAllocatedBytes(false).ToString(CultureInfo.InvariantCulture)));

await app.RunAsync();
return 0;
