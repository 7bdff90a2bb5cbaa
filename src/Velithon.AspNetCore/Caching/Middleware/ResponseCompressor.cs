using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Velithon.Memory;

namespace Velithon.AspNetCore.Caching;

/// <summary>Picks the content coding a request accepts (br, then gzip) and compresses stored bodies once per coding.</summary>
internal static class ResponseCompressor
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";

    /// <summary>Returns <c>br</c>, <c>gzip</c> or empty (identity) from the request's <c>Accept-Encoding</c>.</summary>
    /// <remarks>
    /// Parsed in place (no typed-header objects): comma-separated codings, each with an optional <c>q</c> parameter
    /// (default 1); a coding with <c>q=0</c> or a malformed <c>q</c> is not accepted. br wins when its q is at least gzip's.
    /// </remarks>
    public static string Choose(HttpRequest request)
    {
        StringValues header = request.Headers.AcceptEncoding;
        if (header.Count == 0)
        {
            return string.Empty;
        }

        double br = 0, gzip = 0;
        foreach (string? value in header)
        {
            ReadOnlySpan<char> rest = value;
            while (!rest.IsEmpty)
            {
                int comma = rest.IndexOf(',');
                ReadOnlySpan<char> item = comma < 0 ? rest : rest[..comma];
                rest = comma < 0 ? default : rest[(comma + 1)..];
                if (!TryParseCoding(item, out ReadOnlySpan<char> coding, out double q))
                {
                    continue;
                }

                if (coding.Equals(Brotli, StringComparison.OrdinalIgnoreCase))
                {
                    br = q;
                }
                else if (coding.Equals(Gzip, StringComparison.OrdinalIgnoreCase))
                {
                    gzip = q;
                }
            }
        }

        return br > 0 && br >= gzip ? Brotli : gzip > 0 ? Gzip : string.Empty;
    }

    private static bool TryParseCoding(ReadOnlySpan<char> item, out ReadOnlySpan<char> coding, out double quality)
    {
        quality = 1;
        int semicolon = item.IndexOf(';');
        coding = (semicolon < 0 ? item : item[..semicolon]).Trim();
        if (coding.IsEmpty)
        {
            return false;
        }

        ReadOnlySpan<char> parameters = semicolon < 0 ? default : item[(semicolon + 1)..];
        while (!parameters.IsEmpty)
        {
            int next = parameters.IndexOf(';');
            ReadOnlySpan<char> parameter = (next < 0 ? parameters : parameters[..next]).Trim();
            parameters = next < 0 ? default : parameters[(next + 1)..];
            int equals = parameter.IndexOf('=');
            if (equals < 0 || !parameter[..equals].TrimEnd().Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!double.TryParse(parameter[(equals + 1)..].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quality)
                || quality > 1)
            {
                return false;
            }
        }

        return true;
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

    /// <summary>Compresses <paramref name="body"/> with <paramref name="encoding"/> into buffers rented from <paramref name="pool"/>; only the result is allocated.</summary>
    public static byte[] Compress(byte[] body, string encoding, ArrayPool<byte> pool)
    {
        using var output = new PooledBufferWriter(pool, body.Length / 2 + 64);
        using (var sink = new BufferWriterStream(output))
        using (Stream compressor = encoding == Brotli
            ? new BrotliStream(sink, CompressionLevel.Optimal, leaveOpen: true)
            : new GZipStream(sink, CompressionLevel.Optimal, leaveOpen: true))
        {
            compressor.Write(body);
        }

        return output.WrittenSpan.ToArray();
    }
}
