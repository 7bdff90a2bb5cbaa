using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// The response's status and headers before the endpoint ran (what middleware before the cache set): they are not the
/// endpoint's, so they are not stored (a request id, a nonce), and a failed refresh replaced by a stale entry sends none
/// of the failed attempt's headers.
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

    /// <summary>Whether the header had this value before the endpoint ran (set by middleware before the cache, left as it was).</summary>
    public bool Holds(string name, StringValues value)
    {
        foreach (KeyValuePair<string, StringValues> header in _headers)
        {
            if (header.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value.Equals(value);
            }
        }

        return false;
    }

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
