using System.Text;

namespace Velithon.AspNetCore;

/// <summary>The dashboard's page, script and style, read once from the assembly's embedded resources.</summary>
internal static class DashboardAssets
{
    private static readonly Lazy<string> LazyHtml = new(() => Encoding.UTF8.GetString(Read("dashboard.html")));
    private static readonly Lazy<byte[]> LazyScript = new(() => Read("dashboard.js"));
    private static readonly Lazy<byte[]> LazyStyle = new(() => Read("dashboard.css"));

    public static string Html => LazyHtml.Value;

    public static byte[] Script => LazyScript.Value;

    public static byte[] Style => LazyStyle.Value;

    private static byte[] Read(string name)
    {
        using Stream stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("Velithon.AspNetCore.Dashboard." + name)
            ?? throw new InvalidOperationException($"The embedded dashboard resource '{name}' is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
