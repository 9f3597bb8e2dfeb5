#!/usr/bin/env bash
# Builds the images of the container cluster on a machine that reaches the Debian mirror and no container registry.
#   capacitygrid-base:bookworm    debootstrap --variant=minbase of Debian 12, imported with docker import; built once,
#                                 then reused (docker rmi it to rebuild)
#   capacitygrid-silo:latest      base + this host's .NET runtime (Microsoft.NETCore.App and Microsoft.AspNetCore.App)
#                                 + the silo published here, TorchSharp's native library patched for Debian 12 (infra/Dockerfile)
#   capacitygrid-azurite:3.37.0   base + this host's node + infra/node_modules (infra/container/azurite.Dockerfile)
# Needs root, a running dockerd, debootstrap, dotnet, node and npm. Staging folders: $CAPGRID_CONTAINER_WORK
# (default .capgrid/container, ignored by git). The Debian mirror is the one apt uses here, or $CAPGRID_DEBIAN_MIRROR.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${CAPGRID_CONTAINER_WORK:-.capgrid/container}
base=capacitygrid-base:bookworm
silo_image=capacitygrid-silo:latest
azurite_image=capacitygrid-azurite:3.37.0

fail() { echo "build-images: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || fail "$1 is missing: $2"; }
need docker "apt-get install docker.io"
docker info >/dev/null 2>&1 || fail "no Docker daemon answers: start dockerd (dockerd >/var/log/dockerd.log 2>&1 &) as root"
need dotnet "install the .NET 10 SDK"
need node "install Node.js 20"
need npm "install npm"

# The mirror apt uses on this host (deb822 .sources or a one-line sources.list).
debian_mirror() {
  if [[ -n ${CAPGRID_DEBIAN_MIRROR:-} ]]; then echo "$CAPGRID_DEBIAN_MIRROR"; return; fi
  local uri
  uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v -- '-security' | head -n1 || true)
  [[ -n $uri ]] || uri=$(grep -hs '^deb ' /etc/apt/sources.list | awk '$2 !~ /^\[/ {print $2} $2 ~ /^\[/ {print $3}' | grep -v -- '-security' | head -n1 || true)
  [[ -n $uri ]] || fail "no Debian mirror found in /etc/apt/sources.list*: set CAPGRID_DEBIAN_MIRROR"
  echo "$uri"
}

mkdir -p "$work"
if ! docker image inspect "$base" >/dev/null 2>&1; then
  need debootstrap "apt-get install debootstrap"
  rootfs="$work/rootfs"
  rm -rf "$rootfs"
  echo "build-images: debootstrap of Debian 12 (minbase) into $rootfs"
  # libicu72: .NET globalization; libssl3 and ca-certificates: TLS (Tls__*, or storage over https).
  nice -n 10 debootstrap --variant=minbase --include=libicu72,libssl3,ca-certificates bookworm "$rootfs" "$(debian_mirror)" \
    >"$work/debootstrap.log" 2>&1 || fail "debootstrap failed; see $work/debootstrap.log"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import -c 'ENV LANG=C.UTF-8' - "$base" >/dev/null || fail "docker import of $rootfs failed"
  rm -rf "$rootfs"
fi

# The silo: published framework-dependent; its runtime is this host's, copied in (no registry, no download).
silo_ctx="$work/silo"
mkdir -p "$silo_ctx"
nice -n 10 dotnet publish src/Silo -c Release -o "$silo_ctx/app" -v quiet -nologo >"$work/publish.log" 2>&1 \
  || fail "dotnet publish src/Silo failed; see $work/publish.log"
# Only linux-x64 native libraries are used in the image: leave out macOS and Windows ones (about 530 MB).
find "$silo_ctx/app/runtimes" -mindepth 1 -maxdepth 1 ! -name 'linux-x64' ! -name 'unix' ! -name 'linux' -exec rm -rf {} +
# The image's libstdc++ is Debian 12's: the published libLibTorchSharp.so must not need GLIBCXX_3.4.32 strictly.
torch_native="$silo_ctx/app/runtimes/linux-x64/native/libLibTorchSharp.so"
[[ -f $torch_native ]] || fail "the published silo has no $torch_native"
readelf -V "$torch_native" | grep -A0 'GLIBCXX_3.4.32' | grep -q 'WEAK' \
  || fail "$torch_native still needs GLIBCXX_3.4.32 strictly: the TorchSharp native fix was not applied (build/torchsharp-native)"
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" && $2 ~ /^10\./ {print $2}' | sort -V | tail -n1)
[[ -n $runtime ]] || fail "this host has no .NET 10 runtime (dotnet --list-runtimes)"
[[ -d $dotnet_root/shared/Microsoft.AspNetCore.App/$runtime ]] || fail "this host has no Microsoft.AspNetCore.App $runtime beside Microsoft.NETCore.App $runtime"
rm -rf "$silo_ctx/dotnet"
mkdir -p "$silo_ctx/dotnet/shared"
cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$silo_ctx/dotnet/"
for framework in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
  mkdir -p "$silo_ctx/dotnet/shared/$framework"
  cp -a "$dotnet_root/shared/$framework/$runtime" "$silo_ctx/dotnet/shared/$framework/"
done
cp -p infra/container/silo-entrypoint.sh "$silo_ctx/"
build() { # image dockerfile context: skipped when the image was built from this very context (names, sizes, times)
  local stamp
  stamp=$( (cd "$3" && find . -type f -printf '%P %s %T@\n' | sort; sha256sum <"$OLDPWD/$2") | sha256sum | cut -c1-16)
  if [[ $(docker image inspect -f '{{index .Config.Labels "capgrid.context"}}' "$1" 2>/dev/null) == "$stamp" ]]; then
    return
  fi
  nice -n 10 docker build -q --label "capgrid.context=$stamp" -f "$2" -t "$1" "$3" >"$work/${1%%:*}.log" 2>&1 \
    || fail "docker build of $1 failed; see $work/${1%%:*}.log"
}
build "$silo_image" infra/Dockerfile "$silo_ctx"
# Inside the image, with the image's own libstdc++: every library TorchSharp loads resolves (the weakened
# GLIBCXX_3.4.32 need is reported as a 'weak version' and is harmless: the shim supplies its one symbol).
unresolved=$(docker run --rm --entrypoint ldd "$silo_image" /app/runtimes/linux-x64/native/libLibTorchSharp.so 2>&1 | grep 'not found' | grep -v 'weak version' || true)
[[ -z $unresolved ]] || fail "in $silo_image, libLibTorchSharp.so does not resolve: $(echo "$unresolved" | head -n1)"

# Azurite: this host's node (it needs only glibc and libstdc++, both in the base) and the pinned npm package.
azurite_ctx="$work/azurite"
[[ -x infra/node_modules/.bin/azurite ]] || (cd infra && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
  || fail "npm ci in infra failed"
mkdir -p "$azurite_ctx"
cp -p "$(readlink -f "$(command -v node)")" "$azurite_ctx/node"
missing=$(ldd "$azurite_ctx/node" | grep -v -E 'linux-vdso|ld-linux|libc\.so|libm\.so|libdl\.so|libpthread\.so|libstdc\+\+\.so|libgcc_s\.so|librt\.so' || true)
[[ -z $missing ]] || fail "this host's node needs libraries the base image lacks: $(echo "$missing" | awk '{print $1}' | tr '\n' ' ')"
rm -rf "$azurite_ctx/node_modules"
cp -a infra/node_modules "$azurite_ctx/node_modules"
build "$azurite_image" infra/container/azurite.Dockerfile "$azurite_ctx"
echo "build-images: $silo_image (.NET $runtime), $azurite_image, on $base"
