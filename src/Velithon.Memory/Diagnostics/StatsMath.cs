namespace Velithon.Memory.Diagnostics;

/// <summary>Small helpers shared by the stats snapshots.</summary>
internal static class StatsMath
{
    /// <summary>Returns <paramref name="part"/> as a percentage of <paramref name="total"/>, or 0 when the total is 0.</summary>
    public static double Percent(long part, long total) => total <= 0 ? 0d : Math.Round(100d * part / total, 2);
}
