#!/usr/bin/env bash
# Runs the sweeps behind docs/capacity-law.md, one after another, into capgrid-out/law/, then relates them.
# Usage: examples/law/run-all.sh [capgrid command...]   (default: dotnet run --project src/Client --)
set -euo pipefail
cd "$(dirname "$0")/../.."
capgrid=("$@")
((${#capgrid[@]})) || capgrid=(dotnet run --project src/Client --)
for spec in examples/law/law-*.json; do
  name=$(basename "$spec" .json)
  if [[ -f capgrid-out/law/$name/capacity-map.json ]]; then
    echo "law: $name already swept"
    continue
  fi
  "${capgrid[@]}" run "$spec" --id "$name" --out capgrid-out/law
done
"${capgrid[@]}" relate capgrid-out/law
