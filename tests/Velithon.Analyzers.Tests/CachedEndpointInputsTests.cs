using Microsoft.CodeAnalysis.Testing;
using Velithon.Analyzers.Caching;

namespace Velithon.Analyzers.Tests;

/// <summary>VLG308 (cookies a cached handler reads that are not in the key) and VLG309 (endpoint filters on a cached endpoint).</summary>
public sealed class CachedEndpointInputsTests
{
    /// <summary>Just enough of Velithon and ASP.NET Core, matched by metadata name.</summary>
    private const string Stubs = """
        using System;
        using System.Threading.Tasks;
        namespace Velithon
        {
            [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
            public sealed class VelithonCachedAttribute : Attribute
            {
                public int Duration { get; set; } = 60;
                public bool VaryByUser { get; set; }
                public string[]? VaryByCookie { get; set; }
                public bool SkipEndpointFiltersOnHit { get; set; }
                public string? PolicyName { get; set; }
            }
        }
        namespace Microsoft.AspNetCore.Http
        {
            public interface IRequestCookieCollection
            {
                string? this[string key] { get; }
                bool ContainsKey(string key);
                bool TryGetValue(string key, out string? value);
            }
            public interface IHeaderDictionary { string Cookie { get; } }
            public class HttpRequest
            {
                public IRequestCookieCollection Cookies { get; } = null!;
                public IHeaderDictionary Headers { get; } = null!;
            }
            public class HttpContext { public HttpRequest Request { get; } = new(); }
            public delegate ValueTask<object?> EndpointFilterDelegate(object context);
        }
        namespace Microsoft.AspNetCore.Mvc
        {
            public abstract class ControllerBase { public Microsoft.AspNetCore.Http.HttpRequest Request { get; } = new(); }
        }
        namespace Microsoft.AspNetCore.Builder
        {
            public interface IEndpointRouteBuilder { }
            public sealed class RouteHandlerBuilder { }
            public sealed class RouteGroupBuilder : IEndpointRouteBuilder { }
            public sealed class CachePolicy { public CachePolicy SkipEndpointFiltersOnHit() => this; public CachePolicy Expire(TimeSpan t) => this; }
            public static class EndpointRouteBuilderExtensions
            {
                public static RouteHandlerBuilder MapGet(this IEndpointRouteBuilder app, string pattern, Delegate handler) => new();
                public static RouteGroupBuilder MapGroup(this IEndpointRouteBuilder app, string prefix) => new();
                public static T AddEndpointFilter<T>(this T builder, Func<object, Microsoft.AspNetCore.Http.EndpointFilterDelegate, ValueTask<object?>> filter) => builder;
                public static T AddEndpointFilterFactory<T>(this T builder, Func<object, object, object> factory) => builder;
                public static T CacheWithVelithon<T>(this T builder, Action<CachePolicy>? configure = null) => builder;
            }
        }
        """;

    [Fact]
    public Task Reading_a_cookie_without_VaryByCookie_is_reported() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/theme", [{|#0:VelithonCached|}] (HttpRequest r) => r.Cookies["theme"] ?? "light");
            }
            """,
            Cookies(0, "(lambda)", "reads the cookie 'theme' without VaryByCookie: every request that carries a cookie bypasses the cache; name the cookies the response depends on in VaryByCookie"));

    [Fact]
    public Task A_named_policy_may_name_the_cookies_so_reading_them_is_not_reported() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/theme", [VelithonCached(PolicyName = "themed")] (HttpRequest r) => r.Cookies["theme"] ?? "light");
            }
            """);

    [Fact]
    public Task A_named_policy_read_from_the_source_is_checked_with_the_attribute() =>
        Run("""
            sealed class Builder
            {
                public Builder VaryByCookie(params string[] names) => this;
                public Builder Expire(System.TimeSpan duration) => this;
            }
            sealed class Options { public Options AddPolicy(string name, System.Action<Builder> configure) => this; }
            static class Policies
            {
                static void Add(Options o) => o.AddPolicy("themed", p => p.VaryByCookie("theme")).AddPolicy("plain", p => p.Expire(System.TimeSpan.FromMinutes(1)));
            }
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/a", [VelithonCached(PolicyName = "themed")] (HttpRequest r) => r.Cookies["theme"] ?? "light");
                    app.MapGet("/b", [{|#0:VelithonCached(PolicyName = "themed")|}] (HttpRequest r) => r.Cookies["login"] + r.Cookies["theme"]);
                    app.MapGet("/c", [VelithonCached(PolicyName = "themed", VaryByCookie = ["login"])] (HttpRequest r) => r.Cookies["login"] + r.Cookies["theme"]);
                    app.MapGet("/d", [{|#1:VelithonCached(PolicyName = "plain")|}] (HttpRequest r) => r.Cookies["theme"] ?? "light");
                }
            }
            """,
            Cookies(0, "(lambda)", "reads the cookie 'login' that VaryByCookie does not name: one value's response would be served for every other"),
            Cookies(1, "(lambda)", "reads the cookie 'theme' without VaryByCookie: every request that carries a cookie bypasses the cache; name the cookies the response depends on in VaryByCookie"));

    [Fact]
    public Task Reading_a_cookie_VaryByCookie_names_is_fine_and_one_it_does_not_is_reported() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/a", [VelithonCached(VaryByCookie = ["theme"])] (HttpRequest r) => r.Cookies["theme"] ?? "light");
                    app.MapGet("/b", [{|#0:VelithonCached(VaryByCookie = new[] { "theme" })|}] (HttpRequest r) =>
                        r.Cookies.TryGetValue("login", out string? login) ? login : r.Cookies["theme"]);
                }
            }
            """,
            Cookies(0, "(lambda)", "reads the cookie 'login' that VaryByCookie does not name: one value's response would be served for every other"));

    [Fact]
    public Task Ignoring_cookies_while_reading_them_is_reported() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/a", [{|#0:VelithonCached(VaryByCookie = [])|}] (HttpContext c) => c.Request.Cookies.ContainsKey("beta") ? "beta" : "stable");
            }
            """,
            Cookies(0, "(lambda)", "reads the cookie 'beta' that VaryByCookie does not name: one value's response would be served for every other"));

    [Fact]
    public Task The_raw_header_and_an_MVC_action_are_seen() =>
        Run("""
            [{|#0:VelithonCached|}]
            class PagesController : ControllerBase
            {
                public string Index() => Request.Headers.Cookie;

                [VelithonCached(VaryByCookie = [])]
                public string Plain() => "no cookies here";
            }
            """,
            Cookies(0, "Index", "reads the Cookie header without VaryByCookie: every request that carries a cookie bypasses the cache; name the cookies the response depends on in VaryByCookie"));

    [Fact]
    public Task A_handler_that_reads_no_cookie_is_not_reported() =>
        Run("""
            static class Endpoints
            {
                [VelithonCached]
                static string Get(HttpRequest r) => "same for everyone";

                static void Map(IEndpointRouteBuilder app) => app.MapGet("/a", Get);
            }
            """);

    [Fact]
    public Task An_endpoint_filter_on_a_cached_endpoint_is_reported() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/a", [{|#0:VelithonCached|}] () => "secret").AddEndpointFilter((c, n) => n(c));
                    app.{|#1:MapGet|}("/b", () => "secret").AddEndpointFilterFactory((c, n) => n).CacheWithVelithon();
                    app.{|#2:MapGet|}("/c", () => "secret").CacheWithVelithon(p => p.Expire(TimeSpan.FromSeconds(5))).AddEndpointFilter((c, n) => n(c));
                }
            }
            """,
            Filters(0, "/a", "AddEndpointFilter"),
            Filters(1, "/b", "AddEndpointFilterFactory"),
            Filters(2, "/c", "AddEndpointFilter"));

    [Fact]
    public Task A_filter_on_the_group_is_reported_for_its_cached_endpoints() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app)
                {
                    var api = app.MapGroup("/api").AddEndpointFilter((c, n) => n(c));
                    var admin = app.MapGroup("/admin");
                    admin.AddEndpointFilter((c, n) => n(c));
                    var reports = admin.MapGroup("/reports");
                    var open = app.MapGroup("/open");

                    api.MapGet("/a", [{|#0:VelithonCached|}] () => "a");
                    reports.MapGet("/b", [{|#1:VelithonCached|}] () => "b");
                    app.MapGroup("/x").AddEndpointFilter((c, n) => n(c)).MapGet("/c", [{|#2:VelithonCached|}] () => "c");
                    open.MapGet("/d", [VelithonCached] () => "d");
                    api.MapGet("/e", () => "not cached");
                }
            }
            """,
            Filters(0, "/a", "AddEndpointFilter"),
            Filters(1, "/b", "AddEndpointFilter"),
            Filters(2, "/c", "AddEndpointFilter"));

    [Fact]
    public Task SkipEndpointFiltersOnHit_silences_it() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/a", [VelithonCached(SkipEndpointFiltersOnHit = true)] () => "a").AddEndpointFilter((c, n) => n(c));
                    app.MapGet("/b", () => "b").AddEndpointFilter((c, n) => n(c)).CacheWithVelithon(p => p.SkipEndpointFiltersOnHit());
                }
            }
            """);

    private static Task Run(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<CachedEndpointInputsAnalyzer>();
        test.TestState.Sources.Add($$"""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Velithon;

            {{source}}
            """);
        test.TestState.Sources.Add(Stubs);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Cookies(int location, string handler, string detail) =>
        new DiagnosticResult(DiagnosticDescriptors.CachedReadsCookies).WithLocation(location).WithArguments(handler, detail);

    private static DiagnosticResult Filters(int location, string endpoint, string filter) =>
        new DiagnosticResult(DiagnosticDescriptors.CachedWithEndpointFilters).WithLocation(location).WithArguments(endpoint, filter);
}
