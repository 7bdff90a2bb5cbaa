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
    /// <summary>Reads an ISO 8601-1:2019 date and time string (System.Text.Json's extended profile).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DateTime DateTime(ref Utf8JsonReader reader) => DateTime(ref reader, "System.DateTime");

    /// <summary>Reads an ISO 8601-1:2019 date and time string (System.Text.Json's extended profile).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    public static DateTime DateTime(ref Utf8JsonReader reader, string typeName)
    {
        try
        {
            if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out DateTime value))
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

    /// <summary>Reads an ISO 8601-1:2019 date, time and offset string (System.Text.Json's extended profile).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DateTimeOffset DateTimeOffset(ref Utf8JsonReader reader) => DateTimeOffset(ref reader, "System.DateTimeOffset");

    /// <summary>Reads an ISO 8601-1:2019 date, time and offset string (System.Text.Json's extended profile).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    public static DateTimeOffset DateTimeOffset(ref Utf8JsonReader reader, string typeName)
    {
        try
        {
            if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out DateTimeOffset value))
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

    /// <summary>Reads a <c>yyyy-MM-dd</c> string.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string, or not a valid date.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DateOnly DateOnly(ref Utf8JsonReader reader) => DateOnly(ref reader, "System.DateOnly");

    /// <summary>Reads a <c>yyyy-MM-dd</c> string.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string, or not a valid date.</exception>
    public static DateOnly DateOnly(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.String && reader.ValueLength() is >= 10 and <= 60)
        {
            ReadOnlySpan<byte> s = Unescaped(ref reader, stackalloc byte[64], typeName);
            if (s.Length == 10 && s[4] == (byte)'-' && s[7] == (byte)'-'
                && JsonText.TryDigits(s[..4], out int year) && JsonText.TryDigits(s.Slice(5, 2), out int month) && JsonText.TryDigits(s.Slice(8, 2), out int day)
                && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= System.DateTime.DaysInMonth(year, month))
            {
                return new DateOnly(year, month, day);
            }
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads a time of day string, <c>hh:mm[:ss[.fffffff]]</c> as System.Text.Json accepts it.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TimeOnly TimeOnly(ref Utf8JsonReader reader) => TimeOnly(ref reader, "System.TimeOnly");

    /// <summary>Reads a time of day string, <c>hh:mm[:ss[.fffffff]]</c> as System.Text.Json accepts it.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    public static TimeOnly TimeOnly(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.String && reader.ValueLength() is >= 1 and <= 16 * 6)
        {
            ReadOnlySpan<byte> s = Unescaped(ref reader, stackalloc byte[16 * 6], typeName);
            int separator = s.IndexOfAny((byte)'.', (byte)':');
            if (s.Length > 0 && char.IsAsciiDigit((char)s[0]) && separator >= 0 && s[separator] == (byte)':'
                && Utf8Parser.TryParse(s, out TimeSpan time, out int consumed, 'c') && consumed == s.Length
                && time >= System.TimeSpan.Zero && time < System.TimeSpan.FromDays(1))
            {
                return System.TimeOnly.FromTimeSpan(time);
            }
        }

        throw ConversionError(ref reader, typeName);
    }

    /// <summary>Reads a time span string in the constant format, <c>[-][d.]hh:mm[:ss[.fffffff]]</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TimeSpan TimeSpan(ref Utf8JsonReader reader) => TimeSpan(ref reader, "System.TimeSpan");

    /// <summary>Reads a time span string in the constant format, <c>[-][d.]hh:mm[:ss[.fffffff]]</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="typeName">The type named in the error message, e.g. <c>System.Nullable`1[System.Int32]</c> for a nullable member (as System.Text.Json names it).</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The token is not such a string.</exception>
    public static TimeSpan TimeSpan(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType == JsonTokenType.String && reader.ValueLength() is >= 1 and <= 26 * 6)
        {
            ReadOnlySpan<byte> s = Unescaped(ref reader, stackalloc byte[26 * 6], typeName);
            if (s.Length > 0 && (char.IsAsciiDigit((char)s[0]) || s[0] == (byte)'-')
                && Utf8Parser.TryParse(s, out TimeSpan value, out int consumed, 'c') && consumed == s.Length)
            {
                return value;
            }
        }

        throw ConversionError(ref reader, typeName);
    }
}
