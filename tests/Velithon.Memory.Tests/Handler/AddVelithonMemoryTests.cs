using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Velithon.Memory.Tests.Handler;

public class AddVelithonMemoryTests
{
    [Fact]
    public void Registers_one_handler_and_exposes_its_pool_and_interner()
    {
        using ServiceProvider services = new ServiceCollection()
            .AddVelithonMemory(o => o.InternerMaxCount = 123)
            .AddVelithonMemory(o => o.ResponseCacheMaxEntries = 7)
            .BuildServiceProvider();

        var memory = services.GetRequiredService<IVelithonMemory>();

        Assert.Same(memory, services.GetRequiredService<VelithonMemory>());
        Assert.Same(memory.Pool, services.GetRequiredService<VelithonMemoryPool>());
        Assert.Same(memory.Interner, services.GetRequiredService<StringInterner>());
        Assert.Equal(123, memory.Interner.MaxCount);
        Assert.Equal(7, memory.ResponseCache.MaxEntries);
        Assert.Single(services.GetServices<IVelithonMemory>());
    }

    [Fact]
    public async Task Bad_configuration_fails_at_startup_with_a_clear_message()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddVelithonMemory(o => o.ResponseCacheMaxMemoryBytes = 0);
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ResponseCacheMaxMemoryBytes must be positive (was 0)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_bind_from_configuration_and_the_host_starts()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration["Velithon:Memory:ResponseCacheMaxEntries"] = "42";
        builder.Services.AddVelithonMemory();
        builder.Services.Configure<VelithonMemoryOptions>(builder.Configuration.GetSection("Velithon:Memory"));
        using IHost host = builder.Build();

        await host.StartAsync();
        var memory = host.Services.GetRequiredService<IVelithonMemory>();
        await host.StopAsync();

        Assert.Equal(42, memory.ResponseCache.MaxEntries);
    }
}
