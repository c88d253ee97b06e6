#!/usr/bin/env bash
# `npm test`: installs what is missing, builds everything, runs every test.
#   Native builds through the CMake presets: native (SIMD), scalar, asan (ASan+UBSan) and
#   werror (warnings are errors); C unit tests (CTest test presets) in the first three; the
#   fuzz target for 20 s (scripts/fuzz.sh --quick). Then the Node test runner over tests/node:
#   golden traces, bad input, determinism across native and WebAssembly (and the differential
#   fuzzer, fuzz-diff.test.mjs), the JavaScript API, and the page in Chromium, Firefox and WebKit
#   (WebKit's MiniBrowser has no headless mode: without $DISPLAY the Node tests run under xvfb-run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== native builds (SIMD, scalar, ASan+UBSan, warnings as errors)"
bash scripts/native.sh --asan --werror
for p in native scalar asan; do
  echo "== C tests: $p"
  ctest --preset "$p"
done
echo "== fuzz: the CLI's input reading under libFuzzer + ASan + UBSan, briefly (scripts/fuzz.sh runs it longer)"
bash scripts/fuzz.sh --quick
echo "== WebAssembly and page"
bash scripts/build.sh
echo "== Node tests"
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  xvfb-run -a node --test --test-concurrency=1 tests/node/*.test.mjs
else
  node --test --test-concurrency=1 tests/node/*.test.mjs
fi
