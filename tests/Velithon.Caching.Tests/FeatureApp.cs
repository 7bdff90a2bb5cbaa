using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// A <see cref="TestApp"/> with the standard pipeline (routing, authentication, authorization, the cache) and endpoints
/// the test maps itself; logs go to a <see cref="FakeLogCollector"/>, time to the given provider.
/// </summary>
internal static class FeatureApp
{
    public static Task<TestApp> StartAsync(Action<WebApplication> map, Action<VelithonCachingOptions>? caching = null, TimeProvider? time = null) =>
        TestApp.StartCustomAsync(
            app =>
            {
                app.UseRouting();
                app.UseAuthentication();
                app.UseAuthorization();
                app.UseVelithonCaching();
                map(app);
            },
            builder =>
            {
                builder.Services.AddFakeLogging();
                if (time is not null)
                {
                    builder.Services.AddSingleton(time);
                }
            },
            caching);

    public static FakeLogCollector Logs(this TestApp app) => app.App.Services.GetFakeLogCollector();
}
