#!/usr/bin/env bash
# Builds the native core three ways: build/ (SIMD), build-scalar/ (scalar kernels only)
# and, with --asan, build-asan/ (AddressSanitizer + UndefinedBehaviorSanitizer).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
configure() { # dir, extra cmake args...
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  cmake --build "$dir" -j "$jobs" >/dev/null
}
configure build
configure build-scalar -DLRP_FORCE_SCALAR=ON
if [ "${1:-}" = --asan ]; then
  configure build-asan -DLRP_SANITIZE=ON
fi
