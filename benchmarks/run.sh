#!/usr/bin/env bash
# Runs the benchmark suite. Each benchmark class holds its .NET anchor as the baseline, so every ratio in
# docs/benchmarks.md comes from one run of one class.
#   benchmarks/run.sh                 full run of every class (BenchmarkDotNet's default job)
#   benchmarks/run.sh --short         quick read (short job; noisy, not for recorded figures)
#   benchmarks/run.sh '*Cache*'       only the classes matching a filter
# Results land in BenchmarkDotNet.Artifacts/results; the Zipf hit-ratio report is printed at the end.
# HTTP load benchmarks (wrk against benchmarks/Velithon.LoadBenchmarks, issues 6 and 7) are separate: benchmarks/load.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

job=()
filters=()
for arg in "$@"; do
  case "$arg" in
    --short) job=(--job short) ;;
    *) filters+=("$arg") ;;
  esac
done
[ "${#filters[@]}" -gt 0 ] || filters=('*')

dotnet build -c Release benchmarks/Velithon.Benchmarks
dotnet run -c Release --no-build --project benchmarks/Velithon.Benchmarks -- --filter "${filters[@]}" "${job[@]}"
dotnet run -c Release --no-build --project benchmarks/Velithon.Benchmarks -- hitratio
