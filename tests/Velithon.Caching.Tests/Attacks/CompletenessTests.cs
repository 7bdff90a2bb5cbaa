using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Velithon.Caching.Tests;

/// <summary>Only whole responses become entries: a client that leaves, a cut-short body or a failure are never stored.</summary>
public sealed class CompletenessTests
{
    [Fact]
    public async Task A_body_cut_short_by_a_disconnecting_client_is_never_stored()
    {
        // The endpoint writes part of its body, then sees the abort and returns normally (as a batch that swallows the
        // cancellation did): the cache must not keep the half.
        var wrotePart = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var returned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int run = 0;
        await using TestApp app = await TestApp.StartCustomAsync(a =>
        {
            a.UseRouting();
            a.UseVelithonCaching();
            a.MapGet("/report", [VelithonCached] async (HttpContext context) =>
            {
                int mine = Interlocked.Increment(ref run);
                await context.Response.WriteAsync("part one;");
                if (mine == 1)
                {
                    wrotePart.TrySetResult();
                    try
                    {
                        await Task.Delay(Timeout.Infinite, context.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        // Swallowed: the handler returns normally with half a body.
                    }

                    returned.TrySetResult();
                    return;
                }

                await context.Response.WriteAsync("part two");
            });
        });

        using (var cancel = new CancellationTokenSource())
        {
            Task<HttpResponseMessage> first = app.Client.GetAsync(new Uri("/report", UriKind.Relative), cancel.Token);
            await wrotePart.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        }

        await returned.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await app.GetAsync("/report");
        Assert.Equal(("MISS", "part one;part two"), (second.Status, second.Body));
    }

    [Fact]
    public async Task A_body_shorter_than_its_Content_Length_is_never_stored()
    {
        int run = 0;
        await using TestApp app = await TestApp.StartCustomAsync(a =>
        {
            a.UseRouting();
            a.UseVelithonCaching();
            a.MapGet("/short", [VelithonCached] async (HttpContext context) =>
            {
                if (Interlocked.Increment(ref run) == 1)
                {
                    context.Response.ContentLength = 100;
                    await context.Response.WriteAsync("only this");
                    return;
                }

                await context.Response.WriteAsync("whole");
            });
        });

        try
        {
            await app.GetAsync("/short"); // the server sends what it has; the client sees a broken response
        }
        catch (HttpRequestException)
        {
        }
        catch (IOException)
        {
        }

        var second = await app.GetAsync("/short");
        Assert.Equal(("MISS", "whole"), (second.Status, second.Body));
    }

    [Fact]
    public async Task An_exception_after_part_of_the_body_is_never_stored()
    {
        int run = 0;
        await using TestApp app = await TestApp.StartCustomAsync(a =>
        {
            a.UseRouting();
            a.UseVelithonCaching();
            a.MapGet("/fails", [VelithonCached] async (HttpContext context) =>
            {
                await context.Response.WriteAsync("half ");
                if (Interlocked.Increment(ref run) == 1)
                {
                    throw new InvalidOperationException("database went away");
                }

                await context.Response.WriteAsync("and the rest");
            });
        });

        try
        {
            HttpResponseMessage failed = (await app.GetAsync("/fails")).Response;
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException)
        {
            // TestServer may surface the endpoint's exception to the client.
        }

        var second = await app.GetAsync("/fails");
        Assert.Equal(("MISS", "half and the rest"), (second.Status, second.Body));
    }
}
