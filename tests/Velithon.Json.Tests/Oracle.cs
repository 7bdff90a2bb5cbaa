using System.Text.Json;
using CsCheck;

namespace Velithon.Json.Tests;

/// <summary>The System.Text.Json side of every comparison.</summary>
internal static class Oracle
{
    // STJ reflection with the Web defaults, the reference the generated code must match, is the BCL's
    // JsonSerializerOptions.Web (one instance for every test project).

    /// <summary>The Web defaults, indented (a formatting variation the reader must accept).</summary>
    public static readonly JsonSerializerOptions WebIndented = new(JsonSerializerOptions.Web) { WriteIndented = true };

    /// <summary>Iterations per property for cheap types; heavy types use a fraction.</summary>
    public const int Iterations = 1500;

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web);

    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<T>(utf8, JsonSerializerOptions.Web);

    /// <summary>JSON text for failure messages.</summary>
    public static string Show<T>(T value)
    {
        try
        {
            return JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return $"<{ex.GetType().Name}: {ex.Message}>";
        }
    }

    public static string Text(ReadOnlySpan<byte> utf8) => System.Text.Encoding.UTF8.GetString(utf8);

    /// <summary>Runs <paramref name="check"/> on generated values, printing failures as JSON.</summary>
    public static void Run<T>(this Gen<T> gen, Action<T> check, int iter = Iterations, Func<T, string>? print = null) =>
        Check.Sample(gen, check, iter: iter, print: print ?? Show);
}
