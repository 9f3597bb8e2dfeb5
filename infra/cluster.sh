#!/usr/bin/env bash
# A CapacityGrid cluster of separate silo processes on this machine, on loopback:
#   infra/cluster.sh start [N]   Azurite (if nothing answers on 127.0.0.1:10000) and N silos (default 2)
#   infra/cluster.sh status      which of them run
#   infra/cluster.sh stop        stop what start started
# Then: dotnet run --project src/Client -- submit examples/quickstart.json --cluster "$CAPGRID_CLUSTER_ID"
# Settings: CAPGRID_CLUSTER_ID (default local), CAPGRID_SLOTS (training slots per silo, default 1),
# CAPGRID_STATE (pids and logs, default .capgrid/cluster). Storage is Azurite on the default ports.
set -euo pipefail
cd "$(dirname "$0")/.."
cluster_id=${CAPGRID_CLUSTER_ID:-local}
slots=${CAPGRID_SLOTS:-1}
state=${CAPGRID_STATE:-.capgrid/cluster}
silo_dll=src/Silo/bin/Release/net10.0/CapacityGrid.Silo.dll

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local count=${1:-2}
  mkdir -p "$state"
  if ! answers 10000; then
    [ -x infra/node_modules/.bin/azurite ] || (cd infra && npm ci --no-audit --no-fund --loglevel=error)
    infra/node_modules/.bin/azurite --silent --skipApiVersionCheck --location "$state/azurite" \
      --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >"$state/azurite.log" 2>&1 &
    echo $! >"$state/azurite.pid"
    for _ in $(seq 1 100); do answers 10000 && break; sleep 0.1; done
    answers 10000 || { echo "cluster: Azurite did not start; see $state/azurite.log" >&2; exit 3; }
  fi
  dotnet build -c Release src/Silo -v quiet -nologo >/dev/null
  for i in $(seq 0 $((count - 1))); do
    Storage__ConnectionString=UseDevelopmentStorage=true \
    Cluster__ClusterId="$cluster_id" Cluster__ServiceId=capgrid \
    Cluster__SiloPort=$((11111 + i)) Cluster__GatewayPort=$((30000 + i)) \
    Training__Slots="$slots" Logging__LogLevel__Default=Warning \
      dotnet "$silo_dll" >"$state/silo-$i.log" 2>&1 &
    echo $! >"$state/silo-$i.pid"
  done
  for i in $(seq 0 $((count - 1))); do
    for _ in $(seq 1 300); do answers $((30000 + i)) && break; sleep 0.1; done
    answers $((30000 + i)) || { echo "cluster: silo $i did not open its gateway; see $state/silo-$i.log" >&2; exit 3; }
  done
  echo "cluster '$cluster_id': $count silos on 127.0.0.1 (gateways 30000-$((30000 + count - 1))), storage Azurite on 127.0.0.1:10000"
}

status() {
  for pid in "$state"/*.pid; do
    [ -e "$pid" ] || { echo "cluster: nothing started"; return; }
    if kill -0 "$(cat "$pid")" 2>/dev/null; then echo "$(basename "$pid" .pid): running"; else echo "$(basename "$pid" .pid): stopped"; fi
  done
}

stop() {
  for pid in "$state"/silo-*.pid "$state"/azurite.pid; do
    [ -e "$pid" ] || continue
    kill -TERM "$(cat "$pid")" 2>/dev/null || true
  done
  sleep 6   # Azurite saves its metadata every 5 s; silos leave the cluster gracefully
  for pid in "$state"/silo-*.pid "$state"/azurite.pid; do
    [ -e "$pid" ] || continue
    kill -KILL "$(cat "$pid")" 2>/dev/null || true
    rm -f "$pid"
  done
  echo "cluster: stopped"
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  status) status ;;
  stop) stop ;;
  *) echo "usage: infra/cluster.sh start [N] | status | stop" >&2; exit 2 ;;
esac
