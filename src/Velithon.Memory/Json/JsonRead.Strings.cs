using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json;

public static partial class JsonRead
{
    /// <summary>Reads a JSON string, or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or the string is not valid UTF-8/UTF-16.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? String(ref Utf8JsonReader reader) => String(ref reader, "System.String");

    /// <summary>Reads a JSON string, or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. the declaring type for a constructor parameter (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or the string is not valid UTF-8/UTF-16.</exception>
    public static string? String(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw ConversionError(ref reader, typeName);
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException ex)
        {
            throw ConversionError(ref reader, typeName, ex);
        }
    }

    /// <summary>
    /// Reads a JSON string, or <c>null</c>, through <see cref="VelithonJsonOptions.Interner"/>: a string already interned
    /// is returned without allocating. Escaped strings are unescaped into a stack or pooled buffer first.
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="options">The options holding the interner.</param>
    /// <returns>The interned value.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or the string is not valid UTF-8/UTF-16.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? InternedString(ref Utf8JsonReader reader, VelithonJsonOptions options) => InternedString(ref reader, options, "System.String");

    /// <summary>
    /// Reads a JSON string, or <c>null</c>, through <see cref="VelithonJsonOptions.Interner"/>, as
    /// <see cref="InternedString(ref Utf8JsonReader, VelithonJsonOptions)"/> does.
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="options">The options holding the interner.</param>
    /// <param name="typeName">The type named in the error message, e.g. the declaring type for a constructor parameter (as System.Text.Json names it).</param>
    /// <returns>The interned value.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or the string is not valid UTF-8/UTF-16.</exception>
    public static string? InternedString(ref Utf8JsonReader reader, VelithonJsonOptions options, string typeName)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw ConversionError(ref reader, typeName);
        }

        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            ReadOnlySpan<byte> raw = reader.ValueSpan;
            if (!System.Text.Unicode.Utf8.IsValid(raw))
            {
                throw ConversionError(ref reader, typeName);
            }

            return options.Interner.InternUtf8(raw);
        }

        int length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        byte[]? rented = null;
        Span<byte> buffer = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            int written;
            try
            {
                written = reader.CopyString(buffer);
            }
            catch (InvalidOperationException ex)
            {
                throw ConversionError(ref reader, typeName, ex);
            }

            ReadOnlySpan<byte> text = buffer[..written];
            if (!System.Text.Unicode.Utf8.IsValid(text))
            {
                throw ConversionError(ref reader, typeName);
            }

            return options.Interner.InternUtf8(text);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Reads a JSON string of exactly one UTF-16 character.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a string of one UTF-16 character.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char Char(ref Utf8JsonReader reader) => Char(ref reader, "System.Char");

    /// <summary>Reads a JSON string of exactly one UTF-16 character.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a string of one UTF-16 character.</exception>
    public static char Char(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.String && reader.ValueLength() is >= 1 and <= 6)
        {
            Span<char> chars = stackalloc char[6];
            try
            {
                if (reader.CopyString(chars) == 1)
                {
                    return chars[0];
                }
            }
            catch (InvalidOperationException ex)
            {
                throw ConversionError(ref reader, typeName, ex);
            }
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads a GUID string in the "D" format (either case).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Guid Guid(ref Utf8JsonReader reader) => Guid(ref reader, "System.Guid");

    /// <summary>Reads a GUID string in the "D" format (either case).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    public static Guid Guid(ref Utf8JsonReader reader, string typeName)
    {
        try
        {
            if (reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out Guid value))
            {
                return value;
            }
        }
        catch (InvalidOperationException ex)
        {
            // An escape that is not valid UTF-16 (a lone surrogate): System.Text.Json's conversion error, as for other strings.
            throw ConversionError(ref reader, typeName, ex);
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads a URI string (absolute or relative), or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or not a URI.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Uri? Uri(ref Utf8JsonReader reader) => Uri(ref reader, "System.Uri");

    /// <summary>Reads a URI string (absolute or relative), or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. the declaring type for a constructor parameter (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or not a URI.</exception>
    public static Uri? Uri(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw ConversionError(ref reader, typeName);
        }

        string? text;
        try
        {
            text = reader.GetString();
        }
        catch (InvalidOperationException ex)
        {
            throw ConversionError(ref reader, typeName, ex);
        }

        if (System.Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out Uri? value))
        {
            return value;
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads a base64 string, or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or not base64.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte[]? Base64(ref Utf8JsonReader reader) => Base64(ref reader, "System.Byte[]");

    /// <summary>Reads a base64 string, or <c>null</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. the declaring type for a constructor parameter (as System.Text.Json names it).</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="JsonException">The token is not a string or null, or not base64.</exception>
    public static byte[]? Base64(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.String && reader.TryGetBytesFromBase64(out byte[]? value))
        {
            return value;
        }

        throw ConversionError(ref reader, typeName);
    }
}
