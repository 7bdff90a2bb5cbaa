namespace Velithon.Caching.Tests;

internal static class HttpExtensions
{
    public static async Task<(string Status, string Body, HttpResponseMessage Response)> GetAsync(this TestApp app, string url, Action<HttpRequestMessage>? configure = null, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        configure?.Invoke(request);
        HttpResponseMessage response = await app.Client.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        string status = response.Headers.TryGetValues("X-Velithon-Cache", out IEnumerable<string>? values) ? string.Join(",", values) : "(none)";
        return (status, body, response);
    }
}
