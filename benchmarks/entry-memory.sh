#!/usr/bin/env bash
# Heap per cached response (issue 26): [VelithonCached] against ASP.NET Core's output cache, same app, same requests,
# one process per measurement (benchmarks/Velithon.LoadBenchmarks, mode entry-memory; requests over real Kestrel on
# loopback). "none" is the same endpoint uncached: what the requests leave behind without a cache (should be ~0).
#   benchmarks/entry-memory.sh                  1 KB and 16 KB bodies, 10,000 and 100,000 entries
#   benchmarks/entry-memory.sh --short          1 KB and 16 KB bodies, 2,000 entries (quick read)
# Not part of CI: the 100,000 x 16 KB rows hold 1.6 GB per process.
set -euo pipefail
cd "$(dirname "$0")/.."

counts=(10000 100000)
[ "${1:-}" = "--short" ] && counts=(2000)

dotnet build -c Release benchmarks/Velithon.LoadBenchmarks >/dev/null
for entries in "${counts[@]}"; do
  for body in 1024 16384; do
    for mode in velithon output none; do
      dotnet run -c Release --no-build --project benchmarks/Velithon.LoadBenchmarks -- entry-memory "$mode" "$body" "$entries"
    done
  done
done
