#!/usr/bin/env bash
# Build cost of the generators and analyzers (issue 5): generates a project of N source files (default 500) that uses
# every feature — [VelithonJson] types, [Interned] members, an [InternedStrings] table, repeated literals for VLG303,
# [VelithonCached] handlers — builds it with -p:ReportAnalyzer=true, and prints each generator's and analyzer's time
# next to the compiler's and the whole build's.
#   benchmarks/BuildCost/run.sh [files]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
files="${1:-500}"
work="$(mktemp -d /tmp/velithon-buildcost.XXXXXX)"
[ -n "${KEEP:-}" ] && echo "kept: $work" || trap 'rm -rf "$work"' EXIT

dotnet build -c Release "$repo/src/Velithon.AspNetCore" -v:q -nologo >/dev/null
dotnet build -c Release "$repo/src/Velithon.Generators" -v:q -nologo >/dev/null
dotnet build -c Release "$repo/src/Velithon.Analyzers" -v:q -nologo >/dev/null

cat >"$work/BuildCost.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <OutputType>Library</OutputType>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/Velithon.AspNetCore/Velithon.AspNetCore.csproj" />
  </ItemGroup>
  <!-- -p:WithVelithon=false builds the same sources without the generators and analyzers: the difference is their
       whole cost, compiling the generated code included. -->
  <ItemGroup Condition="'\$(WithVelithon)' != 'false'">
    <ProjectReference Include="$repo/src/Velithon.Generators/Velithon.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <ProjectReference Include="$repo/src/Velithon.Analyzers/Velithon.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>
</Project>
XML
# The repository's Directory.*.props must not leak into the generated project.
echo '<Project />' >"$work/Directory.Build.props"
echo '<Project />' >"$work/Directory.Build.targets"
echo '<Project />' >"$work/Directory.Packages.props"
# VLG303 is Info by default; as a warning its diagnostics are certainly computed and written, so their cost counts.
printf 'root = true\n[*.cs]\ndotnet_diagnostic.VLG303.severity = warning\n' >"$work/.editorconfig"

cat >"$work/Tags.cs" <<'CS'
namespace BuildCost;

[Velithon.InternedStrings]
public static partial class Tags
{
    public const string Red = "red";
    public const string Green = "green";
    public const string Blue = "blue";
    public const string Admin = "admin";
}
CS
for i in $(seq 1 "$files"); do
  cat >"$work/Model$i.cs" <<CS
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BuildCost;

[Velithon.VelithonJson]
public sealed partial record Order$i(
    int Id,
    string Customer,
    [property: Velithon.Interned(typeof(Tags))] string Tag,
    decimal Total,
    DateTimeOffset PlacedAt,
    List<Line$i> Lines,
    Dictionary<string, int>? Counters);

[Velithon.VelithonJson]
public sealed partial class Line$i
{
    public string Sku { get; set; } = "";
    public int Quantity { get; set; }
    public double Price { get; set; }
    public Guid Id { get; set; }
}

public static class Endpoints$i
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/orders/$i", [Velithon.VelithonCached(Duration = 30)] () => new Order$i(1, "c", "red", 1m, default, [], null));
    }

    public static string Describe(int n) => n switch
    {
        0 => "pending review",
        1 => "shipped to customer",
        _ => "status unknown $i",
    };
}
CS
done

cd "$work"
dotnet restore -v:q -nologo >/dev/null
start=$(date +%s.%N)
dotnet build -c Release --no-restore -nologo -v:detailed -clp:PerformanceSummary -p:ReportAnalyzer=true >build.log 2>&1 || { tail -50 build.log; exit 1; }
end=$(date +%s.%N)

# The compiler reports per assembly "<seconds>   <percent>   <name>, Version=..." under "Total analyzer execution
# time" and "Total generator execution time" (times summed over threads: analyzers run concurrently).
wall=$(echo "$end - $start" | bc)
csc_ms=$(sed -n 's/^ *\([0-9]*\) ms  *Csc  *[0-9]* calls.*/\1/p' build.log | tail -1)
echo "project: $files files, $(find . -name '*.cs' -not -path './obj/*' | wc -l) sources, $(grep -c 'warning VLG303' build.log) VLG303 warnings"
printf 'whole build (wall)            %7.2f s\n' "$wall"
printf 'Csc task (wall)               %7.2f s\n' "$(echo "$csc_ms / 1000" | bc -l)"
grep -E 'Total (analyzer|generator) execution time' build.log | sed 's/^ *//'
grep -E '^ *[0-9.<]+ +[0-9<]+ +Velithon\.(Generators|Analyzers), Version' build.log | while read -r secs pct name; do
  name=${name%%,*}
  printf '%-29s %7.3f s  %5.1f %% of the build, %5.1f %% of Csc\n' "$name" "$secs" \
    "$(echo "100 * $secs / $wall" | bc -l)" "$(echo "100 * $secs / ($csc_ms / 1000)" | bc -l)"
done
grep -E '^ *[0-9.<]+ +[0-9<]+ +Velithon\.' build.log | sed 's/^ */  /' | grep -v ', Version' || true

# The same sources without the generators and analyzers (a clean build each time, so both compile everything).
rm -rf bin obj
dotnet restore -v:q -nologo -p:WithVelithon=false >/dev/null
start=$(date +%s.%N)
dotnet build -c Release --no-restore -nologo -v:q -p:WithVelithon=false >without.log 2>&1 || { tail -50 without.log; exit 1; }
end=$(date +%s.%N)
without=$(echo "$end - $start" | bc)
printf 'without Velithon (wall)       %7.2f s   -> Velithon adds %.1f %% to the build (generated code compiled included)\n' \
  "$without" "$(echo "100 * ($wall - $without) / $without" | bc -l)"
