using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>
/// An operator's mistake in the caching options or in a <c>[VelithonCached]</c> attribute fails the host start with a
/// message naming the setting, instead of starting and then failing (or silently misbehaving on) every request.
/// </summary>
public sealed class StartupValidationTests
{
    public static TheoryData<string, string> BadOptions => new()
    {
        { "StatusHeaderName", "VelithonCachingOptions.StatusHeaderName must be an HTTP header name" },
        { "StatusHeaderNameSpace", "VelithonCachingOptions.StatusHeaderName must be an HTTP header name" },
        { "MinCompressionBytes", "VelithonCachingOptions.MinCompressionBytes must not be negative; it is '-1'." },
        { "MaxBodyBytes", "VelithonCachingOptions.MaxBodyBytes must be at least 1" },
        { "MaxEntries", "VelithonCachingOptions.MaxEntries must be at least 1; it is '0'." },
        { "HardTimeout", "VelithonCachingOptions.HardTimeout must not be negative; it is '-00:00:01'." },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task A_bad_option_fails_the_start_naming_it(string option, string message)
    {
        OptionsValidationException failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(
            static _ => { },
            o =>
            {
                switch (option)
                {
                    case "StatusHeaderName": o.StatusHeaderName = "Bad Header\r\nX: y"; break;
                    case "StatusHeaderNameSpace": o.StatusHeaderName = "X Cache"; break;
                    case "MinCompressionBytes": o.MinCompressionBytes = -1; break;
                    case "MaxBodyBytes": o.MaxBodyBytes = 0; break;
                    case "MaxEntries": o.MaxEntries = 0; break;
                    case "HardTimeout": o.HardTimeout = TimeSpan.FromSeconds(-1); break;
                }
            }));
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/zero", "Duration must be at least 1 second; it is 0")]
    [InlineData("/negative-stale", "StaleIfError must be -1 (the global option), 0 (off) or positive; it is -5")]
    [InlineData("/eager", "EagerRefreshThreshold")]
    [InlineData("/unknown-policy", "names the cache policy 'nope', which is not registered")]
    public async Task A_bad_attribute_fails_the_start_naming_the_endpoint(string path, string message)
    {
        InvalidOperationException failure = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(app =>
        {
            switch (path)
            {
                case "/zero": app.MapGet(path, [VelithonCached(Duration = 0)] () => "z"); break;
                case "/negative-stale": app.MapGet(path, [VelithonCached(StaleIfError = -5)] () => "s"); break;
                case "/eager": app.MapGet(path, [VelithonCached(EagerRefreshThreshold = 1.5)] () => "e"); break;
                case "/unknown-policy": app.MapGet(path, [VelithonCached(PolicyName = "nope")] () => "u"); break;
            }
        }));
        Assert.Contains($"HTTP: GET {path}", failure.Message, StringComparison.Ordinal);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_good_app_starts_with_every_setting_at_its_limit()
    {
        await using TestApp app = await StartAsync(
            app => app.MapGet("/ok", [VelithonCached(Duration = 1, EagerRefreshThreshold = 0.5, StaleIfError = 0)] () => "ok"),
            o =>
            {
                o.StatusHeaderName = null;
                o.MinCompressionBytes = 0;
                o.MaxBodyBytes = 1;
            });
        Assert.Equal("ok", (await app.GetAsync("/ok")).Body);

        await using TestApp empty = await StartAsync(static _ => { }, o => o.StatusHeaderName = string.Empty);
        await using TestApp custom = await StartAsync(static _ => { }, o => o.StatusHeaderName = "X-My_Cache.Status");
    }

    private static Task<TestApp> StartAsync(Action<WebApplication> map, Action<VelithonCachingOptions>? caching = null) => TestApp.StartCustomAsync(
        app =>
        {
            app.UseRouting();
            app.UseVelithonCaching();
            map(app);
        },
        caching: caching);
}
