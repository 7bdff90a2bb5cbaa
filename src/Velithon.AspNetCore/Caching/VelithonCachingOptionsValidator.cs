using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Velithon.AspNetCore.Caching;

/// <summary>Checks <see cref="VelithonCachingOptions"/> when the host starts; each failure names the option and its value.</summary>
internal sealed class VelithonCachingOptionsValidator : IValidateOptions<VelithonCachingOptions>
{
    // Headers the cache writes or checks, that say how a response may be stored or how to read its body, or that frame
    // it: a status header of that name would overwrite the response's own value on every request.
    private static readonly FrozenSet<string> s_reservedStatusHeaders = new[]
    {
        HeaderNames.CacheControl, HeaderNames.Pragma, HeaderNames.Expires, HeaderNames.Vary, HeaderNames.ETag, HeaderNames.LastModified,
        HeaderNames.Age, HeaderNames.Date, HeaderNames.ContentType, HeaderNames.ContentEncoding, HeaderNames.ContentRange,
        HeaderNames.ContentDisposition, HeaderNames.ContentLanguage, HeaderNames.Location, HeaderNames.WWWAuthenticate, "Server-Timing",
        "CDN-Cache-Control", "Surrogate-Control",
    }.Concat(UnsafeHeaders.PerClient).Concat(UnsafeHeaders.HopByHop).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public ValidateOptionsResult Validate(string? name, VelithonCachingOptions options)
    {
        var failures = new List<string>();
        Check(failures, options.MaxEntries >= 1, nameof(options.MaxEntries), options.MaxEntries, "must be at least 1");
        Check(failures, options.MaxMemoryBytes >= 1, nameof(options.MaxMemoryBytes), options.MaxMemoryBytes, "must be at least 1");

        // 0 is not "unlimited": it would store empty bodies only and send every other response through uncached.
        Check(failures, options.MaxBodyBytes >= 1, nameof(options.MaxBodyBytes), options.MaxBodyBytes, "must be at least 1 (0 is not \"unlimited\": it would cache empty bodies only)");
        Check(failures, options.MinCompressionBytes >= 0, nameof(options.MinCompressionBytes), options.MinCompressionBytes, "must not be negative");
        Check(failures, string.IsNullOrEmpty(options.StatusHeaderName) || IsToken(options.StatusHeaderName), nameof(options.StatusHeaderName), options.StatusHeaderName,
            "must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~), or null or empty to write none");
        Check(failures, options.StatusHeaderName is null || !s_reservedStatusHeaders.Contains(options.StatusHeaderName), nameof(options.StatusHeaderName), options.StatusHeaderName,
            "must not name a header that responses rely on (the status would overwrite it: 'Cache-Control: MISS' in place of an endpoint's 'private' or 'no-store', which a CDN in front then stores); use a name of its own such as X-Velithon-Cache");
        Check(failures, options.StampedeWaitTimeout >= TimeSpan.Zero, nameof(options.StampedeWaitTimeout), options.StampedeWaitTimeout, "must not be negative");
        Check(failures, options.StaleWhileRevalidate >= TimeSpan.Zero, nameof(options.StaleWhileRevalidate), options.StaleWhileRevalidate, "must not be negative");
        Check(failures, options.StaleIfError >= TimeSpan.Zero, nameof(options.StaleIfError), options.StaleIfError, "must not be negative");
        Check(failures, options.SoftTimeout >= TimeSpan.Zero, nameof(options.SoftTimeout), options.SoftTimeout, "must not be negative");
        Check(failures, options.HardTimeout >= TimeSpan.Zero, nameof(options.HardTimeout), options.HardTimeout, "must not be negative");
        Check(failures, options.EagerRefreshThreshold is 0 or (> 0 and < 1), nameof(options.EagerRefreshThreshold), options.EagerRefreshThreshold, "must be 0 (off) or between 0 and 1 exclusive");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check<T>(List<string> failures, bool valid, string option, T value, string rule)
    {
        if (!valid)
        {
            string shown = value is null ? "null" : "'" + Convert.ToString(value, CultureInfo.InvariantCulture) + "'";
            failures.Add($"VelithonCachingOptions.{option} {rule}; it is {shown}.");
        }
    }

    /// <summary>Gets whether <paramref name="name"/> is an RFC 9110 token, the syntax of a header field name.</summary>
    private static bool IsToken(string name)
    {
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }
}
