using Velithon;

// Built only (no Redis server is needed to compile): the calls of an app that used the Redis L2 before the package split.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddVelithonCaching(o => o.UseRedis("localhost:6379"));
builder.Services.AddVelithonCaching(o => o.UseRedis("localhost:6379", redis => redis.RedisKeyPrefix = "shop:"));
builder.Services.AddVelithonHybridCache(o => o.UseRedis("localhost:6379"));

WebApplication app = builder.Build();
app.UseRouting();
app.UseVelithonCaching();
app.MapGet("/products", [VelithonCached(Duration = 30)] () => "products");
app.Run();
