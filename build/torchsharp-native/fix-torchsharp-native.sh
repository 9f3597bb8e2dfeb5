#!/usr/bin/env bash
# Makes TorchSharp's libLibTorchSharp.so loadable on Linux hosts whose libstdc++ lacks GLIBCXX_3.4.32
# (anything older than GCC 13, e.g. Debian 12). See README.md beside this script.
#
#   fix-torchsharp-native.sh [--quiet] [--cache DIR] <dir>
#       patch <dir>/libLibTorchSharp.so and <dir>/runtimes/linux-x64/native/libLibTorchSharp.so in place
#   fix-torchsharp-native.sh [--quiet] [--cache DIR] --stage <libLibTorchSharp.so> <stage-dir>
#       put a patched copy of the given file (plus the shim) into <stage-dir>, or empty <stage-dir> of
#       them when this host needs no patch; used by Directory.Build.targets before copy-local
#
# Idempotent: does nothing when the host's libstdc++ has GLIBCXX_3.4.32 or the file is already patched.
# The compiled patcher and shim are cached under --cache (default: <repo>/obj/torchsharp-native).
set -euo pipefail

readonly VERSION=GLIBCXX_3.4.32
readonly LIB=libLibTorchSharp.so
readonly SHIM=libios_base_library_init_shim.so
readonly HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

cache="$HERE/../../obj/torchsharp-native"
quiet=0
stage_src=
temps=()

say() { echo "fix-torchsharp-native: $*"; }
info() { if [[ $quiet == 0 ]]; then say "$@"; fi; }
die() { echo "fix-torchsharp-native: error: $*" >&2; exit 1; }
cleanup() { if ((${#temps[@]})); then rm -rf -- "${temps[@]}"; fi; }
trap cleanup EXIT

usage() {
  echo "usage: $0 [--quiet] [--cache DIR] <dir> | [--quiet] [--cache DIR] --stage <$LIB> <stage-dir>" >&2
  exit 2
}

while (($#)); do
  case $1 in
    --quiet) quiet=1; shift ;;
    --cache) (($# >= 2)) || usage; cache=$2; shift 2 ;;
    --stage) (($# >= 2)) || usage; stage_src=$2; shift 2 ;;
    -h | --help) usage ;;
    -*) usage ;;
    *) break ;;
  esac
done
(($# == 1)) || usage
target_dir=${1%/}
[[ -n $target_dir ]] || target_dir=/

# The libstdc++.so.6 the dynamic loader would pick for an x86-64 process:
# LD_LIBRARY_PATH first, then the ld.so cache, then the usual multiarch and lib64 directories.
host_libstdcxx() {
  local dir ldconfig found
  local -a dirs=()
  IFS=: read -ra dirs <<<"${LD_LIBRARY_PATH:-}"
  for dir in "${dirs[@]}"; do
    if [[ -n $dir && -f $dir/libstdc++.so.6 ]]; then
      echo "$dir/libstdc++.so.6"
      return
    fi
  done
  for ldconfig in /sbin/ldconfig /usr/sbin/ldconfig "$(command -v ldconfig || true)"; do
    if [[ -n $ldconfig && -x $ldconfig ]]; then
      found=$("$ldconfig" -p 2>/dev/null | awk '$1 == "libstdc++.so.6" && /x86-64/ { print $NF; exit }' || true)
      if [[ -n $found && -f $found ]]; then
        echo "$found"
        return
      fi
      break
    fi
  done
  for dir in /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu /lib64 /usr/lib64; do
    if [[ -f $dir/libstdc++.so.6 ]]; then
      echo "$dir/libstdc++.so.6"
      return
    fi
  done
}

# Succeeds when the host needs the patch; otherwise says why not (unless --quiet) and fails.
host_needs_fix() {
  if [[ $(uname -s) != Linux || $(uname -m) != x86_64 ]]; then
    info "not an x86-64 Linux host; nothing to do"
    return 1
  fi
  local libstdcxx
  libstdcxx=$(host_libstdcxx)
  if [[ -z $libstdcxx ]]; then
    die "cannot find the host's libstdc++.so.6 (install libstdc++6)"
  fi
  if LC_ALL=C grep -qaF "$VERSION" "$libstdcxx"; then
    info "host libstdc++ ($(readlink -f "$libstdcxx")) provides $VERSION; nothing to do"
    return 1
  fi
  return 0
}

# Builds (once per compiler and source version) the ELF patcher and the shim into $cache.
ensure_tools() {
  if ! command -v g++ >/dev/null 2>&1; then
    die "g++ is missing: TorchSharp's native library needs a shim built with it on this host (libstdc++ lacks $VERSION); install g++ (apt-get install g++)"
  fi
  local key build
  key=$({
    g++ -dumpfullversion -dumpversion
    g++ -dumpmachine
    cat "$HERE/elf_verneed_weak.cpp" "$HERE/ios_base_library_init_shim.cpp"
  } | sha256sum | cut -c1-16)
  tools="$cache/tools-$key"
  patcher="$tools/elf_verneed_weak"
  shim="$tools/$SHIM"
  if [[ ! -x $patcher || ! -f $shim ]]; then
    mkdir -p "$tools"
    build=$(mktemp -d "$tools/.build.XXXXXX")
    temps+=("$build")
    g++ -std=c++17 -O2 -Wall -Wextra -o "$build/elf_verneed_weak" "$HERE/elf_verneed_weak.cpp" ||
      die "compiling $HERE/elf_verneed_weak.cpp failed"
    g++ -std=c++17 -O2 -Wall -Wextra -shared -fPIC "-Wl,-soname,$SHIM" -o "$build/$SHIM" \
      "$HERE/ios_base_library_init_shim.cpp" || die "compiling $HERE/ios_base_library_init_shim.cpp failed"
    # rename is atomic, so parallel builds racing here each end with complete files
    mv -f "$build/elf_verneed_weak" "$patcher"
    mv -f "$build/$SHIM" "$shim"
  fi
  # the mangled names the shim really exports; the patcher refuses to weaken a version that binds anything else
  mapfile -t shim_symbols < <(nm -D --defined-only "$shim" | awk '$2 == "T" { print $3 }')
  ((${#shim_symbols[@]})) || die "$shim exports no functions"
}

# Puts the shim beside $1 (a directory) unless an identical one is there.
install_shim() {
  local dir=$1 tmp
  if ! cmp -s "$shim" "$dir/$SHIM"; then
    tmp=$(mktemp "$dir/.$SHIM.XXXXXX")
    temps+=("$tmp")
    cp "$shim" "$tmp"
    chmod 755 "$tmp"
    mv -f "$tmp" "$dir/$SHIM"
  fi
}

# Prints absent, strong or weak: how $1 requires $VERSION.
requirement() {
  "$patcher" query "$1" "$VERSION" || die "cannot read $1 as an ELF shared library"
}

is_patched() {
  local file=$1
  [[ $(requirement "$file") == weak ]] &&
    cmp -s "$shim" "$(dirname "$file")/$SHIM"
}

# Patches $1 by writing a patched copy and renaming it over $1: the original is never written to,
# so a copy-local hard link or symlink into the NuGet cache stays untouched.
patch_file() {
  local file=$1 dir tmp state rc=0
  dir=$(dirname "$file")
  state=$(requirement "$file")
  if [[ $state == absent ]]; then
    info "$file does not require $VERSION; nothing to do"
    return
  fi
  if is_patched "$file"; then
    info "$file is already patched; nothing to do"
    return
  fi
  tmp=$(mktemp "$dir/.$LIB.XXXXXX")
  temps+=("$tmp")
  cp "$file" "$tmp"
  "$patcher" weaken "$tmp" "$VERSION" "${shim_symbols[@]}" || rc=$?
  if ((rc == 3)); then
    die "$file needs more from $VERSION than $SHIM provides; not patching"
  elif ((rc != 0)); then
    die "cannot patch $file"
  fi
  # No DT_NEEDED entry: the process loads the shim beside the library into the global symbol scope
  # (dlopen RTLD_GLOBAL) before TorchSharp loads this file; see src/Analysis/Models/TorchNativeLibrary.cs.
  chmod --reference="$file" "$tmp"
  install_shim "$dir"
  mv -f "$tmp" "$file"
  say "patched $file (weak $VERSION; $SHIM beside it)"
}

stage() {
  local src=$1 out=$2 state
  [[ -f $src ]] || die "$src not found"
  if host_needs_fix; then
    ensure_tools
    state=$(requirement "$src")
    if [[ $state == absent ]]; then
      info "$src does not require $VERSION; nothing to do"
    else
      stage_patched "$src" "$out"
      return
    fi
  fi
  # nothing to stage: leave no stale copy for the build to pick up
  rm -f "$out/$LIB" "$out/$SHIM" "$out/.stamp"
}

stage_patched() {
  local src=$1 out=$2 stamp tmp
  stamp="$(readlink -f "$src") $(stat -Lc '%s %Y' "$src") $tools"
  if [[ -f $out/$LIB && -f $out/.stamp && $(<"$out/.stamp") == "$stamp" ]] && is_patched "$out/$LIB"; then
    info "$out/$LIB is current; nothing to do"
    return
  fi
  mkdir -p "$out"
  rm -f "$out/.stamp"
  tmp=$(mktemp "$out/.$LIB.XXXXXX")
  temps+=("$tmp")
  cp "$src" "$tmp"
  chmod --reference="$src" "$tmp"
  mv -f "$tmp" "$out/$LIB"
  patch_file "$out/$LIB"
  echo "$stamp" >"$out/.stamp"
}

if [[ -n $stage_src ]]; then
  stage "$stage_src" "$target_dir"
  exit 0
fi

[[ -d $target_dir ]] || die "$target_dir is not a directory"
files=()
for candidate in "$target_dir/$LIB" "$target_dir/runtimes/linux-x64/native/$LIB"; do
  if [[ -f $candidate ]]; then
    files+=("$candidate")
  fi
done
if ((${#files[@]} == 0)); then
  info "no $LIB in $target_dir or $target_dir/runtimes/linux-x64/native; nothing to do"
  exit 0
fi
host_needs_fix || exit 0
ensure_tools
for file in "${files[@]}"; do
  patch_file "$file"
done
