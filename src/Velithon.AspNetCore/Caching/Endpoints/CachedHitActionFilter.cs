using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// A global MVC action filter ordered last, so that every authorization, resource and action filter (the controller's
/// own <c>OnActionExecuting</c> included) has run and let the request through before a cached response is served in
/// place of the action.
/// </summary>
internal sealed class CachedHitActionFilter : IAsyncActionFilter, IOrderedFilter
{
    public int Order => int.MaxValue;

    public Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        HttpContext http = context.HttpContext;
        if (http.Features.Get<CacheHitFeature>() is { Served: false } hit && ReferenceEquals(hit.Endpoint, http.GetEndpoint()))
        {
            context.Result = new CachedHitResult(hit);
            return Task.CompletedTask;
        }

        return next();
    }

    private sealed class CachedHitResult(CacheHitFeature hit) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => hit.ServeAsync(context.HttpContext);
    }
}
