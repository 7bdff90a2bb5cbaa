using System.Collections.Frozen;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Net.Http.Headers;

namespace Velithon.AspNetCore.Caching;

/// <summary>A <see cref="VelithonCachedAttribute"/> resolved once per endpoint: validated, names normalized and sorted.</summary>
internal sealed class CachePolicy
{
    private readonly string[]?[] _entryTags = new string[PathTags.Count][];
    private string[] _responseVary = [];

    private CachePolicy(VelithonCachedAttribute attribute, bool requiresAuthorization, HitServing serving, string? refusal, VelithonCachingOptions? defaults, CacheKeyValues? keyValues = null, string[]? boundHeaders = null, bool appFilters = false, string[]? boundQuery = null)
    {
        RequiresAuthorization = requiresAuthorization;
        if (attribute.Duration < 1)
        {
            throw new InvalidOperationException($"[VelithonCached] Duration must be at least 1 second; it is {attribute.Duration}.");
        }

        Duration = TimeSpan.FromSeconds(attribute.Duration);
        // Query names the framework reads for the action ([FormatFilter]'s "format") are keyed with the ones the attribute names.
        VaryByQuery = attribute.VaryByQuery is null ? null : Normalize([.. attribute.VaryByQuery, .. boundQuery ?? []]);

        // MVC picks an output formatter by Accept (a string is text/plain for one client and a JSON string for another).
        // Headers bound to the handler's parameters ([FromHeader]) shape the response as surely as the attribute's.
        string[] varyByHeader = [.. attribute.VaryByHeader ?? [], .. boundHeaders ?? [], .. serving == HitServing.MvcActionFilter ? [HeaderNames.Accept] : Array.Empty<string>()];
        VaryByHeader = Normalize(varyByHeader);
        VaryByHeaderNames = [.. varyByHeader.Distinct(StringComparer.OrdinalIgnoreCase)];
        VaryByRouteValue = [.. (attribute.VaryByRouteValue ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
        VaryByUser = attribute.VaryByUser;

        // Cookie names are case-sensitive (RFC 6265).
        VaryByCookie = attribute.VaryByCookie is null ? null : [.. attribute.VaryByCookie.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Tags = [.. (attribute.Tags ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (Tags.FirstOrDefault(static t => t.StartsWith(PathTags.ReservedPrefix, StringComparison.Ordinal)) is { } reserved)
        {
            throw new InvalidOperationException($"[VelithonCached] tag '{reserved}' starts with '{PathTags.ReservedPrefix}', which the cache keeps for its own tags.");
        }

        KeyValues = keyValues ?? CacheKeyValues.None;
        EmitLastModified = attribute.EmitLastModified;

        // Public only when a browser or shared cache can tell the variants apart: VaryByHeader names go into Vary, and
        // nothing it cannot see (the user, cookies, values read by delegates) is in the key. Never for an endpoint behind
        // authorization: a shared cache in front would hand the authorized response to anyone. An MVC action behind
        // filters of the app's (an API key checked in an authorization filter, the controller's own OnActionExecuting) is
        // authorized too, where no shared cache can see it.
        bool shareable = !RequiresAuthorization && !appFilters && !VaryByUser && VaryByCookie is not { Length: > 0 } && KeyValues.IsEmpty;
        CacheControl = attribute.EmitCacheControl && shareable
            ? "public, max-age=" + attribute.Duration.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;
        StatusCodes = (attribute.StatusCodes is { Length: > 0 } codes ? codes : [200]).ToFrozenSet();
        foreach (int invalid in StatusCodes.Where(static code => code is < 200 or > 599 or 206 or 304))
        {
            // 206 answers one Range (not in the key) and 304 one validator; the cache makes its own 304s from a stored 200.
            throw new InvalidOperationException(
                $"[VelithonCached] StatusCodes may not contain {invalid}: only final statuses 200-599 other than 206 (Partial Content) and 304 (Not Modified) are stored.");
        }

        Serving = serving;
        Refusal = refusal;
        StaleWhileRevalidate = Setting(attribute.StaleWhileRevalidate, TimeSpan.FromSeconds, defaults?.StaleWhileRevalidate, nameof(attribute.StaleWhileRevalidate));
        StaleIfError = Setting(attribute.StaleIfError, TimeSpan.FromSeconds, defaults?.StaleIfError, nameof(attribute.StaleIfError));
        SoftTimeout = Setting(attribute.SoftTimeoutMilliseconds, TimeSpan.FromMilliseconds, defaults?.SoftTimeout, nameof(attribute.SoftTimeoutMilliseconds));
        HardTimeout = Setting(attribute.HardTimeoutMilliseconds, TimeSpan.FromMilliseconds, defaults?.HardTimeout, nameof(attribute.HardTimeoutMilliseconds));
        double eager = attribute.EagerRefreshThreshold == -1 ? defaults?.EagerRefreshThreshold ?? 0 : attribute.EagerRefreshThreshold;
        if (eager is not (0 or (> 0 and < 1)))
        {
            throw new InvalidOperationException(
                $"[VelithonCached] EagerRefreshThreshold must be -1 (the global option), 0 (off) or between 0 and 1 exclusive; it is {eager}.");
        }

        EagerRefreshLeadMilliseconds = eager == 0 ? 0 : Math.Max(1, (long)Math.Round(Duration.TotalMilliseconds * (1 - eager)));
    }

    public TimeSpan Duration { get; }

    public string[]? VaryByQuery { get; }

    /// <summary>Gets the request headers in the key (upper-cased, sorted): the attribute's, and <c>Accept</c> for MVC actions.</summary>
    public string[] VaryByHeader { get; }

    /// <summary>Gets the request headers in the key as the endpoint spells them (for the <c>Vary</c> of public responses).</summary>
    public string[] VaryByHeaderNames { get; }

    public string[] VaryByRouteValue { get; }

    public bool VaryByUser { get; }

    /// <summary>Gets the cookies in the key (sorted); <see langword="null"/>: a request with any cookie bypasses the cache.</summary>
    public string[]? VaryByCookie { get; }

    /// <summary>Gets or sets the endpoint's figures (set once, when the middleware first sees the endpoint).</summary>
    public EndpointCacheCounters? Counters { get; set; }

    /// <summary>Gets the tags given to the endpoint (sorted); an entry also carries its path's tag (<see cref="EntryTags"/>).</summary>
    public string[] Tags { get; }

    /// <summary>Gets the delegates that add values to the key (vary values, key prefix).</summary>
    public CacheKeyValues KeyValues { get; }

    /// <summary>Gets the <c>Cache-Control</c> value written on stored responses, or <see langword="null"/> for none.</summary>
    public string? CacheControl { get; }

    /// <summary>Gets whether stored responses carry <c>Last-Modified</c> (the time stored).</summary>
    public bool EmitLastModified { get; }

    public FrozenSet<int> StatusCodes { get; }

    /// <summary>Gets how long after expiry an entry is served <c>STALE</c> while one request refreshes it (zero: off).</summary>
    public TimeSpan StaleWhileRevalidate { get; }

    /// <summary>Gets how long after expiry an entry replaces a failed refresh (zero: off).</summary>
    public TimeSpan StaleIfError { get; }

    /// <summary>Gets how long a request waits for another one's refresh before it is served the stale entry (zero: off).</summary>
    public TimeSpan SoftTimeout { get; }

    /// <summary>Gets how long a refresh that has a stale-if-error fallback may run before its request is cancelled (zero: off).</summary>
    public TimeSpan HardTimeout { get; }

    /// <summary>
    /// Gets how long before its expiry a fresh entry is due for an eager refresh, in milliseconds: the duration times
    /// one minus the threshold (zero: off).
    /// </summary>
    public long EagerRefreshLeadMilliseconds { get; }

    /// <summary>Gets how long after expiry an entry is kept at all (memory and Redis): the longer stale window.</summary>
    public TimeSpan StaleWindow => StaleWhileRevalidate > StaleIfError ? StaleWhileRevalidate : StaleIfError;

    /// <summary>
    /// The endpoint is authorized by <c>UseAuthorization()</c>: it has authorization metadata (<c>[Authorize]</c>,
    /// <c>RequireAuthorization()</c>, a policy or requirement) or the app has a fallback policy, and no <c>[AllowAnonymous]</c>.
    /// </summary>
    public bool RequiresAuthorization { get; }

    /// <summary>Gets where a hit is served, so that every filter that may refuse the request runs first.</summary>
    public HitServing Serving { get; }

    /// <summary>Gets why the endpoint is never served from the cache (<see cref="HitServing.Never"/>), as a metric reason.</summary>
    public string? Refusal { get; }

    /// <summary>
    /// Gets the request headers named by the <c>Vary</c> of the endpoint's own responses (upper-cased, sorted), learned as
    /// responses are stored: they join the key of every later entry, as in an HTTP cache.
    /// </summary>
    public string[] ResponseVary => Volatile.Read(ref _responseVary);

    /// <summary>The most request headers a <c>Vary</c> may add to the key; an endpoint whose responses name more is not stored.</summary>
    public const int MaxResponseVary = 16;

    public static CachePolicy From(VelithonCachedAttribute attribute, bool requiresAuthorization = false, VelithonCachingOptions? defaults = null, CacheKeyValues? keyValues = null) =>
        new(attribute, requiresAuthorization, HitServing.Middleware, null, defaults, keyValues);

    /// <summary>The endpoint's <see cref="VelithonCachedAttribute"/> (with its named policy) as a policy, or null when it has none.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="defaults">The caching options (named policies, global settings).</param>
    /// <param name="fallbackAuthorization">Whether the app's authorization may apply a fallback policy to endpoints without authorization metadata.</param>
    public static CachePolicy? For(Endpoint endpoint, VelithonCachingOptions? defaults = null, bool fallbackAuthorization = false)
    {
        EndpointMetadataCollection metadata = endpoint.Metadata;
        if (metadata.GetMetadata<VelithonCachedAttribute>() is not { } attribute)
        {
            return null;
        }

        CacheKeyValues keyValues = metadata.GetMetadata<CacheKeyValues>() ?? CacheKeyValues.None;
        if (attribute.PolicyName is { } name)
        {
            if (defaults is null || !defaults.Policies.TryGetValue(name, out VelithonCachePolicyBuilder? named))
            {
                throw new InvalidOperationException($"[VelithonCached] endpoint {endpoint.DisplayName} names the cache policy '{name}', which is not registered: add it with AddVelithonCaching(o => o.AddPolicy(\"{name}\", p => ...)).");
            }

            attribute = NamedPolicyMerge.Merge(attribute, named.Build());
            keyValues = CacheKeyValues.Combine(keyValues, named.BuildKeyValues());
        }

        // What AuthorizationMiddleware evaluates: [Authorize] data, policies and requirements as metadata, else the
        // fallback policy; [AllowAnonymous] skips all of it.
        bool hasAuthorizationMetadata = metadata.GetMetadata<IAuthorizeData>() is not null
            || metadata.GetMetadata<AuthorizationPolicy>() is not null
            || metadata.GetMetadata<IAuthorizationRequirementData>() is not null;
        bool authorized = metadata.GetMetadata<IAllowAnonymous>() is null && (hasAuthorizationMetadata || fallbackAuthorization);
        (HitServing serving, string? refusal) = ServingOf(metadata, attribute);
        ControllerActionDescriptor? controllerAction = metadata.GetMetadata<ControllerActionDescriptor>();
        bool appFilters = controllerAction is not null && HasFiltersOfTheApp(controllerAction);

        // [FormatFilter] chooses the output formatter from the "format" route value or, without one, the query.
        string[]? boundQuery = controllerAction?.FilterDescriptors.Any(static d => d.Filter is FormatFilterAttribute or FormatFilter) == true ? ["format"] : null;
        return new(attribute, authorized, serving, refusal, defaults, keyValues, BoundHeaders.Of(metadata), appFilters, boundQuery);
    }

    /// <summary>
    /// Whether an MVC action runs filters the app wrote, any of which may refuse a request (a key checked in an
    /// authorization, resource, action or result filter): every filter that is not ASP.NET Core's own (those made by
    /// <c>TypeFilter</c>/<c>ServiceFilter</c> are the app's), or a controller that implements the action filter
    /// interfaces itself (<c>Controller.OnActionExecuting</c> overridden).
    /// </summary>
    private static bool HasFiltersOfTheApp(ControllerActionDescriptor action)
    {
        foreach (FilterDescriptor descriptor in action.FilterDescriptors)
        {
            IFilterMetadata filter = descriptor.Filter;
            if (filter is CachedHitActionFilter)
            {
                continue;
            }

            if (filter is TypeFilterAttribute or ServiceFilterAttribute || !IsFrameworkType(filter.GetType()))
            {
                return true;
            }
        }

        Type controller = action.ControllerTypeInfo.AsType();
        foreach (Type filterInterface in (Type[])[typeof(IActionFilter), typeof(IAsyncActionFilter), typeof(IResultFilter), typeof(IAsyncResultFilter)])
        {
            if (filterInterface.IsAssignableFrom(controller)
                && controller.GetInterfaceMap(filterInterface).TargetMethods.Any(static m => m.DeclaringType is { } declaring && !IsFrameworkType(declaring)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFrameworkType(Type type) =>
        type.Namespace is { } ns && (ns == "Microsoft.AspNetCore" || ns.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal));

    /// <summary>
    /// The tags of an entry stored for a request to <paramref name="pathBase"/> and <paramref name="path"/>: the endpoint's
    /// tags, then the path's (<see cref="PathTags"/>). One array per bucket, made once.
    /// </summary>
    public string[] EntryTags(string? pathBase, string? path)
    {
        int bucket = PathTags.Bucket(pathBase, path);
        return Volatile.Read(ref _entryTags[bucket]) ?? (_entryTags[bucket] = [.. Tags, PathTags.All[bucket]]);
    }

    /// <summary>
    /// Adds the request headers a response's <c>Vary</c> names to <see cref="ResponseVary"/>.
    /// <c>Accept-Encoding</c> is left out when <paramref name="varyEncoding"/> is false: the cache keeps its own encoding variants.
    /// Past <see cref="MaxResponseVary"/> names nothing is stored any more, and the list stops growing: a <c>Vary</c> that
    /// echoes request input cannot make every later lookup build a longer key.
    /// </summary>
    public void LearnVary(IEnumerable<string> names, bool varyEncoding)
    {
        while (true)
        {
            string[] current = ResponseVary;
            if (current.Length > MaxResponseVary)
            {
                return;
            }

            string[] next = [.. current.Union(names
                .Select(static n => n.ToUpperInvariant())
                .Where(n => varyEncoding || !n.Equals("ACCEPT-ENCODING", StringComparison.Ordinal))
                .Where(n => Array.BinarySearch(VaryByHeader, n, StringComparer.Ordinal) < 0), StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Take(MaxResponseVary + 1)];
            if (next.Length == current.Length || Interlocked.CompareExchange(ref _responseVary, next, current) == current)
            {
                return;
            }
        }
    }

    private static (HitServing Serving, string? Refusal) ServingOf(EndpointMetadataCollection metadata, VelithonCachedAttribute attribute)
    {
        if (metadata.GetMetadata<CachedEndpointFilters>() is not { } filters)
        {
            // Not built through UseVelithonCaching()'s convention: whether endpoint filters guard it is unknown.
            return (HitServing.Never, "unverified-endpoint");
        }

        if (filters.Count > 0 && !attribute.SkipEndpointFiltersOnHit)
        {
            return (HitServing.Never, "endpoint-filters");
        }

        if (metadata.GetMetadata<ControllerActionDescriptor>() is { } action)
        {
            // Hits are served by a global action filter ordered last; an action filter ordered as late (on the controller,
            // the action, or another global one) would run inside it, and a hit would skip it.
            return action.FilterDescriptors.Any(static d => d.Order == int.MaxValue && d.Filter is not CachedHitActionFilter && d.Filter is IActionFilter or IAsyncActionFilter or IFilterFactory)
                ? (HitServing.Never, "action-filter-order")
                : (HitServing.MvcActionFilter, null);
        }

        // Razor Pages and other action kinds have filters of their own that a hit from the middleware would skip.
        return metadata.GetMetadata<ActionDescriptor>() is not null ? (HitServing.Never, "page-filters") : (HitServing.Middleware, null);
    }

    /// <summary>An attribute's setting (-1: the global option, 0: off) as a time span.</summary>
    private static TimeSpan Setting(int value, Func<double, TimeSpan> unit, TimeSpan? global, string name) => value switch
    {
        -1 => global ?? TimeSpan.Zero,
        >= 0 => unit(value),
        _ => throw new InvalidOperationException($"[VelithonCached] {name} must be -1 (the global option), 0 (off) or positive; it is {value}."),
    };

    private static string[] Normalize(string[]? names) =>
        [.. (names ?? []).Select(static n => n.ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

/// <summary>Where a cached endpoint's hits are served.</summary>
internal enum HitServing
{
    /// <summary>By the middleware, synchronously, without running the endpoint (minimal APIs without endpoint filters).</summary>
    Middleware,

    /// <summary>By an MVC action filter that runs after every authorization, resource and action filter (controller actions).</summary>
    MvcActionFilter,

    /// <summary>Never: the endpoint runs every time (see <see cref="CachePolicy.Refusal"/>).</summary>
    Never,
}
