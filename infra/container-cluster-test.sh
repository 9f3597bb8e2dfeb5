#!/usr/bin/env bash
# A CapacityGrid cluster in containers, with one silo killed mid-sweep (docs/reliability.md, "Containers").
#   infra/container-cluster-test.sh
# Builds (or reuses) the images (infra/container/build-images.sh), checks infra/k8s offline, creates an internal
# Docker network (no route out of it), starts Azurite and 3 silo containers on it (the environment of
# infra/k8s/silo.yaml's Deployment, each silo advertising its container's address), and runs
# infra/container/sweep.json twice through `capgrid --cluster` from this host over that network: once uninterrupted,
# once with `docker kill` of the busiest silo container (by CPU: one that is training) a third of the way in. Passes
# when the second capacity map is complete and equal to the first (bench/Faults/MapCheck.cs's checks) and the kill
# interrupted at least one point (a kill that interrupts nothing tests nothing). Needs root, dockerd, docker.io, debootstrap,
# dotnet, node, npm, python3-yaml. Not part of the test suite or .ci/run. Exit 1 with one line on failure.
# Settings: CAPGRID_KILL (kill this silo, 0-2, instead of the busiest), CAPGRID_CONTAINER_WORK (default .capgrid/container).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${CAPGRID_CONTAINER_WORK:-.capgrid/container}
victim=${CAPGRID_KILL:-}
silos=3
label=capgrid.test=container-cluster
net=capgrid-ct
cluster_id=capgrid   # infra/k8s/silo.yaml's; the Azurite here is fresh, so nothing else shares it
spec=infra/container/sweep.json
epochs=10
points=6
capgrid=src/Client/bin/Release/net10.0/capgrid
logs="$work/logs"
out="$work/out"
started=$SECONDS

fail() { echo "container-cluster-test: FAIL: $*" >&2; exit 1; }
# Any other command that fails under set -e still ends with one line naming it.
trap 'rc=$?; echo "container-cluster-test: FAIL: line $LINENO: \`$BASH_COMMAND\` exited $rc" >&2' ERR
say() { echo "container-cluster-test: [$((SECONDS - started)) s] $*"; }
answers() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }
wait_for() { # host port seconds what
  local deadline=$((SECONDS + $3))
  until answers "$1" "$2"; do
    ((SECONDS < deadline)) || fail "$4 did not answer on $1:$2 within $3 s; see $logs"
    sleep 0.5
  done
}
save_logs() {
  mkdir -p "$logs"
  local c
  for c in $(docker ps -aq --filter "label=$label" 2>/dev/null); do
    docker logs "$c" >"$logs/$(docker inspect -f '{{.Name}}' "$c" | tr -d /).log" 2>&1 || true
  done
}
cleanup() {
  save_logs
  [[ -n ${watch_pid:-} ]] && kill "$watch_pid" 2>/dev/null
  docker ps -aq --filter "label=$label" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker network rm "$net" >/dev/null 2>&1 || true
}

[[ $(id -u) == 0 ]] || fail "needs root (dockerd)"
command -v docker >/dev/null || fail "docker is missing: apt-get install docker.io"
docker info >/dev/null 2>&1 || fail "no Docker daemon answers: start dockerd (dockerd >/var/log/dockerd.log 2>&1 &) as root"
command -v python3 >/dev/null || fail "python3 is missing: apt-get install python3 python3-yaml"
[[ -z $victim || $victim =~ ^[0-2]$ ]] || fail "CAPGRID_KILL must be 0, 1 or 2 (got $victim)"

built=$(infra/container/build-images.sh 2>&1) || fail "$(tail -n1 <<<"$built")"
say "$(tail -n1 <<<"$built")"
k8s=$(python3 infra/container/k8s_manifests.py check) || fail "$k8s"
say "$k8s"

# Leftovers of an earlier run (only this script's own containers carry the label).
docker ps -aq --filter "label=$label" | xargs -r docker rm -f >/dev/null
docker network rm "$net" >/dev/null 2>&1 || true
trap cleanup EXIT
rm -rf "$logs" "$out"
mkdir -p "$logs" "$out"
# --internal: containers reach each other and this host, and nothing beyond (no NAT, no default route out).
docker network create --internal --label "$label" "$net" >/dev/null
docker run -d --name capgrid-ct-azurite --network "$net" --label "$label" capacitygrid-azurite:3.37.0 >/dev/null
address() { docker inspect -f "{{(index .NetworkSettings.Networks \"$net\").IPAddress}}" "$1"; }
azurite=$(address capgrid-ct-azurite)
wait_for "$azurite" 10000 60 "Azurite"
wait_for "$azurite" 10002 60 "Azurite's table service"
key=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==  # Azurite's well-known development key
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://$azurite:10000/devstoreaccount1;QueueEndpoint=http://$azurite:10001/devstoreaccount1;TableEndpoint=http://$azurite:10002/devstoreaccount1;"
say "Azurite on $azurite (network $net)"

declare -a silo_address
for i in $(seq 0 $((silos - 1))); do
  name=capgrid-ct-silo-$i
  python3 infra/container/k8s_manifests.py env "$name" "$storage" >"$work/$name.env" || fail "$(cat "$work/$name.env")"
  # Beyond the Deployment's environment: 1 slot per silo (2 cores for 3 silos) and a 2 s liveness check, as the
  # fault harness runs them; warnings only in the logs.
  docker run -d --name "$name" --hostname "$name" --network "$net" --label "$label" --env-file "$work/$name.env" \
    -e Training__Slots=1 -e Training__LivenessCheck=00:00:02 -e Logging__LogLevel__Default=Warning \
    capacitygrid-silo:latest >/dev/null
done
for i in $(seq 0 $((silos - 1))); do
  silo_address[i]=$(address "capgrid-ct-silo-$i")
  # The silo listens only on the address it advertises (ConfigureEndpoints, listenOnAnyHostAddress: false): its
  # gateway answering on the container's address, from outside the container, shows that address is the advertised one.
  wait_for "${silo_address[i]}" 30000 180 "silo $i's gateway"
  wait_for "${silo_address[i]}" 11111 10 "silo $i's silo port"
done
say "3 silos: ${silo_address[*]} (gateway 30000, silo port 11111)"

nice -n 10 dotnet build -c Release src/Client -v quiet -nologo >"$logs/client-build.log" 2>&1 || fail "dotnet build src/Client failed; see $logs/client-build.log"
cli() { "$capgrid" "$@" --cluster "$cluster_id" --storage "$storage"; }

t0=$SECONDS
cli run "$spec" --id ct-baseline --out "$out" >"$logs/baseline.out" 2>"$logs/baseline.err" \
  || fail "the uninterrupted sweep failed: $(tail -n1 "$logs/baseline.err")"
baseline_time=$((SECONDS - t0))
say "uninterrupted sweep: $points points x $epochs epochs in $baseline_time s"

t0=$SECONDS
cli submit "$spec" --id ct-killed >"$logs/killed-submit.out" 2>&1 || fail "submit failed: $(tail -n1 "$logs/killed-submit.out")"
cli watch ct-killed --out "$out" --connect-timeout 180 >"$logs/killed.out" 2>"$logs/killed.err" &
watch_pid=$!
target=$((points * epochs / 3))
# Epochs checkpointed so far, read from storage (quicker than a status call through the cluster).
checkpointed() {
  "$capgrid" checkpoints ct-killed --json --storage "$storage" 2>/dev/null \
    | node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => { try { console.log(JSON.parse(s).length); } catch { console.log(0); } });'
}
while true; do
  done_epochs=$(checkpointed)
  ((done_epochs >= target)) && break
  kill -0 "$watch_pid" 2>/dev/null || fail "the watch ended before the kill (epochs done: $done_epochs); see $logs/killed.err"
  ((SECONDS - t0 < 600)) || fail "the sweep did not reach $target epochs within 600 s"
  sleep 1
done
busiest=
if [[ -z $victim ]]; then
  # The silo using the most CPU is training a point; 'docker stats' samples each container for about a second.
  busiest=$(docker stats --no-stream --format '{{.Name}} {{.CPUPerc}}' $(for i in $(seq 0 $((silos - 1))); do echo "capgrid-ct-silo-$i"; done) \
    | tr -d '%' | sort -k2 -n -r | head -n1)
  victim=${busiest%% *}
  victim=${victim##*-}
  busiest=", ${busiest#* }% CPU"
fi
docker kill "capgrid-ct-silo-$victim" >/dev/null
kill_at=$((SECONDS - t0))
say "docker kill capgrid-ct-silo-$victim (${silo_address[victim]}$busiest) at $kill_at s, $done_epochs of $((points * epochs)) epochs checkpointed"
status=0
wait "$watch_pid" || status=$?
watch_pid=
killed_time=$((SECONDS - t0))
((status == 0)) || fail "the sweep with a killed silo did not complete (capgrid exit $status): $(tail -n1 "$logs/killed.err")"
say "sweep with the kill: completed in $killed_time s"
[[ $(docker ps -q --filter "label=$label" | wc -l) == $silos ]] || fail "expected Azurite and 2 silos still running"

result=$(node infra/container/compare-maps.mjs "$out/ct-killed/capacity-map.json" "$out/ct-baseline/capacity-map.json" "$epochs" 1) || fail "$result"
say "maps equal: $result"
echo "container-cluster-test: PASS: 3 silo containers, silo $victim killed at $kill_at s; uninterrupted ${baseline_time} s, with the kill ${killed_time} s; $result"
