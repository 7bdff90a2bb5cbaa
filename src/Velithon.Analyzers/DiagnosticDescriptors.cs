using Microsoft.CodeAnalysis;

namespace Velithon.Analyzers;

/// <summary>The VLG3xx diagnostics of the Velithon analyzers (one page each in docs/diagnostics).</summary>
public static class DiagnosticDescriptors
{
    /// <summary>The generator's "[VelithonJson] type must be partial", fixed by the code fix of this package.</summary>
    public const string TypeNotPartialId = "VLG101";

    /// <summary>The generator's "member type generated outside the type" (info), fixed by adding [VelithonJson] and partial.</summary>
    public const string PlainTypeGeneratedId = "VLG122";

    /// <summary>The property of <see cref="PlainTypeGeneratedId"/> that holds the plain type's metadata name.</summary>
    public const string PlainTypeProperty = "PlainType";

    private const string InterningCategory = "Velithon.Interning";
    private const string CachingCategory = "Velithon.Caching";
    private const string HelpBase = "https://github.com/velithon/velithon-gen/blob/main/docs/diagnostics/";

    /// <summary>VLG302: a value that is unique by construction is interned.</summary>
    public static readonly DiagnosticDescriptor UniqueValueInterned = new(
        id: "VLG302",
        title: "Interned value is unique by construction",
        messageFormat: "'{0}' is unique by construction ({1}): interning it only fills the interner",
        category: InterningCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Interning pays off for values that repeat. A GUID, a timestamp, a random number or a hash is new every time, so each call adds an entry that is never hit again.",
        helpLinkUri: HelpBase + "VLG302.md");

    /// <summary>VLG303: the same string literal is written many times; reported at compilation end.</summary>
    public static readonly DiagnosticDescriptor RepeatedLiteral = new(
        id: "VLG303",
        title: "Repeated string literal",
        messageFormat: "The string literal \"{0}\" occurs {1} times; use a constant from an [InternedStrings] table",
        category: InterningCategory,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A value written out many times is better declared once as a const in an [InternedStrings] table, which also gives its UTF-8 bytes and its canonical instance at compile time.",
        helpLinkUri: HelpBase + "VLG303.md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>VLG304: [VelithonCached] on a handler of a non-idempotent HTTP method.</summary>
    public static readonly DiagnosticDescriptor CachedUnsafeMethod = new(
        id: "VLG304",
        title: "[VelithonCached] on a non-idempotent endpoint",
        messageFormat: "'{0}' handles HTTP {1}: [VelithonCached] would replay one response instead of running the request",
        category: CachingCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "POST, PUT, DELETE and PATCH change state; serving them from a response cache skips the change and returns someone else's result.",
        helpLinkUri: HelpBase + "VLG304.md");

    /// <summary>VLG305: [VelithonCached] on a handler whose result cannot be cached.</summary>
    public static readonly DiagnosticDescriptor CachedUncacheableResult = new(
        id: "VLG305",
        title: "[VelithonCached] handler result cannot be cached",
        messageFormat: "'{0}' returns {1}: [VelithonCached] has no response body it can store",
        category: CachingCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The cache stores a buffered response body. A handler that returns nothing, a stream or an IAsyncEnumerable<T> writes its response as it goes, so caching it either stores nothing or buffers an unbounded body.",
        helpLinkUri: HelpBase + "VLG305.md");

    /// <summary>VLG306: [VelithonCached] on a handler that reads per-user data without VaryByUser.</summary>
    public static readonly DiagnosticDescriptor CachedPerUserWithoutVaryByUser = new(
        id: "VLG306",
        title: "[VelithonCached] handler reads per-user data without VaryByUser",
        messageFormat: "'{0}' {1} but [VelithonCached] does not set VaryByUser = true: one user's response would be served to others",
        category: CachingCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A response that depends on the current user must be cached per user, or the first caller's data leaks to everyone who follows.",
        helpLinkUri: HelpBase + "VLG306.md");

    /// <summary>VLG307: [VelithonCached] with a Duration that is zero or negative.</summary>
    public static readonly DiagnosticDescriptor CachedNonPositiveDuration = new(
        id: "VLG307",
        title: "[VelithonCached] Duration must be positive",
        messageFormat: "[VelithonCached] Duration is {0}: it must be at least 1 second",
        category: CachingCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Duration is the time to live in seconds; zero or a negative value would cache nothing or expire every entry at once.",
        helpLinkUri: HelpBase + "VLG307.md");

    /// <summary>VLG313: [VelithonCached] with a resilience setting (stale window or timeout) below -1.</summary>
    public static readonly DiagnosticDescriptor CachedInvalidResilienceSetting = new(
        id: "VLG313",
        title: "[VelithonCached] resilience setting out of range",
        messageFormat: "[VelithonCached] {0} is {1}: it must be -1 (the global option), 0 (off) or positive",
        category: CachingCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "StaleWhileRevalidate, StaleIfError (seconds), SoftTimeoutMilliseconds and HardTimeoutMilliseconds take -1 for the global option, 0 for off, or a positive value; anything else throws on the endpoint's first request.",
        helpLinkUri: HelpBase + "VLG313.md");

    /// <summary>VLG308: a [VelithonCached] handler reads request cookies that are not in the key.</summary>
    public static readonly DiagnosticDescriptor CachedReadsCookies = new(
        id: "VLG308",
        title: "[VelithonCached] handler reads cookies that are not in the key",
        messageFormat: "'{0}' {1}",
        category: CachingCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A response built from a request cookie must be keyed by that cookie (VaryByCookie), or one visitor's page is served to the others; without VaryByCookie, requests that carry cookies are not cached at all.",
        helpLinkUri: HelpBase + "VLG308.md");

    /// <summary>VLG309: a [VelithonCached] endpoint has endpoint filters, which a hit would not run.</summary>
    public static readonly DiagnosticDescriptor CachedWithEndpointFilters = new(
        id: "VLG309",
        title: "[VelithonCached] endpoint has endpoint filters",
        messageFormat: "'{0}' has an endpoint filter ({1}): it is not cached, because a hit would not run the filter; check access with an authorization policy, or set SkipEndpointFiltersOnHit when no filter decides who sees the response",
        category: CachingCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Endpoint filters run inside the endpoint, after the cache: a cached response would skip them, so the cache does not serve endpoints that have them unless SkipEndpointFiltersOnHit says none of them decides access.",
        helpLinkUri: HelpBase + "VLG309.md");

    /// <summary>VLG310: a [VelithonCached] handler reads a query parameter that VaryByQuery leaves out of the key.</summary>
    public static readonly DiagnosticDescriptor CachedReadsUnkeyedQuery = new(
        id: "VLG310",
        title: "[VelithonCached] handler reads a query parameter that is not in the key",
        messageFormat: "'{0}' {1}",
        category: CachingCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "VaryByQuery names the query keys the cache key holds; a response built from another query parameter would be stored once and served for every value of it.",
        helpLinkUri: HelpBase + "VLG310.md");

    /// <summary>VLG311: a [VelithonCached] handler reads a request header that VaryByHeader leaves out of the key.</summary>
    public static readonly DiagnosticDescriptor CachedReadsUnkeyedHeader = new(
        id: "VLG311",
        title: "[VelithonCached] handler reads a request header that is not in the key",
        messageFormat: "'{0}' {1}",
        category: CachingCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Request headers are in the cache key only when VaryByHeader names them; a response built from another header would be stored once and served for every value of it.",
        helpLinkUri: HelpBase + "VLG311.md");

    /// <summary>VLG312: a [VelithonCached] handler reads an input the key-coverage check cannot prove is keyed.</summary>
    public static readonly DiagnosticDescriptor CachedReadsUnprovenInput = new(
        id: "VLG312",
        title: "[VelithonCached] handler reads an input the cache key may not cover",
        messageFormat: "'{0}' {1}",
        category: CachingCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The request body is never part of the cache key, and a request handed to other code may be read there: the analyzer cannot prove the key covers what shapes the response.",
        helpLinkUri: HelpBase + "VLG312.md");
}
