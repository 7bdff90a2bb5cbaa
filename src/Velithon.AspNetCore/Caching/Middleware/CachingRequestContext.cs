using Microsoft.AspNetCore.Http;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// What the cache knows of one request once the L1 hit path missed: the request, its endpoint and policy, its key and
/// encoding, when it started, the tags and generations snapshotted before the lookups, and the entries found on the way.
/// Never made for an L1 hit, which stays allocation-free.
/// </summary>
internal sealed class CachingRequestContext
{
    private string[]? _tags;
    private long[]? _generations;

    public CachingRequestContext(HttpContext httpContext, Endpoint endpoint, CachePolicy policy, string baseKey, string[] responseVary, string encoding, long start)
    {
        HttpContext = httpContext;
        Endpoint = endpoint;
        Policy = policy;
        BaseKey = baseKey;
        ResponseVary = responseVary;
        Encoding = encoding;
        Start = start;
    }

    public HttpContext HttpContext { get; }

    public Endpoint Endpoint { get; }

    public CachePolicy Policy { get; }

    /// <summary>Gets the key without the encoding variant, keyed by the request headers <see cref="ResponseVary"/> names.</summary>
    public string BaseKey { get; }

    /// <summary>Gets the policy's learned <c>Vary</c> names when <see cref="BaseKey"/> was built.</summary>
    public string[] ResponseVary { get; }

    /// <summary>Gets the content coding the response is served in (empty for identity).</summary>
    public string Encoding { get; }

    /// <summary>Gets the <see cref="System.Diagnostics.Stopwatch"/> timestamp the request reached the cache at (for <c>Server-Timing</c>).</summary>
    public long Start { get; }

    /// <summary>Gets the tags of the entry (see <see cref="SnapshotGenerations"/>).</summary>
    public string[] Tags => _tags ?? throw new InvalidOperationException("The tags are read by SnapshotGenerations first.");

    /// <summary>Gets the generations of <see cref="Tags"/> read before the lookups and before the endpoint ran.</summary>
    public long[] Generations => _generations ?? throw new InvalidOperationException("The generations are read by SnapshotGenerations first.");

    /// <summary>Gets or sets an expired entry within its stale limit that L1 held when the hit path missed.</summary>
    public CachedResponse? StaleInMemory { get; init; }

    /// <summary>Gets or sets a fresh L1 entry that this request claimed to refresh ahead of its expiry.</summary>
    public CachedResponse? RefreshOf { get; init; }

    /// <summary>Gets or sets the expired entry (and its layer) that may stand in for the response: stale-while-revalidate, stale-if-error.</summary>
    public StaleEntry? Fallback { get; set; }

    /// <summary>
    /// Gets or sets the entry that replaces a failed run of the endpoint (an exception, a 5xx, the hard timeout) while
    /// nothing of it was sent; <see langword="null"/> when a failure goes to the client.
    /// </summary>
    public StaleEntry? ErrorFallback { get; set; }

    /// <summary>
    /// Computes the entry's tags and reads their generations, once, before L2 and before the endpoint runs, so that an
    /// eviction racing either wins. An L1 hit needs none.
    /// </summary>
    public void SnapshotGenerations(VelithonResponseCache cache)
    {
        if (_tags is null)
        {
            HttpRequest request = HttpContext.Request;
            _tags = Policy.EntryTags(request.PathBase.Value, request.Path.Value);
            _generations = cache.SnapshotGenerations(_tags);
        }
    }
}
