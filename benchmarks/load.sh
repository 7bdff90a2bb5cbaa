#!/usr/bin/env bash
# HTTP load benchmarks (issues 6 and 7): benchmarks/Velithon.LoadBenchmarks under wrk.
#   benchmarks/load.sh            3 rounds x every endpoint, wrk -t1 -c32 -d10s, interleaved
#   benchmarks/load.sh --short    the same with -d3s (quick read, not for recorded figures)
# The n=100000 JSON endpoints (~14 MB per response) run with -c4 and every run with --timeout 60s.
# Options: --rounds N, --duration 10s, --connections 32, --port 5080, --no-pin, --warmup 2s (per endpoint),
#          --endpoints "/cached/velithon /limit" (a subset; the ratios are printed when their endpoints ran),
#          --baseline DIR: also build and run DIR's LoadBenchmarks (another checkout, e.g. a `git worktree` of the
#          commit to compare with) on port+1, at the same time, on the same pinned core; every wrk run is made
#          against both servers back to back (the order alternates by round), so that both see the same machine load.
#          Rows are then labelled `new` (this checkout) and `base` (DIR), with the new/base ratio of each endpoint.
# By default the server is pinned to CPU 1 and wrk to CPU 0 (taskset) so that the load generator does not steal the
# server's core; with --no-pin both float. Bytes per request: the server's GC.GetTotalAllocatedBytes(false) read from
# /alloc before and after each wrk run, divided by the requests wrk reports (the two /alloc probes are excluded).
# Not part of CI (.ci/run): it takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=3 duration=10s connections=32 port=5080 pin=1 warmup=2s only="" baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --short) duration=3s ;;
    --rounds) rounds=$2; shift ;;
    --duration) duration=$2; shift ;;
    --connections) connections=$2; shift ;;
    --port) port=$2; shift ;;
    --no-pin) pin=0 ;;
    --warmup) warmup=$2; shift ;;
    --endpoints) only=$2; shift ;;
    --baseline) baseline=$(cd "$2" && pwd); shift ;;
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

app=benchmarks/Velithon.LoadBenchmarks
labels=(new)
declare -A root url
root[new]=$PWD url[new]="http://127.0.0.1:$port"
if [ -n "$baseline" ]; then
  labels=(base new)
  root[base]=$baseline url[base]="http://127.0.0.1:$((port + 1))"
fi

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done' EXIT
for l in "${labels[@]}"; do
  dotnet build -c Release "${root[$l]}/$app" -v q -nologo
  p=${url[$l]##*:}
  "${srv[@]}" dotnet "${root[$l]}/$app/bin/Release/net10.0/Velithon.LoadBenchmarks.dll" "$p" &
  pids+=($!)
done
for l in "${labels[@]}"; do
  for _ in $(seq 100); do curl -sf "${url[$l]}/alloc" >/dev/null && break; sleep 0.2; done
done

endpoints=(/cached/velithon /cached/output /uncached/stj /limit
           /json/velithon/10 /json/stj/10 /json/minimal/10 /json/velithon/1000 /json/stj/1000 /json/velithon/100000 /json/stj/100000)
[ -z "$only" ] || read -r -a endpoints <<<"$only"

echo "warming up"
for l in "${labels[@]}"; do
  for e in "${endpoints[@]}"; do "${cli[@]}" wrk -t1 -c4 -d"$warmup" --timeout 60s "${url[$l]}$e" >/dev/null; done
done

declare -A rps bpr
for r in $(seq "$rounds"); do
  order=("${labels[@]}")
  if [ ${#labels[@]} -gt 1 ] && [ $((r % 2)) = 0 ]; then order=(new base); fi
  for e in "${endpoints[@]}"; do
    for l in "${order[@]}"; do
      u=${url[$l]}
      before=$(curl -sf "$u/alloc")
      c=$connections; case "$e" in */100000) c=4 ;; esac   # ~14 MB responses: few connections, no timeouts
      out=$("${cli[@]}" wrk -t1 -c"$c" -d"$duration" --timeout 60s "$u$e")
      after=$(curl -sf "$u/alloc")
      req=$(awk '/requests in/ {print $1}' <<<"$out")
      rs=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
      non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
      [ -z "$non2xx" ] || echo "WARNING: $l $e had $non2xx non-2xx responses" >&2
      [ "${req:-0}" -gt 0 ] || { echo "ERROR: no requests completed on $l $e" >&2; exit 1; }
      b=$(( (after - before) / req ))
      printf 'round %d  %-4s %-22s %10s req/s  %8d B/req\n' "$r" "$l" "$e" "$rs" "$b"
      rps[$l $e]+="$rs " bpr[$l $e]+="$b "
    done
  done
done

median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
spread() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk 'NR==1{lo=$1} {hi=$1} END {printf "%s-%s", lo, hi}'; }
ratio() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a / b}' || printf 'n/a'; }

declare -A med
echo
echo "wrk -t1 -c$connections (-c4 for n=100000) -d$duration, $rounds rounds, pinned: $([ ${#srv[@]} -gt 0 ] && echo 'server cpu 1, wrk cpu 0' || echo no)$([ -n "$baseline" ] && echo ", baseline: $baseline")"
printf '| %-4s | %-22s | %12s | %24s | %10s |\n' "" endpoint "median req/s" "min-max req/s" "median B/req"
printf '| %-4s | %-22s | %12s | %24s | %10s |\n' --- --- ---: ---: ---:
for e in "${endpoints[@]}"; do
  for l in "${labels[@]}"; do
    med[$l $e]=$(median <<<"${rps[$l $e]}")
    printf '| %-4s | %-22s | %12.0f | %24s | %10s |\n' "$l" "$e" "${med[$l $e]}" "$(spread <<<"${rps[$l $e]}")" "$(median <<<"${bpr[$l $e]}")"
  done
done
for l in "${labels[@]}"; do
  echo
  echo "[$l] velithon / output-cache : $(ratio "${med[$l /cached/velithon]:-}" "${med[$l /cached/output]:-}")  (goal >= 1.5)"
  echo "[$l] velithon / limit        : $(ratio "${med[$l /cached/velithon]:-}" "${med[$l /limit]:-}")  (goal >= 0.85)"
  echo "[$l] velithon / uncached stj : $(ratio "${med[$l /cached/velithon]:-}" "${med[$l /uncached/stj]:-}")"
  for n in 10 1000 100000; do
    echo "[$l] json n=$n velithon / stj : $(ratio "${med[$l /json/velithon/$n]:-}" "${med[$l /json/stj/$n]:-}")"
  done
  echo "[$l] json n=10 AddVelithonJson minimal API / stj : $(ratio "${med[$l /json/minimal/10]:-}" "${med[$l /json/stj/10]:-}")  (goal >= 1.2)"
done
if [ -n "$baseline" ]; then
  echo
  for e in "${endpoints[@]}"; do
    echo "new / base $e : $(ratio "${med[new $e]}" "${med[base $e]}")"
  done
fi
