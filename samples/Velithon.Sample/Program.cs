using System.Text.Json;
using Velithon;
using Velithon.AspNetCore;
using Velithon.AspNetCore.Caching;
using Velithon.Memory;
using Velithon.Sample;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);

// The global memory handler (the seed's configure_global_memory_handler), bound from appsettings.json.
builder.Services.AddVelithonMemory(options => builder.Configuration.GetSection("Velithon:Memory").Bind(options));
builder.Services.AddVelithonBackgroundTasks(options => builder.Configuration.GetSection("Velithon:Tasks").Bind(options));
builder.Services.AddVelithonJsonResults(options => builder.Configuration.GetSection("Velithon:Json").Bind(options));
builder.Services.AddHealthChecks().AddVelithonMemory(options => builder.Configuration.GetSection("Velithon:Health").Bind(options));
// [VelithonCached] endpoints: memory L1 always; Redis L2 (shared by every instance, tag eviction across them) only
// when ConnectionStrings:Redis is set, so the sample runs with nothing installed.
builder.Services.AddVelithonCaching(options =>
{
    if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
    {
        options.UseRedis(redis);
    }
});
builder.Services.AddSingleton<UserDirectory>();
builder.Services.AddSingleton<Catalogue>();
builder.Services.AddProblemDetails();

WebApplication app = builder.Build();

// X-Memory-Usage-MB on every response; cleanup in the background when memory is under pressure (at most every 30 s).
app.UseVelithonMemoryPressure(options => builder.Configuration.GetSection("Velithon:MemoryPressure").Bind(options));

// The response cache needs the endpoint (and, in an app with auth, the user): after routing, before the endpoints.
app.UseRouting();
app.UseVelithonCaching();

app.MapGet("/", () => Results.Text("""
    Velithon.Gen sample
      GET  /users                 all users (generated JSON writer, straight into the response; parallel when large)
      GET  /users/{id}            one user
      GET  /users/stream?count=N  N users streamed chunk by chunk (JSON array; NDJSON with Accept: application/x-ndjson)
      GET  /users/cached          all users rendered once, then served from the handler's byte response cache
      GET  /catalogue?category=C  [VelithonCached] product list (X-Velithon-Cache: MISS, then HIT; ETag and 304)
      POST /catalogue/reprice     raise prices and evict the cached listings by tag
      POST /reports/{name}        queue a report on the bounded background queue (503 + Retry-After when full)
      GET  /memory/stats          one snapshot of pool, interner, cache, tasks and GC
      POST /memory/cleanup        free what can be freed and report it
      GET  /health                ASP.NET health checks (the Velithon memory check included)
      GET  /health/memory         memory health in the seed's shape, with recommendations
      GET  /velithon/stats        the stats snapshot the dashboard polls
      GET  /velithon/dashboard    live charts of memory, cache and pool hit rates, queue length
    """));

app.MapGet("/users", (UserDirectory users) => VelithonResults.Json(users.All));

app.MapGet("/users/{id:int}", (int id, UserDirectory users) =>
    users.Find(id) is { } user ? (IResult)VelithonResults.Json(user) : Results.NotFound());

app.MapGet("/users/stream", (UserDirectory users, int? count) =>
    VelithonResults.JsonBatch(users.Stream(Math.Clamp(count ?? 10_000, 0, 10_000_000)), chunkSize: 500));

app.MapGet("/users/cached", (UserDirectory users, IVelithonMemory memory) =>
{
    const string key = "GET /users/cached";
    if (!memory.TryGetCachedResponse(key, out ReadOnlyMemory<byte> body))
    {
        body = JsonSerializer.SerializeToUtf8Bytes(users.All, SampleJson.Default.UserArray);
        memory.CacheResponse(key, body);
    }

    return Results.Bytes(body, "application/json");
});

app.MapGet(
    "/catalogue",
    [VelithonCached(Duration = 60, VaryByQuery = ["category"], Tags = ["catalogue"])] (Catalogue catalogue, string? category) =>
        VelithonResults.Json(catalogue.List(category)));

app.MapPost("/catalogue/reprice", async (Catalogue catalogue, IVelithonCacheInvalidator cache, CancellationToken cancellationToken) =>
{
    catalogue.Reprice();
    await cache.EvictByTagAsync("catalogue", cancellationToken);
    return Results.NoContent();
});

app.MapPost("/reports/{name}", (string name, IBackgroundTaskQueue queue, ILogger<Program> logger) =>
    VelithonResults.Enqueue(
        queue,
        async cancellationToken =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            SampleLog.ReportBuilt(logger, name);
        },
        accepted: () => VelithonResults.Json(new QueueReceipt(name, queue.Count), StatusCodes.Status202Accepted)));

app.MapGet("/memory/stats", (IVelithonMemory memory) => Results.Json(memory.GetStats(), SampleJson.Default.VelithonMemoryStats));
app.MapPost("/memory/cleanup", (IVelithonMemory memory) => Results.Json(memory.Cleanup(), SampleJson.Default.MemoryCleanupResult));

app.MapHealthChecks("/health");
app.MapVelithonMemoryHealth("/health/memory");
app.MapVelithonStats("/velithon/stats");
app.MapVelithonDashboard("/velithon/dashboard", "/velithon/stats");

app.Lifetime.ApplicationStarted.Register(() =>
{
    ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Velithon.Sample");
    foreach (string url in app.Urls)
    {
        SampleLog.Ready(logger, url);
    }
});

app.Run();

/// <summary>Visible to the sample's tests.</summary>
public partial class Program;
