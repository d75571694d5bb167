#!/usr/bin/env bash
# Start a local llama-server (built by scripts/build-llama-server.sh, which runs first and is a
# no-op once built) on 127.0.0.1 with the settings that work on small shared machines.
#
# Usage: scripts/start-llama-server.sh [MODEL.gguf] [PORT] [more llama-server arguments…]
#   MODEL  default models/tiny-chatml.gguf
#   PORT   default 8080
# Environment: LLAMA_SERVER_CTX (default 2048), LLAMA_SERVER_THREADS (default 1: two threads on
# two shared cores made generation stall), LLAMA_SERVER_PARALLEL (default 1 slot: several slots
# share one KV cache of LLAMA_SERVER_CTX tokens and fail together when it overflows).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary="$("$repo_root/scripts/build-llama-server.sh")"
model="${1:-$repo_root/models/tiny-chatml.gguf}"
port="${2:-8080}"
if [ "$#" -gt 0 ]; then shift; fi
if [ "$#" -gt 0 ]; then shift; fi
[ -f "$model" ] || { echo "start-llama-server: model not found: $model" >&2; exit 1; }

exec "$binary" -m "$model" --host 127.0.0.1 --port "$port" \
  -c "${LLAMA_SERVER_CTX:-2048}" -t "${LLAMA_SERVER_THREADS:-1}" -np "${LLAMA_SERVER_PARALLEL:-1}" "$@"
