using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Velithon.AspNetCore.Caching;

/// <summary>Picks the content coding a request accepts (br, then gzip) and compresses stored bodies once per coding.</summary>
internal static class ResponseCompressor
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";

    /// <summary>Returns <c>br</c>, <c>gzip</c> or empty (identity) from the request's <c>Accept-Encoding</c>.</summary>
    public static string Choose(HttpRequest request)
    {
        if (!request.Headers.ContainsKey(HeaderNames.AcceptEncoding))
        {
            return string.Empty;
        }

        double br = 0, gzip = 0;
        foreach (StringWithQualityHeaderValue value in request.GetTypedHeaders().AcceptEncoding)
        {
            double q = value.Quality ?? 1;
            if (value.Value.Equals(Brotli, StringComparison.OrdinalIgnoreCase))
            {
                br = q;
            }
            else if (value.Value.Equals(Gzip, StringComparison.OrdinalIgnoreCase))
            {
                gzip = q;
            }
        }

        return br > 0 && br >= gzip ? Brotli : gzip > 0 ? Gzip : string.Empty;
    }

    public static bool IsCompressible(string? contentType, int length, int minLength)
    {
        if (length < minLength || string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        return contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("javascript", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("svg", StringComparison.OrdinalIgnoreCase);
    }

    public static byte[] Compress(byte[] body, string encoding)
    {
        using var output = new MemoryStream(body.Length / 2 + 64);
        using (Stream compressor = encoding == Brotli
            ? new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true)
            : new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            compressor.Write(body);
        }

        return output.ToArray();
    }
}
