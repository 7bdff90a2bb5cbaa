#!/usr/bin/env bash
# Runs the benchmark suite. Each benchmark class holds its .NET anchor as the baseline, so every ratio in
# docs/benchmarks.md comes from one run of one class.
#   benchmarks/run.sh                 full run of every class (BenchmarkDotNet's default job)
#   benchmarks/run.sh --short         quick read (short job; noisy, not for recorded figures)
#   benchmarks/run.sh '*Cache*'       only the classes matching a filter (BenchmarkDotNet classes only)
# Results land in BenchmarkDotNet.Artifacts/results; the Zipf hit-ratio report is printed after them. Without a
# filter the whole suite runs: then the HTTP load benchmarks (benchmarks/load.sh: wrk against
# benchmarks/Velithon.LoadBenchmarks, issues 6 and 7; --short passed on) and the build-cost measurement
# (benchmarks/BuildCost/run.sh; 100 files in short mode, 500 otherwise) follow.
set -euo pipefail
cd "$(dirname "$0")/.."

job=()
short=()
filters=()
for arg in "$@"; do
  case "$arg" in
    --short) job=(--job short); short=(--short) ;;
    *) filters+=("$arg") ;;
  esac
done
whole_suite=false
[ "${#filters[@]}" -gt 0 ] || { filters=('*'); whole_suite=true; }

dotnet build -c Release benchmarks/Velithon.Benchmarks
dotnet run -c Release --no-build --project benchmarks/Velithon.Benchmarks -- --filter "${filters[@]}" "${job[@]}"
dotnet run -c Release --no-build --project benchmarks/Velithon.Benchmarks -- hitratio

if [ "$whole_suite" = true ]; then
  benchmarks/load.sh "${short[@]}"
  benchmarks/BuildCost/run.sh "$([ "${#short[@]}" -gt 0 ] && echo 100 || echo 500)"
fi
