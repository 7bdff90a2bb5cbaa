using System.Globalization;

namespace Velithon.Benchmarks.EnumerablePeak;

/// <summary>
/// The peaks of one enumeration, in bytes above what the process held before it started (but the resident set's high
/// water mark, which is the whole process's): the managed heap as allocated (garbage included, never collected on
/// purpose), the heap the last collection left, the memory the GC had committed, the live heap after forced full
/// collections (the <c>live</c> mode only; 0 otherwise); the resident set before the enumeration (after the warm-up), and
/// what was allocated per element.
/// </summary>
internal readonly record struct PeakSample(
    string Side,
    string Mode,
    long HeapPeak,
    long HeapAfterGcPeak,
    long CommittedPeak,
    long LivePeak,
    long ResidentPeak,
    long ResidentBefore,
    double AllocatedPerElement,
    int Gen0,
    int Gen1,
    int Gen2,
    double Seconds)
{
    private static readonly string[] s_fields =
        ["side", "mode", "heap", "heapAfterGc", "committed", "live", "vmHWM", "rssBefore", "allocPerElement", "gen0", "gen1", "gen2", "seconds"];

    public override string ToString() => string.Join(' ', s_fields.Zip(Values(), (name, value) => name + "=" + value));

    public static PeakSample Parse(string line)
    {
        Dictionary<string, string> values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        long L(string name) => long.Parse(values[name], CultureInfo.InvariantCulture);
        int I(string name) => int.Parse(values[name], CultureInfo.InvariantCulture);
        double D(string name) => double.Parse(values[name], CultureInfo.InvariantCulture);
        return new PeakSample(values["side"], values["mode"], L("heap"), L("heapAfterGc"), L("committed"), L("live"), L("vmHWM"), L("rssBefore"),
            D("allocPerElement"), I("gen0"), I("gen1"), I("gen2"), D("seconds"));
    }

    private IEnumerable<string> Values()
    {
        yield return Side;
        yield return Mode;
        yield return HeapPeak.ToString(CultureInfo.InvariantCulture);
        yield return HeapAfterGcPeak.ToString(CultureInfo.InvariantCulture);
        yield return CommittedPeak.ToString(CultureInfo.InvariantCulture);
        yield return LivePeak.ToString(CultureInfo.InvariantCulture);
        yield return ResidentPeak.ToString(CultureInfo.InvariantCulture);
        yield return ResidentBefore.ToString(CultureInfo.InvariantCulture);
        yield return AllocatedPerElement.ToString("F1", CultureInfo.InvariantCulture);
        yield return Gen0.ToString(CultureInfo.InvariantCulture);
        yield return Gen1.ToString(CultureInfo.InvariantCulture);
        yield return Gen2.ToString(CultureInfo.InvariantCulture);
        yield return Seconds.ToString("F2", CultureInfo.InvariantCulture);
    }
}
