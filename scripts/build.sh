#!/usr/bin/env bash
# npm run build: everything from a clean clone — installs what is missing (scripts/setup.sh),
# compiles the core to WebAssembly (./build_wasm.sh) and builds the page into dist/
# (web/build.mjs: esbuild bundles, wasm copies, the self-contained dist/lrplay.html).
#   LRP_SKIP_SETUP=1   skip scripts/setup.sh (everything is installed already)
#   LRP_SKIP_WASM=1    reuse build-wasm/*.wasm as they are
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${LRP_SKIP_SETUP:-}" != 1 ]; then bash scripts/setup.sh; fi
if [ "${LRP_SKIP_WASM:-}" != 1 ]; then ./build_wasm.sh; fi
node web/build.mjs
