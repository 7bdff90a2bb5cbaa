#!/usr/bin/env bash
# Runs docs/getting-started.md as a newcomer would: the guide's own code blocks, in order, outside the repository.
# Nothing is copied from anywhere else: the commands, the project snippet, Catalogue.cs and Program.cs are read from
# the guide, so a guide that drifts from the code fails here. Only three things differ from a reader's machine, each
# for a reason written beside it: the clone comes from this checkout, the app's port is a free one, and our own
# 0.1.0 packages are dropped from the NuGet cache first (a stale pack from an earlier run would stand in for the new).
# Each check prints "ok" or "FAIL"; the last line is
#   guides: N passed, M failed
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
guide="$repo/docs/getting-started.md"
work="$(mktemp -d "${TMPDIR:-/tmp}/velithon-guide.XXXXXX")"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
passed=0; failed=0
check() { # name, status (0 = ok), detail file
  if [ "$2" -eq 0 ]; then echo "ok   $1"; passed=$((passed + 1))
  else echo "FAIL $1"; [ -n "${3:-}" ] && [ -f "$3" ] && tail -n 40 "$3"; failed=$((failed + 1)); fi
}
finish() { echo "guides: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

# The guide's fenced blocks, one file each: $work/blocks/NN.<language>.
mkdir -p "$work/blocks"
awk -v dir="$work/blocks" '
  /^```/ { if (inside) { inside = 0; close(file); next }
           n++; lang = substr($0, 4); if (lang == "") lang = "text"
           file = sprintf("%s/%02d.%s", dir, n, lang); inside = 1; printf "" > file; next }
  inside { print > file }' "$guide"
block() { # number, language: the block's path, or fail the run when the guide's layout changed
  local f; f="$(printf '%s/%02d.%s' "$work/blocks" "$1" "$2")"
  [ -f "$f" ] || { echo "FAIL docs/getting-started.md: block $1 is not a $2 block any more; update tests/Guides/getting-started.sh"; failed=$((failed + 1)); finish; }
  echo "$f"
}
clone_and_pack=$(block 1 bash); new_app=$(block 2 bash); reference=$(block 3 xml)
catalogue=$(block 4 csharp); program=$(block 5 csharp); run_app=$(block 6 bash); transcript=$(block 7 console)
run_sample=$(block 8 bash); try_sample=$(block 9 bash)
count=$(ls "$work/blocks" | wc -l)
[ "$count" -eq 9 ]; check "the guide has the 9 blocks this script runs (found $count)" $?

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # url, seconds
  for _ in $(seq 1 "$2"); do curl -s -o /dev/null "$1" && return 0; sleep 1; done; return 1
}

version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$repo/Directory.Build.props")
grep -q "Version=\"$version\"" "$reference"; check "the guide's PackageReference names the version the repository packs ($version)" $?
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
rm -rf "$cache/velithon.memory/$version" "$cache/velithon.aspnetcore/$version"

# 1. Get the packages. The clone is this checkout (the guide's URL needs the network); the rest runs as written.
cd "$work"
sed "s#https://github.com/velithon/velithon-gen#'$repo' velithon-gen#" "$clone_and_pack" >"$work/step1.sh"
bash -e "$work/step1.sh" >"$work/step1.log" 2>&1
check "step 1 clones and packs both packages" $? "$work/step1.log"
(cd "$work/velithon-gen" && bash -e "$new_app") >"$work/step2.log" 2>&1
check "step 1 creates the app beside the clone and adds the folder feed" $? "$work/step2.log"
[ -f "$work/Shop/Shop.csproj" ] && [ ! -e "$work/velithon-gen/Shop" ]; check "the app is outside the repository" $?
[ "$failed" -eq 0 ] || finish

# The snippet goes into the project file as the guide says; the two source files are written as shown.
python3 - "$work/Shop/Shop.csproj" "$reference" <<'EOF'
import sys
project, snippet = sys.argv[1], open(sys.argv[2]).read()
text = open(project).read()
open(project, "w").write(text.replace("</Project>", snippet + "</Project>"))
EOF
cp "$catalogue" "$work/Shop/Catalogue.cs"
cp "$program" "$work/Shop/Program.cs"

# 4. Run it and look. The guide's port 5000 may be taken on a shared machine: a free one stands in for it.
port=$(free_port)
{ echo "cd '$work/Shop'"; sed "s/5000/$port/g" "$run_app"; } >"$work/run.sh"
# setsid: the app (and the process dotnet run starts) get their own process group, stopped as one below.
setsid bash "$work/run.sh" >"$work/app.log" 2>&1 &
pids+=($!)
wait_for "http://localhost:$port/health" 300; check "dotnet run starts the app" $? "$work/app.log"
[ "$failed" -eq 0 ] || finish

# The transcript: every "$ command" runs, and every line the guide shows under it must appear in what it printed
# (timings and ETag values vary, so those are compared without them).
normalize() { tr -d '\r' | sed -E 's/dur=[0-9.]+/dur=N/g; s/^(ETag|etag): .*/ETag: E/'; }
python3 - "$transcript" "$work/transcript" "$port" <<'EOF'
import os, sys
source, out, port = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(out, exist_ok=True)
steps, current = [], None
for line in open(source).read().splitlines():
    if line.startswith("$ "):
        current = [line[2:].replace("5000", port)]
        steps.append(current)
    elif current is not None and line.strip():
        current.append(line)
for i, (command, *expected) in enumerate(steps):
    open(f"{out}/{i:02d}.cmd", "w").write(command + "\n")
    open(f"{out}/{i:02d}.expected", "w").write("\n".join(expected) + ("\n" if expected else ""))
EOF
for cmd in "$work"/transcript/*.cmd; do
  step="${cmd%.cmd}"
  bash "$cmd" 2>&1 | normalize >"$step.actual"
  missing=0
  while IFS= read -r line; do
    grep -qxF -- "$line" "$step.actual" || { echo "     expected: $line"; missing=1; }
  done < <(normalize <"$step.expected")
  [ "$missing" -eq 0 ] || { echo "     got:"; sed 's/^/       /' "$step.actual"; }
  check "transcript: $(head -c 90 "$cmd" | tr -d '\n')" "$missing"
done

# The page and the health endpoints the guide points at.
curl -sf -o "$work/dashboard.html" "http://localhost:$port/velithon/dashboard"; check "the dashboard answers" $?
curl -s "http://localhost:$port/health/memory" | grep -q '"status":"healthy"'; check "/health/memory answers {\"status\":\"healthy\",…}" $?
[ "$(curl -s "http://localhost:$port/health")" = "Healthy" ]; check "/health answers Healthy" $?
curl -si "http://localhost:$port/products/1" | tr -d '\r' >"$work/product.txt"
grep -qi '^Server-Timing: render' "$work/product.txt" && ! grep -qi '^X-Velithon-Cache' "$work/product.txt"
check "GET /products/1 has Server-Timing: render and no X-Velithon-Cache" $? "$work/product.txt"
etag=$(curl -si "http://localhost:$port/products?category=tea" | tr -d '\r' | sed -n 's/^ETag: //Ip')
status=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "http://localhost:$port/products?category=tea")
[ "$status" = 304 ]; check "sending the ETag back answers 304 (got $status)" $?
kill -- "-${pids[0]}" 2>/dev/null; wait "${pids[0]}" 2>/dev/null

# "Try a mistake": the three mistakes the guide names, each reported by the build.
cp "$work/Shop/Program.cs" "$work/Program.good.cs"
sed -i 's/Duration = 30/Duration = 0/; s#app.MapPost("/products/reprice", async#app.MapPost("/products/reprice", [VelithonCached] async#' "$work/Shop/Program.cs"
sed -i 's/^public partial record Product/public record Product/' "$work/Shop/Catalogue.cs"
(cd "$work/Shop" && dotnet build) >"$work/mistakes.log" 2>&1
for id in VLG307 VLG304 VLG101; do
  grep -q "error $id" "$work/mistakes.log"; check "the build reports $id as an error" $? "$work/mistakes.log"
done

# Running the repository's sample, and the things to try with it.
{ echo "cd '$work/velithon-gen'"; cat "$run_sample"; } >"$work/sample.sh"
setsid bash "$work/sample.sh" >"$work/sample.log" 2>&1 &
pids+=($!)
wait_for "http://localhost:5080/" 300; check "the sample starts on http://localhost:5080" $? "$work/sample.log"
if [ "$failed" -eq 0 ]; then
  mapfile -t tries < <(grep -v '^\s*$' "$try_sample")
  [ "${#tries[@]}" -eq 4 ]; check "the sample block has the 4 commands this script checks" $?
  out=$(bash -c "${tries[0]}"); echo "$out" | grep -qi 'x-velithon-cache: MISS'; check "sample: first catalogue request is a MISS" $?
  out=$(bash -c "${tries[0]}"); echo "$out" | grep -qi 'x-velithon-cache: HIT'; check "sample: then a HIT" $?
  bash -c "${tries[1]}" >/dev/null; out=$(bash -c "${tries[0]}"); echo "$out" | grep -qi 'x-velithon-cache: MISS'
  check "sample: reprice evicts the catalogue" $?
  [ "$(bash -c "${tries[2]}" | grep -c .)" -eq 5 ]; check "sample: NDJSON stream of 5 users" $?
  bash -c "${tries[3]}" | head -n 1 | grep -q ' 202'; check "sample: a report is accepted (202)" $?
fi

finish
