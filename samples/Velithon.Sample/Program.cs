using System.Text.Json;
using Velithon.Memory;
using Velithon.Sample;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);

// The global memory handler (the seed's configure_global_memory_handler), bound from appsettings.json.
builder.Services.AddVelithonMemory(options => builder.Configuration.GetSection("Velithon:Memory").Bind(options));
builder.Services.AddVelithonBackgroundTasks(options => builder.Configuration.GetSection("Velithon:Tasks").Bind(options));
builder.Services.AddSingleton<UserDirectory>();
builder.Services.AddProblemDetails();

WebApplication app = builder.Build();

app.MapGet("/", () => Results.Text("""
    Velithon.Gen sample
      GET  /users                 all users (JSON rendered once, then served from the memory-aware response cache)
      GET  /users/{id}            one user
      POST /reports/{name}        queue a report on the bounded background queue (503 when full)
      GET  /memory/stats          one snapshot of pool, interner, cache, tasks and GC
      POST /memory/cleanup        free what can be freed and report it
    """));

app.MapGet("/users", (UserDirectory users, IVelithonMemory memory) =>
{
    const string key = "GET /users";
    if (!memory.TryGetCachedResponse(key, out ReadOnlyMemory<byte> body))
    {
        body = JsonSerializer.SerializeToUtf8Bytes(users.All, SampleJson.Default.UserArray);
        memory.CacheResponse(key, body);
    }

    return Results.Bytes(body, "application/json");
});

app.MapGet("/users/{id:int}", (int id, UserDirectory users) =>
    users.Find(id) is { } user ? Results.Json(user, SampleJson.Default.User) : Results.NotFound());

app.MapPost("/reports/{name}", (string name, IBackgroundTaskQueue queue, ILogger<Program> logger, HttpResponse response) =>
{
    bool accepted = queue.TryEnqueue(async cancellationToken =>
    {
        await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        SampleLog.ReportBuilt(logger, name);
    });

    if (accepted)
    {
        return Results.Accepted(value: new QueueReceipt(name, queue.Count));
    }

    response.Headers.RetryAfter = "1";
    return Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "The background queue is full.",
        detail: $"At most {queue.GetStats().MaxQueueLength} reports can wait; try again shortly.");
});

app.MapGet("/memory/stats", (IVelithonMemory memory) => Results.Json(memory.GetStats(), SampleJson.Default.VelithonMemoryStats));
app.MapPost("/memory/cleanup", (IVelithonMemory memory) => Results.Json(memory.Cleanup(), SampleJson.Default.MemoryCleanupResult));

app.Run();

/// <summary>Visible to the sample's tests.</summary>
public partial class Program;
