#!/usr/bin/env bash
# Build llama.cpp's `llama-server` (CPU only) from the llama.cpp source that node-llama-cpp ships
# (node_modules/node-llama-cpp/llama/gitRelease.bundle), so tests run against the very same
# llama.cpp release the embedded backend uses. Works offline.
#
# Installs the binary and its shared libraries into a cache OUTSIDE the repo, keyed by the
# node-llama-cpp version and the bundle's sha256:
#   ${SWITCHYARD_CACHE_DIR:-$HOME/.cache/switchyard}/llama-server-<version>-<bundle sha>/llama-server
# and prints that path on stdout (all progress goes to stderr). When the binary is already there
# it only prints the path.
#
# Needs git, cmake and a C++ compiler; when one is missing and the script runs as root (CI), it
# apt-get installs cmake/build-essential/git, otherwise it stops and says what to install.
#
# Environment:
#   SWITCHYARD_CACHE_DIR   cache root (default $HOME/.cache/switchyard)
#   LLAMA_SERVER_JOBS      parallel build jobs (default 2)
#   LLAMA_SERVER_NATIVE    ON (default) tunes for this CPU; set OFF for a binary that may move
#                          to another machine (a different cache key is used)
#
# Usage: scripts/build-llama-server.sh          # prints /…/llama-server-3.22.1-5f5d1105d5df/llama-server
set -euo pipefail

log() { printf 'build-llama-server: %s\n' "$*" >&2; }
fail() { log "error: $*"; exit 1; }

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
package_dir="$repo_root/node_modules/node-llama-cpp"
bundle="$package_dir/llama/gitRelease.bundle"

[ -f "$package_dir/package.json" ] || fail "node-llama-cpp is not installed at $package_dir (run npm ci first)"
[ -f "$bundle" ] || fail "llama.cpp source bundle not found at $bundle"

version="$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$package_dir/package.json" | head -n 1)"
[ -n "$version" ] || fail "could not read the node-llama-cpp version from $package_dir/package.json"
bundle_sha="$(sha256sum "$bundle" | cut -c1-12)"
native="${LLAMA_SERVER_NATIVE:-ON}"
suffix=""
[ "$native" = "ON" ] || suffix="-portable"

cache_root="${SWITCHYARD_CACHE_DIR:-$HOME/.cache/switchyard}"
install_dir="$cache_root/llama-server-$version-$bundle_sha$suffix"
binary="$install_dir/llama-server"

if [ -x "$binary" ]; then
  printf '%s\n' "$binary"
  exit 0
fi

missing_tools=()
command -v git >/dev/null 2>&1 || missing_tools+=(git)
command -v cmake >/dev/null 2>&1 || missing_tools+=(cmake)
command -v c++ >/dev/null 2>&1 || missing_tools+=(build-essential)
command -v make >/dev/null 2>&1 || missing_tools+=(build-essential)
if [ "${#missing_tools[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "installing missing build tools: ${missing_tools[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cmake build-essential git >&2
  else
    fail "missing build tools (${missing_tools[*]}); install them, e.g. 'sudo apt-get install cmake build-essential git'"
  fi
fi

mkdir -p "$cache_root"
# One build at a time per cache: a second caller waits, then finds the binary installed.
exec 9>"$cache_root/.llama-server-build.lock"
flock 9
if [ -x "$binary" ]; then
  printf '%s\n' "$binary"
  exit 0
fi

work_dir="$(mktemp -d "$cache_root/.llama-server-build.XXXXXX")"
trap 'rm -rf "$work_dir"' EXIT
jobs="${LLAMA_SERVER_JOBS:-2}"
started_at="$(date +%s)"

log "node-llama-cpp $version, llama.cpp $(sed -n 's/.*"tag": "\(.*\)".*/\1/p' "$package_dir/llama/llama.cpp.info.json"), bundle sha256 $bundle_sha"
log "cloning the source bundle into $work_dir/source"
git -c advice.detachedHead=false clone --quiet "$bundle" "$work_dir/source" >&2

log "configuring (CPU only, GGML_NATIVE=$native, no network at build time)"
# LLAMA_USE_PREBUILT_UI=OFF: its default downloads the web UI while building, which fails offline.
# RPATH $ORIGIN (and only that): the binary finds its .so files beside it once copied to the cache.
cmake -S "$work_dir/source" -B "$work_dir/build" \
  -DCMAKE_BUILD_TYPE=Release \
  -DGGML_NATIVE="$native" \
  -DLLAMA_OPENSSL=OFF \
  -DLLAMA_USE_PREBUILT_UI=OFF \
  -DLLAMA_BUILD_UI=OFF \
  -DLLAMA_BUILD_TESTS=OFF \
  -DLLAMA_BUILD_EXAMPLES=OFF \
  -DCMAKE_BUILD_WITH_INSTALL_RPATH=ON \
  -DCMAKE_INSTALL_RPATH='$ORIGIN' \
  >"$work_dir/configure.log" 2>&1 || { tail -n 40 "$work_dir/configure.log" >&2; fail "cmake configure failed"; }

log "building target llama-server with -j$jobs (about 7 minutes on 2 cores)"
cmake --build "$work_dir/build" --config Release --target llama-server -j "$jobs" \
  >"$work_dir/build.log" 2>&1 || { tail -n 60 "$work_dir/build.log" >&2; fail "build failed"; }

staging_dir="$work_dir/install"
mkdir -p "$staging_dir"
cp "$work_dir/build/bin/llama-server" "$staging_dir/"
find "$work_dir/build/bin" -maxdepth 1 -name '*.so*' -exec cp -P {} "$staging_dir/" \;

if ! LD_LIBRARY_PATH="" "$staging_dir/llama-server" --version >"$work_dir/version.log" 2>&1; then
  cat "$work_dir/version.log" >&2
  fail "the built llama-server does not run from $staging_dir"
fi

rm -rf "$install_dir"
mv "$staging_dir" "$install_dir"
log "built in $(($(date +%s) - started_at)) s: $(grep -m 1 -i version "$work_dir/version.log" || true)"
printf '%s\n' "$binary"
