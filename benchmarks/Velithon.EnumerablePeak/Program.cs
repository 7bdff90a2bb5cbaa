using System.Diagnostics;
using System.Globalization;
using Velithon.Benchmarks.EnumerablePeak;

// Peak memory of DeserializeAsyncEnumerable against STJ's (issue 18), one fresh process per measurement:
//   dotnet run -c Release --project benchmarks/Velithon.EnumerablePeak -- [RUNS [COUNT]]
//       verifies the input, then runs RUNS processes per side and mode (alternating sides) over COUNT elements
//       (defaults 5 and 1,000,000) and prints min / median of each peak as a Markdown table
//   ... -- measure stj|velithon natural|live COUNT    one measurement in this process (one line of key=value)
//   ... -- verify COUNT                               the input check alone
if (args is ["measure", string measuredSide, string measuredMode, string countText])
{
    Console.WriteLine(await Measurement.RunAsync(measuredSide, measuredMode, int.Parse(countText, CultureInfo.InvariantCulture)));
    return 0;
}

if (args is ["verify", string verifyCount])
{
    await Verification.RunAsync(int.Parse(verifyCount, CultureInfo.InvariantCulture));
    Console.WriteLine("verified");
    return 0;
}

int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
int count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
await Verification.RunAsync(20_000);
Console.WriteLine($"Input verified against STJ's bytes (20,000 elements). {runs} runs per side and mode, {count:N0} elements.");

var samples = new List<PeakSample>();
foreach (string mode in new[] { "natural", "live" })
{
    for (int run = 0; run < runs; run++)
    {
        foreach (string side in run % 2 == 0 ? new[] { "stj", "velithon" } : ["velithon", "stj"])
        {
            PeakSample sample = Child(side, mode, count);
            Console.WriteLine(sample);
            samples.Add(sample);
        }
    }
}

Console.WriteLine();
Console.WriteLine("| peak (min / median, MiB) | STJ | Velithon | Velithon / STJ (medians) |");
Console.WriteLine("| --- | ---: | ---: | ---: |");
Row("managed heap, garbage included (natural)", "natural", s => s.HeapPeak);
Row("heap left by a collection (natural)", "natural", s => s.HeapAfterGcPeak);
Row("GC committed (natural)", "natural", s => s.CommittedPeak);
Row("process VmHWM, absolute (natural)", "natural", s => s.ResidentPeak);
Row("VmHWM above VmRSS before the enumeration (natural)", "natural", s => s.ResidentPeak - s.ResidentBefore);
Row("live heap after forced full GCs (live)", "live", s => s.LivePeak);
Console.WriteLine();
Console.WriteLine("| per element (medians, natural) | STJ | Velithon |");
Console.WriteLine("| --- | ---: | ---: |");
Console.WriteLine($"| allocated bytes | {Median("stj", "natural", s => s.AllocatedPerElement):F1} | {Median("velithon", "natural", s => s.AllocatedPerElement):F1} |");
Console.WriteLine($"| gen0 / gen1 / gen2 collections | {Median("stj", "natural", s => s.Gen0)} / {Median("stj", "natural", s => s.Gen1)} / {Median("stj", "natural", s => s.Gen2)} | {Median("velithon", "natural", s => s.Gen0)} / {Median("velithon", "natural", s => s.Gen1)} / {Median("velithon", "natural", s => s.Gen2)} |");
Console.WriteLine($"| seconds (loaded host) | {Median("stj", "natural", s => s.Seconds):F2} | {Median("velithon", "natural", s => s.Seconds):F2} |");
return 0;

void Row(string label, string mode, Func<PeakSample, double> value)
{
    string Cell(string side)
    {
        double[] values = Values(side, mode, value);
        return $"{values[0] / 1048576:F2} / {Middle(values) / 1048576:F2}";
    }

    double ratio = Median("velithon", mode, value) / Median("stj", mode, value);
    Console.WriteLine($"| {label} | {Cell("stj")} | {Cell("velithon")} | {ratio:F2} |");
}

double Median(string side, string mode, Func<PeakSample, double> value) => Middle(Values(side, mode, value));

double[] Values(string side, string mode, Func<PeakSample, double> value) =>
    samples.Where(s => s.Side == side && s.Mode == mode).Select(value).Order().ToArray();

static double Middle(double[] sorted) =>
    sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

static PeakSample Child(string side, string mode, int count)
{
    string self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
    var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet")
    {
        start.ArgumentList.Add(typeof(Measurement).Assembly.Location);
    }

    foreach (string arg in new[] { "measure", side, mode, count.ToString(CultureInfo.InvariantCulture) })
    {
        start.ArgumentList.Add(arg);
    }

    using Process child = Process.Start(start) ?? throw new InvalidOperationException("The measurement did not start.");
    string output = child.StandardOutput.ReadToEnd();
    child.WaitForExit();
    if (child.ExitCode != 0)
    {
        throw new InvalidOperationException($"{side} {mode} exited with {child.ExitCode}: {output}");
    }

    return PeakSample.Parse(output.Trim());
}
