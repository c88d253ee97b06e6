#!/usr/bin/env bash
# npm run bench [-- --json]: builds the native benchmark when needed (the CMake preset
# `native`, Release, in build/) and runs it, passing every argument through. Build output
# goes to stderr, so that with --json stdout carries only the benchmark's JSON lines.
# Last, the page in headless Chromium: repeats over seeds spread over its workers
# (bench/bench_page.mjs: 4 seeds x 3 runs against 1 seed x 3 runs).
# LRP_BUILD_DIR runs the benchmark of another, already configured build directory instead.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${LRP_BUILD_DIR:-}" ]; then
  BUILD_DIR=build
  if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    echo "bench: configuring $BUILD_DIR (cmake --preset native)" >&2
    cmake --preset native --log-level=WARNING >&2
  fi
  cmake --build --preset native --target lrplay_bench lrplay >&2
else
  BUILD_DIR=$LRP_BUILD_DIR
  [ -f "$BUILD_DIR/CMakeCache.txt" ] || { echo "bench: $BUILD_DIR is not a configured build directory" >&2; exit 2; }
  cmake --build "$BUILD_DIR" --target lrplay_bench lrplay -j 2 >&2
fi
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")"
if [ "$build_type" != "Release" ]; then
  echo "bench: warning: $BUILD_DIR is a '$build_type' build; numbers are only meaningful for Release" >&2
fi
"$BUILD_DIR/lrplay_bench" "$@"

# The WebAssembly core in Node, side by side with native and TensorFlow.js (bench/bench_wasm.mjs):
# builds build-wasm/ when it is missing; the native columns come from the same lrplay_bench.
[ -f build-wasm/lrplay-simd.wasm ] && [ -f build-wasm/lrplay-scalar.wasm ] || ./build_wasm.sh >&2
[ "${1:-}" = --json ] || echo
node bench/bench_wasm.mjs --native "$BUILD_DIR/lrplay_bench" "$@"

# The page in Debian's Chromium: a comparison repeated over 4 seeds against one seed, spread
# over the page's workers (bench/bench_page.mjs; builds dist/ from web/ and build-wasm/).
[ "${1:-}" = --json ] || echo
node bench/bench_page.mjs "$@"
# The cost model that caps an experiment's time (c_src/cost.c) against the clock, in WASM SIMD
# and natively (bench/bench_cost.mjs), and the slowest config the cap admits timed in full.
[ "${1:-}" = --json ] || echo
node bench/bench_cost.mjs --native "$BUILD_DIR/lrplay" "$@"

# Reading a 20 000 x 64 CSV in the WebAssembly core and its share of a range test (bench/bench_csv.mjs);
# lrplay_bench's csv section above has the native numbers for the same bytes.
[ "${1:-}" = --json ] || echo
node bench/bench_csv.mjs "$@"

# The same file in the page (Debian's Chromium): the worker's parse and its share of the default
# range test, the page thread's parse, and lrplay_bench --csv beside them (bench/bench_csv_page.mjs).
[ "${1:-}" = --json ] || echo
node bench/bench_csv_page.mjs --native "$BUILD_DIR/lrplay_bench" "$@"
