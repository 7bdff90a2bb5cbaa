namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Metadata that <see cref="CachedEndpointDataSource"/> adds to every cached endpoint once its conventions have run:
/// how many endpoint filters it has. An endpoint without it was not seen by the convention, so the cache cannot tell
/// whether a filter guards it.
/// </summary>
internal sealed class CachedEndpointFilters(int count)
{
    /// <summary>Gets the number of endpoint filters (<c>AddEndpointFilter</c>, on the endpoint or its groups).</summary>
    public int Count { get; } = count;
}
