using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Velithon.AspNetCore.Caching;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the Velithon response cache middleware.</summary>
public static class VelithonCachingApplicationBuilderExtensions
{
    /// <summary>
    /// Serves and stores the responses of <see cref="Velithon.VelithonCachedAttribute"/> endpoints. Call it after
    /// <c>UseRouting()</c>, <c>UseAuthentication()</c> and <c>UseAuthorization()</c> (so the endpoint, its route values
    /// and the user are known), as the last middleware before the endpoints (a hit does not run the middleware after
    /// it); requires <c>services.AddVelithonCaching()</c>. It also adds a convention to the app's endpoints that tells
    /// the cache which cached endpoints have endpoint filters (those are not cached unless they opt in).
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static IApplicationBuilder UseVelithonCaching(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Runs when the pipeline is built: after every Map call, and before the routing middleware (which comes earlier
        // in the pipeline, so it is built later) takes the endpoint data sources.
        app.Use(next =>
        {
            if (CachedEndpointDataSource.Install(app) is { } routes)
            {
                // Before the server starts: a [VelithonCached] setting its policy rejects fails the start, not every request.
                CachedEndpointStartupCheck.Run(routes.DataSources, app.ApplicationServices.GetRequiredService<IOptions<VelithonCachingOptions>>().Value);
            }

            return next;
        });
        return app.UseMiddleware<VelithonCachingMiddleware>();
    }
}
