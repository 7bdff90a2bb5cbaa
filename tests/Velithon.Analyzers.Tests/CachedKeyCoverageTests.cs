using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Velithon.Analyzers.Caching;
using Velithon.Analyzers.CodeFixes;

namespace Velithon.Analyzers.Tests;

/// <summary>VLG310-VLG312: every input a cached handler reads is in its key, proven at compile time; and the fix that adds it.</summary>
public sealed class CachedKeyCoverageTests
{
    /// <summary>Just enough of Velithon and ASP.NET Core, matched by metadata name.</summary>
    internal const string Stubs = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        namespace Velithon
        {
            [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
            public sealed class VelithonCachedAttribute : Attribute
            {
                public int Duration { get; set; } = 60;
                public bool VaryByUser { get; set; }
                public string[]? VaryByQuery { get; set; }
                public string[]? VaryByHeader { get; set; }
                public string[]? VaryByCookie { get; set; }
                public string? PolicyName { get; set; }
            }
        }
        namespace Microsoft.AspNetCore.Http.Metadata
        {
            public interface IFromQueryMetadata { string? Name { get; } }
            public interface IFromHeaderMetadata { string? Name { get; } }
        }
        namespace Microsoft.AspNetCore.Http
        {
            public interface IQueryCollection : IEnumerable<KeyValuePair<string, string>>
            {
                string this[string key] { get; }
                bool ContainsKey(string key);
                bool TryGetValue(string key, out string value);
            }
            public interface IRequestCookieCollection { string? this[string key] { get; } }
            public interface IHeaderDictionary
            {
                string this[string key] { get; }
                bool TryGetValue(string key, out string value);
                string AcceptLanguage { get; }
                string XForwardedFor { get; }
                string ETag { get; }
                string Cookie { get; }
                string Authorization { get; }
            }
            public struct QueryString { }
            public class HttpRequest
            {
                public IQueryCollection Query { get; } = null!;
                public QueryString QueryString { get; }
                public IHeaderDictionary Headers { get; } = null!;
                public IRequestCookieCollection Cookies { get; } = null!;
                public System.IO.Stream Body { get; } = null!;
                public Task<object> ReadFormAsync() => null!;
            }
            public class HttpResponse { public IHeaderDictionary Headers { get; } = null!; }
            public class HttpContext { public HttpRequest Request { get; } = new(); public HttpResponse Response { get; } = new(); }
            public static class HttpRequestJsonExtensions { public static ValueTask<T?> ReadFromJsonAsync<T>(this HttpRequest request) => default; }
            [AttributeUsage(AttributeTargets.Parameter)]
            public sealed class AsParametersAttribute : Attribute { }
        }
        namespace Microsoft.AspNetCore.Mvc
        {
            [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
            public sealed class FromQueryAttribute : Attribute, Microsoft.AspNetCore.Http.Metadata.IFromQueryMetadata { public string? Name { get; set; } }
            [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
            public sealed class FromHeaderAttribute : Attribute, Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata { public string? Name { get; set; } }
            [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
            public sealed class FromRouteAttribute : Attribute { public string? Name { get; set; } }
            [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
            public sealed class FromBodyAttribute : Attribute { }
            [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
            public sealed class FromServicesAttribute : Attribute { }
            [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
            public sealed class RouteAttribute : Attribute { public RouteAttribute(string template) => Template = template; public string Template { get; } }
            [AttributeUsage(AttributeTargets.Method)]
            public sealed class HttpGetAttribute : Attribute { public HttpGetAttribute() : this("") { } public HttpGetAttribute(string template) => Template = template; public string Template { get; } }
            public abstract class ControllerBase { public Microsoft.AspNetCore.Http.HttpRequest Request { get; } = new(); }
        }
        namespace Microsoft.AspNetCore.Builder
        {
            public interface IEndpointRouteBuilder { }
            public sealed class RouteHandlerBuilder { }
            public static class EndpointRouteBuilderExtensions
            {
                public static RouteHandlerBuilder MapGet(this IEndpointRouteBuilder app, string pattern, Delegate handler) => new();
                public static T CacheWithVelithon<T>(this T builder, Action<Velithon.AspNetCore.Caching.VelithonCachePolicyBuilder>? configure = null) => builder;
                public static T CacheWithVelithon<T>(this T builder, string policyName, Action<Velithon.AspNetCore.Caching.VelithonCachePolicyBuilder>? configure = null) => builder;
                public static T WithName<T>(this T builder, string name) => builder;
            }
        }
        namespace Velithon.AspNetCore.Caching
        {
            public sealed class VelithonCachePolicyBuilder
            {
                public VelithonCachePolicyBuilder VaryByQuery(params string[] keys) => this;
                public VelithonCachePolicyBuilder VaryByHeader(params string[] headers) => this;
                public VelithonCachePolicyBuilder Expire(TimeSpan duration) => this;
                public VelithonCachePolicyBuilder Tag(params string[] tags) => this;
            }
            public sealed class VelithonCachingOptions
            {
                public VelithonCachingOptions AddPolicy(string name, Action<VelithonCachePolicyBuilder> configure) => this;
            }
        }
        """;

    [Fact]
    public Task Inferred_query_parameters_are_checked_against_VaryByQuery_and_route_values_are_not() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/shops/{shop}/items/{id:int}", [VelithonCached(VaryByQuery = ["page"])] (int id, string shop, int page, {|#0:string? sort|}, {|#2:DayOfWeek? day|}, {|#1:int[] tags|}, System.Threading.CancellationToken token) => $"{id}{shop}{page}{sort}{day}{tags.Length}");
            }
            """,
            Query(0, "(lambda)", "sort", "sort (bound from the query)"),
            Query(1, "(lambda)", "tags", "tags (bound from the query)"),
            Query(2, "(lambda)", "day", "day (bound from the query)"));

    [Fact]
    public Task Without_VaryByQuery_every_query_parameter_is_keyed_so_nothing_is_reported() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/items", [VelithonCached] (HttpRequest r, int page, [FromQuery(Name = "q")] string term) => r.Query["sort"] + r.QueryString.ToString() + page + term);
            }
            """);

    [Fact]
    public Task Query_reads_in_the_body_are_checked_by_name_case_insensitively_and_a_whole_query_read_against_a_list() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/items", [VelithonCached(VaryByQuery = ["Page"])] (HttpRequest r) =>
                    {
                        string page = r.Query["page"];
                        string sort = {|#0:r.Query|}["sort"];
                        bool has = {|#1:r.Query|}.ContainsKey("filter");
                        foreach (var pair in {|#2:r.Query|}) { }
                        return page + sort + has + {|#3:r.QueryString|};
                    });
            }
            """,
            Query(0, "(lambda)", "sort", "Query[\"sort\"]"),
            Query(1, "(lambda)", "filter", "Query[\"filter\"]"),
            WholeQuery(2, "(lambda)", "Query", "Page"),
            WholeQuery(3, "(lambda)", "QueryString", "Page"));

    [Fact]
    public Task An_explicit_FromQuery_name_is_what_is_checked_and_an_empty_VaryByQuery_keys_nothing() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/items", [VelithonCached(VaryByQuery = [])] ({|#0:[FromQuery(Name = "p")] int page|}) => page);
            }
            """,
            Query(0, "(lambda)", "p", "[FromQuery] page"));

    [Fact]
    public Task Headers_read_by_indexer_or_typed_property_must_be_named_in_VaryByHeader_and_bound_ones_are_keyed_anyway() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/items", [VelithonCached(VaryByHeader = ["x-tenant"])] (HttpRequest r, HttpResponse response, [FromHeader(Name = "X-Api-Version")] string version, [FromHeader] string region) =>
                    {
                        string tenant = r.Headers["X-Tenant"];
                        string language = {|#0:r.Headers|}.AcceptLanguage;
                        string forwarded = {|#1:r.Headers|}.XForwardedFor;
                        string etag = {|#2:r.Headers|}.ETag;
                        r.Headers.TryGetValue("X-TENANT", out string again);
                        string cookie = r.Headers.Cookie + r.Headers.Authorization + r.Headers["Host"];
                        string written = response.Headers["X-Debug"];
                        return tenant + language + forwarded + etag + again + cookie + written + version + region;
                    });
            }
            """,
            Header(0, "(lambda)", "Accept-Language", "Headers.AcceptLanguage"),
            Header(1, "(lambda)", "X-Forwarded-For", "Headers.XForwardedFor"),
            Header(2, "(lambda)", "ETag", "Headers.ETag"));

    [Fact]
    public Task Without_VaryByHeader_any_header_read_is_an_error_and_a_name_it_cannot_see_is_a_warning() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app, string configured) =>
                    app.MapGet("/items", [VelithonCached] (HttpRequest r) => {|#0:r.Headers|}["X-Tenant"] + {|#1:r.Headers|}[configured]);
            }
            """,
            Header(0, "(lambda)", "X-Tenant", "Headers[\"X-Tenant\"]"),
            Unproven(1, "(lambda)", "reads request headers by a name this check cannot see (Headers): make sure VaryByHeader names every header the response depends on"));

    [Fact]
    public Task The_body_and_a_request_handed_to_other_code_cannot_be_proven_keyed() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/items", [VelithonCached] async (HttpContext context, {|#0:[FromBody] Filter filter|}, {|#1:System.IO.Stream raw|}) =>
                    {
                        var posted = await {|#2:context.Request.ReadFromJsonAsync<Filter>|}();
                        var length = {|#3:context.Request.Body|}.Length;
                        return Render({|#4:context|}) + posted!.Name + filter.Name + length + raw.Length;
                    });

                static string Render(HttpContext context) => "";
            }

            sealed class Filter { public string Name { get; set; } = ""; }
            """,
            Unproven(0, "(lambda)", "reads the request body ([FromBody] filter), which is never part of the cache key: a response built from one body would be served for another"),
            Unproven(1, "(lambda)", "reads the request body (Stream raw), which is never part of the cache key: a response built from one body would be served for another"),
            Unproven(2, "(lambda)", "reads the request body (ReadFromJsonAsync()), which is never part of the cache key: a response built from one body would be served for another"),
            Unproven(3, "(lambda)", "reads the request body (Body), which is never part of the cache key: a response built from one body would be served for another"),
            Unproven(4, "(lambda)", "passes the request to 'Render' (Render(context)), whose reads this check does not follow: make sure the key covers what it reads"));

    [Fact]
    public Task AsParameters_members_are_bound_like_parameters() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/items/{id}", [VelithonCached(VaryByQuery = ["page"])] ({|#0:[AsParameters] Paging paging|}) => paging.Page);
            }

            sealed record Paging(int Id, int Page, int Size, [FromHeader(Name = "X-Tenant")] string Tenant, [FromServices] IServiceProvider Services);
            """,
            Query(0, "(lambda)", "Size", "Size (bound from the query)"));

    [Fact]
    public Task MVC_actions_take_their_route_from_the_controller_and_action_templates() =>
        Run("""
            [Route("api/shops/{shop}")]
            public sealed class ItemsController : ControllerBase
            {
                [HttpGet("items/{id}")]
                [VelithonCached(VaryByQuery = ["page"])]
                public string Get(string shop, int id, int page, {|#0:string? sort|}) => shop + id + page + sort;

                [HttpGet("other")]
                [VelithonCached(VaryByHeader = [])]
                public string Other() => {|#1:Request.Headers|}["X-Tenant"];
            }

            [VelithonCached(VaryByQuery = [])]
            [Route("api/all")]
            public sealed class AllController : ControllerBase
            {
                [HttpGet("{id}")]
                public string One(int id, {|#2:int page|}) => "" + id + page;
            }
            """,
            Query(0, "Get", "sort", "sort (bound from the query)"),
            Header(1, "Other", "X-Tenant", "Headers[\"X-Tenant\"]"),
            Query(2, "One", "page", "page (bound from the query)"));

    [Fact]
    public Task A_handler_whose_route_is_not_visible_is_checked_only_for_what_it_binds_explicitly() =>
        Run("""
            static class Handlers
            {
                [VelithonCached(VaryByQuery = [])]
                public static string List(int page, {|#0:[FromQuery] string? sort|}) => page + sort;
            }
            """,
            Query(0, "List", "sort", "[FromQuery] sort"));

    [Fact]
    public Task Inputs_in_the_key_are_not_reported() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/items/{id}", [VelithonCached(VaryByQuery = ["page", "sort"], VaryByHeader = ["Accept-Language", "X-Tenant"])] (HttpRequest r, int id, int page, string sort, [FromHeader(Name = "x-tenant")] string tenant) =>
                        r.Headers.AcceptLanguage + r.Query["PAGE"] + id + page + sort + tenant);
            }
            """);

    [Fact]
    public Task The_fluent_policy_of_an_inline_lambda_is_checked_like_the_attribute() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app, string[] configured)
                {
                    app.MapGet("/a/{id}", (int id, int page, {|#0:string? sort|}, HttpRequest r) => id + page + sort + {|#1:r.Headers|}["X-Tenant"])
                        .WithName("a")
                        .CacheWithVelithon(p => p.Expire(TimeSpan.FromSeconds(5)).VaryByQuery("sort").VaryByQuery("page"));
                    app.MapGet("/b", (HttpRequest r) => r.Headers["X-Tenant"] + r.Query["any"]).CacheWithVelithon(p => { p.VaryByHeader("X-Tenant"); });
                    app.MapGet("/c", (HttpRequest r) => r.Headers["X-Tenant"]).CacheWithVelithon(p => p.VaryByHeader(configured));
                    app.MapGet("/d", (HttpRequest r) => {|#2:r.Headers|}.AcceptLanguage).CacheWithVelithon();
                }
            }
            """,
            Query(0, "(lambda)", "sort", "sort (bound from the query)"),
            Header(1, "(lambda)", "X-Tenant", "Headers[\"X-Tenant\"]"),
            Header(2, "(lambda)", "Accept-Language", "Headers.AcceptLanguage"));

    [Fact]
    public Task A_named_policy_adds_vary_lists_the_check_cannot_see_so_only_unkeyable_reads_are_reported() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/a", [VelithonCached(PolicyName = "tenant", VaryByQuery = ["page"])] (HttpRequest r, int page, string? sort) => r.Headers["X-Tenant"] + page + sort);
                    app.MapGet("/b", [VelithonCached(PolicyName = "tenant")] (HttpRequest r) => r.Headers["X-Tenant"] + {|#0:r.Body|});
                    app.MapGet("/c", (HttpRequest r, string? sort) => r.Headers["X-Tenant"] + sort).CacheWithVelithon("tenant", p => p.VaryByQuery("page"));
                    app.MapGet("/d", (HttpRequest r) => r.Headers.AcceptLanguage).CacheWithVelithon("tenant");
                    app.MapGet("/e", [VelithonCached(PolicyName = null)] (HttpRequest r) => {|#1:r.Headers|}["X-Tenant"]);
                }
            }
            """,
            Unproven(0, "(lambda)", "reads the request body (Body), which is never part of the cache key: a response built from one body would be served for another"),
            Header(1, "(lambda)", "X-Tenant", "Headers[\"X-Tenant\"]"));

    [Fact]
    public Task A_named_policy_registered_once_with_constant_lists_is_read_from_the_source() =>
        Run("""
            using Velithon.AspNetCore.Caching;
            static class Policies
            {
                static readonly string[] Configured = ["X-Other"];
                static void Add(VelithonCachingOptions o)
                {
                    o.AddPolicy("tenant", p => p.VaryByHeader("X-Tenant").VaryByQuery("page").Tag("t"));
                    o.AddPolicy("block", p =>
                    {
                        p.VaryByHeader("X-Tenant");
                        p.Expire(TimeSpan.FromMinutes(1));
                    });
                    o.AddPolicy("twice", p => p.VaryByHeader("X-A"));
                    o.AddPolicy("twice", p => p.VaryByHeader("X-B"));
                    o.AddPolicy("opaque", p => Configure(p));
                    o.AddPolicy("not-literal", p => p.VaryByHeader(Configured));
                }
                static void Configure(VelithonCachePolicyBuilder p) { }
            }
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/a", [VelithonCached(PolicyName = "tenant")] (HttpRequest r, int page, {|#0:string? sort|}) => r.Headers["X-Tenant"] + page + sort);
                    app.MapGet("/b", [VelithonCached(PolicyName = "tenant")] (HttpRequest r) => r.Headers["X-Tenant"] + {|#1:r.Headers|}["X-Other"]);
                    app.MapGet("/c", [VelithonCached(PolicyName = "tenant", VaryByHeader = ["X-Other"])] (HttpRequest r) => r.Headers["X-Tenant"] + r.Headers["X-Other"]);
                    app.MapGet("/d", [VelithonCached(PolicyName = "block")] (HttpRequest r, string? sort) => r.Headers["X-Tenant"] + sort + {|#2:r.Headers|}["X-Other"]);
                    app.MapGet("/e", [VelithonCached(PolicyName = "twice")] (HttpRequest r) => r.Headers["X-Other"]);
                    app.MapGet("/f", [VelithonCached(PolicyName = "opaque")] (HttpRequest r) => r.Headers["X-Other"]);
                    app.MapGet("/g", [VelithonCached(PolicyName = "not-literal")] (HttpRequest r) => r.Headers["X-Other"]);
                    app.MapGet("/h", [VelithonCached(PolicyName = "unregistered")] (HttpRequest r) => r.Headers["X-Other"]);
                    app.MapGet("/i", (HttpRequest r, int page, {|#3:string? sort|}) => r.Headers["X-Tenant"] + page + sort).CacheWithVelithon("tenant");
                }
            }
            """,
            Query(0, "(lambda)", "sort", "sort (bound from the query)"),
            Header(1, "(lambda)", "X-Other", "Headers[\"X-Other\"]"),
            Header(2, "(lambda)", "X-Other", "Headers[\"X-Other\"]"),
            Query(3, "(lambda)", "sort", "sort (bound from the query)"));

    [Fact]
    public void Typed_header_properties_map_to_their_wire_names()
    {
        Assert.Equal("Accept-Language", RequestInputReader.HeaderName("AcceptLanguage"));
        Assert.Equal("WWW-Authenticate", RequestInputReader.HeaderName("WWWAuthenticate"));
        Assert.Equal("Content-MD5", RequestInputReader.HeaderName("ContentMD5"));
        Assert.Equal("X-Forwarded-For", RequestInputReader.HeaderName("XForwardedFor"));
        Assert.Equal("X-XSS-Protection", RequestInputReader.HeaderName("XXSSProtection"));
        Assert.Equal("traceparent", RequestInputReader.HeaderName("TraceParent"));
        Assert.Equal("Sec-WebSocket-Key", RequestInputReader.HeaderName("SecWebSocketKey"));
        Assert.Equal("ETag", RequestInputReader.HeaderName("ETag"));
    }

    [Fact]
    public void Route_templates_give_their_parameter_names()
    {
        Assert.Equal(new[] { "id", "slug", "rest", "all", "page" }, CachedHandlerSite.RouteParameters("/a/{id:int}/{slug?}/{*rest}/{**all}/{page=1}/{{literal}}"));
    }

    [Fact]
    public Task The_fix_creates_VaryByHeader_with_a_collection_expression() =>
        Fix(
            """
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/items", [VelithonCached(Duration = 30)] (HttpRequest r) => {|#0:r.Headers|}["X-Tenant"]);
            }
            """,
            """
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/items", [VelithonCached(Duration = 30, VaryByHeader = ["X-Tenant"])] (HttpRequest r) => r.Headers["X-Tenant"]);
            }
            """,
            LanguageVersion.Latest,
            Header(0, "(lambda)", "X-Tenant", "Headers[\"X-Tenant\"]"));

    [Fact]
    public Task The_fix_appends_to_an_existing_list_in_its_own_form() =>
        Fix(
            """
            public sealed class ItemsController : ControllerBase
            {
                [HttpGet("items")]
                [VelithonCached(VaryByQuery = new string[] { "page" })]
                public string Get(int page, {|#0:string sort|}) => page + sort;
            }
            """,
            """
            public sealed class ItemsController : ControllerBase
            {
                [HttpGet("items")]
                [VelithonCached(VaryByQuery = new string[] { "page", "sort" })]
                public string Get(int page, string sort) => page + sort;
            }
            """,
            LanguageVersion.Latest,
            Query(0, "Get", "sort", "sort (bound from the query)"));

    [Fact]
    public Task Below_CSharp_12_the_fix_writes_an_array_creation() =>
        Fix(
            """
            public sealed class ItemsController : ControllerBase
            {
                [HttpGet("items")]
                [VelithonCached]
                public string Get() => {|#0:Request.Headers|}.AcceptLanguage;
            }
            """,
            """
            public sealed class ItemsController : ControllerBase
            {
                [HttpGet("items")]
                [VelithonCached(VaryByHeader = new[] { "Accept-Language" })]
                public string Get() => Request.Headers.AcceptLanguage;
            }
            """,
            LanguageVersion.CSharp9,
            Header(0, "Get", "Accept-Language", "Headers.AcceptLanguage"));

    [Fact]
    public async Task One_fix_at_a_time_and_fix_all_add_every_name_once_per_attribute()
    {
        CodeFixTest<CachedKeyCoverageAnalyzer, AddVaryByCodeFixProvider> test = FixTest(
            """
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/items", [VelithonCached(VaryByHeader = ["X-A"])] (HttpRequest r) => r.Headers["X-A"] + {|#0:r.Headers|}["X-B"] + {|#1:r.Headers|}["X-C"] + {|#2:r.Headers|}["X-B"]);
            }
            """,
            """
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/items", [VelithonCached(VaryByHeader = ["X-A", "X-B", "X-C"])] (HttpRequest r) => r.Headers["X-A"] + r.Headers["X-B"] + r.Headers["X-C"] + r.Headers["X-B"]);
            }
            """,
            LanguageVersion.Latest,
            Header(0, "(lambda)", "X-B", "Headers[\"X-B\"]"),
            Header(1, "(lambda)", "X-C", "Headers[\"X-C\"]"),
            Header(2, "(lambda)", "X-B", "Headers[\"X-B\"]"));
        test.NumberOfIncrementalIterations = 2; // X-B (both reads), then X-C
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 1;
        test.NumberOfFixAllInProjectIterations = 1;
        await test.RunAsync();
    }

    [Fact]
    public async Task The_fix_names_a_cookie_for_VLG308()
    {
        var test = new CodeFixTest<CachedEndpointInputsAnalyzer, AddVaryByCodeFixProvider>();
        test.TestState.Sources.Add(WithUsings("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/theme", [{|#0:VelithonCached(Duration = 5)|}] (HttpRequest r) => r.Cookies["theme"] ?? "light");
            }
            """));
        test.TestState.Sources.Add(Stubs);
        test.FixedState.Sources.Add(WithUsings("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/theme", [VelithonCached(Duration = 5, VaryByCookie = ["theme"])] (HttpRequest r) => r.Cookies["theme"] ?? "light");
            }
            """));
        test.FixedState.Sources.Add(Stubs);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.CachedReadsCookies).WithLocation(0).WithArguments(
            "(lambda)", "reads the cookie 'theme' without VaryByCookie: every request that carries a cookie bypasses the cache; name the cookies the response depends on in VaryByCookie"));
        await test.RunAsync();
    }

    private static Task Run(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<CachedKeyCoverageAnalyzer>();
        test.TestState.Sources.Add(WithUsings(source));
        test.TestState.Sources.Add(Stubs);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task Fix(string source, string fixedSource, LanguageVersion version, params DiagnosticResult[] expected) =>
        FixTest(source, fixedSource, version, expected).RunAsync();

    private static CodeFixTest<CachedKeyCoverageAnalyzer, AddVaryByCodeFixProvider> FixTest(string source, string fixedSource, LanguageVersion version, params DiagnosticResult[] expected)
    {
        var test = new CodeFixTest<CachedKeyCoverageAnalyzer, AddVaryByCodeFixProvider>();
        test.SolutionTransforms.Add((solution, projectId) =>
            solution.WithProjectParseOptions(projectId, ((CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!).WithLanguageVersion(version)));
        test.TestState.Sources.Add(source.StartsWith("using", StringComparison.Ordinal) ? source : WithUsings(source));
        test.TestState.Sources.Add(Stubs);
        test.FixedState.Sources.Add(fixedSource.StartsWith("using", StringComparison.Ordinal) ? fixedSource : WithUsings(fixedSource));
        test.FixedState.Sources.Add(Stubs);
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    private static string WithUsings(string source) => $$"""
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Velithon;

        {{source}}
        """;

    private static DiagnosticResult Query(int location, string handler, string name, string what) =>
        new DiagnosticResult(DiagnosticDescriptors.CachedReadsUnkeyedQuery).WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(
            handler, "reads the query parameter '" + name + "' (" + what + ") that VaryByQuery does not name: the response for one value would be served for every other");

    private static DiagnosticResult WholeQuery(int location, string handler, string what, string keyed) =>
        new DiagnosticResult(DiagnosticDescriptors.CachedReadsUnkeyedQuery).WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(
            handler, "reads the whole query (" + what + ") but VaryByQuery = [" + keyed + "] keys only those: leave VaryByQuery unset to key every parameter, or read only the parameters it names");

    private static DiagnosticResult Header(int location, string handler, string name, string what) =>
        new DiagnosticResult(DiagnosticDescriptors.CachedReadsUnkeyedHeader).WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(
            handler, "reads the request header '" + name + "' (" + what + ") that VaryByHeader does not name: the response for one value would be served for every other");

    private static DiagnosticResult Unproven(int location, string handler, string detail) =>
        new DiagnosticResult(DiagnosticDescriptors.CachedReadsUnprovenInput).WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(handler, detail);
}
