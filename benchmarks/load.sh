#!/usr/bin/env bash
# HTTP load benchmarks (issues 6 and 7): benchmarks/Velithon.LoadBenchmarks under wrk.
#   benchmarks/load.sh            3 rounds x every endpoint, wrk -t1 -c32 -d10s, interleaved
#   benchmarks/load.sh --short    the same with -d3s (quick read, not for recorded figures)
# The n=100000 JSON endpoints (~14 MB per response) run with -c4 and every run with --timeout 60s.
# Options: --rounds N, --duration 10s, --connections 32, --port 5080, --no-pin.
# By default the server is pinned to CPU 1 and wrk to CPU 0 (taskset) so that the load generator does not steal the
# server's core; with --no-pin both float. Bytes per request: the server's GC.GetTotalAllocatedBytes(false) read from
# /alloc before and after each wrk run, divided by the requests wrk reports (the two /alloc probes are excluded).
# Not part of CI (.ci/run): it takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=3 duration=10s connections=32 port=5080 pin=1
while [ $# -gt 0 ]; do
  case "$1" in
    --short) duration=3s ;;
    --rounds) rounds=$2; shift ;;
    --duration) duration=$2; shift ;;
    --connections) connections=$2; shift ;;
    --port) port=$2; shift ;;
    --no-pin) pin=0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk)
command -v curl >/dev/null || (apt-get update && apt-get install -y curl)

srv=() cli=()
if [ "$pin" = 1 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  srv=(taskset -c 1) cli=(taskset -c 0)
fi

dotnet build -c Release benchmarks/Velithon.LoadBenchmarks -v q -nologo
base="http://127.0.0.1:$port"
"${srv[@]}" dotnet benchmarks/Velithon.LoadBenchmarks/bin/Release/net10.0/Velithon.LoadBenchmarks.dll "$port" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "$base/alloc" >/dev/null && break; sleep 0.2; done

endpoints=(/cached/velithon /cached/output /uncached/stj /limit
           /json/velithon/10 /json/stj/10 /json/velithon/1000 /json/stj/1000 /json/velithon/100000 /json/stj/100000)

echo "warming up"
for e in "${endpoints[@]}"; do "${cli[@]}" wrk -t1 -c4 -d2s --timeout 60s "$base$e" >/dev/null; done

declare -A rps bpr
for r in $(seq "$rounds"); do
  for e in "${endpoints[@]}"; do
    before=$(curl -sf "$base/alloc")
    c=$connections; case "$e" in */100000) c=4 ;; esac   # ~14 MB responses: few connections, no timeouts
    out=$("${cli[@]}" wrk -t1 -c"$c" -d"$duration" --timeout 60s "$base$e")
    after=$(curl -sf "$base/alloc")
    req=$(awk '/requests in/ {print $1}' <<<"$out")
    rs=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    [ -z "$non2xx" ] || echo "WARNING: $e had $non2xx non-2xx responses" >&2
    [ "${req:-0}" -gt 0 ] || { echo "ERROR: no requests completed on $e" >&2; exit 1; }
    b=$(( (after - before) / req ))
    printf 'round %d  %-22s %10s req/s  %8d B/req\n' "$r" "$e" "$rs" "$b"
    rps[$e]+="$rs " bpr[$e]+="$b "
  done
done

median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
spread() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk 'NR==1{lo=$1} {hi=$1} END {printf "%s-%s", lo, hi}'; }

declare -A med
echo
echo "wrk -t1 -c$connections (-c4 for n=100000) -d$duration, $rounds rounds, pinned: $([ ${#srv[@]} -gt 0 ] && echo 'server cpu 1, wrk cpu 0' || echo no)"
printf '| %-22s | %12s | %24s | %10s |\n' endpoint "median req/s" "min-max req/s" "median B/req"
printf '| %-22s | %12s | %24s | %10s |\n' --- ---: ---: ---:
for e in "${endpoints[@]}"; do
  med[$e]=$(median <<<"${rps[$e]}")
  printf '| %-22s | %12.0f | %24s | %10s |\n' "$e" "${med[$e]}" "$(spread <<<"${rps[$e]}")" "$(median <<<"${bpr[$e]}")"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo
echo "velithon / output-cache : $(ratio "${med[/cached/velithon]}" "${med[/cached/output]}")x  (goal >= 1.5)"
echo "velithon / limit        : $(ratio "${med[/cached/velithon]}" "${med[/limit]}")x  (goal >= 0.85)"
echo "velithon / uncached stj : $(ratio "${med[/cached/velithon]}" "${med[/uncached/stj]}")x"
for n in 10 1000 100000; do
  echo "json n=$n velithon / stj : $(ratio "${med[/json/velithon/$n]}" "${med[/json/stj/$n]}")x"
done
