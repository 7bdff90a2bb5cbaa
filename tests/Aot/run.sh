#!/usr/bin/env bash
# Native AOT check (by hand, not in CI: a publish takes minutes and needs the ILCompiler packages from NuGet and a
# C toolchain): publishes tests/Aot/web as a native binary, starts it on a loopback port, and checks that
# AddVelithonJson() serves and binds [VelithonJson] types without reflection, with the bytes ASP.NET Core writes
# (Web defaults, JavaScriptEncoder.UnsafeRelaxedJsonEscaping). The last line is
#   aot: N passed, M failed
# Usage: tests/Aot/run.sh            (needs clang, or gcc: the script passes CppCompilerAndLinker=gcc without clang)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/velithon-aot.XXXXXX")"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
passed=0; failed=0
check() { # name, status (0 = ok), detail
  if [ "$2" -eq 0 ]; then echo "ok   $1"; passed=$((passed + 1))
  else echo "FAIL $1"; [ -n "${3:-}" ] && echo "$3" | tail -n 40; failed=$((failed + 1)); fi
}
finish() { echo "aot: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

linker=()
command -v clang >/dev/null || linker=(-p:CppCompilerAndLinker=gcc)
log="$work/publish.log"
dotnet publish "$here/web/AotWeb.csproj" -c Release -r linux-x64 -o "$work/app" "${linker[@]}" >"$log" 2>&1
check "dotnet publish -p:PublishAot=true (no trimming or AOT warning: warnings are errors)" $? "$(cat "$log")"
[ -x "$work/app/AotWeb" ] || finish
file "$work/app/AotWeb" 2>/dev/null | grep -q ELF && ! [ -f "$work/app/AotWeb.dll" ]
check "the app is one native binary (no AotWeb.dll)" $?

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"$work/app/AotWeb" --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/person" && break
  sleep 0.1
done

expect() { # name, expected body, curl arguments...
  local name="$1" expected="$2"; shift 2
  local body; body="$(curl -s --max-time 10 "$@")"
  [ "$body" = "$expected" ]; check "$name" $? "expected: $expected
actual:   $body
$(tail -n 20 "$work/app.log")"
}

expect "GET /person: the generated code, relaxed escaping" \
  '{"id":1,"name":"Zoë <x> & '"'"'y'"'"'","addresses":[{"city":"Köln"}]}' "http://127.0.0.1:$port/person"
expect "GET /people: a top-level List<Person>" \
  '[{"id":1,"name":"Zoë <x> & '"'"'y'"'"'","addresses":[{"city":"Köln"}]},{"id":2,"name":"Zoë <x> & '"'"'y'"'"'","addresses":[]}]' "http://127.0.0.1:$port/people"
expect "POST /echo: body binding (case-insensitive names, a number in a string, escapes)" \
  '{"id":5,"name":"é<","addresses":[]}' -H 'Content-Type: application/json' -d '{"ID":"5","name":"\u00E9<","addresses":[]}' "http://127.0.0.1:$port/echo"
status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' -d '{"id":1,' "http://127.0.0.1:$port/echo")"
[ "$status" = "400" ]; check "POST /echo with a malformed body: 400" $? "status $status"
finish
