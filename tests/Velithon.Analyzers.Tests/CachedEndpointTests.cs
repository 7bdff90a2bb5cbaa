using Microsoft.CodeAnalysis.Testing;
using Velithon.Analyzers.Caching;

namespace Velithon.Analyzers.Tests;

public sealed class CachedEndpointTests
{
    /// <summary>Just enough of Velithon and ASP.NET Core, matched by metadata name.</summary>
    private const string Stubs = """
        using System;
        namespace Velithon
        {
            [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
            public sealed class VelithonCachedAttribute : Attribute
            {
                public int Duration { get; set; } = 60;
                public string[]? VaryByQuery { get; set; }
                public string[]? VaryByHeader { get; set; }
                public string[]? VaryByRouteValue { get; set; }
                public bool VaryByUser { get; set; }
                public string[]? Tags { get; set; }
                public int[]? StatusCodes { get; set; }
                public int StaleWhileRevalidate { get; set; } = -1;
                public int StaleIfError { get; set; } = -1;
                public int SoftTimeoutMilliseconds { get; set; } = -1;
                public int HardTimeoutMilliseconds { get; set; } = -1;
                public string? PolicyName { get; set; }
            }
        }
        namespace Microsoft.AspNetCore.Http
        {
            public class HttpContext { public System.Security.Claims.ClaimsPrincipal User { get; set; } = new(); }
        }
        namespace Microsoft.AspNetCore.Authorization
        {
            [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
            public sealed class AuthorizeAttribute : Attribute { }
        }
        namespace Microsoft.AspNetCore.Mvc
        {
            public sealed class HttpGetAttribute : Attribute { }
            public sealed class HttpPostAttribute : Attribute { }
            public sealed class HttpPutAttribute : Attribute { }
            public sealed class HttpDeleteAttribute : Attribute { }
            public sealed class HttpPatchAttribute : Attribute { }
            public class FileStreamResult { }
            public abstract class ControllerBase
            {
                public System.Security.Claims.ClaimsPrincipal User => new();
            }
        }
        namespace Microsoft.AspNetCore.Builder
        {
            public interface IEndpointRouteBuilder { }
            public static class EndpointRouteBuilderExtensions
            {
                public static object MapGet(this IEndpointRouteBuilder app, string pattern, Delegate handler) => handler;
                public static object MapPost(this IEndpointRouteBuilder app, string pattern, Delegate handler) => handler;
                public static object MapPut(this IEndpointRouteBuilder app, string pattern, Delegate handler) => handler;
                public static object MapDelete(this IEndpointRouteBuilder app, string pattern, Delegate handler) => handler;
                public static object MapPatch(this IEndpointRouteBuilder app, string pattern, Delegate handler) => handler;
                public static object MapMethods(this IEndpointRouteBuilder app, string pattern, System.Collections.Generic.IEnumerable<string> methods, Delegate handler) => handler;
                public static object RequireAuthorization(this object builder, params string[] policies) => builder;
                public static object WithName(this object builder, string name) => builder;
            }
        }
        """;

    private static Task Run(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<CachedEndpointAnalyzer>();
        test.TestState.Sources.Add($$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Security.Claims;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
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

    private static DiagnosticResult Unsafe(int location, string handler, string verb) =>
        new DiagnosticResult(DiagnosticDescriptors.CachedUnsafeMethod).WithLocation(location).WithArguments(handler, verb);

    private static DiagnosticResult Uncacheable(int location, string handler, string result) =>
        new DiagnosticResult(DiagnosticDescriptors.CachedUncacheableResult).WithLocation(location).WithArguments(handler, result);

    private static DiagnosticResult PerUser(int location, string handler, string reads) =>
        new DiagnosticResult(DiagnosticDescriptors.CachedPerUserWithoutVaryByUser).WithLocation(location).WithArguments(handler, reads);

    private static DiagnosticResult Resilience(int location, string setting, string value) =>
        new DiagnosticResult(DiagnosticDescriptors.CachedInvalidResilienceSetting).WithLocation(location).WithArguments(setting, value);

    private static DiagnosticResult Duration(int location, string value) =>
        new DiagnosticResult(DiagnosticDescriptors.CachedNonPositiveDuration).WithLocation(location).WithArguments(value);

    [Theory]
    [InlineData("MapPost", "POST")]
    [InlineData("MapPut", "PUT")]
    [InlineData("MapDelete", "DELETE")]
    [InlineData("MapPatch", "PATCH")]
    public Task Cached_lambda_on_a_non_idempotent_map_call_is_an_error(string map, string verb) =>
        Run($$"""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) => app.{{map}}("/orders", [{|#0:VelithonCached|}] () => "ok");
            }
            """,
            Unsafe(0, "(lambda)", verb));

    [Fact]
    public Task Cached_method_group_on_MapPost_is_an_error() =>
        Run("""
            static class Endpoints
            {
                [VelithonCached]
                static string Create() => "created";

                static void Map(IEndpointRouteBuilder app) => app.MapPost("/orders", {|#0:Create|});
            }
            """,
            Unsafe(0, "Create", "POST"));

    [Fact]
    public Task Cached_MVC_action_with_HttpPost_is_an_error() =>
        Run("""
            class OrdersController : ControllerBase
            {
                [HttpPost, {|#0:VelithonCached|}]
                public string Create() => "created";
            }
            """,
            Unsafe(0, "Create", "POST"));

    [Fact]
    public Task Cached_controller_covers_its_actions() =>
        Run("""
            [{|#0:VelithonCached(VaryByUser = true)|}]
            class OrdersController : ControllerBase
            {
                [HttpGet]
                public string List() => "all";

                [HttpDelete]
                public string Remove() => "gone";
            }
            """,
            Unsafe(0, "Remove", "DELETE"));

    [Fact]
    public Task Get_endpoints_with_a_result_are_fine() =>
        Run("""
            static class Endpoints
            {
                [VelithonCached(Duration = 30, VaryByQuery = new[] { "page" })]
                static Task<string> List() => Task.FromResult("all");

                static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/orders", List);
                    app.MapGet("/items", [VelithonCached] (int id) => id.ToString());
                    app.MapPost("/orders", () => "not cached");
                }
            }

            class ItemsController : ControllerBase
            {
                [HttpGet, VelithonCached(Duration = 1)]
                public string Get() => "item";
            }
            """);

    [Fact]
    public Task Handlers_without_a_cacheable_result_are_warned() =>
        Run("""
            class C
            {
                [{|#0:VelithonCached|}]
                public void Nothing() { }

                [{|#1:VelithonCached|}]
                public Task Later() => Task.CompletedTask;

                [{|#2:VelithonCached|}]
                public Stream Open() => Stream.Null;

                [{|#3:VelithonCached|}]
                public Task<MemoryStream> OpenLater() => Task.FromResult(new MemoryStream());

                [{|#4:VelithonCached|}]
                public FileStreamResult Download() => new();

                [{|#5:VelithonCached|}]
                public async IAsyncEnumerable<int> Numbers() { await Task.Yield(); yield return 1; }

                [VelithonCached]
                public ValueTask<int> Value() => new(1);
            }
            """,
            Uncacheable(0, "Nothing", "void"),
            Uncacheable(1, "Later", "a Task without a result"),
            Uncacheable(2, "Open", "a Stream"),
            Uncacheable(3, "OpenLater", "a Stream"),
            Uncacheable(4, "Download", "a streamed result (FileStreamResult)"),
            Uncacheable(5, "Numbers", "an IAsyncEnumerable<T> stream"));

    [Fact]
    public Task Per_user_handlers_without_VaryByUser_are_warned() =>
        Run("""
            class C
            {
                [{|#0:VelithonCached|}]
                public string Me(HttpContext context) => context.User.Identity?.Name ?? "";

                [{|#1:VelithonCached(VaryByUser = false)|}]
                public string Claims(ClaimsPrincipal principal) => "x";

                [Authorize, {|#2:VelithonCached|}]
                public string Secret() => "s";

                [VelithonCached(VaryByUser = true)]
                public string MeCached(HttpContext context) => context.User.Identity?.Name ?? "";

                [VelithonCached]
                public string Anonymous(HttpContext context) => "hello";
            }

            [Authorize]
            class ProfileController : ControllerBase
            {
                [HttpGet, {|#3:VelithonCached|}]
                public string Get() => "profile";
            }

            class AccountController : ControllerBase
            {
                [HttpGet, {|#4:VelithonCached|}]
                public string Name() => User.Identity?.Name ?? "";
            }

            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app) =>
                    app.MapGet("/me", [{|#5:VelithonCached|}] (ClaimsPrincipal user) => user.Identity?.Name);
            }
            """,
            PerUser(0, "Me", "reads HttpContext.User"),
            PerUser(1, "Claims", "takes the ClaimsPrincipal 'principal'"),
            PerUser(2, "Secret", "requires an authenticated user ([Authorize])"),
            PerUser(3, "Get", "requires an authenticated user ([Authorize])"),
            PerUser(4, "Name", "reads ControllerBase.User"),
            PerUser(5, "(lambda)", "takes the ClaimsPrincipal 'user'"));

    [Fact]
    public Task A_named_policy_may_set_VaryByUser_so_reading_the_user_is_not_reported() =>
        Run("""
            static class Endpoints
            {
                [VelithonCached(PolicyName = "per-user")]
                static string Report() => "report";

                static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/me", [VelithonCached(PolicyName = "per-user")] (ClaimsPrincipal user) => user.Identity?.Name);
                    app.MapGet("/report", Report).RequireAuthorization();
                    app.MapGet("/you", [{|#0:VelithonCached(PolicyName = null)|}] (ClaimsPrincipal user) => user.Identity?.Name);
                }
            }
            """,
            PerUser(0, "(lambda)", "takes the ClaimsPrincipal 'user'"));

    [Fact]
    public Task A_named_policy_read_from_the_source_without_VaryByUser_is_reported() =>
        Run("""
            sealed class Builder
            {
                public Builder VaryByUser() => this;
                public Builder Expire(System.TimeSpan duration) => this;
            }
            sealed class Options { public Options AddPolicy(string name, System.Action<Builder> configure) => this; }
            static class Policies
            {
                static void Add(Options o)
                {
                    o.AddPolicy("per-user", p => p.Expire(System.TimeSpan.FromMinutes(1)).VaryByUser());
                    o.AddPolicy("shared", p => p.Expire(System.TimeSpan.FromMinutes(1)));
                }
            }
            static class Endpoints
            {
                [VelithonCached(PolicyName = "shared")]
                static string Report() => "report";

                static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/me", [VelithonCached(PolicyName = "per-user")] (ClaimsPrincipal user) => user.Identity?.Name);
                    app.MapGet("/you", [{|#0:VelithonCached(PolicyName = "shared")|}] (ClaimsPrincipal user) => user.Identity?.Name);
                    app.MapGet("/them", [VelithonCached(PolicyName = "shared", VaryByUser = true)] (ClaimsPrincipal user) => user.Identity?.Name);
                    app.MapGet("/report", {|#1:Report|}).RequireAuthorization();
                }
            }
            """,
            PerUser(0, "(lambda)", "takes the ClaimsPrincipal 'user'"),
            PerUser(1, "Report", "is mapped with RequireAuthorization()"));

    [Fact]
    public Task MapMethods_with_an_unsafe_verb_is_an_error() =>
        Run("""
            static class Endpoints
            {
                static void Map(IEndpointRouteBuilder app)
                {
                    app.MapMethods("/a", new[] { "GET", "post" }, [{|#0:VelithonCached|}] () => "a");
                    app.MapMethods("/b", ["PUT"], [{|#1:VelithonCached|}] () => "b");
                    app.MapMethods("/c", new[] { "GET", "HEAD" }, [VelithonCached] () => "c");
                }
            }
            """,
            Unsafe(0, "(lambda)", "POST"),
            Unsafe(1, "(lambda)", "PUT"));

    [Fact]
    public Task RequireAuthorization_on_the_route_needs_VaryByUser() =>
        Run("""
            static class Endpoints
            {
                [VelithonCached]
                static string Report() => "report";

                static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/report", {|#0:Report|}).WithName("report").RequireAuthorization();
                    app.MapGet("/mine", [{|#1:VelithonCached|}] () => "mine").RequireAuthorization("policy");
                    app.MapGet("/shared", [VelithonCached(VaryByUser = true)] () => "shared").RequireAuthorization();
                    app.MapGet("/open", [VelithonCached] () => "open");
                }
            }
            """,
            PerUser(0, "Report", "is mapped with RequireAuthorization()"),
            PerUser(1, "(lambda)", "is mapped with RequireAuthorization()"));

    [Fact]
    public Task Non_positive_duration_is_an_error() =>
        Run("""
            class C
            {
                const int None = 0;

                [VelithonCached({|#0:Duration = 0|})]
                public string A() => "a";

                [VelithonCached({|#1:Duration = -5|}, VaryByUser = true)]
                public string B() => "b";

                [VelithonCached({|#2:Duration = None|})]
                public string D() => "d";

                [VelithonCached(Duration = 1)]
                public string E() => "e";
            }
            """,
            Duration(0, "0"),
            Duration(1, "-5"),
            Duration(2, "0"));

    [Fact]
    public Task Resilience_settings_below_minus_one_are_errors() =>
        Run("""
            class ItemsController : ControllerBase
            {
                const int Off = 0;

                [VelithonCached({|#0:StaleWhileRevalidate = -2|}, StaleIfError = -1)]
                public string A() => "a";

                [VelithonCached(Duration = 5, {|#1:StaleIfError = -60|}, {|#2:SoftTimeoutMilliseconds = -1000|}, {|#3:HardTimeoutMilliseconds = int.MinValue|})]
                public string B() => "b";

                [VelithonCached(StaleWhileRevalidate = 0, StaleIfError = 600, SoftTimeoutMilliseconds = Off, HardTimeoutMilliseconds = 2000)]
                public string C() => "c";
            }
            """,
            Resilience(0, "StaleWhileRevalidate", "-2"),
            Resilience(1, "StaleIfError", "-60"),
            Resilience(2, "SoftTimeoutMilliseconds", "-1000"),
            Resilience(3, "HardTimeoutMilliseconds", "-2147483648"));

    [Fact]
    public Task Other_attributes_named_like_it_are_ignored() =>
        Run("""
            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.Method)]
                sealed class VelithonCachedAttribute : System.Attribute { public int Duration { get; set; } }

                class C
                {
                    [VelithonCached(Duration = 0)]
                    public void A() { }
                }
            }
            """);
}
