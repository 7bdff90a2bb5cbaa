using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Velithon.Memory;

namespace Velithon.AspNetCore.Tests;

public sealed class MemoryPressureMiddlewareTests
{
    private static async Task<TestApp> StartAsync(FakeMemory memory, FakeTimeProvider time, Action<MemoryPressureOptions>? configure = null) =>
        await TestApp.StartAsync(
            s =>
            {
                s.AddSingleton<IVelithonMemory>(memory);
                s.AddSingleton<TimeProvider>(time);
            },
            a =>
            {
                a.UseVelithonMemoryPressure(configure);
                a.MapGet("/", () => "ok");
            });

    private static async Task<HttpResponseMessage> GetAsync(TestApp app) => await app.Client.GetAsync(new Uri("/", UriKind.Relative));

    [Fact]
    public async Task Responses_carry_the_managed_heap_in_megabytes()
    {
        var memory = new FakeMemory { TotalMemoryBytes = 3 * 1024 * 1024 + 512 * 1024 };
        await using TestApp app = await StartAsync(memory, new FakeTimeProvider());

        using HttpResponseMessage response = await GetAsync(app);

        Assert.Equal("3.5", Assert.Single(response.Headers.GetValues("X-Memory-Usage-MB")));
        Assert.Equal(0, memory.Cleanups);
    }

    [Fact]
    public async Task The_header_can_be_renamed_or_left_out()
    {
        var memory = new FakeMemory();
        await using TestApp renamed = await StartAsync(memory, new FakeTimeProvider(), o => o.HeaderName = "X-Heap-MB");
        await using TestApp none = await StartAsync(memory, new FakeTimeProvider(), o => o.AddHeader = false);

        using HttpResponseMessage r1 = await GetAsync(renamed);
        using HttpResponseMessage r2 = await GetAsync(none);

        Assert.True(r1.Headers.Contains("X-Heap-MB"));
        Assert.False(r2.Headers.Contains("X-Memory-Usage-MB"));
    }

    [Fact]
    public async Task Each_middleware_configures_a_copy_and_the_registered_options_stay_as_registered()
    {
        var memory = new FakeMemory();
        await using TestApp app = await TestApp.StartAsync(
            s =>
            {
                s.AddSingleton<IVelithonMemory>(memory);
                s.Configure<MemoryPressureOptions>(o => o.HeaderName = "X-Registered");
            },
            a =>
            {
                a.UseVelithonMemoryPressure(o => o.HeaderName = "X-First");
                a.UseVelithonMemoryPressure(o => o.HeaderName = "X-Second");
                a.MapGet("/", () => "ok");
            });

        using HttpResponseMessage response = await GetAsync(app);
        Assert.True(response.Headers.Contains("X-First"));
        Assert.True(response.Headers.Contains("X-Second"));
        Assert.Equal("X-Registered", app.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MemoryPressureOptions>>().Value.HeaderName);
    }

    [Theory]
    [InlineData(-1.0, null, "CleanupAtMemoryLoadPercent")]
    [InlineData(0.0, null, "CleanupAtMemoryLoadPercent")]
    [InlineData(100.5, null, "CleanupAtMemoryLoadPercent")]
    [InlineData(double.NaN, null, "CleanupAtMemoryLoadPercent")]
    [InlineData(null, 0L, "CleanupAtTotalMemoryBytes")]
    [InlineData(null, -5L, "CleanupAtTotalMemoryBytes")]
    public async Task A_threshold_out_of_range_fails_when_the_pipeline_is_built(double? percent, long? bytes, string named)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => StartAsync(new FakeMemory(), new FakeTimeProvider(), o =>
        {
            o.CleanupAtMemoryLoadPercent = percent;
            o.CleanupAtTotalMemoryBytes = bytes;
        }));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    // Cleanup started inline: the request has decided, and run it, before its response arrives.
    private static void Inline(MemoryPressureOptions options) => options.StartCleanup = static cleanup => cleanup();

    [Fact]
    public async Task Under_pressure_cleanup_runs_at_most_once_per_interval()
    {
        var memory = new FakeMemory { UnderPressure = true, MemoryLoadPercent = 90 };
        var time = new FakeTimeProvider();
        await using TestApp app = await StartAsync(memory, time, o =>
        {
            o.MinCleanupInterval = TimeSpan.FromSeconds(30);
            o.SampleInterval = TimeSpan.FromSeconds(1);
            Inline(o);
        });

        (await GetAsync(app)).Dispose();
        Assert.Equal(1, memory.Cleanups);

        // Still under pressure, but inside the interval: readings refresh, cleanup does not run again.
        for (int i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            (await GetAsync(app)).Dispose();
            Assert.Equal(1, memory.Cleanups);
            Assert.Equal(i + 2, memory.StatsTaken);
        }

        // 30 s after the first: the next one.
        time.Advance(TimeSpan.FromSeconds(5));
        (await GetAsync(app)).Dispose();
        Assert.Equal(2, memory.Cleanups);
    }

    [Fact]
    public async Task Cleanup_runs_off_the_request_path()
    {
        // With the default start (Task.Run), a request does not wait for a slow cleanup.
        using var release = new ManualResetEventSlim();
        var memory = new FakeMemory { UnderPressure = true, MemoryLoadPercent = 90, BeforeCleanup = () => release.Wait(TimeSpan.FromSeconds(30)) };
        await using TestApp app = await StartAsync(memory, new FakeTimeProvider());

        using HttpResponseMessage response = await GetAsync(app);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(0, memory.Cleanups);

        release.Set();
        await memory.WaitForCleanupsAsync(1);
        Assert.Equal(1, memory.Cleanups);
    }

    [Fact]
    public async Task Readings_are_reused_within_the_sample_interval()
    {
        var memory = new FakeMemory();
        var time = new FakeTimeProvider();
        await using TestApp app = await StartAsync(memory, time, o => o.SampleInterval = TimeSpan.FromSeconds(1));

        for (int i = 0; i < 10; i++)
        {
            (await GetAsync(app)).Dispose();
        }

        int afterBurst = memory.StatsTaken;
        time.Advance(TimeSpan.FromSeconds(2));
        (await GetAsync(app)).Dispose();

        Assert.Equal(1, afterBurst);
        Assert.Equal(2, memory.StatsTaken);
    }

    [Theory]
    [InlineData(69.9, null, false)]
    [InlineData(70, null, true)]
    [InlineData(10, 100L * 1024 * 1024, false)]
    [InlineData(10, 64L * 1024 * 1024, true)]
    public async Task Explicit_thresholds_trigger_cleanup(double loadPercent, long? heapBytes, bool expected)
    {
        var memory = new FakeMemory { MemoryLoadPercent = loadPercent, TotalMemoryBytes = 64L * 1024 * 1024 };
        await using TestApp app = await StartAsync(memory, new FakeTimeProvider(), o =>
        {
            o.CleanupAtMemoryLoadPercent = 70;
            o.CleanupAtTotalMemoryBytes = heapBytes;
            Inline(o);
        });

        (await GetAsync(app)).Dispose();

        Assert.Equal(expected ? 1 : 0, memory.Cleanups);
    }
}
