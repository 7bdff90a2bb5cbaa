using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Velithon.Memory;

namespace Velithon.AspNetCore.Tests;

public sealed class EnqueueTests
{
    [Fact]
    public async Task Queued_work_answers_202_and_a_full_queue_503_with_retry_after_and_problem_details()
    {
        // One slot, nothing draining it: the first request fills the queue, the second finds it full.
        var queue = new BackgroundTaskQueue(new BackgroundTaskQueueOptions { MaxQueueLength = 1, PressureThreshold = 1 });
        await using TestApp app = await TestApp.StartAsync(
            s => s.AddProblemDetails(),
            a => a.MapPost("/work", () => VelithonResults.Enqueue(queue, _ => ValueTask.CompletedTask, retryAfter: TimeSpan.FromSeconds(2.5))));

        using HttpResponseMessage accepted = await app.Client.PostAsync(new Uri("/work", UriKind.Relative), null);
        using HttpResponseMessage full = await app.Client.PostAsync(new Uri("/work", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), full.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", full.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(await full.Content.ReadAsStringAsync());
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("1", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_retry_after_is_refused_on_every_call_not_only_when_the_queue_is_full()
    {
        var queue = new BackgroundTaskQueue(new BackgroundTaskQueueOptions { MaxQueueLength = 10 });
        Assert.Throws<ArgumentOutOfRangeException>(() => VelithonResults.Enqueue(queue, _ => ValueTask.CompletedTask, retryAfter: TimeSpan.FromMilliseconds(-5)));
        Assert.Equal(0, queue.Count); // refused before anything was queued
    }

    [Fact]
    public async Task The_accepted_answer_can_be_chosen_and_problem_details_work_without_the_service()
    {
        var queue = new BackgroundTaskQueue(new BackgroundTaskQueueOptions { MaxQueueLength = 1, PressureThreshold = 1 });
        await using TestApp app = await TestApp.StartAsync(null, a => a.MapPost("/work", () =>
            VelithonResults.Enqueue(queue, _ => ValueTask.CompletedTask, () => VelithonResults.Json(new Tick(queue.Count), StatusCodes.Status202Accepted))));

        using HttpResponseMessage accepted = await app.Client.PostAsync(new Uri("/work", UriKind.Relative), null);
        using HttpResponseMessage full = await app.Client.PostAsync(new Uri("/work", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("{\"n\":1}", await accepted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), full.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", full.Content.Headers.ContentType?.MediaType);
    }
}
