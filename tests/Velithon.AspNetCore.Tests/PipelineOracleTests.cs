using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using MvcJsonOptions = Microsoft.AspNetCore.Mvc.JsonOptions;

namespace Velithon.AspNetCore.Tests;

/// <summary>
/// The same endpoints (MVC controllers and minimal APIs) on two test servers, one plain and one with
/// <c>AddVelithonJson()</c>: every response (status, content type, location, body bytes, error bodies) must be the same,
/// under ASP.NET Core's default JSON options and under host options the generated code may not honour (then the type
/// falls back to System.Text.Json, with a warning).
/// </summary>
public sealed partial class PipelineOracleTests
{
    private static readonly string GreetingJson = """{"id":7,"text":"Zo\u00EB <x>","mood":1,"tags":["a","b"]}""";

    // Bodies every [FromBody]/minimal body endpoint gets: valid, mistyped, malformed, empty, trailing garbage, ...
    private static readonly string[] GreetingBodies =
    [
        GreetingJson,
        """{"ID":5,"text":"x","mood":"1","tags":null}""",
        """{"id":"x","text":"a","mood":0,"tags":[]}""",
        """{"id":1,"text":5,"mood":0,"tags":[]}""",
        """{"id":1,"text":"a","mood":0,"tags":[1]}""",
        """{"id":1,"text":"a","mood":0,"tags":["a"],}""",
        """{"id":1,"text":"a","mood":0,"tags":["a"]} x""",
        """{"id":1,"text":"a","mood":0,"tags":["a"]}{}""",
        """{"id":2147483648,"text":"a","mood":0,"tags":[]}""",
        """{"id":1.5,"text":"a","mood":0,"tags":[]}""",
        """{"id":1,"text":"a","mood":0,"tags":[],"id":2}""",
        """[]""",
        """null""",
        """ """,
        "",
        "\"\xFF\"",
    ];

    // Syntax errors inside the root value: ASP.NET Core reads bodies by streaming, and System.Text.Json reads a value
    // whose metadata is a converter ahead, whole, before the converter runs; it meets these errors there, at path "$"
    // (docs/json.md: the one difference of request bodies). Status, message text, line and position are the same.
    private static readonly string[] SyntaxInsideBodies =
    [
        """{"id":1,"text":"a","mood":0,"tags":["a",}""",
        """{"id":1,"text":"a"/*c*/,"mood":0,"tags":["a"]}""",
        """{"id":1,"text":"a""",
        """{"id":1,"text":"a","mood":0,"tags":["a"]""",
    ];

    private static readonly string[] PetBodies =
    [
        """{"$type":"cat","name":"x","lives":9}""",
        """{"name":"x","$type":"dog","barks":true}""",
        """{"$type":"cow","name":"x"}""",
        """{"name":"x"}""",
        """{"$type":"cat","lives":"nine"}""",
    ];

    private static readonly string[] PageBodies =
    [
        """{"number":1,"items":[{"id":1,"name":"a","score":1.5,"tags":null}],"cursor":"c"}""",
        """{"number":1,"items":[{"id":1,"name":"a","score":"x","tags":null}]}""",
        """{"number":1,"items":[{"id":1,"name":"a","score":1,"tags":null},5]}""",
    ];

    private static readonly string[] BagBodies =
    [
        """{"id":1,"name":"n","x":[1,{"y":null}],"z":"<é>"}""",
        """{"id":1,"x":1,"x":2}""",
        """{"id":"1","name":"n"}""",
    ];

    private static readonly string[] LedgerBodies =
    [
        """{"id":1,"note":null,"at":"2026-12-07T10:30:00Z","amount":1.10,"rate":null,"parent":{"id":2}}""",
        """{"id":1,"at":"2026-13-07"}""",
        """{"id":1,"amount":"12.5","rate":"NaN"}""",
    ];

    [Fact]
    public async Task MVC_controllers_write_and_read_what_plain_ASP_NET_Core_does()
    {
        List<Probe> probes =
        [
            .. Gets("/mvc/value", "/mvc/action", "/mvc/action-ok", "/mvc/ok", "/mvc/greeting/3", "/mvc/greeting/404", "/mvc/stream",
                "/mvc/list", "/mvc/pet", "/mvc/action-pet", "/mvc/pets", "/mvc/page", "/mvc/bag", "/mvc/ledger"),
            .. Posts("/mvc/create", GreetingBodies),
            .. Posts("/mvc/echo", GreetingBodies),
            .. Posts("/mvc/echo-list", "[" + GreetingJson + "," + GreetingJson + "]", "{}", "[null]"),
            .. Posts("/mvc/echo-pet", PetBodies),
            .. Posts("/mvc/echo-page", PageBodies),
            .. Posts("/mvc/echo-bag", BagBodies),
            .. Posts("/mvc/echo-ledger", LedgerBodies),
            .. Posts("/mvc/echo-node", Nested(31), Nested(32)),
            new Probe("POST", "/mvc/echo", GreetingJson, "text/plain"),
        ];

        (TestApp plain, TestApp velithon, _) = await StartPairAsync(null);
        await using (plain)
        await using (velithon)
        {
            await AssertSameAsync(plain, velithon, probes);
            AssertServed(velithon.App.Services.GetRequiredService<IOptions<MvcJsonOptions>>().Value.JsonSerializerOptions);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Minimal_APIs_write_and_read_what_plain_ASP_NET_Core_does(bool problemDetails)
    {
        List<Probe> probes =
        [
            .. Gets("/min/value", "/min/typed-ok", "/min/created", "/min/typed-created", "/min/stream", "/min/list", "/min/pet", "/min/pets",
                "/min/page", "/min/bag", "/min/ledger", "/min/json-content-type", "/min/write-as-json"),
            .. Posts("/min/echo", GreetingBodies),
            .. Posts("/min/echo-list", "[" + GreetingJson + "," + GreetingJson + "]", "{}", "[null]"),
            .. Posts("/min/echo-pet", PetBodies),
            .. Posts("/min/echo-page", PageBodies),
            .. Posts("/min/echo-bag", BagBodies),
            .. Posts("/min/echo-ledger", LedgerBodies),
            .. Posts("/min/echo-node", Nested(63), Nested(64)),
            .. Posts("/min/read-from-json", GreetingBodies),
            new Probe("POST", "/min/echo", GreetingJson, "text/plain"),
        ];

        (TestApp plain, TestApp velithon, _) = await StartPairAsync(
            s =>
            {
                if (problemDetails)
                {
                    s.AddProblemDetails();
                }
            });
        await using (plain)
        await using (velithon)
        {
            await AssertSameAsync(plain, velithon, probes);
            AssertServed(velithon.App.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions);
        }
    }

    [Fact]
    public async Task A_polymorphic_base_at_the_root_is_left_to_STJ_with_a_warning()
    {
        // Metadata backed by the generated converter cannot carry STJ's polymorphism: with the base's [JsonDerivedType]
        // discriminators it throws NotSupportedException when configured (at start-up for a minimal API), without them
        // ASP.NET Core writes the runtime type (no discriminator), and a derived type with a discriminator throws when
        // STJ dispatches to it. System.Text.Json handles those types itself; a List<Pet> is still served.
        (TestApp plain, TestApp velithon, FakeLogCollector logs) = await StartPairAsync(null);
        await using (plain)
        await using (velithon)
        {
            await AssertSameAsync(plain, velithon, [.. Gets("/min/pet", "/min/pets", "/mvc/pet", "/mvc/action-pet", "/mvc/pets"), .. Posts("/min/echo-pet", PetBodies), .. Posts("/mvc/echo-pet", PetBodies)]);
            JsonSerializerOptions options = velithon.App.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
            Assert.Contains("polymorphic", VelithonJsonTypeInfoResolver.FindMismatch(typeof(Pet), options), StringComparison.Ordinal);
            Assert.Contains("lists " + typeof(PetCat) + " with a type discriminator", VelithonJsonTypeInfoResolver.FindMismatch(typeof(PetCat), options), StringComparison.Ordinal);
            Assert.IsType<VelithonJsonTypeInfoResolver>(options.GetTypeInfo(typeof(List<Pet>)).OriginatingResolver);
            foreach (Type type in new[] { typeof(Pet), typeof(PetCat), typeof(PetDog) })
            {
                Assert.IsNotType<VelithonJsonTypeInfoResolver>(options.GetTypeInfo(type).OriginatingResolver);
                Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains(type + " instead of", StringComparison.Ordinal));
            }
        }
    }

    // An error inside an element of a List<T> System.Text.Json reads: it knows the element's path only ($[1], not
    // $[1].id), and the message names the element's type (docs/json.md). Here STJ names it too (the member is a
    // constructor parameter); for {"tags":[1]} STJ's message names System.String where the generated code's names Greeting.
    private static readonly string[] NestedErrorBodies = ["[" + GreetingJson + ",{\"id\":true}]"];

    [Fact]
    public async Task A_syntax_error_inside_a_root_body_or_an_error_inside_a_list_element_differs_only_in_its_path()
    {
        (TestApp plain, TestApp velithon, _) = await StartPairAsync(null);
        await using (plain)
        await using (velithon)
        {
            foreach (Probe probe in (IEnumerable<Probe>)[
                .. Posts("/mvc/echo", SyntaxInsideBodies),
                .. Posts("/min/read-from-json", SyntaxInsideBodies), .. Posts("/min/echo", SyntaxInsideBodies), .. Posts("/min/echo-node", Nested(65), Nested(200)),
                .. Posts("/mvc/echo-list", NestedErrorBodies), .. Posts("/min/echo-list", NestedErrorBodies)])
            {
                string expected = AtRootPath(await SendAsync(plain, probe));
                string actual = AtRootPath(await SendAsync(velithon, probe));
                if (expected != actual)
                {
                    Assert.Fail("Plain ASP.NET Core (paths set to $):\n" + expected + "\nWith AddVelithonJson:\n" + actual);
                }
            }

            // MVC reads 32 levels (MvcOptions.MaxModelBindingRecursionDepth): plain MVC's depth error has a 32-segment
            // path, which ModelState refuses as a key (an InvalidOperationException: a 500); at "$" it is a 400.
            string plainDeep = await SendAsync(plain, new Probe("POST", "/mvc/echo-node", Nested(33)));
            string velithonDeep = await SendAsync(velithon, new Probe("POST", "/mvc/echo-node", Nested(33)));
            Assert.Contains("threw | System.InvalidOperationException: The specified key exceeded the maximum ModelState depth: 32", plainDeep, StringComparison.Ordinal);
            Assert.Contains("-> 400 | application/problem+json", velithonDeep, StringComparison.Ordinal);
            Assert.Contains("\"$\":[\"The maximum configured depth of 32 has been exceeded. Cannot read next JSON object. Path: $ | LineNumber: 0 | BytePositionInLine: 256.\"]", velithonDeep, StringComparison.Ordinal);
        }

        // The ModelState key and the "Path: " of the message become "$"; the errors are sorted by key, since ModelState
        // orders them by key.
        static string AtRootPath(string response)
        {
            response = JsonPathText().Replace(response, "Path: $ |");
            response = ExceptionPath().Replace(response, "[path $,");
            response = ContentLength().Replace(response, "|\n", 1);
            response = response[..response.LastIndexOf('\n')];
            int start = response.IndexOf('{', response.IndexOf(" -> ", StringComparison.Ordinal));
            if (start < 0 || response.Contains("threw", StringComparison.Ordinal))
            {
                return response;
            }

            int end = response.LastIndexOf('}');
            var problem = System.Text.Json.Nodes.JsonNode.Parse(response[start..(end + 1)])!.AsObject();
            var errors = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, System.Text.Json.Nodes.JsonNode?> error in problem["errors"]!.AsObject())
            {
                errors[error.Key.StartsWith('$') ? "$" : error.Key] = error.Value!.ToJsonString();
            }

            problem.Remove("errors");
            return response[..start] + problem.ToJsonString() + string.Join(",", errors);
        }
    }

    [Fact]
    public async Task Minimal_API_bad_bodies_throw_the_same_exception_when_ThrowOnBadRequest()
    {
        (TestApp plain, TestApp velithon, _) = await StartPairAsync(s => s.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true));
        await using (plain)
        await using (velithon)
        {
            await AssertSameAsync(plain, velithon, [.. Posts("/min/echo", GreetingBodies), .. Posts("/min/echo-pet", PetBodies), .. Posts("/min/echo-node", Nested(64))]);
        }
    }

    public static TheoryData<string, string> HostOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (string target in new[] { "http", "mvc" })
        {
            foreach (string option in OptionNames)
            {
                data.Add(target, option);
            }
        }

        return data;
    }

    private static readonly string[] OptionNames =
    [
        "WriteIndented", "SnakeCase", "NullNamingPolicy", "CaseSensitive", "NumberHandlingStrict", "NumberHandlingWriteAsString",
        "WhenWritingNull", "WhenWritingDefault", "Preserve", "IgnoreCycles", "IntConverter", "DateConverter", "AllowTrailingCommas",
        "MaxDepth", "Comments", "StringEnums", "DisallowUnmapped", "PostConfigureIndented",
    ];

    [Theory]
    [MemberData(nameof(HostOptions))]
    public async Task Host_options_changed_after_AddVelithonJson_give_the_plain_apps_bytes_or_a_logged_fallback(string target, string option)
    {
        void Configure(IServiceCollection s)
        {
            if (option.StartsWith("PostConfigure", StringComparison.Ordinal))
            {
                if (target == "http")
                {
                    s.PostConfigure<HttpJsonOptions>(o => Apply(o.SerializerOptions, option));
                }
                else
                {
                    s.PostConfigure<MvcJsonOptions>(o => Apply(o.JsonSerializerOptions, option));
                }
            }
            else if (target == "http")
            {
                s.ConfigureHttpJsonOptions(o => Apply(o.SerializerOptions, option));
            }
            else
            {
                s.Configure<MvcJsonOptions>(o => Apply(o.JsonSerializerOptions, option));
            }
        }

        List<Probe> probes = target == "http"
            ? [
                .. Gets("/min/value", "/min/list", "/min/stream", "/min/pet", "/min/pets", "/min/page", "/min/bag", "/min/ledger", "/min/cycle"),
                .. Posts("/min/echo", GreetingBodies),
                .. Posts("/min/echo-pet", PetBodies),
                .. Posts("/min/echo-page", PageBodies),
                .. Posts("/min/echo-bag", BagBodies),
                .. Posts("/min/echo-ledger", LedgerBodies),
                .. Posts("/min/echo-node", Nested(7), Nested(8)),
            ]
            : [
                .. Gets("/mvc/value", "/mvc/action", "/mvc/ok", "/mvc/stream", "/mvc/list", "/mvc/pet", "/mvc/pets", "/mvc/page", "/mvc/bag", "/mvc/ledger"),
                .. Posts("/mvc/echo", GreetingBodies),
                .. Posts("/mvc/echo-pet", PetBodies),
                .. Posts("/mvc/echo-page", PageBodies),
                .. Posts("/mvc/echo-bag", BagBodies),
                .. Posts("/mvc/echo-ledger", LedgerBodies),
                .. Posts("/mvc/echo-node", Nested(7), Nested(8)),
            ];

        // Bodies that only these options make valid (without them, syntax errors inside the body: see the path test).
        string echo = target == "http" ? "/min/echo" : "/mvc/echo";
        if (option == "Comments")
        {
            probes.AddRange(Posts(echo, """{"id":1,"text":"a"/*c*/,"mood":0,"tags":["a"]}""", "//x\n" + GreetingJson + "/*y*/"));
        }
        else if (option == "AllowTrailingCommas")
        {
            probes.AddRange(Posts(echo, """{"id":1,"text":"a","mood":0,"tags":["a",],}"""));
        }

        (TestApp plain, TestApp velithon, FakeLogCollector logs) = await StartPairAsync(Configure);
        await using (plain)
        await using (velithon)
        {
            await AssertSameAsync(plain, velithon, probes);

            // Each type is either served by the generated code (its contract matches the options) or left to STJ with a warning.
            JsonSerializerOptions options = target == "http"
                ? velithon.App.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions
                : velithon.App.Services.GetRequiredService<IOptions<MvcJsonOptions>>().Value.JsonSerializerOptions;
            foreach (Type type in ServedTypes)
            {
                if (VelithonJsonTypeInfoResolver.FindMismatch(type, options) is null)
                {
                    Assert.Same(options.TypeInfoResolverChain[0], options.GetTypeInfo(type).OriginatingResolver);
                }
                else
                {
                    Assert.NotSame(options.TypeInfoResolverChain[0], options.GetTypeInfo(type).OriginatingResolver);
                    Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains(type + " instead of", StringComparison.Ordinal));
                }
            }
        }
    }

    [Fact]
    public async Task HttpClient_with_the_Velithon_resolver_sends_and_reads_what_it_does_with_STJ_Web()
    {
        var stj = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var velithonOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        velithonOptions.TypeInfoResolverChain.Insert(0, new VelithonJsonTypeInfoResolver());
        velithonOptions.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());

        await using TestApp app = await TestApp.StartAsync(null, a => a.MapPost("/raw", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            return Results.Text(await reader.ReadToEndAsync(), "application/json");
        }));

        async Task<string> SendAsync<T>(T value, JsonSerializerOptions options)
        {
            using HttpResponseMessage response = await app.Client.PostAsJsonAsync(new Uri("/raw", UriKind.Relative), value, options);
            return await response.Content.ReadAsStringAsync();
        }

        async Task<string> RoundTripAsync<T>(T value, JsonSerializerOptions options)
        {
            using HttpResponseMessage response = await app.Client.PostAsJsonAsync(new Uri("/raw", UriKind.Relative), value, options);
            T? back = await response.Content.ReadFromJsonAsync<T>(options);
            return JsonSerializer.Serialize(back, stj);
        }

        Assert.Equal(await SendAsync(PipelineSamples.Greeting, stj), await SendAsync(PipelineSamples.Greeting, velithonOptions));
        Assert.Equal(await SendAsync(PipelineSamples.Greetings, stj), await SendAsync(PipelineSamples.Greetings, velithonOptions));
        Assert.Equal(await SendAsync(PipelineSamples.Pets, stj), await SendAsync(PipelineSamples.Pets, velithonOptions));
        Assert.Equal(await SendAsync<Pet>(PipelineSamples.Pets[0], stj), await SendAsync<Pet>(PipelineSamples.Pets[0], velithonOptions));
        Assert.Equal(await SendAsync(PipelineSamples.Page, stj), await SendAsync(PipelineSamples.Page, velithonOptions));
        Assert.Equal(await SendAsync(PipelineSamples.Bag, stj), await SendAsync(PipelineSamples.Bag, velithonOptions));
        Assert.Equal(await SendAsync(PipelineSamples.Ledger, stj), await SendAsync(PipelineSamples.Ledger, velithonOptions));
        Assert.Equal(await RoundTripAsync(PipelineSamples.Greetings, stj), await RoundTripAsync(PipelineSamples.Greetings, velithonOptions));
        Assert.Equal(await RoundTripAsync(PipelineSamples.Pets, stj), await RoundTripAsync(PipelineSamples.Pets, velithonOptions));
        Assert.Equal(await RoundTripAsync(PipelineSamples.Page, stj), await RoundTripAsync(PipelineSamples.Page, velithonOptions));
        Assert.Equal(await RoundTripAsync(PipelineSamples.Bag, stj), await RoundTripAsync(PipelineSamples.Bag, velithonOptions));
        Assert.Equal(await RoundTripAsync(PipelineSamples.Ledger, stj), await RoundTripAsync(PipelineSamples.Ledger, velithonOptions));
        Assert.IsType<VelithonJsonConverter<Greeting>>(velithonOptions.GetTypeInfo(typeof(Greeting)).Converter);

        // A bad body read by ReadFromJsonAsync: the same exception, message and path.
        foreach (string body in GreetingBodies)
        {
            Assert.Equal(await ReadAsync(body, stj), await ReadAsync(body, velithonOptions));
        }

        async Task<string> ReadAsync(string body, JsonSerializerOptions options)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await app.Client.PostAsync(new Uri("/raw", UriKind.Relative), content);
            try
            {
                return JsonSerializer.Serialize(await response.Content.ReadFromJsonAsync<Greeting>(options), stj);
            }
            catch (Exception ex)
            {
                return Describe(ex);
            }
        }
    }

    private static readonly Type[] ServedTypes =
        [typeof(Greeting), typeof(List<Greeting>), typeof(List<Pet>), typeof(Paged<Item>), typeof(Bag), typeof(Ledger), typeof(Node)];

    private static void AssertServed(JsonSerializerOptions options)
    {
        foreach (Type type in ServedTypes)
        {
            Assert.IsType<VelithonJsonTypeInfoResolver>(options.GetTypeInfo(type).OriginatingResolver);
        }
    }

    private static void Apply(JsonSerializerOptions o, string option)
    {
        switch (option)
        {
            case "WriteIndented":
            case "PostConfigureIndented":
                o.WriteIndented = true;
                break;
            case "SnakeCase":
                o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
                break;
            case "NullNamingPolicy":
                o.PropertyNamingPolicy = null;
                break;
            case "CaseSensitive":
                o.PropertyNameCaseInsensitive = false;
                break;
            case "NumberHandlingStrict":
                o.NumberHandling = JsonNumberHandling.Strict;
                break;
            case "NumberHandlingWriteAsString":
                o.NumberHandling = JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString;
                break;
            case "WhenWritingNull":
                o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
                break;
            case "WhenWritingDefault":
                o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault;
                break;
            case "Preserve":
                o.ReferenceHandler = ReferenceHandler.Preserve;
                break;
            case "IgnoreCycles":
                o.ReferenceHandler = ReferenceHandler.IgnoreCycles;
                break;
            case "IntConverter":
                o.Converters.Add(new IntAsTextConverter());
                break;
            case "DateConverter":
                o.Converters.Add(new DateOnlyTextConverter());
                break;
            case "AllowTrailingCommas":
                o.AllowTrailingCommas = true;
                break;
            case "MaxDepth":
                o.MaxDepth = 8;
                break;
            case "Comments":
                o.ReadCommentHandling = JsonCommentHandling.Skip;
                break;
            case "StringEnums":
                o.Converters.Add(new JsonStringEnumConverter());
                break;
            case "DisallowUnmapped":
                o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(option), option, null);
        }
    }

    private static async Task<(TestApp Plain, TestApp Velithon, FakeLogCollector Logs)> StartPairAsync(Action<IServiceCollection>? configure)
    {
        var logs = new FakeLogCollector();
        TestApp plain = await TestApp.StartAsync(s => Services(s, configure, velithon: false, logs: null), Map);
        TestApp velithon = await TestApp.StartAsync(s => Services(s, configure, velithon: true, logs), Map);
        return (plain, velithon, logs);
    }

    private static void Services(IServiceCollection s, Action<IServiceCollection>? configure, bool velithon, FakeLogCollector? logs)
    {
        s.AddControllers().AddApplicationPart(typeof(PipelineController).Assembly);
        if (velithon)
        {
            s.AddVelithonJson();
            s.AddLogging(l => l.AddProvider(new FakeLoggerProvider(logs!)));
        }

        // Configured after AddVelithonJson: the host's own settings win, whatever the order.
        configure?.Invoke(s);
    }

    private static void Map(WebApplication a)
    {
        a.MapControllers();
        RouteGroupBuilder min = a.MapGroup("/min");
        min.MapGet("/value", () => PipelineSamples.Greeting);
        min.MapGet("/typed-ok", () => TypedResults.Ok(PipelineSamples.Greeting));
        min.MapGet("/created", () => Results.Created("/min/value/1", PipelineSamples.Greeting));
        min.MapGet("/typed-created", () => TypedResults.Created(new Uri("/min/value/1", UriKind.Relative), PipelineSamples.Greetings));
        min.MapGet("/stream", () => PipelineSamples.StreamAsync());
        min.MapGet("/list", () => PipelineSamples.Greetings);
        min.MapGet("/pet", () => PipelineSamples.Pets[1]);
        min.MapGet("/pets", () => PipelineSamples.Pets);
        min.MapGet("/page", () => PipelineSamples.Page);
        min.MapGet("/bag", () => PipelineSamples.Bag);
        min.MapGet("/ledger", () => PipelineSamples.Ledger);
        min.MapGet("/cycle", () =>
        {
            Ledger ledger = PipelineSamples.Ledger;
            ledger.Parent!.Parent = ledger;
            return Results.Ok(ledger);
        });
        min.MapGet("/json-content-type", () => Results.Json(PipelineSamples.Greeting, contentType: "application/vnd.x+json", statusCode: 202));
        min.MapGet("/write-as-json", (HttpContext context) => context.Response.WriteAsJsonAsync(PipelineSamples.Pets));
        min.MapPost("/echo", (Greeting greeting) => greeting);
        min.MapPost("/echo-list", (List<Greeting> greetings) => greetings);
        min.MapPost("/echo-pet", (Pet pet) => pet);
        min.MapPost("/echo-page", (Paged<Item> page) => page);
        min.MapPost("/echo-bag", (Bag bag) => bag);
        min.MapPost("/echo-ledger", (Ledger ledger) => ledger);
        min.MapPost("/echo-node", (Node node) => node);
        min.MapPost("/read-from-json", async (HttpRequest request) =>
        {
            try
            {
                return Results.Ok(await request.ReadFromJsonAsync<Greeting>());
            }
            catch (Exception ex)
            {
                return Results.Text(Describe(ex));
            }
        });
    }

    private sealed record Probe(string Method, string Path, string? Body = null, string ContentType = "application/json");

    private static IEnumerable<Probe> Gets(params string[] paths) => paths.Select(p => new Probe("GET", p));

    private static IEnumerable<Probe> Posts(string path, params string[] bodies) => bodies.Select(b => new Probe("POST", path, b));

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"next\":", depth - 1)) + "{}" + new string('}', depth - 1);

    private static async Task AssertSameAsync(TestApp plain, TestApp velithon, IEnumerable<Probe> probes)
    {
        foreach (Probe probe in probes)
        {
            string expected = await SendAsync(plain, probe);
            string actual = await SendAsync(velithon, probe);
            if (expected != actual)
            {
                Assert.Fail("Plain ASP.NET Core:\n" + expected + "\nWith AddVelithonJson:\n" + actual);
            }
        }
    }

    private static async Task<string> SendAsync(TestApp app, Probe probe)
    {
        var text = new StringBuilder().Append(probe.Method).Append(' ').Append(probe.Path).Append(' ').Append(probe.Body).Append(" -> ");
        using var request = new HttpRequestMessage(new HttpMethod(probe.Method), new Uri(probe.Path, UriKind.Relative));
        if (probe.Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(probe.Body));
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(probe.ContentType);
        }

        try
        {
            using HttpResponseMessage response = await app.Client.SendAsync(request);
            byte[] body = await response.Content.ReadAsByteArrayAsync();
            text.Append((int)response.StatusCode)
                .Append(" | ").Append(response.Content.Headers.ContentType)
                .Append(" | ").Append(response.Headers.Location)
                .Append(" | ").Append(response.Content.Headers.ContentLength)
                .Append('\n').Append(TraceId().Replace(Encoding.UTF8.GetString(body), "\"traceId\":\"*\""))
                .Append('\n').Append(Convert.ToHexString(body).Length);
        }
        catch (Exception ex)
        {
            text.Append(Describe(ex));
        }

        return text.ToString();
    }

    private static string Describe(Exception ex)
    {
        var text = new StringBuilder("threw");
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is JsonException cycle && cycle.Message.StartsWith("A possible object cycle was detected.", StringComparison.Ordinal))
            {
                // The documented difference (docs/json.md, Limits and errors): the cycle error written through the
                // converter lacks STJ's path; the message is otherwise the same.
                text.Append(" | ").Append(e.GetType().FullName).Append(": ").Append(cycle.Message.Split(" Path: ")[0].TrimEnd('.'));
                break;
            }

            text.Append(" | ").Append(e.GetType().FullName).Append(": ").Append(e.Message);
            if (e is JsonException json)
            {
                // Its inner exception is not compared: STJ's carries the FormatException or reader error it caught, the
                // generated code's may carry none or its own (docs/json.md).
                text.Append(" [path ").Append(json.Path).Append(", line ").Append(json.LineNumber).Append(", byte ").Append(json.BytePositionInLine).Append(']');
                break;
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"\[path \$[^,]*,")]
    private static partial Regex ExceptionPath();

    [GeneratedRegex(@"\| \d+\n")]
    private static partial Regex ContentLength();

    [GeneratedRegex(@"Path: \$\S* \|")]
    private static partial Regex JsonPathText();

    [GeneratedRegex("\"traceId\":\\s*\"[^\"]*\"")]
    private static partial Regex TraceId();
}
