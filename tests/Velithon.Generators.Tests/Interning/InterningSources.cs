namespace Velithon.Generators.Tests.Interning;

/// <summary>Inputs of the <c>[InternedStrings]</c> generator tests.</summary>
internal static class InterningSources
{
    public const string Small = """
        using Velithon;

        namespace Demo;

        [InternedStrings]
        public static partial class HeaderNames
        {
            public const string Accept = "Accept";
            public const string AcceptEncoding = "Accept-Encoding";
            public const string ContentType = "Content-Type";
            public const string ContentLength = "Content-Length";
            public const string Host = "Host";
            internal const string Quote = "say \"hi\"\\";
            private const string Empty = "";

            // Named like a parameter of TryGet and like a keyword.
            private const string chars = "chars";
            public const string @class = "class";

            // Not entries: a field of another type that is not const, and a method.
            private static int s_lookups;

            public static int Lookups() => s_lookups++;
        }
        """;

    /// <summary>76 header-like names (above the perfect-hash threshold), with non-ASCII, a one-char and an empty value.</summary>
    public const string Hashed = """
        using Velithon;

        namespace Demo;

        [InternedStrings]
        public static partial class Headers
        {
            public const string Accept = "Accept";
            public const string AcceptCharset = "Accept-Charset";
            public const string AcceptEncoding = "Accept-Encoding";
            public const string AcceptLanguage = "Accept-Language";
            public const string AcceptRanges = "Accept-Ranges";
            public const string AccessControlAllowCredentials = "Access-Control-Allow-Credentials";
            public const string AccessControlAllowHeaders = "Access-Control-Allow-Headers";
            public const string AccessControlAllowMethods = "Access-Control-Allow-Methods";
            public const string AccessControlAllowOrigin = "Access-Control-Allow-Origin";
            public const string AccessControlExposeHeaders = "Access-Control-Expose-Headers";
            public const string AccessControlMaxAge = "Access-Control-Max-Age";
            public const string AccessControlRequestHeaders = "Access-Control-Request-Headers";
            public const string AccessControlRequestMethod = "Access-Control-Request-Method";
            public const string Age = "Age";
            public const string Allow = "Allow";
            public const string AltSvc = "Alt-Svc";
            public const string Authorization = "Authorization";
            public const string CacheControl = "Cache-Control";
            public const string Connection = "Connection";
            public const string ContentDisposition = "Content-Disposition";
            public const string ContentEncoding = "Content-Encoding";
            public const string ContentLanguage = "Content-Language";
            public const string ContentLength = "Content-Length";
            public const string ContentLocation = "Content-Location";
            public const string ContentMD5 = "Content-MD5";
            public const string ContentRange = "Content-Range";
            public const string ContentSecurityPolicy = "Content-Security-Policy";
            public const string ContentType = "Content-Type";
            public const string Cookie = "Cookie";
            public const string Date = "Date";
            public const string ETag = "ETag";
            public const string Expect = "Expect";
            public const string Expires = "Expires";
            public const string From = "From";
            public const string Host = "Host";
            public const string IfMatch = "If-Match";
            public const string IfModifiedSince = "If-Modified-Since";
            public const string IfNoneMatch = "If-None-Match";
            public const string IfRange = "If-Range";
            public const string IfUnmodifiedSince = "If-Unmodified-Since";
            public const string KeepAlive = "Keep-Alive";
            public const string LastModified = "Last-Modified";
            public const string Link = "Link";
            public const string Location = "Location";
            public const string MaxForwards = "Max-Forwards";
            public const string Origin = "Origin";
            public const string Pragma = "Pragma";
            public const string ProxyAuthenticate = "Proxy-Authenticate";
            public const string ProxyAuthorization = "Proxy-Authorization";
            public const string Range = "Range";
            public const string Referer = "Referer";
            public const string RetryAfter = "Retry-After";
            public const string Server = "Server";
            public const string SetCookie = "Set-Cookie";
            public const string StrictTransportSecurity = "Strict-Transport-Security";
            public const string TE = "TE";
            public const string Trailer = "Trailer";
            public const string TransferEncoding = "Transfer-Encoding";
            public const string Upgrade = "Upgrade";
            public const string UserAgent = "User-Agent";
            public const string Vary = "Vary";
            public const string Via = "Via";
            public const string Warning = "Warning";
            public const string WWWAuthenticate = "WWW-Authenticate";
            public const string XContentTypeOptions = "X-Content-Type-Options";
            public const string XForwardedFor = "X-Forwarded-For";
            public const string XForwardedHost = "X-Forwarded-Host";
            public const string XForwardedProto = "X-Forwarded-Proto";
            public const string XFrameOptions = "X-Frame-Options";
            public const string XRequestID = "X-Request-ID";
            public const string XXSSProtection = "X-XSS-Protection";
            public const string CafCrme = "Café-Crème";
            public const string Value72 = "東京";
            public const string Value73 = "🚀";
            public const string a = "a";
            public const string Value75 = "";
        }
        """;

    /// <summary>Eighteen values of length 3 in one class nested in another: the lookup switches on a position.</summary>
    public const string Large = """
        using Velithon;

        namespace Demo.Geo;

        public static partial class Codes
        {
            [InternedStrings]
            internal static partial class Countries
            {
                public const string Usa = "USA";
                public const string Gbr = "GBR";
                public const string Fra = "FRA";
                public const string Deu = "DEU";
                public const string Ita = "ITA";
                public const string Esp = "ESP";
                public const string Nld = "NLD";
                public const string Bel = "BEL";
                public const string Che = "CHE";
                public const string Aut = "AUT";
                public const string Swe = "SWE";
                public const string Nor = "NOR";
                public const string Dnk = "DNK";
                public const string Fin = "FIN";
                public const string Pol = "POL";
                public const string Prt = "PRT";
                public const string Irl = "IRL";
                public const string Grc = "GRC";
                public const string Poland = "Poland";
            }
        }
        """;

    /// <summary>Non-ASCII values whose UTF-8 byte lengths differ from their char lengths; in the global namespace.</summary>
    public const string NonAscii = """
        using Velithon;

        [InternedStrings]
        public static partial class Words
        {
            public const string Cafe = "cafe";
            public const string CafeAccent = "café";
            public const string Naive = "naïve";
            public const string Japan = "日本";
            public const string Grin = "😀";
            public const string Greek = "αβγ";
            public const string Ab = "ab";
            public const string Abcdef = "abcdef";
        }
        """;

    public const string Diagnostics = """
        using Velithon;

        namespace Demo.Bad;

        [InternedStrings]
        public partial class NotStatic
        {
            public const string A = "a";
        }

        [InternedStrings]
        public static class NotPartial
        {
            public const string A = "a";
        }

        public class Holder
        {
            [InternedStrings]
            public static partial class InNonPartial
            {
                public const string A = "a";
            }
        }

        public partial class Generic<T>
        {
            [InternedStrings]
            public static partial class InGeneric
            {
                public const string A = "a";
            }
        }

        [InternedStrings]
        public static partial class Fields
        {
            public const string Ok = "ok";
            public static readonly string ReadOnly = "read-only";
            public static string Mutable = "mutable";
            public const int Number = 42;
            public const string? Nothing = null;
            public const string Again = "ok";
            public const string Lone = "x\uD800y";
            public const string Pair = "\uD83D\uDE00";
        }
        """;
}
