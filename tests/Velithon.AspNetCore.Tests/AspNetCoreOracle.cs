using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Velithon.AspNetCore.Tests;

/// <summary>
/// The reference for what the web results send: System.Text.Json with the Web defaults, and ASP.NET Core's own
/// <see cref="Results.Json{TValue}(TValue, JsonSerializerOptions?, string?, int?)"/> response for the same value with
/// the same options (<see cref="JsonSerializerOptions.Web"/>). Expected bytes never come from Velithon itself.
/// (Without options, Results.Json uses ASP.NET Core's JsonOptions, whose encoder is UnsafeRelaxedJsonEscaping:
/// JsonResultTests pins that difference down.)
/// </summary>
internal static class AspNetCoreOracle
{
    /// <summary>What STJ writes for <paramref name="value"/> with the Web defaults.</summary>
    public static string Stj<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

    /// <summary>STJ's values, one a line (NDJSON).</summary>
    public static string StjLines<T>(IEnumerable<T> values) => string.Concat(values.Select(v => Stj(v) + "\n"));

    /// <summary>
    /// The status, content type and body ASP.NET Core's <c>Results.Json(value, options)</c> sends, from an app of its
    /// own; the options are STJ's Web defaults unless <paramref name="aspNetDefaults"/> (ASP.NET Core's JsonOptions).
    /// </summary>
    public static async Task<(int Status, string? ContentType, string Body)> ResultsJsonAsync<T>(T value, bool aspNetDefaults = false)
    {
        await using TestApp app = await TestApp.StartAsync(null, a => a.MapGet("/aspnet", () => Results.Json(value, aspNetDefaults ? null : JsonSerializerOptions.Web)));
        using HttpResponseMessage response = await app.Client.GetAsync(new Uri("/aspnet", UriKind.Relative));
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }
}
