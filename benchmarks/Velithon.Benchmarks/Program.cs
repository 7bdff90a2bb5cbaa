using BenchmarkDotNet.Running;

// Run everything:            dotnet run -c Release --project benchmarks/Velithon.Benchmarks -- --filter '*'
// Quick read (short job):    dotnet run -c Release --project benchmarks/Velithon.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
