namespace Velithon.Benchmarks;

/// <summary>A deterministic Zipf(s) trace over keys 0..n-1, where key k has probability proportional to 1/(k+1)^s.</summary>
internal static class ZipfTrace
{
    public static int[] Create(int keys, double exponent, int requests, int seed)
    {
        var cumulative = new double[keys];
        double sum = 0;
        for (int k = 0; k < keys; k++)
        {
            sum += 1.0 / Math.Pow(k + 1, exponent);
            cumulative[k] = sum;
        }

        var random = new Random(seed);
        var trace = new int[requests];
        for (int i = 0; i < requests; i++)
        {
            int index = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            trace[i] = Math.Min(index < 0 ? ~index : index, keys - 1);
        }

        return trace;
    }
}
