namespace Velithon.AspNetCore.Caching;

/// <summary>An expired entry within its stale limit (or a fresh one a refresh replaces), and the layer it was found in.</summary>
internal sealed record StaleEntry(CachedResponse Entry, string Layer);
