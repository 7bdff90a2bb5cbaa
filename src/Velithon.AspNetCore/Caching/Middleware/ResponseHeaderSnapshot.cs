using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// The response's status and headers before the endpoint ran (what middleware before the cache set), so that a failed
/// refresh replaced by a stale entry sends none of the failed attempt's headers.
/// </summary>
internal sealed class ResponseHeaderSnapshot
{
    private readonly int _statusCode;
    private readonly KeyValuePair<string, StringValues>[] _headers;

    private ResponseHeaderSnapshot(int statusCode, KeyValuePair<string, StringValues>[] headers)
    {
        _statusCode = statusCode;
        _headers = headers;
    }

    public static ResponseHeaderSnapshot Take(HttpResponse response) => new(response.StatusCode, [.. response.Headers]);

    /// <summary>Puts the status and headers back; the response must not have started.</summary>
    public void Restore(HttpResponse response)
    {
        response.StatusCode = _statusCode;
        if (response.HttpContext.Features.Get<IHttpResponseFeature>() is { } feature)
        {
            feature.ReasonPhrase = null;
        }

        IHeaderDictionary headers = response.Headers;
        headers.Clear();
        foreach (KeyValuePair<string, StringValues> header in _headers)
        {
            headers[header.Key] = header.Value;
        }
    }
}
