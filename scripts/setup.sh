#!/usr/bin/env bash
# Installs what the build and the tests need and is missing: Debian packages (compiler,
# CMake, cJSON, Emscripten, Chromium) and the npm packages pinned in package-lock.json.
# Safe to run again: it only installs what is not there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v cc >/dev/null 2>&1 || need+=(build-essential)
command -v cmake >/dev/null 2>&1 || need+=(cmake)
[ -f /usr/include/cjson/cJSON.h ] || need+=(libcjson-dev)
command -v emcc >/dev/null 2>&1 || need+=(emscripten)
[ "${LRP_NO_BROWSER:-}" = 1 ] || [ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm packages: install from the lock file when node_modules is missing or older than it.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi
