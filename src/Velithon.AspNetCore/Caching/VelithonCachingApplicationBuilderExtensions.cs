using Velithon.AspNetCore.Caching;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the Velithon response cache middleware.</summary>
public static class VelithonCachingApplicationBuilderExtensions
{
    /// <summary>
    /// Serves and stores the responses of <see cref="Velithon.VelithonCachedAttribute"/> endpoints. Call it after
    /// <c>UseRouting()</c>, <c>UseAuthentication()</c> and <c>UseAuthorization()</c> (so the endpoint, its route values
    /// and the user are known) and before the endpoints run; requires <c>services.AddVelithonCaching()</c>.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static IApplicationBuilder UseVelithonCaching(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<VelithonCachingMiddleware>();
    }
}
