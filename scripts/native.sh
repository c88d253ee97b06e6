#!/usr/bin/env bash
# Builds the native core through the CMake presets (CMakePresets.json): build/ (native,
# SIMD) and build-scalar/ (scalar kernels only); --asan adds build-asan/ (AddressSanitizer +
# UndefinedBehaviorSanitizer), --werror adds build-werror/ (warnings are errors). The
# compiler's output is shown: a warning is seen where it appears.
#   bash scripts/native.sh [--asan] [--werror]
set -euo pipefail
cd "$(dirname "$0")/.."
presets=(native scalar)
for arg in "$@"; do
  case $arg in
    --asan) presets+=(asan) ;;
    --werror) presets+=(werror) ;;
    *) echo "native.sh: unknown argument '$arg' (use --asan, --werror)" >&2; exit 2 ;;
  esac
done
for p in "${presets[@]}"; do
  echo "== native.sh: cmake --preset $p"
  # the configure step's summary is noise; its warnings and errors go to stderr
  cmake --preset "$p" --log-level=WARNING >/dev/null
  cmake --build --preset "$p"
done
