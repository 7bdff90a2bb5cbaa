using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Velithon.AspNetCore.Tests;

/// <summary>A numeric enum: a global <c>JsonStringEnumConverter</c> changes how it is written.</summary>
public enum Mood
{
    Calm,
    Cheerful,
}

/// <summary>A type with text that the two encoders write differently, and an enum.</summary>
[VelithonJson]
public partial record Greeting(int Id, string Text, Mood Mood, List<string> Tags);

/// <summary>No enum: a global enum converter does not apply to it.</summary>
[VelithonJson]
public partial record Label(string Text);

/// <summary>A JSON name the relaxed encoder writes differently than it was pre-escaped.</summary>
[VelithonJson]
public partial record OddLabel([property: JsonPropertyName("<label>")] string Text);

/// <summary>
/// <c>AddVelithonJson()</c> on real test servers, reflection-based JSON enabled (see the NoReflection project for the
/// rest): ASP.NET Core's own JSON is written with the relaxed encoder, the generated code then writes the same bytes,
/// and a host whose options the generated code does not honour falls back to STJ for that type and logs it once.
/// </summary>
public sealed class AddVelithonJsonTests
{
    private static readonly Greeting Sample = new(1, "Zoë <x> & 'y' + `z` \"q\" 😀 \u2028", Mood.Cheerful, ["<b>", "é"]);

    private static readonly JsonSerializerOptions StjWeb = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task ASP_NET_Core_writes_with_the_relaxed_encoder_not_STJ_Web_defaults()
    {
        await using TestApp app = await TestApp.StartAsync(null, a => a.MapGet("/g", () => new Label("Zoë <x>")));

        string body = await app.Client.GetStringAsync(new Uri("/g", UriKind.Relative));

        Assert.Equal("""{"text":"Zoë <x>"}""", body);
        Assert.Equal("""{"text":"Zo\u00EB \u003Cx\u003E"}""", JsonSerializer.Serialize(new Label("Zoë <x>"), StjWeb));
        HttpJsonOptions options = app.App.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value;
        Assert.Same(System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, options.SerializerOptions.Encoder);
    }

    [Fact]
    public async Task With_AddVelithonJson_the_generated_code_writes_and_reads_what_ASP_NET_Core_would()
    {
        static void Map(WebApplication a)
        {
            a.MapGet("/value", () => Sample);
            a.MapGet("/ok", () => Results.Ok(Sample));
            a.MapGet("/typed", () => TypedResults.Json(Sample));
            a.MapGet("/list", () => new List<Greeting> { Sample, Sample with { Id = 2 } });
            a.MapPost("/echo", (Greeting g) => g);
        }

        await using TestApp plain = await TestApp.StartAsync(null, Map);
        await using TestApp velithon = await TestApp.StartAsync(s => s.AddVelithonJson(), Map);

        foreach (string path in new[] { "/value", "/ok", "/typed", "/list" })
        {
            byte[] expected = await plain.Client.GetByteArrayAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(expected, await velithon.Client.GetByteArrayAsync(new Uri(path, UriKind.Relative)));
        }

        byte[] body = Encoding.UTF8.GetBytes("""{"ID":5,"text":"Zo\u00EB <x>","mood":"1","tags":["a"]}""");
        Assert.Equal(await PostAsync(plain, body), await PostAsync(velithon, body));

        JsonSerializerOptions serializerOptions = velithon.App.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        Assert.IsType<VelithonJsonTypeInfoResolver>(serializerOptions.TypeInfoResolverChain[0]);
        Assert.IsType<VelithonJsonConverter<Greeting>>(serializerOptions.GetTypeInfo(typeof(Greeting)).Converter);
    }

    [Fact]
    public async Task The_resolver_stays_first_whatever_the_order_of_configuration()
    {
        await using TestApp app = await TestApp.StartAsync(
            s =>
            {
                s.AddVelithonJson();
                s.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()));
                s.AddVelithonJson();
            },
            a => a.MapGet("/g", () => Sample));

        IList<System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver> chain =
            app.App.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions.TypeInfoResolverChain;
        Assert.IsType<VelithonJsonTypeInfoResolver>(chain[0]);
        Assert.Single(chain, r => r is VelithonJsonTypeInfoResolver);
        Assert.Equal(3, chain.Count);
    }

    [Theory]
    [InlineData("string-enums")]
    [InlineData("snake-case")]
    public async Task A_host_whose_options_the_generated_code_does_not_honour_gets_STJ_for_that_type_and_a_warning_once(string configuration)
    {
        void Configure(IServiceCollection s) => s.ConfigureHttpJsonOptions(o =>
        {
            if (configuration == "string-enums")
            {
                o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            }
            else
            {
                o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            }
        });

        static void Map(WebApplication a)
        {
            a.MapGet("/greeting", () => Sample);
            a.MapGet("/label", () => new Label("Zoë"));
            a.MapPost("/echo", (Greeting g) => g);
        }

        var logs = new FakeLogCollector();
        await using TestApp plain = await TestApp.StartAsync(Configure, Map);
        await using TestApp velithon = await TestApp.StartAsync(
            s =>
            {
                Configure(s);
                s.AddVelithonJson();
                s.AddLogging(l => l.AddProvider(new FakeLoggerProvider(logs)));
            },
            Map);

        for (int i = 0; i < 2; i++)
        {
            foreach (string path in new[] { "/greeting", "/label" })
            {
                Assert.Equal(await plain.Client.GetByteArrayAsync(new Uri(path, UriKind.Relative)), await velithon.Client.GetByteArrayAsync(new Uri(path, UriKind.Relative)));
            }

            byte[] body = await plain.Client.GetByteArrayAsync(new Uri("/greeting", UriKind.Relative));
            Assert.Equal(await PostAsync(plain, body), await PostAsync(velithon, body));
        }

        JsonSerializerOptions serializerOptions = velithon.App.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        Assert.IsNotType<VelithonJsonConverter<Greeting>>(serializerOptions.GetTypeInfo(typeof(Greeting)).Converter);
        FakeLogRecord warning = Assert.Single(logs.GetSnapshot(), r => r.Category == VelithonJsonServiceCollectionExtensions.LoggerCategory && r.Message.Contains("Velithon.AspNetCore.Tests.Greeting ", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(configuration == "string-enums" ? "Converters has JsonStringEnumConverter" : "PropertyNamingPolicy is JsonNamingPolicy.SnakeCaseLower", warning.Message, StringComparison.Ordinal);

        // A global enum converter does not apply to a type without enums: the generated code still serves it.
        bool labelServed = serializerOptions.GetTypeInfo(typeof(Label)).Converter is VelithonJsonConverter<Label>;
        Assert.Equal(configuration == "string-enums", labelServed);
    }

    [Fact]
    public async Task VelithonResults_with_the_relaxed_encoder_write_what_ASP_NET_Core_writes()
    {
        var relaxed = new VelithonJsonOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Greeting[] list = [Sample, Sample with { Id = 2 }];
        await using TestApp plain = await TestApp.StartAsync(null, a =>
        {
            a.MapGet("/one", () => Sample);
            a.MapGet("/list", () => list);
        });
        await using TestApp velithon = await TestApp.StartAsync(null, a =>
        {
            a.MapGet("/one", () => VelithonResults.Json(Sample, options: relaxed));
            a.MapGet("/list", () => VelithonResults.Json(list, options: relaxed));
            a.MapGet("/batch", () => VelithonResults.JsonBatch(list, options: relaxed));
            a.MapGet("/odd", () => VelithonResults.Json(new OddLabel("x"), options: relaxed));
            a.MapGet("/odd-list", () => VelithonResults.Json(new[] { new OddLabel("x") }, options: relaxed));
        });

        Assert.Equal(await plain.Client.GetStringAsync(new Uri("/one", UriKind.Relative)), await velithon.Client.GetStringAsync(new Uri("/one", UriKind.Relative)));
        Assert.Equal(await plain.Client.GetStringAsync(new Uri("/list", UriKind.Relative)), await velithon.Client.GetStringAsync(new Uri("/list", UriKind.Relative)));
        Assert.Equal(await plain.Client.GetStringAsync(new Uri("/list", UriKind.Relative)), await velithon.Client.GetStringAsync(new Uri("/batch", UriKind.Relative)));

        // A type whose pre-escaped names the relaxed encoder would escape differently is refused, not written otherwise.
        foreach (string path in new[] { "/odd", "/odd-list" })
        {
            NotSupportedException error = await Assert.ThrowsAsync<NotSupportedException>(() => velithon.Client.GetAsync(new Uri(path, UriKind.Relative)));
            Assert.Contains("Velithon.AspNetCore.Tests.OddLabel cannot be written with VelithonJsonOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping", error.Message, StringComparison.Ordinal);
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(TestApp app, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await app.Client.PostAsync(new Uri("/echo", UriKind.Relative), content);
        return (response.StatusCode, Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }
}
