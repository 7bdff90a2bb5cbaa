using Velithon;

namespace Velithon.Benchmarks.Interning;

/// <summary>Sixteen HTTP header names, the small table of <see cref="InternedStringsBenchmarks"/>.</summary>
[InternedStrings]
internal static partial class BenchTable16
{
    public const string Accept = "Accept";
    public const string AcceptEncoding = "Accept-Encoding";
    public const string AcceptLanguage = "Accept-Language";
    public const string Authorization = "Authorization";
    public const string CacheControl = "Cache-Control";
    public const string Connection = "Connection";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string Cookie = "Cookie";
    public const string Date = "Date";
    public const string ETag = "ETag";
    public const string Host = "Host";
    public const string IfNoneMatch = "If-None-Match";
    public const string Origin = "Origin";
    public const string Referer = "Referer";
    public const string UserAgent = "User-Agent";
}
