#!/usr/bin/env bash
# Consumer test: packs Velithon.Memory, Velithon.AspNetCore and Velithon.AspNetCore.Redis into a temporary folder feed and builds small
# projects that use them the way a NuGet user does (one PackageReference, SDK defaults, no ProjectReference,
# restore from the folder feed only). Each check prints "ok" or "FAIL"; the last line is
#   consumer: N passed, M failed
# and the exit code is non-zero when any check failed.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
here="$repo/tests/Consumer"
work="$(mktemp -d "${TMPDIR:-/tmp}/velithon-consumer.XXXXXX")"
trap 'rm -rf "$work"' EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
passed=0; failed=0
check() { # name, status (0 = ok), detail file
  if [ "$2" -eq 0 ]; then echo "ok   $1"; passed=$((passed + 1))
  else echo "FAIL $1"; [ -n "${3:-}" ] && [ -f "$3" ] && tail -n 40 "$3"; failed=$((failed + 1)); fi
}
finish() { echo "consumer: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

# A version no cache has seen, so restore cannot pick up a stale package.
version="0.1.0-consumer.$(date +%s)"
feed="$work/feed"
for project in Velithon.Memory Velithon.AspNetCore Velithon.AspNetCore.Redis; do
  dotnet pack "$repo/src/$project" -c Release -o "$feed" -p:Version="$version" >"$work/pack-$project.log" 2>&1
  check "dotnet pack $project" $? "$work/pack-$project.log"
done
[ "$failed" -eq 0 ] || finish

# The package layout a consumer depends on.
nupkg="$feed/Velithon.Memory.$version.nupkg"
listing="$(unzip -Z1 "$nupkg" 2>/dev/null || python3 -c 'import sys,zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$nupkg")"
for entry in lib/net10.0/Velithon.Memory.dll analyzers/dotnet/cs/Velithon.Generators.dll analyzers/dotnet/cs/Velithon.Analyzers.dll \
    analyzers/dotnet/cs/Velithon.Analyzers.CodeFixes.dll README.md; do
  grep -qx "$entry" <<<"$listing"; check "Velithon.Memory package contains $entry" $?
done

# Redis is an optional package: Velithon.AspNetCore depends on no Redis client (an app without Redis restores none),
# and Velithon.AspNetCore.Redis brings StackExchange.Redis and the same version of Velithon.AspNetCore.
nuspec() { python3 -c 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(z.read([n for n in z.namelist() if n.endswith(".nuspec")][0]).decode())' "$1"; }
core_nuspec="$(nuspec "$feed/Velithon.AspNetCore.$version.nupkg")"
redis_nuspec="$(nuspec "$feed/Velithon.AspNetCore.Redis.$version.nupkg")"
! grep -Eqi 'id="(StackExchange\.Redis|RESPite|Pipelines\.Sockets\.Unofficial)"' <<<"$core_nuspec"; check "Velithon.AspNetCore depends on no Redis client" $?
grep -q 'id="StackExchange.Redis"' <<<"$redis_nuspec"; check "Velithon.AspNetCore.Redis depends on StackExchange.Redis" $?
grep -q "id=\"Velithon.AspNetCore\" version=\"$version\"" <<<"$redis_nuspec"; check "Velithon.AspNetCore.Redis depends on Velithon.AspNetCore $version" $?

# Restore from the folder feed plus the machine's package cache as a local folder (for Microsoft.Extensions.*);
# no remote source, and a private packages folder so nothing leaks from or into the user's cache.
cp -r "$here/." "$work/src"
cat >"$work/src/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="velithon" value="$feed" />
    <add key="machine-cache" value="${NUGET_PACKAGES:-$HOME/.nuget/packages}" />
  </packageSources>
</configuration>
EOF
common=(-c Release -p:VelithonVersion="$version" -p:RestorePackagesPath="$work/packages" -p:ContinuousIntegrationBuild=false)

dotnet build "$work/src/console/Consumer.csproj" "${common[@]}" >"$work/console-build.log" 2>&1
check "console consumer builds with the package's generators" $? "$work/console-build.log"
if [ "$failed" -eq 0 ]; then
  dotnet run --project "$work/src/console/Consumer.csproj" --no-build -c Release >"$work/console-run.log" 2>&1
  status=$?
  sed 's/^/     /' "$work/console-run.log"
  check "console consumer runs every check" $status
fi

dotnet build "$work/src/web/Web.csproj" "${common[@]}" >"$work/web-build.log" 2>&1
status=$?
check "web consumer builds against Velithon.AspNetCore" $status "$work/web-build.log"
if [ "$status" -eq 0 ]; then
  timeout 120 dotnet run --project "$work/src/web/Web.csproj" --no-build -c Release >"$work/web-run.log" 2>&1
  status=$?
  sed 's/^/     /' "$work/web-run.log"
  check "web consumer serves a [VelithonCached] endpoint (MISS, then HIT)" $status
fi
# What the web consumer (Velithon.AspNetCore only) restored: no Redis client anywhere in its graph.
! grep -Eqi '"(StackExchange\.Redis|RESPite)/' "$work/src/web/obj/project.assets.json"; check "web consumer's restore holds no StackExchange.Redis or RESPite" $? "$work/src/web/obj/project.assets.json"

dotnet build "$work/src/web-redis/WebRedis.csproj" "${common[@]}" >"$work/web-redis-build.log" 2>&1
check "web consumer with Velithon.AspNetCore.Redis builds o.UseRedis(...) unchanged" $? "$work/web-redis-build.log"

# VLG303's code fix through `dotnet format analyzers` (MSBuildWorkspace, as a command-line user runs it), then a build of
# the result: at C# 9 (block namespaces, no collection expressions) and at the latest version (file-scoped namespace).
for lang in 9.0 latest; do
  dir="$work/src/format-$lang"
  cp -r "$work/src/format" "$dir"
  variant=block; [ "$lang" = latest ] && variant=file-scoped
  cp "$dir/Roles.$variant.cs.txt" "$dir/Roles.cs"
  log="$work/format-$lang.log"
  {
    export FormatLangVersion="$lang" VelithonVersion="$version" RestorePackagesPath="$work/packages"
    dotnet restore "$dir/Format.csproj" -p:VelithonVersion="$version" -p:RestorePackagesPath="$work/packages" &&
    dotnet format analyzers "$dir/Format.csproj" --diagnostics VLG303 --severity warn --no-restore &&
    dotnet build "$dir/Format.csproj" "${common[@]}" -p:FormatLangVersion="$lang" --no-restore
  } >"$log" 2>&1
  status=$?
  unset FormatLangVersion VelithonVersion RestorePackagesPath
  check "dotnet format applies the VLG303 fix at C# $lang and the project builds" $status "$log"
  grep -q "InternedLiterals.Administrator" "$dir/Roles.cs"; check "the fix replaced the literal at C# $lang" $? "$dir/Roles.cs"
  ! grep -q "Compile Include" "$dir/Format.csproj"; check "the fix left the project file alone at C# $lang" $? "$dir/Format.csproj"
done

# Generator and analyzer diagnostics reach a consumer's build output.
dotnet build "$work/src/diagnostics/Diagnostics.csproj" "${common[@]}" >"$work/diagnostics-build.log" 2>&1
status=$?
[ "$status" -ne 0 ]; check "diagnostics project fails to build" $?
for id in ${CONSUMER_EXPECTED_DIAGNOSTICS:-VLG101 VLG302 VLG307 VLG310 VLG311 VLG207 VLG208}; do
  grep -q "error $id\|warning $id\|info $id" "$work/diagnostics-build.log"; check "build output reports $id" $? "$work/diagnostics-build.log"
done

finish
