using BenchmarkDotNet.Running;

// Run everything:            dotnet run -c Release --project benchmarks/Velithon.Benchmarks -- --filter '*'
// Quick read (short job):    dotnet run -c Release --project benchmarks/Velithon.Benchmarks -- --filter '*' --job short
// Cache hit ratios on Zipf traces:  dotnet run -c Release --project benchmarks/Velithon.Benchmarks -- hitratio
if (args is ["hitratio"])
{
    Velithon.Benchmarks.HitRatioReport.Run(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
