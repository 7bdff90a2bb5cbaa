using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Whether a response's status and headers allow a shared cache to store it. Checked on the headers the endpoint
/// returned and again on the final headers, after every <c>OnStarting</c> callback ran.
/// </summary>
internal static class ResponseStorability
{
    /// <summary>Returns why the response must not be stored, or <see langword="null"/> when it may be.</summary>
    public static string? NotStorableReason(int statusCode, IHeaderDictionary headers, CachePolicy policy, DateTimeOffset now)
    {
        if (!policy.StatusCodes.Contains(statusCode))
        {
            return "status " + statusCode.ToString(CultureInfo.InvariantCulture);
        }

        foreach (string name in UnsafeHeaders.PerClient)
        {
            if (!StringValues.IsNullOrEmpty(headers[name]))
            {
                return name;
            }
        }

        if (CacheControlReason(headers.CacheControl) is { } cacheControl)
        {
            return cacheControl;
        }

        foreach (string? value in headers.Pragma)
        {
            if (HasToken(value, "no-cache"))
            {
                return "Pragma: no-cache";
            }
        }

        StringValues expires = headers.Expires;
        if (!StringValues.IsNullOrEmpty(expires)
            && (expires.Count != 1 || !HeaderUtilities.TryParseDate(expires.ToString(), out DateTimeOffset at) || at <= now))
        {
            // An invalid date ("0", "-1") means already expired (RFC 9111 5.3).
            return "Expires " + expires.ToString();
        }

        foreach (string? value in headers.Vary)
        {
            if (HasToken(value, "*"))
            {
                return "Vary: *";
            }
        }

        return null;
    }

    private static string? CacheControlReason(StringValues values)
    {
        foreach (string? value in values)
        {
            ReadOnlySpan<char> rest = value;
            while (!rest.IsEmpty)
            {
                int comma = rest.IndexOf(',');
                ReadOnlySpan<char> directive = (comma < 0 ? rest : rest[..comma]).Trim();
                rest = comma < 0 ? default : rest[(comma + 1)..];
                int equals = directive.IndexOf('=');
                ReadOnlySpan<char> name = (equals < 0 ? directive : directive[..equals]).Trim();
                ReadOnlySpan<char> argument = equals < 0 ? default : directive[(equals + 1)..].Trim().Trim('"');
                if (name.Equals("no-store", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("private", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("no-cache", StringComparison.OrdinalIgnoreCase))
                {
                    return "Cache-Control " + value;
                }

                if ((name.Equals("max-age", StringComparison.OrdinalIgnoreCase) || name.Equals("s-maxage", StringComparison.OrdinalIgnoreCase))
                    && (!long.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) || seconds <= 0))
                {
                    return "Cache-Control " + value;
                }
            }
        }

        return null;
    }

    /// <summary>Whether a comma-separated header value holds <paramref name="token"/> as one of its elements.</summary>
    public static bool HasToken(string? value, string token)
    {
        ReadOnlySpan<char> rest = value;
        while (!rest.IsEmpty)
        {
            int comma = rest.IndexOf(',');
            if ((comma < 0 ? rest : rest[..comma]).Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            rest = comma < 0 ? default : rest[(comma + 1)..];
        }

        return false;
    }

    /// <summary>The request header names a <c>Vary</c> header lists (<c>*</c> excluded).</summary>
    public static List<string> VaryNames(StringValues vary)
    {
        var names = new List<string>();
        foreach (string? value in vary)
        {
            foreach (string part in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (part != "*" && !names.Contains(part, StringComparer.OrdinalIgnoreCase))
                {
                    names.Add(part);
                }
            }
        }

        return names;
    }
}
