using Velithon;
using Velithon.AspNetCore;

// Starts on a free loopback port, requests its own cached endpoint twice and checks MISS then HIT.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
builder.Services.AddVelithonCaching();

WebApplication app = builder.Build();
int renders = 0;
app.UseVelithonCaching();
app.MapGet("/products", [VelithonCached(Duration = 30)] () =>
{
    Interlocked.Increment(ref renders);
    return VelithonResults.Json(new Product(1, "Tea"));
});

await app.StartAsync();
string address = app.Urls.First();
using var client = new HttpClient { BaseAddress = new Uri(address) };

int failures = 0;
void Check(string name, bool ok, string detail = "")
{
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {name}{(ok || detail.Length == 0 ? "" : ": " + detail)}");
    failures += ok ? 0 : 1;
}

HttpResponseMessage first = await client.GetAsync("/products");
HttpResponseMessage second = await client.GetAsync("/products");
string body = await second.Content.ReadAsStringAsync();
string status(HttpResponseMessage r) => r.Headers.TryGetValues("X-Velithon-Cache", out var v) ? string.Join(",", v) : "(none)";

Check("[VelithonCached] first request is a MISS", status(first) == "MISS", status(first));
Check("[VelithonCached] second request is a HIT", status(second) == "HIT", status(second));
Check("the endpoint ran once", renders == 1, renders.ToString());
Check("VelithonResults.Json wrote the generated JSON", body == """{"id":1,"name":"Tea"}""", body);

await app.StopAsync();
return failures == 0 ? 0 : 1;

[VelithonJson]
public partial record Product(int Id, string Name);
