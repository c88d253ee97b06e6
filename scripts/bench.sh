#!/usr/bin/env bash
# npm run bench [-- --json]: builds the native benchmark (CMake, Release) when needed and
# runs it, passing every argument through. Build output goes to stderr, so that with --json
# stdout carries only the benchmark's JSON lines. LRP_BUILD_DIR overrides the build
# directory (default build/).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR="${LRP_BUILD_DIR:-build}"
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  echo "bench: configuring $BUILD_DIR (Release)" >&2
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >&2
fi
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")"
if [ "$build_type" != "Release" ]; then
  echo "bench: warning: $BUILD_DIR is a '$build_type' build; numbers are only meaningful for Release" >&2
fi
cmake --build "$BUILD_DIR" --target lrplay_bench -j 2 >&2
exec "$BUILD_DIR/lrplay_bench" "$@"
