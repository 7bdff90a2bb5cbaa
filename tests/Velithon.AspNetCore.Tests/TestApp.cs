using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Velithon.AspNetCore.Tests;

/// <summary>A minimal app on the ASP.NET Core test server.</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app) => App = app;

    public WebApplication App { get; }

    public HttpClient Client => App.GetTestClient();

    public TestServer Server => App.GetTestServer();

    public static async Task<TestApp> StartAsync(Action<IServiceCollection>? services, Action<WebApplication> configure)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        services?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        configure(app);
        await app.StartAsync();
        return new TestApp(app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
