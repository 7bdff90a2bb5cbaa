using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Resolves the cache policy of every endpoint when <c>UseVelithonCaching()</c>'s pipeline is built (at host start, before
/// the server listens), so that a <c>[VelithonCached]</c> setting the policy rejects (a zero duration, an out-of-range
/// threshold, an unknown policy name...) fails the start, naming the endpoint, instead of every request to it.
/// </summary>
internal static class CachedEndpointStartupCheck
{
    public static void Run(IEnumerable<EndpointDataSource> sources, VelithonCachingOptions options)
    {
        List<string>? failures = null;
        foreach (Endpoint endpoint in sources.SelectMany(static s => s.Endpoints))
        {
            try
            {
                _ = CachePolicy.For(endpoint, options);
            }
            catch (InvalidOperationException ex)
            {
                (failures ??= []).Add($"endpoint '{endpoint.DisplayName}': {ex.Message}");
            }
        }

        if (failures is not null)
        {
            throw new InvalidOperationException("Invalid [VelithonCached] settings:" + Environment.NewLine + string.Join(Environment.NewLine, failures));
        }
    }
}
