using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Velithon.AspNetCore.NoReflection.Tests;

/// <summary>
/// With System.Text.Json's reflection-based serialization disabled (as in native AOT) and no <c>JsonSerializerContext</c>,
/// <c>AddVelithonJson()</c> alone serves and binds <c>[VelithonJson]</c> types in minimal APIs and MVC, byte for byte
/// as ASP.NET Core writes them with reflection (its options: Web defaults and the relaxed encoder).
/// </summary>
public sealed class NoReflectionTests
{
    // What ASP.NET Core writes without Velithon: its options (Web + UnsafeRelaxedJsonEscaping) with reflection, which
    // this test asks for explicitly (only the default resolver is switched off).
    private static readonly JsonSerializerOptions AspNetCore = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    [Fact]
    public void Reflection_based_serialization_is_off_in_this_project() => Assert.False(JsonSerializer.IsReflectionEnabledByDefault);

    [Fact]
    public async Task Without_AddVelithonJson_the_app_cannot_write_the_type()
    {
        NotSupportedException error = await Assert.ThrowsAsync<NotSupportedException>(async () =>
        {
            await using WebApplication app = await StartAsync(velithon: false);
            using HttpResponseMessage response = await app.GetTestClient().GetAsync(new Uri("/value", UriKind.Relative));
        });

        Assert.Contains("JsonTypeInfo metadata for type 'Velithon.AspNetCore.NoReflection.Tests.Person' was not provided", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/value")]
    [InlineData("/ok")]
    [InlineData("/typed")]
    [InlineData("/mvc/one")]
    [InlineData("/mvc/typed")]
    public async Task A_value_is_written_as_ASP_NET_Core_writes_it(string path)
    {
        await using WebApplication app = await StartAsync(velithon: true);

        using HttpResponseMessage response = await app.GetTestClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(Utf8(JsonSerializer.SerializeToUtf8Bytes(Samples.Person, AspNetCore)), Utf8(await response.Content.ReadAsByteArrayAsync()));
        Assert.Contains("Zoë <x> & 'y'", Utf8(JsonSerializer.SerializeToUtf8Bytes(Samples.Person, AspNetCore)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_top_level_list_is_written_as_ASP_NET_Core_writes_it()
    {
        await using WebApplication app = await StartAsync(velithon: true);

        byte[] body = await app.GetTestClient().GetByteArrayAsync(new Uri("/list", UriKind.Relative));

        Assert.Equal(Utf8(JsonSerializer.SerializeToUtf8Bytes(SampleList, AspNetCore)), Utf8(body));
    }

    [Theory]
    [InlineData("/echo")]
    [InlineData("/mvc/echo")]
    public async Task A_request_body_is_bound_and_echoed(string path)
    {
        await using WebApplication app = await StartAsync(velithon: true);
        const string Json = """{"ID":"5","name":"Zo\u00EB <x>","kind":1,"home":{"city":"a","zip":"z"},"tags":["t"],"unknown":[1,{"x":2}]}""";

        (HttpStatusCode status, string body) = await PostAsync(app, path, Json);

        Assert.Equal(HttpStatusCode.OK, status);
        Person expected = JsonSerializer.Deserialize<Person>(Json, AspNetCore)!;
        Assert.Equal(Utf8(JsonSerializer.SerializeToUtf8Bytes(expected, AspNetCore)), body);
    }

    [Theory]
    [InlineData("/echo", """{"id":1,"name":"a","kind":0,"tags":[}""")]
    [InlineData("/echo", """{"id":"x","name":"a","kind":0,"tags":[]}""")]
    [InlineData("/mvc/echo", """{"id":1,"name":"a","kind":0,"tags":[}""")]
    [InlineData("/mvc/echo", """{"id":"x","name":"a","kind":0,"tags":[]}""")]
    public async Task A_malformed_body_is_a_400(string path, string json)
    {
        await using WebApplication app = await StartAsync(velithon: true);

        (HttpStatusCode status, _) = await PostAsync(app, path, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    private static readonly List<Person> SampleList = [Samples.Person, Samples.Person with { Id = 2, Home = null }];

    private static async Task<WebApplication> StartAsync(bool velithon)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        if (velithon)
        {
            builder.Services.AddVelithonJson();
        }

        builder.Services.AddControllers().AddApplicationPart(typeof(PeopleController).Assembly).ConfigureApiBehaviorOptions(o =>
        {
            o.SuppressModelStateInvalidFilter = true;
            o.SuppressMapClientErrors = true;
        });
        WebApplication app = builder.Build();
        app.MapGet("/value", () => Samples.Person);
        app.MapGet("/ok", () => Results.Ok(Samples.Person));
        app.MapGet("/typed", () => TypedResults.Json(Samples.Person));
        app.MapGet("/list", () => SampleList);
        app.MapPost("/echo", (Person person) => person);
        app.MapControllers();
        await app.StartAsync();
        return app;
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(WebApplication app, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await app.GetTestClient().PostAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, Utf8(await response.Content.ReadAsByteArrayAsync()));
    }

    private static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
